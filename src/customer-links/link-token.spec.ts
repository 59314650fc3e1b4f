import { randomBytes } from 'node:crypto';
import { type LinkClaims, signLink, verifyLink } from './link-token';

const key = randomBytes(32);
const claims: LinkClaims = {
  taskId: '0192f3a4-5b6c-7d8e-9f01-23456789abcd',
  tenantId: 'a1b2c3d4-e5f6-4789-8abc-def012345678',
  sequence: 3,
  expiresAt: new Date('2027-03-28T04:30:00Z'),
};
const before = new Date('2027-03-20T10:00:00Z');

describe('self-service link tokens', () => {
  it('round-trips the task, tenant, sequence and expiry, URL-safe', () => {
    const token = signLink(claims, key);
    expect(token).toMatch(/^[A-Za-z0-9_-]{76}$/);
    expect(verifyLink(token, key, before)).toEqual({ valid: true, claims });
  });

  it('has expired from the task’s expiry on', () => {
    const token = signLink(claims, key);
    expect(verifyLink(token, key, new Date('2027-03-28T04:29:59Z')).valid).toBe(true);
    expect(verifyLink(token, key, claims.expiresAt)).toEqual({ valid: false, why: 'expired' });
  });

  it('refuses a token signed with another key, and every one-character change', () => {
    const token = signLink(claims, key);
    expect(verifyLink(token, randomBytes(32), before)).toEqual({ valid: false, why: 'forged' });
    for (let i = 0; i < token.length; i++) {
      const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(verifyLink(changed, key, before).valid).toBe(false);
    }
  });

  it('a forged token is "forged" even when its expiry has passed (the signature is checked first)', () => {
    const expired = signLink({ ...claims, expiresAt: new Date('2020-01-01T00:00:00Z') }, key);
    expect(verifyLink(expired, randomBytes(32), before)).toEqual({ valid: false, why: 'forged' });
  });

  it('another sequence or tenant is another token', () => {
    const token = signLink(claims, key);
    expect(signLink({ ...claims, sequence: 4 }, key)).not.toBe(token);
    expect(signLink({ ...claims, tenantId: claims.taskId }, key)).not.toBe(token);
  });

  it('refuses what is not a token at all', () => {
    for (const junk of ['', 'abc', '../../etc/passwd', 'x'.repeat(76), `${'A'.repeat(75)}=`]) {
      expect(verifyLink(junk, key, before).valid).toBe(false);
    }
  });
});
