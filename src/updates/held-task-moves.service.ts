import { Injectable } from '@nestjs/common';
import type { TimeSlot } from '../common/maintenance-window';
import type { Tx } from '../database/transactions';
import type { NoticeContext } from '../notifications/notices.repository';
import { byOccurrence } from '../placement/conflicts';
import type { BlockingPeriod } from '../placement/placement';
import { PlacementService } from '../placement/placement.service';
import { placeOutOfPeriod } from './period-moves';
import { TaskChanges } from './task-changes.service';
import { overriddenBlocks } from './task-policy';
import type { TaskMove } from './update-task';
import {
  type HeldMovableTask,
  type HeldTasksOf,
  UpdateTasksRepository,
} from './update-tasks.repository';

/**
 * Which held tasks a new blocking period may move (UpdateTasksRepository.lockForPeriod): those of
 * `of` whose time overlaps the period; all of `of`'s for a repeating period (matched in memory).
 */
export function heldIn(of: HeldTasksOf, period: BlockingPeriod) {
  return {
    of,
    range: period.recurrence ? null : { startsAt: period.startsAt, endsAt: period.endsAt },
  };
}

/** Why the tasks inside one occurrence of the period move (the notices' reason and group). */
export type OccurrenceWhy = (occurrence: TimeSlot) => NoticeContext & { reason: string };

/**
 * Held tasks of rollouts that a new blocking period (platform maintenance, a blackout) overlaps are
 * moved out of it at once, in the transaction that creates the period (docs/rollouts.md, "Platform
 * maintenance and blackouts"). Their customers were told their time with the rollout (the time the
 * task would have if its wave opened at once: e-mail, calendar feed, self-service page), so that
 * time must not stay inside the period:
 *
 * - each is placed as its wave opening would place it, after the occurrence it overlaps, keeping
 *   its rollout's mode (period-moves.ts, `placeOutOfPeriod`): a maintenance-window rollout's task
 *   in the tenant's first free window after it, an immediate or custom one at the first instant
 *   after the blocking periods its time overlaps — unlike a scheduled task, which goes to the
 *   tenant's next free window and becomes a maintenance-window one (the wave opening places a
 *   held task by its rollout's mode); a platform admin's forced immediate or custom rollout is not
 *   moved by a blackout (the forced rule of task-policy.ts), never left inside maintenance;
 * - it stays `held` (the dispatcher never claims it; its wave still gates it) and moves through
 *   TaskChanges (its notice sequence rises, whoever was told of it gets `task.rescheduled`: its
 *   time always changes, as it leaves the period), or, if no time is free, is cancelled and they
 *   are told;
 * - the tasks of a rollout awaiting its confirmation code move (and cancel) without any notice or
 *   webhook: nobody has been told of them.
 *
 * The conflict policy of the period (`cancel`) is not applied to held tasks: their wave opening
 * places them past blocking periods in any case, and a provisional time is no reason to drop a
 * tenant from a rollout. Set-based: one locking read (the caller's, with the scheduled tasks), one placement read per occurrence and mode,
 * one UPDATE and one notice insert per occurrence.
 */
@Injectable()
export class HeldTaskMoves {
  constructor(
    private readonly tasks: UpdateTasksRepository,
    private readonly placement: PlacementService,
    private readonly changes: TaskChanges,
  ) {}

  /**
   * Moves those of the held tasks that `period` (just created, in `tx`) overlaps. The caller locked
   * them with the scheduled tasks the period moves, in one statement
   * (UpdateTasksRepository.lockForPeriod with `heldIn`): task rows are locked in one pass.
   */
  async moveOutOf(
    tx: Tx,
    held: HeldMovableTask[],
    period: BlockingPeriod,
    now: Date,
    why: OccurrenceWhy,
  ): Promise<{ moved: string[]; cancelled: string[] }> {
    const result = { moved: [] as string[], cancelled: [] as string[] };
    for (const { occurrence, tasks } of byOccurrence(held, period, overriddenBlocks)) {
      const { moves, unplaced } = await placeOutOfPeriod(
        this.placement,
        tx,
        'held',
        tasks,
        now,
        occurrence.end,
      );
      const untold = new Set(tasks.filter((t) => t.untold).map((t) => t.id));
      const context = why(occurrence);
      result.moved.push(...(await this.move(tx, tasks, moves, context)));
      const quietCancels = unplaced.filter((id) => untold.has(id));
      const toldCancels = unplaced.filter((id) => !untold.has(id));
      if (quietCancels.length > 0)
        result.cancelled.push(
          ...(await this.tasks.cancelScheduled(tx, quietCancels, context.reason)),
        );
      result.cancelled.push(...(await this.changes.cancel(tx, toldCancels, context)));
    }
    return result;
  }

  /**
   * Moves held tasks (locked by the caller) to new times; they stay held. Whoever was told of them
   * is told the new time where it changed (TaskChanges.move); those of a rollout awaiting its
   * confirmation code move without any notice or webhook (nobody has been told of them). Used by moveOutOf and by a
   * tenant's window change (WindowChangeService). Returns the ids it moved.
   */
  async move(
    tx: Tx,
    tasks: { id: string; untold: boolean }[],
    moves: TaskMove[],
    why: NoticeContext,
  ): Promise<string[]> {
    const untold = new Set(tasks.filter((t) => t.untold).map((t) => t.id));
    const quiet = await this.tasks.move(
      tx,
      moves.filter((m) => untold.has(m.id)),
    );
    const told = await this.changes.move(
      tx,
      moves.filter((m) => !untold.has(m.id)),
      why,
    );
    return [...quiet.moved, ...told];
  }
}
