import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed token of a customer's self-service link (docs/self-service.md): it names a task, its
 * tenant and the notice sequence of the e-mail it was sent in, and expires with the task. Nothing
 * else is in it, and nothing is stored: the signature says the service made it.
 *
 * Layout (base64url, 76 characters): version (1 byte), task id (16), tenant id (16), sequence
 * (uint32), expiry in seconds since the epoch (uint32), then the first 16 bytes of the HMAC-SHA256
 * of those 41 bytes. 128 bits of MAC is what NIST SP 800-107 allows for a truncated HMAC.
 */
export interface LinkClaims {
  taskId: string;
  tenantId: string;
  /** The task's notice sequence when the e-mail was written (a later one cannot act). */
  sequence: number;
  expiresAt: Date;
}

export type LinkCheck =
  { valid: true; claims: LinkClaims } | { valid: false; why: 'malformed' | 'forged' | 'expired' };

const VERSION = 1;
const BODY = 41;
const MAC = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_-]{76}$/;

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function mac(key: Buffer, body: Buffer): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC);
}

export function signLink(claims: LinkClaims, key: Buffer): string {
  const body = Buffer.alloc(BODY);
  body.writeUInt8(VERSION, 0);
  uuidBytes(claims.taskId).copy(body, 1);
  uuidBytes(claims.tenantId).copy(body, 17);
  body.writeUInt32BE(claims.sequence, 33);
  body.writeUInt32BE(Math.ceil(claims.expiresAt.getTime() / 1000), 37);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

/**
 * What a token says, if the service signed it and it has not expired. The signature is checked
 * first (in constant time), so a forged token is never told apart from an expired one by content.
 */
export function verifyLink(token: string, key: Buffer, now: Date): LinkCheck {
  if (!TOKEN.test(token)) return { valid: false, why: 'malformed' };
  const bytes = Buffer.from(token, 'base64url');
  const body = bytes.subarray(0, BODY);
  if (!timingSafeEqual(bytes.subarray(BODY), mac(key, body)))
    return { valid: false, why: 'forged' };
  if (body.readUInt8(0) !== VERSION) return { valid: false, why: 'malformed' };
  const expiresAt = new Date(body.readUInt32BE(37) * 1000);
  if (expiresAt <= now) return { valid: false, why: 'expired' };
  return {
    valid: true,
    claims: {
      taskId: uuidOf(body.subarray(1, 17)),
      tenantId: uuidOf(body.subarray(17, 33)),
      sequence: body.readUInt32BE(33),
      expiresAt,
    },
  };
}
