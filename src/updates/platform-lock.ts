import type { EntityManager } from 'typeorm';

/**
 * Scheduling tasks and announcing maintenance on one platform must not interleave: a task created
 * while a maintenance period is being announced could slip past both checks. Schedulers take the
 * platform's transaction lock shared (they run in parallel), maintenance takes it exclusively.
 */
export async function lockPlatforms(
  em: EntityManager,
  platformIds: string[],
  exclusive: boolean,
): Promise<void> {
  const fn = exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  for (const id of [...new Set(platformIds)].sort()) {
    await em.query(`SELECT ${fn}(7271400, hashtext($1))`, [id]);
  }
}
