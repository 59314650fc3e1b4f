import { describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES, groupRefusals, missingChoice, scheduleRequest } from './update-request';

describe('the update dialog’s request', () => {
  const choices = { ...DEFAULT_CHOICES, targetVersion: '14.0.0' };

  it('previews as a dry run that lists the refused tenants instead of failing', () => {
    expect(scheduleRequest({ tenantIds: ['a', 'b'] }, choices, 'Europe/Rome', true)).toEqual({
      tenantIds: ['a', 'b'],
      targetVersion: '14.0.0',
      mode: 'maintenance_window',
      forced: false,
      redeploy: false,
      notifyPartner: true,
      notifyCustomer: true,
      allowDowngrade: false,
      onConflict: 'skip',
      dryRun: true,
    });
  });

  it('schedules all or nothing unless the viewer chose to skip the refused ones', () => {
    const scope = { filter: { tags: ['region:eu'] }, count: 1200 };
    expect(scheduleRequest(scope, choices, 'UTC', false)).toMatchObject({
      filter: { tags: ['region:eu'] },
      onConflict: 'reject',
      dryRun: false,
    });
    expect(scheduleRequest(scope, { ...choices, skipRefused: true }, 'UTC', false).onConflict).toBe(
      'skip',
    );
  });

  it('sends a custom time typed in the viewer’s zone with that zone’s offset', () => {
    const custom = { ...choices, mode: 'custom' as const, customTime: '2027-06-01 22:00:00' };
    expect(scheduleRequest({ tenantIds: ['a'] }, custom, 'America/New_York', false).runAt).toBe(
      '2027-06-01T22:00:00-04:00',
    );
    expect(missingChoice({ ...custom, customTime: null })).toBe('customTime');
    expect(missingChoice({ ...DEFAULT_CHOICES })).toBe('targetVersion');
    expect(missingChoice(custom)).toBeNull();
  });

  it('groups refusals by reason, largest first', () => {
    const skipped = [
      { tenantId: 't1', code: 'open_task', reason: 'an update task is already open' },
      { tenantId: 't2', code: 'downgrade_not_allowed', reason: 'older' },
      { tenantId: 't3', code: 'open_task', reason: 'an update task is already open' },
    ];
    expect(groupRefusals(skipped, 1)).toEqual([
      { code: 'open_task', reason: 'an update task is already open', count: 2, tenantIds: ['t1'] },
      { code: 'downgrade_not_allowed', reason: 'older', count: 1, tenantIds: ['t2'] },
    ]);
  });
});
