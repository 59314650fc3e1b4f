/**
 * The rules of the services that act on tasks, at the service level: repositories are in-memory
 * fakes (test/support/fakes.ts), placement and the action policy are the real ones. The same paths
 * run on a real PostgreSQL in test/updates.
 */
import { Logger } from '@nestjs/common';
import {
  blockingPeriod,
  fake,
  FakeTransactions,
  FixedBlockingSource,
  FixedClock,
  InMemoryTasks,
  PARTNER_ADMIN,
  PLATFORM_ADMIN,
  RecordedNotices,
  storedTask,
} from '../../test/support/fakes';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { AuditService } from '../audit/audit.service';
import { ConflictError, ForbiddenError } from '../common/errors';
import type { AppConfig } from '../config/app-config';
import { Notices } from '../notifications/notices.service';
import type { Blockers } from '../placement/placement';
import { PlacementService } from '../placement/placement.service';
import { BatchesService } from './batches.service';
import { ExpiredTasksService } from './expired-tasks.service';
import { HeldTaskMoves } from './held-task-moves.service';
import type { PlanContextLoader } from './plan-inputs';
import { TaskActionsService } from './task-actions.service';
import type { SnapshotsRepository } from '../snapshots/snapshots.repository';
import { TaskChanges } from './task-changes.service';
import type { TaskRunsRepository } from './task-runs.repository';
import { UpdateBatchesRepository } from './update-batches.repository';
import { UpdateTasksRepository } from './update-tasks.repository';
import { WindowChangeService } from './window-change.service';
import type { WindowFollowers } from '../tenants/window-followers';

Logger.overrideLogger(false);

const admin = PLATFORM_ADMIN;
const partner = PARTNER_ADMIN;

function world(tasks: InMemoryTasks, now = new Date('2027-01-10T12:00:00Z')) {
  const db = new FakeTransactions();
  const notices = new RecordedNotices();
  const repo = fake<UpdateTasksRepository>(tasks);
  const changes = new TaskChanges(repo, fake<Notices>(notices));
  const source = new FixedBlockingSource();
  const placement = new PlacementService();
  placement.register(source);
  const audited: string[] = [];
  const audit = new AuditService(
    fake<AuditLogRepository>({ insert: async (_tx, row) => void audited.push(row.action) }),
  );
  const clock = new FixedClock(now);
  return { db, notices, repo, changes, source, placement, audit, audited, clock };
}

describe('the expired-window move (ExpiredTasksService)', () => {
  it('moves expired tasks to the next free window, cancels those without one, and tells their recipients', async () => {
    const tasks = new InMemoryTasks([
      storedTask({
        id: 'a',
        runAt: new Date('2027-01-10T02:00:00Z'),
        expiresAt: new Date('2027-01-10T06:00:00Z'),
      }),
      storedTask({
        id: 'b',
        platformId: 'platform-2',
        runAt: new Date('2027-01-10T02:00:00Z'),
        expiresAt: new Date('2027-01-10T06:00:00Z'),
      }),
      storedTask({
        id: 'later',
        runAt: new Date('2027-01-11T02:00:00Z'),
        expiresAt: new Date('2027-01-11T06:00:00Z'),
      }),
    ]);
    const w = world(tasks);
    // Tomorrow's window is blocked for everyone; on platform-2 every window is.
    w.source.periods = [blockingPeriod('m', '2027-01-11T00:00:00Z', '2027-01-11T12:00:00Z')];
    w.placement.register({
      name: 'platform-2 closed',
      load: async (): Promise<Blockers> => ({
        for: (t) =>
          t.platformId === 'platform-2'
            ? {
                firstOverlap: (slot) => ({
                  ...blockingPeriod('x', '2027-01-01T00:00:00Z', '2027-01-01T01:00:00Z'),
                  startsAt: slot.start,
                  endsAt: new Date(slot.start.getTime() + 1),
                }),
              }
            : { firstOverlap: () => null },
        key: (t) => t.platformId,
      }),
    });
    const service = new ExpiredTasksService(
      w.db,
      w.repo,
      w.placement,
      w.changes,
      w.audit,
      w.clock,
      fake<AppConfig>({}),
    );

    expect(await service.moveExpired()).toBe(2);

    expect(tasks.get('a')).toMatchObject({
      status: 'scheduled',
      runAt: new Date('2027-01-12T02:00:00Z'),
      expiresAt: new Date('2027-01-12T06:00:00Z'),
      noticeSequence: 1,
    });
    expect(tasks.get('b').status).toBe('cancelled');
    expect(tasks.get('later').noticeSequence).toBe(0);
    expect(w.notices.of('task.rescheduled')).toEqual(['a']);
    expect(w.notices.of('task.cancelled')).toEqual(['b']);
    expect(w.audited).toEqual(['update_task.window_expired']);
    // The platforms' scheduling locks were taken (shared) before the task rows.
    expect(w.db.statements.filter((s) => s.includes('pg_advisory_xact_lock_shared'))).toHaveLength(
      2,
    );
  });
});

