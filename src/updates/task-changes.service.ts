import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions';
import type { MovingTask } from '../placement/placement.service';
import type { NoticeContext } from '../notifications/notices.repository';
import { Notices } from '../notifications/notices.service';
import type { TaskMove } from './update-task';
import {
  type BatchTasks,
  type MovableTask,
  type MovedTasks,
  UpdateTasksRepository,
} from './update-tasks.repository';

/**
 * The one way a task that has not started is moved or cancelled: the change and the notices that
 * tell its recipients are written together, in the caller's transaction. A move keeps the task's
 * status (a held task stays held; `release` schedules held ones) and, only where what its
 * recipients were told changed (mode, runAt, window end, expected duration), raises its notice
 * sequence (the iCalendar SEQUENCE of its invitation) and tells them; a move to the time already
 * set tells nobody. Every path uses it: reschedules, window changes, expired windows, maintenance
 * announcements and blackouts (held tasks too: HeldTaskMoves), customer postpones, waves opening,
 * single and batch cancels.
 */
@Injectable()
export class TaskChanges {
  constructor(
    private readonly tasks: UpdateTasksRepository,
    private readonly notices: Notices,
  ) {}

  /**
   * Moves the tasks that have not started (scheduled, or held: they stay held); returns the ids it
   * moved. Only those whose time changed (mode, runAt, window end, expected duration) get a new
   * notice sequence and `task.rescheduled`: the others keep what their recipients were told
   * (UpdateTasksRepository.move).
   */
  async move(tx: Tx, moves: TaskMove[], why: NoticeContext): Promise<string[]> {
    return this.tell(tx, await this.tasks.move(tx, moves), why);
  }

  /**
   * Schedules held tasks at their new times (a wave opening), under the same rule as `move`: only
   * those whose time changed are told (none with `why` null: nobody was told of them). Returns the
   * ids it scheduled.
   */
  async release(tx: Tx, moves: TaskMove[], why: NoticeContext | null): Promise<string[]> {
    return this.tell(tx, await this.tasks.move(tx, moves, { release: true }), why);
  }

  private async tell(tx: Tx, done: MovedTasks, why: NoticeContext | null): Promise<string[]> {
    if (why && done.changed.length > 0)
      await this.notices.forTasks(tx, 'task.rescheduled', { taskIds: done.changed }, why);
    return done.moved;
  }

  /**
   * Cancels the tasks that have not started (those listed, or those of a batch, of one partner if
   * given); returns the ids it cancelled.
   */
  async cancel(
    tx: Tx,
    tasks: string[] | BatchTasks,
    why: NoticeContext & { reason: string },
  ): Promise<string[]> {
    if (Array.isArray(tasks) && tasks.length === 0) return [];
    const cancelled = await this.tasks.cancelScheduled(tx, tasks, why.reason);
    if (cancelled.length > 0)
      await this.notices.forTasks(tx, 'task.cancelled', { taskIds: cancelled }, why);
    return cancelled;
  }
}

/** What placing a task again needs, from a locked task row (scheduled or held). */
export function movingTask(
  t: Pick<
    MovableTask,
    'id' | 'tenantId' | 'partnerId' | 'platformId' | 'window' | 'expectedDurationMinutes'
  >,
): MovingTask {
  return {
    id: t.id,
    target: { platformId: t.platformId, partnerId: t.partnerId, tenantId: t.tenantId },
    window: t.window,
    expectedDurationMinutes: t.expectedDurationMinutes,
  };
}
