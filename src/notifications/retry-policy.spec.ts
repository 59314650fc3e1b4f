import { isDeliverable, messageIdFor, senderOf } from './addresses';
import { classifySendError, MAX_RETRY_DELAY_MS, retryDelayMs } from './retry-policy';

describe('retry delays', () => {
  it('double with each attempt, between half and all of base · 2^(attempt − 1)', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const full = 1000 * 2 ** (attempt - 1);
      expect(retryDelayMs(attempt, 1000, () => 0)).toBe(full / 2);
      expect(retryDelayMs(attempt, 1000, () => 1)).toBe(full);
    }
  });

  it('are jittered, so that senders that failed together spread out', () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(3, 30_000)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(60_000);
  });

  it('never exceed an hour', () => {
    expect(retryDelayMs(40, 30_000, () => 1)).toBe(MAX_RETRY_DELAY_MS);
  });
});

describe('send errors', () => {
  const smtp = (responseCode: number, command: string, code = 'EENVELOPE') =>
    Object.assign(new Error('refused'), {
      code,
      command,
      responseCode,
      response: `${responseCode} 5.1.1 <x@example.com>: no such user`,
    });

  it('a recipient or message refused for good is permanent', () => {
    expect(classifySendError(smtp(550, 'RCPT TO'))).toEqual({
      permanent: true,
      error: 'EENVELOPE: 550 5.1.1 <x@example.com>: no such user (RCPT TO)',
    });
    expect(classifySendError(smtp(554, 'DATA', 'EMESSAGE')).permanent).toBe(true);
  });

  it('everything else is retried: 4xx, a full mailbox, the session, the network', () => {
    expect(classifySendError(smtp(450, 'RCPT TO')).permanent).toBe(false);
    expect(classifySendError(smtp(552, 'RCPT TO')).permanent).toBe(false);
    expect(classifySendError(smtp(535, 'AUTH PLAIN', 'EAUTH')).permanent).toBe(false);
    expect(classifySendError(smtp(550, 'MAIL FROM')).permanent).toBe(false);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), {
      code: 'ESOCKET',
      command: 'CONN',
    });
    expect(classifySendError(refused)).toEqual({
      permanent: false,
      error: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:2525 (CONN)',
    });
  });
});

describe('addresses', () => {
  it('refuses what no server could deliver', () => {
    for (const ok of ['a@b.example', 'ops+x@mail.müller.de', 'root@localhost'])
      expect(isDeliverable(ok)).toBe(true);
    for (const bad of [
      '',
      'no-at-sign',
      '@x.example',
      'a b@x.example',
      'a@x',
      'a@x.example>',
      'a@.example',
    ])
      expect(isDeliverable(bad)).toBe(false);
  });

  it('reads MAIL_FROM with or without a display name', () => {
    expect(senderOf('Updates <updates@cloud.example>')).toEqual({
      from: 'Updates <updates@cloud.example>',
      name: 'Updates',
      email: 'updates@cloud.example',
      domain: 'cloud.example',
    });
    expect(senderOf('updates@localhost')).toMatchObject({
      email: 'updates@localhost',
      domain: 'localhost',
    });
  });

  it('gives the same e-mail the same Message-ID, another one another', () => {
    const id = messageIdFor('task.scheduled:t1:0:a@b.example#0', 'cloud.example');
    expect(id).toMatch(/^<[0-9a-f]{32}@cloud\.example>$/);
    expect(messageIdFor('task.scheduled:t1:0:a@b.example#0', 'cloud.example')).toBe(id);
    expect(messageIdFor('task.scheduled:t1:0:a@b.example#1', 'cloud.example')).not.toBe(id);
  });
});
