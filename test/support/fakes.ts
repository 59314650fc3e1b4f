/**
 * In-memory stand-ins for the repositories, for service-level unit specs of the rules (beside the
 * services in src/). The database behaviour they imitate (locks, SKIP LOCKED, the SQL itself) is
 * covered by the integration specs in test/ on a real PostgreSQL; these check what the services
 * decide. Each fake implements only what the services under test call.
 */
import type { Role } from '../../src/auth/api-key.entity';
import type { Caller } from '../../src/auth/caller';
import { Clock } from '../../src/common/clock';
import type { MaintenanceWindow } from '../../src/common/maintenance-window';
import { Transactions, type Tx } from '../../src/database/transactions';
import type { NoticeContext, TaskSelection } from '../../src/notifications/notices.repository';
import {
  type Blockers,
  type BlockingPeriod,
  NOTHING_BLOCKS,
  periodsBlocker,
} from '../../src/placement/placement';
import type { BlockingSource } from '../../src/placement/placement.service';
import type { TaskStatus } from '../../src/updates/task-status';
import type { TaskMove, UpdateTask } from '../../src/updates/update-task';
import type {
  BatchTasks,
  MovableTask,
  MovedTasks,
} from '../../src/updates/update-tasks.repository';

/** A fake typed as the class it stands in for (only the methods the spec needs exist). */
export function fake<T>(implementation: Partial<T>): T {
  return implementation as T;
}

/** Transactions without a database: the work runs with a recording handle. */
export class FakeTransactions extends Transactions {
  readonly statements: string[] = [];
  transactions = 0;
  private readonly tx = {
    query: async (sql: string) => {
      this.statements.push(sql);
      return [];
    },
  } as unknown as Tx;

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    this.transactions++;
    // A fresh handle per transaction, as TypeORM gives (the lock order is kept per handle).
    return work({ ...this.tx } as Tx);
  }

  get pool(): Tx {
    return this.tx;
  }

  async savepoint<T>(_tx: Tx, _name: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  async refreshStatistics(): Promise<void> {}
}

export class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

const WINDOW: MaintenanceWindow = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'UTC' };

/** A stored task with the tenant's window (what the move paths read). */
export interface StoredTask extends UpdateTask {
  window: MaintenanceWindow;
}

export function storedTask(overrides: Partial<StoredTask> = {}): StoredTask {
  const at = new Date('2027-01-04T10:00:00Z');
  return {
    id: 'task-1',
    batchId: 'batch-1',
    tenantId: 'tenant-1',
    tenantName: 'Tenant 1',
    partnerId: 'partner-1',
    platformId: 'platform-1',
    fromVersion: '1.0.0',
    targetVersion: '2.0.0',
    mode: 'maintenance_window',
    runAt: new Date('2027-01-05T02:00:00Z'),
    expiresAt: new Date('2027-01-05T06:00:00Z'),
    expectedDurationMinutes: 60,
    forced: false,
    redeploy: false,
    notifyPartner: true,
    notifyCustomer: true,
    allowDowngrade: false,
    kind: 'update',
    path: ['1.0.0', '2.0.0'],
    rollbackOf: null,
    rollbackOnFailure: false,
    rolledBack: false,
    status: 'scheduled',
    attempts: 0,
    progressStep: null,
    progressPercent: 0,
    progressEta: null,
    error: null,
    cancelReason: null,
    noticeSequence: 0,
    createdBy: null,
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    finishedAt: null,
    rolloutId: null,
    wave: null,
    window: WINDOW,
    ...overrides,
  };
}

const movable = (t: StoredTask): MovableTask => ({
  id: t.id,
  tenantId: t.tenantId,
  partnerId: t.partnerId,
  platformId: t.platformId,
  forced: t.forced,
  runAt: t.runAt,
  expectedDurationMinutes: t.expectedDurationMinutes,
  window: t.window,
});

/** An update_batch row as the task reads see it: who created it. */
export interface StoredBatch {
  id: string;
  createdByRole: Role;
}

