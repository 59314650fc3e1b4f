import * as dns from 'node:dns/promises';
import * as ipaddr from 'ipaddr.js';
import { fieldError } from '../common/errors';

/**
 * Whether an address is one webhooks may reach: only public unicast addresses (not loopback,
 * private, link-local, unique-local, carrier-grade NAT, multicast, reserved …). IPv4-mapped IPv6
 * addresses are judged as the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * Refuses (400 naming `field`) a webhook URL that is not https, carries credentials, or whose host
 * is or resolves to an address that is not public — unless `allowPrivate` (WEBHOOK_ALLOW_PRIVATE),
 * which allows plain http and any address. The same rule is enforced again when connecting
 * (request-filtering-agent), so a name that resolves differently later is refused then.
 */
export async function assertWebhookUrl(
  raw: string,
  allowPrivate: boolean,
  field = 'url',
  lookup: (host: string) => Promise<string[]> = resolveAll,
): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fieldError(field, 'must be an absolute URL');
  }
  const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol))
    throw fieldError(field, allowPrivate ? 'must be an http or https URL' : 'must be an https URL');
  if (url.username || url.password) throw fieldError(field, 'must not contain credentials');
  if (url.hash) throw fieldError(field, 'must not contain a fragment');
  if (allowPrivate) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (ipaddr.isValid(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await lookup(host);
    } catch {
      throw fieldError(field, `host ${host} does not resolve`);
    }
  }
  const refused = addresses.find((a) => !isPublicAddress(a));
  if (refused !== undefined || addresses.length === 0)
    throw fieldError(
      field,
      `must not reach a loopback, private or link-local address (${host} is ${refused ?? 'unresolved'})`,
    );
  return url.toString();
}

async function resolveAll(host: string): Promise<string[]> {
  const found = await dns.lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}
