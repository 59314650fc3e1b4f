import type { Scope } from '../auth/caller';
import { NotFoundError } from '../common/errors';
import { lockInOrder } from '../database/lock-order';
import type { Tx } from '../database/transactions';
import type { Rollout, RolloutsRepository } from './rollouts.repository';

/**
 * Locks one rollout that the scope sees, in the lock order (its platforms shared, then the
 * rollout): 404 when the scope does not see it. Every action on one rollout starts here.
 */
export async function lockRolloutInScope(
  tx: Tx,
  rollouts: RolloutsRepository,
  scope: Scope,
  id: string,
): Promise<Rollout> {
  const seen = await rollouts.find(scope, id, tx);
  if (!seen) throw new NotFoundError('Rollout', id);
  const locked = await lockInOrder(tx, {
    platforms: { ids: seen.platformIds, mode: 'shared' },
    rollouts: () => rollouts.lock(tx, [id]),
  });
  return locked.rollouts[0];
}