/**
 * The update_task table in memory, with the reads and writes of UpdateTasksRepository, and the
 * update_batch rows its tasks belong to (what the forced rule reads: who created the batch).
 */
export class InMemoryTasks {
  readonly rows = new Map<string, StoredTask>();
  readonly batches = new Map<string, StoredBatch>();

  constructor(tasks: StoredTask[] = [], batches: StoredBatch[] = []) {
    for (const t of tasks) this.rows.set(t.id, t);
    for (const b of batches) this.batches.set(b.id, b);
  }

  /** As UpdateTasksRepository.createdByRole: null for a task whose batch is not held (LEFT JOIN). */
  async createdByRole(_tx: Tx, taskId: string): Promise<string | null> {
    return this.batchRole(this.get(taskId));
  }

  private batchRole(t: StoredTask): string | null {
    return this.batches.get(t.batchId)?.createdByRole ?? null;
  }

  get(id: string): StoredTask {
    const t = this.rows.get(id);
    if (!t) throw new Error(`no task ${id}`);
    return t;
  }

  async find(scope: { partnerId: string | null }, id: string): Promise<UpdateTask | null> {
    const t = this.rows.get(id);
    return t && (!scope.partnerId || t.partnerId === scope.partnerId) ? { ...t } : null;
  }

  async platformsWithExpired(_tx: Tx, now: Date): Promise<string[]> {
    return [...new Set(this.expired(now).map((t) => t.platformId))];
  }

  async lockExpired(_tx: Tx, platformIds: string[], now: Date, limit: number) {
    return this.expired(now)
      .filter((t) => platformIds.includes(t.platformId))
      .slice(0, limit)
      .map(movable);
  }

  /**
   * As UpdateTasksRepository.lockForPeriod, with each task's batch creator from the batches held;
   * held tasks as rollouts that were confirmed (or needed no code) hold them.
   */
  async lockForPeriod(
    _tx: Tx,
    scheduled:
      | { tenantId: string }
      | { partnerId: string }
      | { platformId: string; startsAt: Date; endsAt: Date },
    held: {
      of: { platformId: string; tenantId?: string; partnerId?: string };
      range: { startsAt: Date; endsAt: Date } | null;
    },
  ) {
    const overlaps = (t: UpdateTask, range: { startsAt: Date; endsAt: Date } | null) =>
      !range ||
      (t.runAt < range.endsAt &&
        t.runAt.getTime() + t.expectedDurationMinutes * 60_000 > range.startsAt.getTime());
    const { of, range } = held;
    const rows = [...this.rows.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    return {
      scheduled: rows
        .filter(
          (t) =>
            t.status === 'scheduled' &&
            ('startsAt' in scheduled
              ? t.platformId === scheduled.platformId && overlaps(t, scheduled)
              : 'tenantId' in scheduled
                ? t.tenantId === scheduled.tenantId
                : t.partnerId === scheduled.partnerId),
        )
        .map((t) => ({ ...movable(t), mode: t.mode, createdByRole: this.batchRole(t) })),
      held: rows
        .filter(
          (t) =>
            t.status === 'held' &&
            t.platformId === of.platformId &&
            (!of.tenantId || t.tenantId === of.tenantId) &&
            (!of.partnerId || t.partnerId === of.partnerId) &&
            overlaps(t, range),
        )
        .map((t) => ({
          ...movable(t),
          mode: t.mode,
          createdByRole: this.batchRole(t),
          untold: false,
        })),
    };
  }

  async lockRolloutOfHeldWindowTask(): Promise<string | null> {
    return null;
  }

  async lockWindowTask(_tx: Tx, tenantId: string) {
    const t = [...this.rows.values()].find(
      (r) =>
        r.tenantId === tenantId &&
        (r.status === 'scheduled' || r.status === 'held') &&
        r.mode === 'maintenance_window',
    );
    return t
      ? {
          ...movable(t),
          status: t.status as 'scheduled' | 'held',
          untold: false,
        }
      : null;
  }

  /** As UpdateTasksRepository.move: only a task whose time changed gets a new sequence. */
  async move(_tx: Tx, moves: TaskMove[], options: { release?: boolean } = {}): Promise<MovedTasks> {
    const done: MovedTasks = { moved: [], changed: [] };
    for (const m of moves) {
      const t = this.rows.get(m.id);
      if (!t || !(options.release ? ['held'] : ['scheduled', 'held']).includes(t.status)) continue;
      const after = {
        mode: m.mode,
        runAt: m.runAt,
        expiresAt: m.expiresAt,
        expectedDurationMinutes: m.expectedDurationMinutes ?? t.expectedDurationMinutes,
      };
      const changed =
        after.mode !== t.mode ||
        after.runAt.getTime() !== t.runAt.getTime() ||
        (after.expiresAt?.getTime() ?? null) !== (t.expiresAt?.getTime() ?? null) ||
        after.expectedDurationMinutes !== t.expectedDurationMinutes;
      Object.assign(t, after, {
        ...(options.release && { status: 'scheduled' satisfies TaskStatus }),
        noticeSequence: t.noticeSequence + (changed ? 1 : 0),
      });
      done.moved.push(t.id);
      if (changed) done.changed.push(t.id);
    }
    return done;
  }

  async cancelScheduled(_tx: Tx, tasks: string[] | BatchTasks, reason: string): Promise<string[]> {
    const ids = Array.isArray(tasks)
      ? tasks
      : [...this.rows.values()]
          .filter((t) => t.batchId === tasks.batchId)
          .filter((t) => !tasks.partnerId || t.partnerId === tasks.partnerId)
          .map((t) => t.id);
    return ids.filter((id) => {
      const t = this.rows.get(id);
      if (!t || t.status !== 'scheduled') return false;
      Object.assign(t, { status: 'cancelled' satisfies TaskStatus, cancelReason: reason });
      return true;
    });
  }

  private expired(now: Date): StoredTask[] {
    return [...this.rows.values()].filter(
      (t) => t.status === 'scheduled' && t.runAt <= now && t.expiresAt && t.expiresAt <= now,
    );
  }
}

/** The notices a service wrote, in order. */
export class RecordedNotices {
  readonly sent: { event: string; taskIds: string[]; reason: string | null | undefined }[] = [];

