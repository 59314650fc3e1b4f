import type { EntityManager } from 'typeorm';

/**
 * Wakes the senders that LISTEN on `channel` when the caller's transaction commits (nothing
 * happens if it rolls back): they pick up new rows at once instead of at their next poll.
 */
export async function wake(em: EntityManager, channel: string): Promise<void> {
  await em.query(`SELECT pg_notify($1, '')`, [channel]);
}

/**
 * An outbox insert in the caller's transaction (`sql` returns one row for each row it wrote) that
 * wakes the outbox's senders on `channel` at commit when it wrote any. Returns how many it wrote.
 */
export async function insertThenWake(
  em: EntityManager,
  channel: string,
  sql: string,
  params: unknown[],
): Promise<number> {
  const rows: unknown[] = await em.query(sql, params);
  if (rows.length > 0) await wake(em, channel);
  return rows.length;
}
