import { ForbiddenError, NotFoundError } from '../common/errors';
import {
  actionRefusal,
  assertMayAct,
  assertMayActOnAll,
  isPlatformAdminsForcedUpdate,
  mayChangeForced,
  overriddenBlocks,
  overridesAutoUpdateOptOut,
  TASK_ACTIONS,
} from './task-policy';

const platformAdmin = { role: 'platform_admin' as const, partnerId: null };
const partnerAdmin = { role: 'partner_admin' as const, partnerId: 'p1' };
const own = { id: 't1', partnerId: 'p1', forced: false };
const ownForced = { id: 't2', partnerId: 'p1', forced: true };
const others = { id: 't3', partnerId: 'p2', forced: false };

describe('who may act on a task', () => {
  it('lets platform admins take every action on every task', () => {
    for (const action of TASK_ACTIONS)
      for (const task of [own, ownForced, others])
        expect(actionRefusal(platformAdmin, action, task)).toBeNull();
  });

  it('lets partner admins cancel, reschedule and retry their own tasks that are not forced', () => {
    for (const action of ['cancel', 'reschedule', 'retry'] as const) {
      expect(actionRefusal(partnerAdmin, action, own)).toBeNull();
      expect(actionRefusal(partnerAdmin, action, ownForced)).toMatchObject({
        status: 403,
        code: 'forced_task',
      });
    }
  });

  it('never lets partner admins resume a task', () => {
    expect(actionRefusal(partnerAdmin, 'resume', own)).toMatchObject({
      status: 403,
      code: 'platform_admin_only',
    });
  });

  it("answers another partner's task as not found, whatever the action", () => {
    for (const action of TASK_ACTIONS)
      expect(actionRefusal(partnerAdmin, action, others)).toMatchObject({ status: 404 });
    expect(() => assertMayAct(partnerAdmin, 'cancel', others)).toThrow(NotFoundError);
  });

  it('refuses one task with 403 naming it', () => {
    expect(() => assertMayAct(partnerAdmin, 'cancel', ownForced)).toThrow(
      new ForbiddenError('Task t2 is forced: only platform admins can cancel it'),
    );
  });

  it('decides a batch as each of its tasks, all or nothing, listing every refused task', () => {
    const kind = (t: typeof own, count = 1) => ({ ...t, count, ids: [t.id] });
    expect(() =>
      assertMayActOnAll(partnerAdmin, 'cancel', [kind(own)], 'Update batch b'),
    ).not.toThrow();
    let error: unknown;
    try {
      assertMayActOnAll(partnerAdmin, 'cancel', [kind(own), kind(ownForced)], 'Update batch b');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({
      message: expect.stringMatching(/^Update batch b: 1 of 2 task\(s\) .*nothing was cancelled$/),
      details: [{ taskId: 't2', code: 'forced_task' }],
    });
  });

  it('says how many tasks of a large batch it refuses, listing the first of them', () => {
    const forced = { ...ownForced, count: 40_000, ids: ['t2', 't3'] };
    expect(() =>
      assertMayActOnAll(
        partnerAdmin,
        'cancel',
        [{ ...own, count: 60_000, ids: ['t1'] }, forced],
        'Update batch b',
      ),
    ).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/40000 of 100000 task\(s\).*\(the first 2 are listed\)$/),
        details: [
          expect.objectContaining({ taskId: 't2' }),
          expect.objectContaining({ taskId: 't3' }),
        ],
      }),
    );
  });

  it("keeps apart whose forced update it is (its creator's role) and who may change it (the caller's role)", () => {
    // A partner admin's forced update stays one whoever acts on it: only its creator counts.
    expect(isPlatformAdminsForcedUpdate({ forced: true, createdByRole: 'platform_admin' })).toBe(
      true,
    );
    expect(isPlatformAdminsForcedUpdate({ forced: true, createdByRole: 'partner_admin' })).toBe(
      false,
    );
    expect(isPlatformAdminsForcedUpdate({ forced: true, createdByRole: null })).toBe(false);
    expect(isPlatformAdminsForcedUpdate({ forced: false, createdByRole: 'platform_admin' })).toBe(
      false,
    );
    // Changing a forced update is the platform admins', whoever created it.
    expect(mayChangeForced(platformAdmin)).toBe(true);
    expect(mayChangeForced(partnerAdmin)).toBe(false);
  });

  it('lets only a forced update of a platform admin override a tenant opting out of automatic updates', () => {
    expect(overridesAutoUpdateOptOut({ forced: true, createdByRole: 'platform_admin' })).toBe(true);
    expect(overridesAutoUpdateOptOut({ forced: true, createdByRole: 'partner_admin' })).toBe(false);
    expect(overridesAutoUpdateOptOut({ forced: false, createdByRole: 'platform_admin' })).toBe(
      false,
    );
  });

  it("lets only a platform admin's forced immediate or custom update run inside blackouts, never inside maintenance", () => {
    for (const mode of ['immediate', 'custom'] as const) {
      expect(overriddenBlocks({ mode, forced: true, createdByRole: 'platform_admin' })).toEqual([
        'blackout_overlap',
      ]);
      expect(overriddenBlocks({ mode, forced: true, createdByRole: 'partner_admin' })).toEqual([]);
      expect(overriddenBlocks({ mode, forced: false, createdByRole: 'platform_admin' })).toEqual(
        [],
      );
    }
    // A maintenance-window update takes free windows, forced or not.
    expect(
      overriddenBlocks({
        mode: 'maintenance_window',
        forced: true,
        createdByRole: 'platform_admin',
      }),
    ).toEqual([]);
  });
});
