import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { prepared } from '../database/sql';

/**
 * Wakes the senders that LISTEN on `channel` when the caller's transaction commits (nothing
 * happens if it rolls back): they pick up new rows at once instead of at their next poll.
 */
export async function wake(em: EntityManager, channel: string): Promise<void> {
  await em.query(`SELECT pg_notify($1, '')`, [channel]);
}

const CHANNEL = /^[a-z_]+$/;

/**
 * Task notices for at most this many tasks (the dispatcher's claims and flushes) run prepared; a
 * bulk change of 100,000 tasks keeps a plan of its own (a generic plan assumes a short list).
 */
export const PREPARED_MAX_TASKS = 1_000;

/**
 * An outbox insert in the caller's transaction (or an UPDATE that makes rows due, such as a
 * stopping sender's hand-back; `sql` returns one row for each row it wrote) that wakes the outbox's
 * senders on `channel` at commit when it wrote any: one statement, the wake included. Returns how many it wrote. `prepare`: a statement sent many times a second (the
 * dispatcher's started / ended notices) runs as a prepared statement named after its text, parsed
 * once per connection and planned once where PostgreSQL keeps a generic plan.
 */
export async function insertThenWake(
  em: EntityManager,
  channel: string,
  sql: string,
  params: unknown[],
  options: { prepare?: boolean } = {},
): Promise<number> {
  if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const text = `WITH written AS (${sql})
    SELECT count(*)::int AS n, CASE WHEN count(*) > 0 THEN pg_notify('${channel}', '') END AS woke
    FROM written`;
  const rows: { n: number }[] = options.prepare
    ? await prepared(em, statementName(text), text, params)
    : await em.query(text, params);
  return rows[0].n;
}

const names = new Map<string, string>();

/** One name per text (the texts vary with the event and the selection, so they are named by hash). */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `outbox.${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size < 1000) names.set(text, name);
  }
  return name;
}
