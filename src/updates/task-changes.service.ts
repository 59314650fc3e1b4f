import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions';
import type { MovingTask } from '../placement/placement.service';
import type { NoticeContext } from '../notifications/notices.repository';
import { Notices } from '../notifications/notices.service';
import type { TaskMove } from './update-task';
import {
  type BatchTasks,
  type MovableTask,
  UpdateTasksRepository,
} from './update-tasks.repository';

/**
 * The one way a task that has not started is moved or cancelled: the change and the notices that
 * tell its recipients are written together, in the caller's transaction. A move raises the task's
 * notice sequence (the iCalendar SEQUENCE of its invitation) and keeps its status (a held task
 * stays held). Every path uses it: reschedules, window changes, expired windows, maintenance
 * announcements and blackouts (held tasks too: HeldTaskMoves), waves opening (`release`: only the
 * tasks whose time changed are told), single and batch cancels.
 */
@Injectable()
export class TaskChanges {
  constructor(
    private readonly tasks: UpdateTasksRepository,
    private readonly notices: Notices,
  ) {}

  /** Moves the tasks that have not started (scheduled or held); returns the ids it moved. */
  async move(tx: Tx, moves: TaskMove[], why: NoticeContext): Promise<string[]> {
    if (moves.length === 0) return [];
    const moved = await this.tasks.move(tx, moves);
    if (moved.length > 0)
      await this.notices.forTasks(tx, 'task.rescheduled', { taskIds: moved }, why);
    return moved;
  }

  /**
   * Schedules held tasks at their new times (a wave opening): only those whose time changed get a
   * new notice sequence and `task.rescheduled` (none with `why` null: nobody was told of them);
   * the others were told their time already and are told nothing again
   * (UpdateTasksRepository.release). Returns the ids it scheduled.
   */
  async release(tx: Tx, moves: TaskMove[], why: NoticeContext | null): Promise<string[]> {
    if (moves.length === 0) return [];
    const { released, changed } = await this.tasks.release(tx, moves);
    if (why && changed.length > 0)
      await this.notices.forTasks(tx, 'task.rescheduled', { taskIds: changed }, why);
    return released;
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
