/**
 * Announcing platform maintenance, at the service level: repositories are in-memory fakes
 * (test/support/fakes.ts); placement is the real one. On a real PostgreSQL: test/updates/maintenance.spec.ts.
 */
import { Logger } from '@nestjs/common';
import {
  blockingPeriod,
  fake,
  FakeTransactions,
  FixedBlockingSource,
  FixedClock,
  InMemoryTasks,
  PLATFORM_ADMIN,
  RecordedNotices,
  type StoredTask,
  storedTask,
} from '../../test/support/fakes';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { AuditService } from '../audit/audit.service';
import { Notices } from '../notifications/notices.service';
import type { BlockingPeriod } from '../placement/placement';
import { PlacementService } from '../placement/placement.service';
import type { PlatformEntity } from '../platforms/platform.entity';
import type { PlatformsRepository } from '../platforms/platforms.repository';
import { HeldTaskMoves } from '../updates/held-task-moves.service';
import { TaskChanges } from '../updates/task-changes.service';
import { UpdateTasksRepository } from '../updates/update-tasks.repository';
import type {
  ConflictPolicy,
  PlatformMaintenanceRepository,
} from './platform-maintenance.repository';
import { PlatformMaintenanceService } from './platform-maintenance.service';

Logger.overrideLogger(false);

const admin = PLATFORM_ADMIN;
const startsAt = '2027-01-11T00:00:00Z';
const endsAt = '2027-01-11T12:00:00Z';

function announce(
  tasks: InMemoryTasks,
  policy: ConflictPolicy,
  otherPeriods = [] as ReturnType<typeof blockingPeriod>[],
) {
  const notices = new RecordedNotices();
  const repo = fake<UpdateTasksRepository>(tasks);
  const placement = new PlacementService();
  // The new period is in the table by the time placement reads it (same transaction).
  placement.register(
    new FixedBlockingSource([blockingPeriod('new', startsAt, endsAt), ...otherPeriods]),
  );
  const changes = new TaskChanges(repo, fake<Notices>(notices));
  const service = new PlatformMaintenanceService(
    new FakeTransactions(),
    fake<PlatformMaintenanceRepository>({
      insert: async (_tx, v) => ({ ...v, id: 'new', seq: '1', createdAt: new Date() }),
    }),
    fake<PlatformsRepository>({ find: async () => fake<PlatformEntity>({ id: 'platform-1' }) }),
    repo,
    placement,
    changes,
    new HeldTaskMoves(repo, placement, changes),
    fake<Notices>(notices),
    new AuditService(fake<AuditLogRepository>({ insert: async () => undefined })),
    new FixedClock(new Date('2027-01-10T12:00:00Z')),
  );
  return {
    notices,
    result: service.create(admin, 'platform-1', {
      startsAt,
      endsAt,
      message: 'database upgrade',
      conflictPolicy: policy,
    }),
  };
}

const overlapping = () =>
  new InMemoryTasks([
    storedTask({ id: 'plain', runAt: new Date('2027-01-11T02:00:00Z') }),
    storedTask({
      id: 'forced',
      forced: true,
      tenantId: 'tenant-2',
      runAt: new Date('2027-01-11T02:00:00Z'),
    }),
    storedTask({ id: 'after', tenantId: 'tenant-3', runAt: new Date('2027-01-12T02:00:00Z') }),
  ]);

