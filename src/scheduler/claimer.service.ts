import { Injectable } from '@nestjs/common';
import { lockInOrder } from '../database/lock-order';
import { Transactions } from '../database/transactions';
import { Notices } from '../notifications/notices.service';
import type { TenantState } from '../tenants/tenant.entity';
import { type ClaimedTask, toClaimedTask } from './claimed-task';
import {
  type ClaimRequest,
  type ClaimRow,
  ClaimsRepository,
  type DueClaimRow,
  stateChangedBeforeMarked,
} from './claims.repository';

/** A claimed task, and the line its log starts with. */
export interface Claim {
  id: string;
  attempt: number;
  /** When it was claimed (ISO 8601: its log line's time, one string for every task of the claim). */
  at: string;
  message: string;
  /**
   * What its run needs, read by the claim itself: a due task that starts afresh (no completed
   * step, not a rollback: no snapshot to read). Absent: ClaimsRepository.load reads it.
   */
  task?: ClaimedTask;
}

/**
 * One claim: a short transaction under the claim lock (claims are serialized so that each sees
 * the running counts of the one before: the per-platform limit is exact). Tasks whose lease lapsed
 * are taken first, then due ones, whose tenants become `updating` in the same statement (fewer
 * round trips under the lock: the lock, the two claims, the started notices, the commit); the
 * notices go out for runs that start now (not for resumed ones), in the same transaction.
 */
@Injectable()
export class Claimer {
  constructor(
    private readonly db: Transactions,
    private readonly claims: ClaimsRepository,
    private readonly notices: Notices,
  ) {}

  async claim(r: ClaimRequest): Promise<Claim[]> {
    return this.db.run(async (tx) => {
      const { tasks } = await lockInOrder(tx, {
        claims: true,
        genericPlans: true,
        tasks: async () => {
          const lapsed = r.lapsed !== false ? await this.claims.claimLapsed(tx, r, r.capacity) : [];
          const left = r.capacity - lapsed.length;
          // The due tasks' tenants become `updating` in the same statement (tasks, then tenants).
          const due = left > 0 ? await this.claims.claimDue(tx, r, left) : [];
          return { lapsed, due };
        },
      });
      const { lapsed, due } = tasks;
      await this.claims.keepTenantStates(tx, due);
      const starting = due.filter((c) => c.fresh).map((c) => c.id);
      if (starting.length > 0)
        await this.notices.forTasks(tx, 'task.started', { taskIds: starting });
      const at = new Date().toISOString();
      const claimOf = (c: ClaimRow, task?: ClaimedTask): Claim => ({
        id: c.id,
        attempt: c.attempts,
        at,
        message: claimMessage(r.owner, c),
        task,
      });
      return [
        ...lapsed.map((c) => claimOf(c)),
        ...due.map((c) =>
          claimOf(
            c,
            c.done_steps.length === 0 && c.rollback_of === null ? readyToRun(c) : undefined,
          ),
        ),
      ];
    });
  }
}

/** The claim's own row as the run's task (its tenant's state as keepTenantStates left it). */
function readyToRun(c: DueClaimRow): ClaimedTask {
  return toClaimedTask(
    c,
    [],
    stateChangedBeforeMarked(c) ? (c.marked_state as TenantState) : c.tenant_prior_state,
  );
}

function claimMessage(owner: string, c: ClaimRow): string {
  if (c.fresh) return `attempt ${c.attempts} started on ${owner}`;
  if (c.previous_owner) {
    return `attempt ${c.attempts}: resumed on ${owner} after the lease of ${c.previous_owner} expired`;
  }
  if (c.prior_state !== null) return `attempt ${c.attempts} started on ${owner} (scheduled again)`;
  return `attempt ${c.attempts}: resumed on ${owner} (its lease had been released: a shutdown hand-back or an admin's resume)`;
}
