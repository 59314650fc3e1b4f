import type { TakenSnapshot } from '../snapshots/snapshots.repository';
import type { LogLine, ProgressChange, TaskEvent } from './run-writes.repository';

/** One write of a run: a log line, progress, a completed step (any of them). */
export interface JournalEntry {
  taskId: string;
  attempt: number;
  event?: Pick<TaskEvent, 'kind' | 'message'> &
    Partial<Pick<TaskEvent, 'step' | 'node' | 'durationMs'>> & {
      /** When the line was written (ISO 8601, see `isoNow`); absent: when the journal takes it. */
      at?: string;
    };
  progress?: Omit<ProgressChange, 'taskId' | 'done'>;
  done?: string;
  /** The snapshot a backup step took: recorded in the transaction that marks the step done. */
  snapshot?: TakenSnapshot;
}

/**
 * The writes of one run made since its last flush began: one item, one promise. Folded as they
 * come (the entries themselves are not kept until the flush): the log lines in write order, the
 * latest progress, the steps done, the snapshots taken.
 */
export interface Segment {
  taskId: string;
  attempt: number;
  lines: LogLine[];
  step?: string;
  percent?: number;
  eta?: number;
  done: string[];
  taken: TakenSnapshot[] | null;
}

/** A write joins its segment: its line (dated now unless it has a time), progress, step, snapshot. */
export function fold(segment: Segment, e: JournalEntry): void {
  if (e.progress) {
    if (e.progress.step !== undefined) segment.step = e.progress.step;
    if (e.progress.percent !== undefined) segment.percent = e.progress.percent;
    if (e.progress.eta !== undefined) segment.eta = e.progress.eta;
  }
  if (e.done) segment.done.push(e.done);
  if (e.snapshot) {
    e.snapshot.externalId = storable(e.snapshot.externalId); // the executor's id: outside text
    (segment.taken ??= []).push(e.snapshot);
  }
  const event = e.event;
  if (event) {
    const line: LogLine = {
      at: event.at ?? isoNow(),
      kind: event.kind,
      message: storable(event.message),
    };
    if (event.step !== undefined && event.step !== null) line.step = event.step;
    if (event.node !== undefined && event.node !== null) line.node = event.node;
    if (event.durationMs !== undefined && event.durationMs !== null) {
      line.duration_ms = event.durationMs;
    }
    segment.lines.push(line);
  }
}

let lastMs = NaN;
let lastIso = '';

/**
 * The time now as a log line stores it: `new Date().toISOString()`, the text JSON.stringify writes
 * for a Date. A busy process writes many lines within one millisecond: they share one string.
 */
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/**
 * Executor text (messages, errors, snapshot ids) as PostgreSQL can store and read it back: no text
 * value can hold a NUL (\u0000): a statement with one is refused, and a log line's `json` keeps it
 * but every read of that task's log would then fail. Executor text comes from outside.
 */
export function storable(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}
