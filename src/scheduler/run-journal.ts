import { Injectable, Logger } from '@nestjs/common';
import { lockInOrder } from '../database/lock-order';
import { useGenericPlans } from '../database/sql';
import { type Tx, Transactions } from '../database/transactions';
import { Notices } from '../notifications/notices.service';
import { RolloutGates } from '../rollouts/rollout-gates.service';
import { SnapshotsRepository, type TakenSnapshot } from '../snapshots/snapshots.repository';
import { GroupCommit, isPermanent } from './group-commit';
import { type JournalEntry, type Segment, fold, isoNow, storable } from './journal-segment';
import { LeaseOwner } from './lease-owner';
import {
  type Completion,
  type Ended,
  type LogChunk,
  type LogLine,
  MAX_CHUNK_LINES,
  type ProgressChange,
  RunWritesRepository,
  type WriteResult,
} from './run-writes.repository';

export interface JournalResult {
  /** false: this process no longer holds the task's lease. */
  held: boolean;
  cancelRequested: boolean;
}

type Item = { segment: Segment } | { completion: Omit<Completion, 'done'> };
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
  /** Per task, its segment still waiting in the queue (later writes join it). */
  private readonly open = new Map<string, { segment: Segment; result: Promise<JournalResult> }>();
  /**
   * Per task and attempt (a run), its completion until it is committed: the run is over, its
   * writes are refused. A later attempt of the same task (claimed again by this process) writes on.
   */
  private readonly ending = new Map<string, Map<number, Promise<boolean>>>();

  constructor(
    private readonly db: Transactions,
    private readonly repo: RunWritesRepository,
    private readonly notices: Notices,
    private readonly owner: LeaseOwner,
    private readonly gates: RolloutGates,
    private readonly snapshots: SnapshotsRepository,
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
      // Items are runs (a segment of writes each, or a completion): one flush takes them all.
      10_000,
    );
  }

  /**
   * A log line is dated when it is written here (the step starts now), not when it commits. The
   * writes a run makes before the next flush begins join one queue item and share its promise
   * (the same result each would have had: they commit in the same statement).
   *
   * A write after the run's completion (an executor reporting progress once its step is over) is
   * refused: the completion's line is the run's last, and once it commits the lease is gone and
   * the database would refuse it too. Its promise settles with the completion: held if the run
   * ended (nothing to stop), not held if the lease had been lost.
   */
  write(entry: JournalEntry): Promise<JournalResult> {
    const ending = this.ending.get(entry.taskId)?.get(entry.attempt);
    if (ending) {
      this.logger.warn(
        { taskId: entry.taskId, attempt: entry.attempt, line: entry.event?.message },
        'a write after the run ended was dropped',
      );
      return ending.then((ended) => ({ held: ended, cancelRequested: false }));
    }
    const open = this.open.get(entry.taskId);
    // A write of another attempt of the task (a late one of the attempt before) starts a segment
    // of its own, after the open one in the queue.
    if (open && open.segment.attempt === entry.attempt) {
      fold(open.segment, entry);
      return open.result;
    }
    const segment: Segment = {
      taskId: entry.taskId,
      attempt: entry.attempt,
      lines: [],
      done: [],
      taken: null,
    };
    fold(segment, entry);
    const result = this.queue.submit({ segment }) as Promise<JournalResult>;
    this.open.set(entry.taskId, { segment, result });
    return result;
  }

  /**
   * Ends the run; false if the lease was lost (the task was left alone). Its error and last line
   * carry executor text: made storable (no NUL), or PostgreSQL would refuse the whole write.
   */
  complete(given: Omit<Completion, 'done'>): Promise<boolean> {
    const completion = {
      ...given,
      error: given.error === null ? null : storable(given.error),
      message: storable(given.message),
    };
    this.open.delete(completion.taskId); // its writes before commit first, in their own item
    const ended = this.queue.submit({ completion }) as Promise<boolean>;
    const taskId = completion.taskId;
    const attempt = completion.attempt;
    let runs = this.ending.get(taskId);
    if (!runs) this.ending.set(taskId, (runs = new Map()));
    runs.set(attempt, ended);
    void ended.then(() => {
      const left = this.ending.get(taskId);
      if (left?.get(attempt) !== ended) return;
      left.delete(attempt);
      if (left.size === 0) this.ending.delete(taskId);
    });
    return ended;
  }

  /** Every write submitted so far is committed. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async flush(items: Item[]): Promise<ItemResult[]> {
    const changes = new Map<string, ProgressChange>();
    const completions = new Map<string, Completion>();
    /** Per run, the chunk its lines of this flush go in (the last one, when it holds the most). */
    const chunks: LogChunk[] = [];
    const chunkOf = new Map<string, LogChunk>();
    const taken: TakenSnapshot[] = [];
    const now = isoNow();
    const addLine = (taskId: string, attempt: number, line: LogLine): LogChunk => {
      let chunk = chunkOf.get(taskId);
      if (!chunk || chunk.attempt !== attempt || chunk.lines.length >= MAX_CHUNK_LINES) {
        chunk = { task_id: taskId, attempt, lines: [] };
        chunks.push(chunk);
        chunkOf.set(taskId, chunk);
      }
      chunk.lines.push(line);
      return chunk;
    };
    // Taken by this flush (synchronously, before any await): later writes start new segments.
    for (const item of items) {
      if ('segment' in item && this.open.get(item.segment.taskId)?.segment === item.segment) {
        this.open.delete(item.segment.taskId);
      }
    }
    for (const item of items) {
      if ('completion' in item) {
        const c = item.completion;
        const last = changes.get(c.taskId);
        // The last line joins the run's chunk of this flush when it has one (written, or not, with
        // it: both need the lease); otherwise the completion writes it.
        const logged = chunkOf.has(c.taskId) && chunkOf.get(c.taskId)?.attempt === c.attempt;
        if (logged) {
          addLine(c.taskId, c.attempt, {
            at: now,
            kind: c.status === 'succeeded' ? 'info' : 'warning',
            message: storable(c.message),
          });
        }
        completions.set(c.taskId, {
          ...c,
          done: last?.done ?? [],
          step: last?.step,
          percent: last?.percent,
          logged,
        });
        changes.delete(c.taskId);
        continue;
      }
      const seg = item.segment;
      let change = changes.get(seg.taskId);
      if (!change) changes.set(seg.taskId, (change = { taskId: seg.taskId, done: [] }));
      if (seg.step !== undefined) change.step = seg.step;
      if (seg.percent !== undefined) change.percent = seg.percent;
      if (seg.eta !== undefined) change.eta = seg.eta;
      for (const key of seg.done) change.done.push(key);
      if (seg.taken) for (const snapshot of seg.taken) taken.push(snapshot);
      for (const line of seg.lines) addLine(seg.taskId, seg.attempt, line);
    }
    const { held, ended } = await this.commit(
      [...changes.values()],
      chunks,
      [...completions.values()],
      taken,
    );
    return items.map((item) => {
      if ('completion' in item) return ended.has(item.completion.taskId);
      const id = item.segment.taskId;
      return {
        held: held.has(id) || ended.has(id),
        cancelRequested: held.get(id)?.cancelRequested ?? false,
      };
    });
  }

  /**
   * One transaction when runs end (their tenants and notices with them) or backups took snapshots
   * (recorded with the step that took them, for the runs whose lease the writes before found
   * held); progress alone is one statement outside a transaction.
   */
  private async commit(
    changes: ProgressChange[],
    chunks: LogChunk[],
    completions: Completion[],
    taken: TakenSnapshot[],
  ): Promise<WriteResult> {
    const owner = this.owner.id;
    const work = async (tx: Tx): Promise<WriteResult> => {
      let rollouts: string[] = [];
      if (completions.length > 0) {
        await useGenericPlans(tx);
        // Failures of a rollout's tasks: the claim lock and the rollouts first, so that the error
        // gate decides before any claim starts another of their tasks (docs/rollouts.md).
        rollouts = await this.gates.rolloutsOf(
          tx,
          completions.filter((c) => c.status === 'failed').map((c) => c.taskId),
        );
        // Task rows first (in id order), then the completions write their tenants.
        const ids = [...changes.map((c) => c.taskId), ...completions.map((c) => c.taskId)];
        await lockInOrder(tx, {
          claims: rollouts.length > 0,
          rollouts: rollouts.length > 0 ? () => this.gates.lock(tx, rollouts) : undefined,
          tasks: () => this.repo.lockOwnRunning(tx, owner, ids),
        });
      }
      const held = await this.repo.journal(tx, owner, changes, chunks);
      const ended = await this.repo.complete(tx, owner, completions);
      const endedIds = new Set(ended.map((r) => r.id));
      // The rows of these tasks are locked by now (above, or by the journal statement).
      await this.snapshots.recordMany(
        tx,
        taken.filter((s) => held.has(s.taskId) || endedIds.has(s.taskId)),
      );
      await this.gates.afterFailures(tx, rollouts);
      await this.tellEnded(tx, ended);
      return { held, ended: endedIds };
    };
    return completions.length > 0 || taken.length > 0 ? this.db.run(work) : work(this.db.pool);
  }

  /** The succeeded / failed / cancelled notices (e-mails where wanted, webhooks to subscribers). */
  private async tellEnded(tx: Tx, rows: Ended[]): Promise<void> {
    if (rows.length === 0) return;
    const succeeded = rows.filter((r) => r.status === 'succeeded').map((r) => r.id);
    if (succeeded.length > 0) {
      await this.notices.forTasks(tx, 'task.succeeded', { taskIds: succeeded });
    }
    // One statement per distinct reason (failures of one batch mostly share theirs).
    const byReason = new Map<string, { event: 'task.failed' | 'task.cancelled'; ids: string[] }>();
    for (const r of rows) {
      if (r.status === 'succeeded') continue;
      const event = r.status === 'failed' ? 'task.failed' : 'task.cancelled';
      const reason = (r.status === 'failed' ? r.error : r.cancel_reason) ?? '';
      const key = `${event}\n${reason}`;
      const group = byReason.get(key) ?? { event, ids: [] };
      group.ids.push(r.id);
      byReason.set(key, group);
    }
    for (const [key, group] of byReason) {
      const reason = key.slice(key.indexOf('\n') + 1) || null;
      await this.notices.forTasks(tx, group.event, { taskIds: group.ids }, { reason });
    }
  }
}
