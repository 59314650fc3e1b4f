import { type Blockers, periodsBlocker } from '../placement/placement';
import { createPlanner, PlanContext, PlanRequest, TenantFacts } from './planning';

interface Period {
  id: string;
  startsAt: Date;
  endsAt: Date;
}
const maintenance = (...periods: Period[]): Blockers => ({
  for: () =>
    periodsBlocker(
      periods.map((p) => ({
        ...p,
        code: 'maintenance_overlap' as const,
        description: `platform maintenance ${p.id}`,
      })),
    ),
  key: () => 'p1',
});

const window = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'Europe/Rome' };
const now = new Date('2027-01-04T10:00:00Z');
const tenant: TenantFacts = {
  id: 't1',
  platformId: 'p1',
  softwareVersion: '1.0.0',
  state: 'active',
  autoUpdateAllowed: true,
  window,
  openTaskId: null,
};
const request: PlanRequest = {
  mode: 'maintenance_window',
  expectedDurationMinutes: 60,
  targetVersion: '2.0.0',
  forced: false,
  redeploy: false,
  allowDowngrade: false,
  createdByRole: 'partner_admin',
};
const context = (overrides: Partial<PlanContext> = {}): PlanContext => ({
  now,
  channelOn: () => 'available',
  versionsOn: () => [],
  blockers: maintenance(),
  ...overrides,
});
const plan = (
  t: Partial<TenantFacts> = {},
  r: Partial<PlanRequest> = {},
  c: Partial<PlanContext> = {},
) => createPlanner({ ...request, ...r }, context(c))({ ...tenant, ...t });

describe('planning one tenant', () => {
  it("schedules in the tenant's next window and expires at its end", () => {
    expect(plan()).toEqual({
      refused: false,
      runAt: new Date('2027-01-05T01:00:00Z'),
      expiresAt: new Date('2027-01-05T05:00:00Z'),
      downgrade: false,
      path: ['2.0.0'],
    });
  });

  it('plans the upgrade path the target needs, or refuses naming the missing link (422)', () => {
    const versions = [
      { version: '1.5.0', channel: 'available' as const, minimumFrom: null },
      { version: '2.0.0', channel: 'recommended' as const, minimumFrom: '1.5.0' },
    ];
    expect(plan({}, {}, { versionsOn: () => versions })).toMatchObject({
      refused: false,
      path: ['1.5.0', '2.0.0'],
    });
    const prohibited = [{ ...versions[0], channel: 'prohibited' as const }, versions[1]];
    expect(plan({}, {}, { versionsOn: () => prohibited })).toMatchObject({
      code: 'no_upgrade_path',
      status: 422,
      reason: expect.stringContaining('2.0.0 needs at least 1.5.0'),
    });
  });

  it('refuses, in order: open task, lock, versions, auto-update, window, maintenance', () => {
    expect(plan({ openTaskId: 'x', state: 'locked' })).toMatchObject({
      code: 'open_task',
      status: 409,
    });
    expect(plan({ state: 'locked' })).toMatchObject({ code: 'tenant_locked', status: 409 });
    expect(plan({}, {}, { channelOn: () => undefined })).toMatchObject({
      code: 'version_unknown',
      status: 422,
    });
    expect(plan({}, {}, { channelOn: () => 'prohibited' })).toMatchObject({
      code: 'version_prohibited',
    });
    expect(plan({ softwareVersion: '2.0.0' })).toMatchObject({ code: 'already_on_version' });
    expect(plan({ softwareVersion: '3.0.0' })).toMatchObject({ code: 'downgrade_not_allowed' });
    expect(plan({ autoUpdateAllowed: false })).toMatchObject({ code: 'auto_update_disabled' });
    expect(plan({}, { expectedDurationMinutes: 241 })).toMatchObject({ code: 'window_too_short' });
    const period = {
      id: 'm1',
      platformId: 'p1',
      startsAt: new Date('2027-01-05T01:30:00Z'),
      endsAt: new Date('2027-01-05T02:00:00Z'),
    };
    expect(plan({}, {}, { blockers: maintenance(period) })).toMatchObject({
      code: 'maintenance_overlap',
    });
  });

  it('lets a platform admin force an update on a tenant that refuses automatic ones', () => {
    expect(plan({ autoUpdateAllowed: false }, { forced: true })).toMatchObject({
      code: 'auto_update_disabled',
    });
    expect(
      plan({ autoUpdateAllowed: false }, { forced: true, createdByRole: 'platform_admin' }),
    ).toMatchObject({ refused: false });
  });

  it('accepts an acknowledged downgrade and a redeploy of the same version', () => {
    expect(plan({ softwareVersion: '3.0.0' }, { allowDowngrade: true })).toMatchObject({
      refused: false,
      downgrade: true,
    });
    expect(plan({ softwareVersion: '2.0.0' }, { redeploy: true })).toMatchObject({
      refused: false,
      downgrade: false,
    });
  });

  it('places immediate and custom updates without expiry', () => {
    expect(plan({}, { mode: 'immediate' })).toMatchObject({ runAt: now, expiresAt: null });
    const at = new Date('2027-02-01T12:00:00Z');
    expect(plan({}, { mode: 'custom', runAt: at })).toMatchObject({ runAt: at, expiresAt: null });
  });

  it('treats maintenance as half-open: ending when it starts is fine', () => {
    const period = {
      id: 'm1',
      platformId: 'p1',
      startsAt: new Date('2027-01-05T02:00:00Z'),
      endsAt: new Date('2027-01-05T03:00:00Z'),
    };
    expect(plan({}, {}, { blockers: maintenance(period) })).toMatchObject({ refused: false });
  });
});
