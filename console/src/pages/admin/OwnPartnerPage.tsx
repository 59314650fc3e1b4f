import { useSession } from '../../session/useSession';
import { PartnerView } from './PartnerPage';

/** A partner admin's own partner: its name and the contacts that receive partner e-mails. */
export default function OwnPartnerPage() {
  const session = useSession();
  return session.partnerId ? <PartnerView id={session.partnerId} /> : null;
}
