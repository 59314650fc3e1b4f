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

/** An outbox insert not run yet: a statement that returns one row for each row it writes. */
export interface OutboxInsert {
  /** The senders to wake at commit when it wrote any row. */
  channel: string;
  sql: string;
  params: unknown[];
  /** A statement sent many times a second (the dispatcher's started / ended notices). */
  prepare: boolean;
}

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
  const [n] = await insertAllThenWake(em, [
    { channel, sql, params, prepare: options.prepare ?? false },
  ]);
  return n;
}

/**
 * Several outbox inserts (the e-mails and the webhook deliveries of one event) as ONE statement:
 * one round trip instead of one each, each insert's senders woken at commit when it wrote any.
 * The inserts write different tables and see the same snapshot; each keeps its parameters (the
 * second one's `$n` are renumbered after the first one's). Returns how many each wrote. Prepared
 * when every insert asks for it.
 */
export async function insertAllThenWake(
  em: EntityManager,
  inserts: OutboxInsert[],
): Promise<number[]> {
  if (inserts.length === 0) return [];
  const params: unknown[] = [];
  const ctes: string[] = [];
  const columns: string[] = [];
  inserts.forEach((insert, i) => {
    if (!CHANNEL.test(insert.channel)) throw new Error(`not a channel name: ${insert.channel}`);
    ctes.push(`w${i} AS (${renumbered(insert.sql, params.length)})`);
    params.push(...insert.params);
    columns.push(
      `(SELECT count(*) FROM w${i})::int AS n${i}`,
      `CASE WHEN EXISTS (SELECT FROM w${i}) THEN pg_notify('${insert.channel}', '') END AS woke${i}`,
    );
  });
  const text = `WITH ${ctes.join(', ')} SELECT ${columns.join(', ')}`;
  const rows: Record<string, number>[] = inserts.every((insert) => insert.prepare)
    ? await prepared(em, statementName(text), text, params)
    : await em.query(text, params);
  return inserts.map((_, i) => rows[0][`n${i}`]);
}

/** `sql` with its parameters `$1 … $n` moved up by `offset` (`$1` becomes `$(offset + 1)`). */
export function renumbered(sql: string, offset: number): string {
  if (offset === 0) return sql;
  // A `$` that is no parameter (a dollar-quoted string) would be renumbered as one: refused.
  if (/\$(?!\d)/.test(sql)) throw new Error('only a statement whose every $ is a parameter');
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
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
