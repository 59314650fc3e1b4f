import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions';
import type { MaintenanceWindow, TimeSlot } from '../common/maintenance-window';
import {
  type BlockCode,
  type Blockers,
  combineBlockers,
  freeWindows,
  place,
  type Placement,
  type PlacementAsk,
  type PlacementTarget,
} from './placement';

/**
 * Something that blocks time: platform maintenance today, tenant and partner blackouts later.
 * A source registers itself with PlacementService (in its module's onModuleInit) and from then on
 * every placement — scheduling, reschedules, retries, window changes, expired windows,
 * maintenance announcements — respects it.
 */
export interface BlockingSource {
  /** What it is, for people reading the code and the logs ("platform maintenance"). */
  readonly name: string;
  /** What blocks the targets on these platforms from `now` on, read in the caller's transaction. */
  load(tx: Tx, platformIds: string[], now: Date): Promise<Blockers>;
}

/** A scheduled task the service moves (its window changed or closed, maintenance was announced). */
export interface MovingTask {
  id: string;
  target: PlacementTarget;
  window: MaintenanceWindow;
  expectedDurationMinutes: number;
}

export interface PlacedMoves {
  placed: { id: string; runAt: Date; expiresAt: Date | null }[];
  /** Tasks for which no free window exists (the caller cancels them or leaves them). */
  unplaced: { id: string; reason: string }[];
}

/** Loads the blockers of every registered source and places tasks with them. */
@Injectable()
export class PlacementService {
  private readonly sources: BlockingSource[] = [];

  register(source: BlockingSource): void {
    if (this.sources.includes(source)) return;
    this.sources.push(source);
  }

  /** Everything that blocks time on these platforms from `now` on, every source at once. */
  async blockers(tx: Tx, platformIds: string[], now: Date): Promise<Blockers> {
    const ids = [...new Set(platformIds)];
    const loaded: Blockers[] = [];
    for (const source of this.sources) loaded.push(await source.load(tx, ids, now));
    if (loaded.length === 1) return loaded[0];
    return {
      for: (target) => combineBlockers(loaded.map((b) => b.for(target))),
      key: (target) => loaded.map((b) => b.key(target)).join('|'),
    };
  }

  /**
   * Moves tasks to the tenant's first window that nothing blocks: from the window open now (if the
   * update still fits) or, with `startsFrom`, from the first window starting at or after it.
   */
  placeMoves(tx: Tx, tasks: MovingTask[], now: Date, startsFrom?: Date): Promise<PlacedMoves> {
    return this.placeEach(tx, tasks, now, (task) => ({
      mode: 'maintenance_window',
      window: task.window,
      expectedDurationMinutes: task.expectedDurationMinutes,
      startsFrom,
      ifBlocked: 'next_free_window',
    }));
  }

  /**
   * Immediate and custom tasks the service schedules (a rollout wave opening): each at its time,
   * or at the first instant after the blocking periods that time overlaps (platform maintenance,
   * blackouts), except those in its `overrides` (a platform admin's forced update and blackouts).
   * Every source is read once for all the tasks.
   */
  placeInstants(
    tx: Tx,
    tasks: (MovingTask & { runAt: Date; overrides?: readonly BlockCode[] })[],
    now: Date,
  ): Promise<PlacedMoves> {
    // A custom-mode placement never has an expiry (place() returns expiresAt: null for it).
    return this.placeEach(tx, tasks, now, (task) => ({
      mode: 'custom',
      runAt: task.runAt,
      window: task.window,
      expectedDurationMinutes: task.expectedDurationMinutes,
      ifBlocked: 'next_free_window',
      overrides: task.overrides,
    }));
  }

  /**
   * Places each task with what `askOf` asks for it; every source is read once for all of them.
   * Tasks whose blockers have the same key and whose asks are equal get the same placement, so
   * each distinct (blockers, ask) is placed once, as scheduling places each distinct window once
   * (a move of 20,000 tasks on a handful of windows: a handful of `place` calls).
   */
  private async placeEach<T extends MovingTask>(
    tx: Tx,
    tasks: T[],
    now: Date,
    askOf: (task: T) => PlacementAsk,
  ): Promise<PlacedMoves> {
    const result: PlacedMoves = { placed: [], unplaced: [] };
    if (tasks.length === 0) return result;
    const blockers = await this.blockers(
      tx,
      tasks.map((t) => t.target.platformId),
      now,
    );
    const placed = new Map<string, Placement>();
    for (const task of tasks) {
      const ask = askOf(task);
      const key = `${blockers.key(task.target)}\u0000${JSON.stringify(ask)}`;
      let placement = placed.get(key);
      if (!placement) {
        placement = place(ask, blockers.for(task.target), now);
        placed.set(key, placement);
      }
      if (placement.placed)
        result.placed.push({ id: task.id, runAt: placement.runAt, expiresAt: placement.expiresAt });
      else result.unplaced.push({ id: task.id, reason: placement.reason });
    }
    return result;
  }

  /**
   * The next windows of a task's tenant that nothing blocks (platform maintenance, blackouts),
   * starting after `after` and at the latest at `until`: at most `count`, earliest first.
   */
  async freeWindows(
    tx: Tx,
    task: MovingTask,
    range: { after: Date; until: Date; count: number },
    now: Date,
  ): Promise<TimeSlot[]> {
    const blockers = await this.blockers(tx, [task.target.platformId], now);
    return freeWindows(
      task.window,
      range.after,
      range.until,
      task.expectedDurationMinutes,
      blockers.for(task.target),
      range.count,
    );
  }
}
