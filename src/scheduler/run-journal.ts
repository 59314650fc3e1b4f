import { Injectable, Logger } from '@nestjs/common';
import { GroupCommit, isPermanent } from './group-commit';
import { LeaseOwner } from './lease-owner';
import {
  type Completion,
  type ProgressChange,
  RunWritesRepository,
  type TaskEvent,
} from './run-writes.repository';

/** One write of a run: a log line, progress, a completed step (any of them). */
export interface JournalEntry {
  taskId: string;
  attempt: number;
  event?: Pick<TaskEvent, 'kind' | 'message'> &
    Partial<Pick<TaskEvent, 'step' | 'node' | 'durationMs' | 'at'>>;
  progress?: Omit<ProgressChange, 'taskId' | 'done'>;
  done?: string;
}

export interface JournalResult {
  /** false: this process no longer holds the task's lease. */
  held: boolean;
  cancelRequested: boolean;
}

type Item = { entry: JournalEntry } | { completion: Omit<Completion, 'done'> };
type ItemResult = JournalResult | boolean;

/**
 * The writes of every run of this process, committed in groups: a busy process writes the steps
 * and results of hundreds of tasks in one transaction. One queue, so that the writes of a task
 * commit in the order they were made; a run that ends has its last steps folded into its result.
 */
@Injectable()
export class RunJournal {
  private readonly logger = new Logger(RunJournal.name);
  private readonly queue: GroupCommit<Item, ItemResult>;

  constructor(
    private readonly repo: RunWritesRepository,
    private readonly owner: LeaseOwner,
  ) {
    this.queue = new GroupCommit(
      (items) => this.flush(items),
      (error, failures) =>
        this.logger[isPermanent(error) ? 'error' : 'warn'](
          { err: error, failures },
          'writing task progress failed; retrying',
        ),
      // Given up: the runs stop as if their lease were lost; their leases lapse and they are
      // recovered (and eventually failed after MAX_ATTEMPTS) instead of hanging here.
      (item) => ('completion' in item ? false : { held: false, cancelRequested: false }),
    );
  }

  write(entry: JournalEntry): Promise<JournalResult> {
    return this.queue.submit({ entry }) as Promise<JournalResult>;
  }

  /** Ends the run; false if the lease was lost (the task was left alone). */
  complete(completion: Omit<Completion, 'done'>): Promise<boolean> {
    return this.queue.submit({ completion }) as Promise<boolean>;
  }

  /** Every write submitted so far is committed. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async flush(items: Item[]): Promise<ItemResult[]> {
    const changes = new Map<string, ProgressChange>();
    const completions = new Map<string, Completion>();
    const events: TaskEvent[] = [];
    const now = new Date();
    for (const item of items) {
      if ('completion' in item) {
        const c = item.completion;
        const last = changes.get(c.taskId);
        completions.set(c.taskId, {
          ...c,
          done: last?.done ?? [],
          step: last?.step,
          percent: last?.percent,
        });
        changes.delete(c.taskId);
        continue;
      }
      const e = item.entry;
      const change = changes.get(e.taskId) ?? { taskId: e.taskId, done: [] };
      if (e.progress) {
        if (e.progress.step !== undefined) change.step = e.progress.step;
        if (e.progress.percent !== undefined) change.percent = e.progress.percent;
        if (e.progress.eta !== undefined) change.eta = e.progress.eta;
      }
      if (e.done) change.done.push(e.done);
      changes.set(e.taskId, change);
      if (e.event) {
        events.push({
          taskId: e.taskId,
          attempt: e.attempt,
          at: e.event.at ?? now,
          step: e.event.step ?? null,
          node: e.event.node ?? null,
          kind: e.event.kind,
          message: e.event.message,
          durationMs: e.event.durationMs ?? null,
        });
      }
    }
    const { held, ended } = await this.repo.write(this.owner.id, [...changes.values()], events, [
      ...completions.values(),
    ]);
    return items.map((item) => {
      if ('completion' in item) return ended.has(item.completion.taskId);
      const id = item.entry.taskId;
      return {
        held: held.has(id) || ended.has(id),
        cancelRequested: held.get(id)?.cancelRequested ?? false,
      };
    });
  }
}
