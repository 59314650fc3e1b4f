import { createHash } from 'node:crypto';

export interface Sender {
  /** The From header as configured (MAIL_FROM), e.g. `Updates <updates@example.com>`. */
  from: string;
  name: string;
  email: string;
  domain: string;
}

/** Reads MAIL_FROM: a bare address or `Display Name <address>`. */
export function senderOf(mailFrom: string): Sender {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^>]+)>\s*$/.exec(mailFrom);
  const email = (match ? match[2] : mailFrom).trim();
  const name = match?.[1]?.trim() || 'Updates';
  const domain = email.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : 'localhost';
  return { from: mailFrom, name, email, domain };
}

/**
 * An address we can hand to an SMTP server: one mailbox, no display name, no spaces or control
 * characters, a dot-less domain only for localhost. Anything else is refused before sending
 * (a server would refuse it too, and retrying cannot help).
 */
export function isDeliverable(address: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (address.length > 254 || /[\s<>(),;:"\\[\]\u0000-\u001f\u007f]/.test(address)) return false;
  const at = address.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  const domain = address.slice(at + 1);
  if (domain === 'localhost') return true;
  return /^(?=.{1,253}$)([\p{L}\p{N}-]{1,63}\.)+[\p{L}\p{N}-]{2,63}$/u.test(domain);
}

/**
 * A deterministic Message-ID: the same e-mail (same rows, same resend) always gets the same one,
 * so a copy sent again after a crash can be recognised as a duplicate by the receiving side.
 */
export function messageIdFor(seed: string, domain: string): string {
  const hash = createHash('sha256').update(seed).digest('hex').slice(0, 32);
  return `<${hash}@${domain}>`;
}