  async forTasks(_tx: Tx, event: string, selection: TaskSelection, context: NoticeContext = {}) {
    const taskIds = 'taskIds' in selection ? selection.taskIds : [selection.batchId];
    this.sent.push({ event, taskIds, reason: context.reason });
    return taskIds.length;
  }

  async forMaintenance(_tx: Tx, event: string, maintenanceId: string) {
    this.sent.push({ event, taskIds: [maintenanceId], reason: null });
    return 1;
  }

  async scheduled() {}

  of(event: string): string[] {
    return this.sent.filter((n) => n.event === event).flatMap((n) => n.taskIds);
  }
}

/** A blocking source of fixed periods, for every platform. */
export class FixedBlockingSource implements BlockingSource {
  readonly name = 'fixed periods';
  constructor(public periods: BlockingPeriod[] = []) {}
  async load(): Promise<Blockers> {
    const blocker = this.periods.length ? periodsBlocker(this.periods) : NOTHING_BLOCKS;
    return { for: () => blocker, key: () => 'all' };
  }
}

export function blockingPeriod(id: string, startsAt: string, endsAt: string): BlockingPeriod {
  return {
    code: 'maintenance_overlap',
    id,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    description: `platform maintenance ${id}`,
  };
}

export const PLATFORM_ADMIN: Caller = {
  keyId: 'key-admin',
  name: 'ops',
  role: 'platform_admin',
  partnerId: null,
  platformId: null,
};

/** The admin of partner-1 (the partner of storedTask()'s tasks). */
export const PARTNER_ADMIN: Caller = {
  keyId: 'key-partner',
  name: 'reseller',
  role: 'partner_admin',
  partnerId: 'partner-1',
  platformId: 'platform-1',
};
