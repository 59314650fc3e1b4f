import { customerPostponePolicy, DEFAULT_CUSTOMER_POSTPONE } from '../platforms/customer-postpone';
import { customerPostponeRefusal, postponeHorizon, type PostponedTask } from './task-policy';

const task = (overrides: Partial<PostponedTask> = {}): PostponedTask => ({
  status: 'scheduled',
  forced: false,
  noticeSequence: 2,
  customerPostpones: 0,
  runAt: new Date('2027-03-21T01:00:00Z'),
  announcedRunAt: null,
  ...overrides,
});
const policy = DEFAULT_CUSTOMER_POSTPONE;

describe('a customer postponing an update through its link', () => {
  it('may, through the latest e-mail’s link, while the update is scheduled', () => {
    expect(customerPostponeRefusal(task(), 2, policy)).toBeNull();
  });

  it('may not through an older e-mail’s link (409)', () => {
    expect(customerPostponeRefusal(task(), 1, policy)).toMatchObject({
      status: 409,
      code: 'stale_link',
    });
  });

  it('may not once the update started, ended or was cancelled (409)', () => {
    for (const status of ['running', 'succeeded', 'failed', 'cancelled', 'held'] as const) {
      expect(customerPostponeRefusal(task({ status }), 2, policy)).toMatchObject({
        status: 409,
        code: 'not_scheduled',
      });
    }
  });

  it('may never postpone a forced update (422)', () => {
    expect(customerPostponeRefusal(task({ forced: true }), 2, policy)).toMatchObject({
      status: 422,
      code: 'forced_task',
    });
  });

  it('may not where the policy does not allow it, or allows it 0 times (422)', () => {
    for (const p of [
      { ...policy, allowed: false },
      { ...policy, maxTimes: 0 },
    ]) {
      expect(customerPostponeRefusal(task(), 2, p)).toMatchObject({
        code: 'postpone_not_allowed',
      });
    }
  });

  it('may postpone at most maxTimes times (422 after)', () => {
    expect(customerPostponeRefusal(task({ customerPostpones: 1 }), 2, policy)).toBeNull();
    expect(customerPostponeRefusal(task({ customerPostpones: 2 }), 2, policy)).toMatchObject({
      status: 422,
      code: 'postpone_limit_reached',
    });
  });

  it('may postpone at most maxDays after the time first announced, however often it moved', () => {
    expect(postponeHorizon(task(), policy).toISOString()).toBe('2027-04-04T01:00:00.000Z');
    const moved = task({
      runAt: new Date('2027-03-30T01:00:00Z'),
      announcedRunAt: new Date('2027-03-21T01:00:00Z'),
    });
    expect(postponeHorizon(moved, { ...policy, maxDays: 10 }).toISOString()).toBe(
      '2027-03-31T01:00:00.000Z',
    );
  });

  it('a partner’s override replaces the platform’s fields it sets, and only those', () => {
    expect(customerPostponePolicy(policy, null)).toEqual(policy);
    expect(customerPostponePolicy(policy, { maxTimes: 5 })).toEqual({ ...policy, maxTimes: 5 });
    expect(customerPostponePolicy(policy, { allowed: false, maxDays: 3 })).toEqual({
      allowed: false,
      maxDays: 3,
      maxTimes: 2,
    });
  });
});