describe('announcing platform maintenance (PlatformMaintenanceService)', () => {
  it('cancels the overlapping tasks under the cancel policy, but moves forced ones past the period', async () => {
    const tasks = overlapping();
    const { notices, result } = announce(tasks, 'cancel');
    expect((await result).affected).toEqual({ cancelled: 1, rescheduled: 1 });
    expect(tasks.get('plain').status).toBe('cancelled');
    expect(tasks.get('forced')).toMatchObject({
      status: 'scheduled',
      runAt: new Date('2027-01-12T02:00:00Z'),
      noticeSequence: 1,
    });
    expect(tasks.get('after').noticeSequence).toBe(0);
    expect(notices.of('task.cancelled')).toEqual(['plain']);
    expect(notices.of('task.rescheduled')).toEqual(['forced']);
    expect(notices.of('maintenance.announced')).toEqual(['new']);
  });

  it("moves a rollout's held task out of the period under either policy: it stays held, its recipients told", async () => {
    const tasks = new InMemoryTasks([
      storedTask({ id: 'held', status: 'held', runAt: new Date('2027-01-11T02:00:00Z') }),
      storedTask({
        id: 'held-later',
        status: 'held',
        tenantId: 'tenant-2',
        runAt: new Date('2027-01-12T02:00:00Z'),
      }),
    ]);
    const { notices, result } = announce(tasks, 'cancel');
    expect((await result).affected).toEqual({ cancelled: 0, rescheduled: 1 });
    expect(tasks.get('held')).toMatchObject({
      status: 'held',
      mode: 'maintenance_window',
      runAt: new Date('2027-01-12T02:00:00Z'),
      noticeSequence: 1,
    });
    expect(tasks.get('held-later').noticeSequence).toBe(0);
    expect(notices.of('task.rescheduled')).toEqual(['held']);
    expect(notices.of('task.cancelled')).toEqual([]);
  });

  it('moves every overlapping task to the first window after the period that nothing blocks', async () => {
    const tasks = overlapping();
    const { result } = announce(tasks, 'reschedule', [
      blockingPeriod('later', '2027-01-12T01:00:00Z', '2027-01-12T03:00:00Z'),
    ]);
    expect((await result).affected).toEqual({ cancelled: 0, rescheduled: 2 });
    expect(tasks.get('plain').runAt).toEqual(new Date('2027-01-13T02:00:00Z'));
    expect(tasks.get('forced').runAt).toEqual(new Date('2027-01-13T02:00:00Z'));
  });

  // A tenant blackout right after the period: [12:00, 18:00).
  const blackoutAfter: BlockingPeriod = {
    ...blockingPeriod('audit', endsAt, '2027-01-11T18:00:00Z'),
    code: 'blackout_overlap',
    description: 'blackout audit',
  };
  const custom = (id: string, overrides: Partial<StoredTask> = {}) =>
    storedTask({
      id,
      tenantId: `tenant-${id}`,
      mode: 'custom',
      runAt: new Date('2027-01-11T02:00:00Z'),
      expiresAt: null,
      ...overrides,
    });

  it("moves a scheduled update, whatever its mode, to the tenant's first free window as a maintenance-window one; a rollout's held custom task keeps its mode, at the first instant after the period", async () => {
    const tasks = new InMemoryTasks([
      custom('custom'),
      custom('immediate', { mode: 'immediate' }),
      custom('held-custom', { status: 'held' }),
      storedTask({ id: 'window', tenantId: 'tenant-w', runAt: new Date('2027-01-11T02:00:00Z') }),
    ]);
    const { notices, result } = announce(tasks, 'reschedule', [blackoutAfter]);
    expect((await result).affected).toEqual({ cancelled: 0, rescheduled: 4 });
    // Scheduled: the next free window (the 11th's is inside the period), as DESIGN.md says.
    for (const id of ['custom', 'immediate', 'window']) {
      expect(tasks.get(id)).toMatchObject({
        status: 'scheduled',
        mode: 'maintenance_window',
        runAt: new Date('2027-01-12T02:00:00Z'),
        expiresAt: new Date('2027-01-12T06:00:00Z'),
        noticeSequence: 1,
      });
    }
    // Held: as its wave opening would place it, by the rollout's mode (period-moves.ts): after the
    // maintenance and the blackout that follows it, 18:00, no window end.
    expect(tasks.get('held-custom')).toMatchObject({
      status: 'held',
      mode: 'custom',
      runAt: new Date('2027-01-11T18:00:00Z'),
      expiresAt: null,
      noticeSequence: 1,
    });
    expect(notices.of('task.rescheduled').sort()).toEqual(
      ['custom', 'held-custom', 'immediate', 'window'].sort(),
    );
  });

  it("reads who created each task's batch as the repository does: a platform admin's forced held task runs inside the blackout after the period, a partner admin's does not; scheduled ones go to the next free window", async () => {
    const tasks = new InMemoryTasks(
      [
        custom('admin', { forced: true, batchId: 'by-admin' }),
        custom('admin-held', { forced: true, batchId: 'by-admin', status: 'held' }),
        custom('partner', { forced: true, batchId: 'by-partner' }),
        custom('partner-held', { forced: true, batchId: 'by-partner', status: 'held' }),
      ],
      [
        { id: 'by-admin', createdByRole: 'platform_admin' },
        { id: 'by-partner', createdByRole: 'partner_admin' },
      ],
    );
    const { result } = announce(tasks, 'cancel', [blackoutAfter]);
    expect((await result).affected).toEqual({ cancelled: 0, rescheduled: 4 });
    // Maintenance moves every one of them. The held ones keep their custom mode and the forced rule
    // lets the platform admin's stay in the blackout (task-policy.ts, overriddenBlocks); the
    // scheduled ones go to the next free window, whoever created them.
    expect(tasks.get('admin-held').runAt).toEqual(new Date('2027-01-11T12:00:00Z'));
    expect(tasks.get('partner-held').runAt).toEqual(new Date('2027-01-11T18:00:00Z'));
    for (const id of ['admin', 'partner'])
      expect(tasks.get(id)).toMatchObject({
        mode: 'maintenance_window',
        runAt: new Date('2027-01-12T02:00:00Z'),
      });
  });
});
