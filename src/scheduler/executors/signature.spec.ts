import { createHmac } from 'node:crypto';
import { isFresh, sign, verifySignature } from './signature';

describe('HMAC-SHA256 signatures of executor messages', () => {
  const body = Buffer.from('{"run":1,"stepKey":"apply","status":"succeeded"}');

  it('sign the exact bytes of the body as sha256=<hex>', () => {
    const hex = createHmac('sha256', 'secret').update(body).digest('hex');
    expect(sign('secret', body)).toBe(`sha256=${hex}`);
  });

  it('verify only the same bytes with the same secret', () => {
    expect(verifySignature('secret', body, sign('secret', body))).toBe(true);
    expect(verifySignature('other', body, sign('secret', body))).toBe(false);
    expect(verifySignature('secret', Buffer.from(`${body} `), sign('secret', body))).toBe(false);
    expect(verifySignature('secret', body, undefined)).toBe(false);
    expect(verifySignature('secret', body, 'sha256=00')).toBe(false);
    expect(verifySignature('secret', body, [sign('secret', body)])).toBe(false);
  });

  it('accept a sentAt within 5 minutes only', () => {
    const now = Date.parse('2027-01-04T10:00:00Z');
    expect(isFresh('2027-01-04T09:56:00Z', now)).toBe(true);
    expect(isFresh('2027-01-04T10:04:00Z', now)).toBe(true);
    expect(isFresh('2027-01-04T09:54:00Z', now)).toBe(false);
    expect(isFresh('yesterday', now)).toBe(false);
    expect(isFresh(undefined, now)).toBe(false);
  });
});
