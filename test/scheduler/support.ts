import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Api } from '../support/http';

/** A dispatcher that runs in the test app, with short steps and a short shutdown. */
export function schedulerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    SCHEDULER_ENABLED: 'true',
    SIMULATED_STEP_MS: '1',
    SCHEDULER_TICK_MS: '200',
    SHUTDOWN_TIMEOUT_MS: '200',
    MAIL_SENDER_ENABLED: 'false',
    ...extra,
  };
}

/**
 * Waits until `check` returns a value other than undefined/false (checked every 20 ms) and
 * returns it. The tests wait for what the service does, never for a fixed time.
 */
export async function until<T>(
  check: () => Promise<T | undefined | false | null>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits until some backend waits for a lock that backend `pid` (or one of `pid`) holds: blocked by
 * this holder, not just any lock wait (pg_locks spans the whole server, where other test files and
 * their template clones wait for locks of their own). Returns the waiting backend's pid.
 */
export async function blockedBy(
  ds: DataSource,
  pid: number | number[],
  what: string,
): Promise<number> {
  return until(
    async () =>
      (
        (await ds.query(
          `SELECT pid FROM pg_stat_activity WHERE pg_blocking_pids(pid) && $1::int[] LIMIT 1`,
          [[pid].flat()],
        )) as { pid: number }[]
      )[0]?.pid,
    what,
  );
}

/**
 * Waits until `n` sessions of `ds`'s database LISTEN on `channel` (the senders of as many
 * replicas, each on its own listener connection).
 */
export async function listening(ds: DataSource, channel: string, n: number): Promise<void> {
  await until(async () => {
    const [{ count }] = (await ds.query(
      `SELECT count(*)::int AS count FROM pg_stat_activity
       WHERE datname = current_database() AND query = $1`,
      [`LISTEN ${channel}`],
    )) as { count: number }[];
    return count === n;
  }, `${n} sessions to listen on ${channel}`);
}

export interface TaskRow {
  id: string;
  status: string;
  attempts: number;
  error: string | null;
  progress_percent: number;
  progress_step: string | null;
  progress_eta: Date | null;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  done_steps: string[];
  run: number;
  cancel_reason: string | null;
}

export async function taskRow(ds: DataSource, id: string): Promise<TaskRow> {
  const [row] = await ds.query(`SELECT * FROM update_task WHERE id = $1`, [id]);
  return row;
}

/** Waits until the task has left scheduled/running and returns it. */
export function finished(ds: DataSource, id: string, timeoutMs?: number): Promise<TaskRow> {
  return until(
    async () => {
      const row = await taskRow(ds, id);
      return ['succeeded', 'failed', 'cancelled'].includes(row.status) && row;
    },
    `task ${id} to finish`,
    timeoutMs,
  );
}

/** The task's log lines as `step(node) kind`, in order, for asserting the step sequence. */
export async function stepLog(ds: DataSource, id: string): Promise<string[]> {
  const rows: { step: string | null; node: string | null; kind: string }[] = await ds.query(
    `SELECT step, node, kind FROM task_event WHERE task_id = $1 AND step IS NOT NULL ORDER BY id`,
    [id],
  );
  return rows.map((r) => `${r.step}${r.node ? `(${r.node})` : ''} ${r.kind}`);
}

/** Schedules an immediate update of these tenants and returns the task ids in tenant order. */
export async function scheduleNow(
  api: Api,
  tenantIds: string[],
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  const res = await api.post('/update-tasks', {
    tenantIds,
    targetVersion: '2.0.0',
    mode: 'immediate',
    ...extra,
  });
  if (res.status !== 201)
    throw new Error(`scheduling failed: ${res.status} ${JSON.stringify(res.body)}`);
  const tasks = await api.get(`/update-tasks?batchId=${res.body.batchId}&limit=500`);
  const byTenant = new Map<string, string>(
    tasks.body.items.map((t: { id: string; tenantId: string }) => [t.tenantId, t.id]),
  );
  return tenantIds.map((id) => byTenant.get(id) as string);
}

/**
 * Sessions of their own on the test app's database (a transaction held open, a probe of what
 * waits for it); `endAll` ends every one opened.
 */
export function sessions(databaseUrl: () => string) {
  const clients: Client[] = [];
  return {
    open: async (): Promise<Client> => {
      const c = new Client({ connectionString: databaseUrl() });
      await c.connect();
      clients.push(c);
      return c;
    },
    endAll: async (): Promise<void> => {
      await Promise.all(clients.splice(0).map((c) => c.end()));
    },
  };
}
