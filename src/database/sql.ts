import { type EntityManager, QueryFailedError } from 'typeorm';

/**
 * Builds the WHERE clause of a hand-written query with numbered parameters:
 *   const f = new SqlFilter(); f.add('t.partner_id = ?', id); `... ${f.where} LIMIT ${f.param(n)}`
 */
export class SqlFilter {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...values: unknown[]): this {
    let i = 0;
    this.conditions.push(condition.replace(/\?/g, () => this.param(values[i++])));
    return this;
  }

  /** Adds the condition only when the value is defined. */
  addIf(value: unknown, condition: string): this {
    return value === undefined || value === null ? this : this.add(condition, value);
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Runs an UPDATE or DELETE … RETURNING and gives back its rows. (TypeORM answers UPDATE and DELETE
 * with [rows, rowCount]; wrapped in a CTE the statement answers like a SELECT.)
 */
export async function updateReturning<T>(
  db: Queryable,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  return (await db.query(`WITH changed AS (${sql}) SELECT * FROM changed`, params)) as T[];
}

/** The generated id of the row a TypeORM insert wrote (checked, not assumed). */
export function insertedId(result: { identifiers: Record<string, unknown>[] }): string {
  const id = result.identifiers[0]?.id;
  if (typeof id !== 'string') throw new Error('the insert returned no id');
  return id;
}

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement that is sent many times a second (the dispatcher's claims and writes) as a
 * named prepared statement: each connection parses it once and PostgreSQL may keep its plan,
 * instead of parsing and planning it on every call as TypeORM's unnamed statements are. On `em`'s
 * transaction if it has one, else on a connection of the pool. Answers its rows (RETURNING rows
 * for UPDATE, INSERT and DELETE). `name` must be unique per text: one statement, one name.
 */
export async function prepared<T>(
  em: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgClient;
    return (await client.query({ name, text, values })).rows as T[];
  } catch (error) {
    // As TypeORM reports it: the driver's error (its SQLSTATE) as driverError.
    throw new QueryFailedError(text, values, error as Error);
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}

/** The setting of `useGenericPlans`, for a statement that does something else too (lockInOrder). */
export const GENERIC_PLANS = `set_config('plan_cache_mode', 'force_generic_plan', true)`;

/**
 * For the rest of `tx`: prepared statements use their generic plan (planned once per connection)
 * instead of being planned again for their parameters. PostgreSQL keeps planning a statement anew
 * when its generic plan looks costlier than the plans for the values seen so far, which for the
 * dispatcher's notice inserts (a list of task ids) cost 1–3 ms per statement, more than running
 * them. Only for transactions whose statements are planned well without their values (lists of
 * ids found by primary key, a claim's candidates): the setting ends with the transaction.
 */
export async function useGenericPlans(tx: EntityManager): Promise<void> {
  await prepared(tx, 'plans.generic', `SELECT ${GENERIC_PLANS}`, []);
}
