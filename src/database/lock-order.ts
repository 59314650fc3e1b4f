import { GENERIC_PLANS, prepared } from './sql';
import type { Tx } from './transactions';

/**
 * The order in which a transaction takes its locks. Every transaction that takes locks of more
 * than one level takes them in this order, so that no two transactions wait for each other:
 *
 * 1. `claims`    — the dispatchers' claim lock (one claim at a time sees the running counts);
 * 2. `platforms` — the platforms' scheduling locks, in platform id order (also across several
 *                  calls in one transaction): shared to create or move tasks, exclusive to announce
 *                  or withdraw platform maintenance;
 * 3. `rollouts`  — rollout rows, in id order (a rollout's state: its gates, pause, resume, stop;
 *                  a completion that records failures of a rollout's tasks takes it before the
 *                  task rows, after the claim lock, so that no claim runs past a tripped gate; a
 *                  tenant's window change takes the rollout of its held task FOR SHARE, so a
 *                  confirmation under way is waited for);
 * 4. `tasks`     — update_task rows (FOR UPDATE / SKIP LOCKED), several of them in one pass in id
 *                  order (the runner's writes: LOCK_OWN_RUNNING in scheduler/run-writes.repository.ts;
 *                  a new blackout's or maintenance's scheduled and held tasks together:
 *                  lockForPeriod; a cancel or hold of a rollout's tasks by one UPDATE locks them in
 *                  a sub-select ordered by id: cancelScheduled, holdScheduled);
 * 5. `tenants`   — tenant rows.
 *
 * The counts of a rollout's waves (`rollout_wave`) are written by a trigger at the end of each
 * statement that changes its tasks' statuses: after the task rows of that statement, and held to the
 * end of the transaction; no transaction locks a wave row otherwise.
 *
 * A single statement that writes tasks and then their tenants (a claim of due tasks, a run's
 * completion, a shutdown's hand-back) keeps the order within itself.
 *
 * Other rows (a platform, partner, version, API key or outbox row being edited) are locked alone in
 * their transactions and take no lock of these levels.
 *
 * `lockInOrder` takes the levels it is given in this order; every lock taken through this file is
 * recorded per transaction, and taking a level after a later one throws (a programming error that
 * could deadlock under load), so a wrong order fails in the tests, not in production.
 */
export const LOCK_LEVELS = ['claims', 'platforms', 'rollouts', 'tasks', 'tenants'] as const;
export type LockLevel = (typeof LOCK_LEVELS)[number];

export class LockOrderError extends Error {}

/** Key spaces of the advisory locks (the first argument of the two-key form). */
const CLAIM_LOCK = 727_140_200;
const PLATFORM_LOCK = 7271400;

const reached = new WeakMap<Tx, number>();
/** The platforms whose scheduling locks each transaction holds. */
const heldPlatforms = new WeakMap<Tx, Set<string>>();

/** Records that `tx` takes a lock of `level`; throws if it already holds a later level. */
export function enterLockLevel(tx: Tx, level: LockLevel): void {
  const index = LOCK_LEVELS.indexOf(level);
  const current = reached.get(tx) ?? -1;
  if (index < current) {
    throw new LockOrderError(
      `lock order violated: ${level} locks taken after ${LOCK_LEVELS[current]} locks (order: ${LOCK_LEVELS.join(' → ')})`,
    );
  }
  reached.set(tx, index);
}

/**
 * Records that `tx` locks these platforms (in id order, as lockInOrder takes them). Throws if one it
 * does not hold yet sorts before one it already locked: a second call that goes back in id order
 * could deadlock with a transaction that locks the same platforms in one call.
 */
function enterPlatforms(tx: Tx, sortedIds: string[]): void {
  const held = heldPlatforms.get(tx) ?? new Set<string>();
  const highest = [...held].sort().at(-1);
  const behind = sortedIds.find((id) => !held.has(id) && highest !== undefined && id < highest);
  if (behind !== undefined) {
    throw new LockOrderError(
      `lock order violated: platform ${behind} locked after platform ${highest} (platform locks go in id order: take them in one lockInOrder call)`,
    );
  }
  for (const id of sortedIds) held.add(id);
  heldPlatforms.set(tx, held);
}

export type PlatformLockMode = 'shared' | 'exclusive';

export interface LockPlan<A, B, R = undefined> {
  /** The dispatchers' claim lock. */
  claims?: boolean;
  /**
   * With `claims`: the transaction uses generic plans from here on (`useGenericPlans`), set by the
   * statement that takes the claim lock (one round trip less in every claim).
   */
  genericPlans?: boolean;
  platforms?: { ids: string[]; mode: PlatformLockMode };
  /** Locks rollout rows (a repository's FOR UPDATE query, in id order) and returns what it read. */
  rollouts?: () => Promise<R>;
  /** Locks task rows (a repository's FOR UPDATE query) and returns what it read. */
  tasks?: () => Promise<A>;
  /** Locks tenant rows and returns what it read. */
  tenants?: () => Promise<B>;
}

/** Takes the locks of `plan` in the one order (claims → platforms → rollouts → tasks → tenants). */
export async function lockInOrder<A = undefined, B = undefined, R = undefined>(
  tx: Tx,
  plan: LockPlan<A, B, R>,
): Promise<{ tasks: A; tenants: B; rollouts: R }> {
  if (plan.claims) {
    enterLockLevel(tx, 'claims');
    if (plan.genericPlans) {
      await prepared(
        tx,
        'locks.claims.generic',
        `SELECT pg_advisory_xact_lock($1), ${GENERIC_PLANS}`,
        [CLAIM_LOCK],
      );
    } else {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK]);
    }
  }
  if (plan.platforms) {
    enterLockLevel(tx, 'platforms');
    const fn =
      plan.platforms.mode === 'exclusive'
        ? 'pg_advisory_xact_lock'
        : 'pg_advisory_xact_lock_shared';
    const ids = [...new Set(plan.platforms.ids)].sort();
    enterPlatforms(tx, ids);
    for (const id of ids) {
      await tx.query(`SELECT ${fn}(${PLATFORM_LOCK}, hashtext($1))`, [id]);
    }
  }
  let rollouts: R | undefined;
  if (plan.rollouts) {
    enterLockLevel(tx, 'rollouts');
    rollouts = await plan.rollouts();
  }
  let tasks: A | undefined;
  if (plan.tasks) {
    enterLockLevel(tx, 'tasks');
    tasks = await plan.tasks();
  }
  let tenants: B | undefined;
  if (plan.tenants) {
    enterLockLevel(tx, 'tenants');
    tenants = await plan.tenants();
  }
  return { tasks: tasks as A, tenants: tenants as B, rollouts: rollouts as R };
}