describe('cancelling (TaskActionsService, BatchesService): one policy for one task and a batch', () => {
  const runs = () => {
    const requested: string[] = [];
    return {
      requested,
      repo: fake<TaskRunsRepository>({
        requestCancel: async (_tx, id) => void requested.push(id),
        status: async () => 'cancelled',
      }),
    };
  };
  const actions = (w: ReturnType<typeof world>, r = runs()) =>
    new TaskActionsService(
      w.db,
      w.repo,
      r.repo,
      fake<PlanContextLoader>({}),
      w.changes,
      fake<SnapshotsRepository>({ ofTask: async () => [] }),
      w.audit,
      w.clock,
    );

  it('cancels a scheduled task and tells its recipients, with the reason given', async () => {
    const tasks = new InMemoryTasks([storedTask({ id: 't' })]);
    const w = world(tasks);
    const answer = await actions(w).cancel(partner, 't', { reason: 'customer asked' });
    expect(answer.status).toBe('cancelled');
    expect(w.notices.sent).toEqual([
      { event: 'task.cancelled', taskIds: ['t'], reason: 'customer asked' },
    ]);
    expect(w.audited).toEqual(['update_task.cancel']);
  });

  it("refuses a partner admin's cancel of a forced task (403) and changes nothing", async () => {
    const tasks = new InMemoryTasks([storedTask({ id: 't', forced: true })]);
    const w = world(tasks);
    await expect(actions(w).cancel(partner, 't', {})).rejects.toBeInstanceOf(ForbiddenError);
    expect(tasks.get('t').status).toBe('scheduled');
    expect(w.notices.sent).toEqual([]);
    await actions(w).cancel(admin, 't', {});
    expect(tasks.get('t').status).toBe('cancelled');
  });

  it('asks the runner of a running task to abort instead', async () => {
    const tasks = new InMemoryTasks([storedTask({ id: 't', status: 'running' })]);
    const w = world(tasks);
    const r = runs();
    await actions(w, r).cancel(admin, 't', {});
    expect(r.requested).toEqual(['t']);
    expect(w.notices.sent).toEqual([]);
  });

  const batches = (w: ReturnType<typeof world>, tasks: InMemoryTasks) =>
    new BatchesService(
      w.db,
      fake<UpdateBatchesRepository>({
        find: async () => ({
          id: 'batch-1',
          seq: '1',
          createdBy: null,
          createdAt: new Date(),
          targetVersion: '2.0.0',
          mode: 'maintenance_window',
          scope: {},
          options: {},
          total: tasks.rows.size,
        }),
        lockNotStarted: async (_tx, scope) =>
          [...tasks.rows.values()]
            .filter(
              (t) =>
                t.status === 'scheduled' && (!scope.partnerId || t.partnerId === scope.partnerId),
            )
            .map((t) => ({ partnerId: t.partnerId, forced: t.forced, count: 1, ids: [t.id] })),
        counts: async () => ({
          held: 0,
          scheduled: 0,
          running: 0,
          succeeded: 0,
          failed: 0,
          cancelled: 0,
        }),
      }),
      w.changes,
      w.audit,
    );

  it('decides a batch cancel task by task, all or nothing: forced tasks refuse a partner admin (403) as one task does', async () => {
    const tasks = new InMemoryTasks([
      storedTask({ id: 'f1', forced: true }),
      storedTask({ id: 'f2', forced: true, tenantId: 'tenant-2' }),
    ]);
    const w = world(tasks);
    const refused = batches(w, tasks).cancel(partner, 'batch-1');
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toMatchObject({
      details: [
        { taskId: 'f1', code: 'forced_task' },
        { taskId: 'f2', code: 'forced_task' },
      ],
    });
    expect([...tasks.rows.values()].map((t) => t.status)).toEqual(['scheduled', 'scheduled']);
    expect(w.notices.sent).toEqual([]);

    await batches(w, tasks).cancel(admin, 'batch-1');
    expect([...tasks.rows.values()].map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    expect(w.notices.of('task.cancelled')).toEqual(['f1', 'f2']);
  });

  it("cancels a partner admin's own tasks of a batch that holds no forced ones", async () => {
    const tasks = new InMemoryTasks([
      storedTask({ id: 'own' }),
      storedTask({ id: 'other', partnerId: 'partner-2', tenantId: 'tenant-2' }),
    ]);
    const w = world(tasks);
    await batches(w, tasks).cancel(partner, 'batch-1');
    expect(tasks.get('own').status).toBe('cancelled');
    expect(tasks.get('other').status).toBe('scheduled');
  });
});

describe('a window change moves the tenant’s scheduled update (WindowChangeService)', () => {
  const followers = fake<WindowFollowers>({ register: () => undefined });
  const windowChanges = (w: ReturnType<typeof world>) =>
    new WindowChangeService(
      w.repo,
      w.placement,
      w.changes,
      new HeldTaskMoves(w.repo, w.placement, w.changes),
      w.clock,
      followers,
    );

  it('follows the new window (the next free one), raising the notice sequence and telling the recipients', async () => {
    const tasks = new InMemoryTasks([storedTask({ id: 't' })]);
    const w = world(tasks);
    w.source.periods = [blockingPeriod('m', '2027-01-10T22:00:00Z', '2027-01-11T00:00:00Z')];
    const service = windowChanges(w);
    const window = { cron: '0 22 * * *', durationMinutes: 120, timezone: 'UTC' };
    await w.db.run(async (tx) => {
      const prepared = await service.prepare(tx, { id: 'tenant-1', platformId: 'platform-1' });
      prepared?.check(partner, window);
      await prepared?.follow(tx, partner, window);
    });
    expect(tasks.get('t')).toMatchObject({
      runAt: new Date('2027-01-11T22:00:00Z'),
      expiresAt: new Date('2027-01-12T00:00:00Z'),
      noticeSequence: 1,
    });
    expect(w.notices.of('task.rescheduled')).toEqual(['t']);
  });

  it('moves a held task into the new window and keeps it held; a window that gives the same time tells nobody', async () => {
    const tasks = new InMemoryTasks([storedTask({ id: 'h', status: 'held' })]);
    const w = world(tasks);
    const service = windowChanges(w);
    const follow = (window: { cron: string; durationMinutes: number; timezone: string }) =>
      w.db.run(async (tx) => {
        const prepared = await service.prepare(tx, { id: 'tenant-1', platformId: 'platform-1' });
        prepared?.check(partner, window);
        await prepared?.follow(tx, partner, window);
      });
    const window = { cron: '0 22 * * *', durationMinutes: 120, timezone: 'UTC' };
    await follow(window);
    expect(tasks.get('h')).toMatchObject({
      status: 'held',
      runAt: new Date('2027-01-10T22:00:00Z'),
      expiresAt: new Date('2027-01-11T00:00:00Z'),
      noticeSequence: 1,
    });
    await follow({ ...window, cron: '0 22 * * 0-6' });
    expect(tasks.get('h').noticeSequence).toBe(1);
    expect(w.notices.of('task.rescheduled')).toEqual(['h']);
  });

  it('refuses to move a forced update for a partner admin (403) and a window shorter than the update (409)', async () => {
    const tasks = new InMemoryTasks([
      storedTask({ id: 't', forced: true, expectedDurationMinutes: 90 }),
    ]);
    const w = world(tasks);
    const service = windowChanges(w);
    const short = { cron: '0 22 * * *', durationMinutes: 60, timezone: 'UTC' };
    await w.db.run(async (tx) => {
      const prepared = await service.prepare(tx, { id: 'tenant-1', platformId: 'platform-1' });
      expect(() => prepared?.check(partner, short)).toThrow(ForbiddenError);
      expect(() => prepared?.check(admin, short)).toThrow(ConflictError);
    });
    expect(tasks.get('t').noticeSequence).toBe(0);
  });
});
