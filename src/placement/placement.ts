import { DateTime } from 'luxon';
import {
  MaintenanceWindow,
  nextWindow,
  slotsOverlap,
  TimeSlot,
  windowContaining,
} from '../common/maintenance-window';

/**
 * "When may this task run?" — the one answer, from the tenant's maintenance window and whatever
 * blocks time (platform maintenance; further sources plug in through BlockingSource, see
 * placement.service.ts). Pure: no I/O, no clock of its own.
 */

/** The refusal code of each kind of blocking period (a new source adds its code here). */
export type BlockCode = 'maintenance_overlap' | 'blackout_overlap';

/**
 * Blocking periods that a maintenance-window task steps over instead of being refused: a blackout
 * is a standing rule of the tenant or partner, so such a task takes the first window outside it.
 */
const STEPPED_OVER_BY_WINDOW_TASKS: readonly BlockCode[] = ['blackout_overlap'];

export const REPEATS = ['none', 'weekly', 'monthly', 'yearly'] as const;
export type Repeat = (typeof REPEATS)[number];

/** How a period repeats: every week, month or year at the same wall-clock time in `timezone`. */
export interface Recurrence {
  every: Exclude<Repeat, 'none'>;
  timezone: string;
}

/**
 * A period during which no update may run. Half-open: [startsAt, endsAt). With `recurrence`, the
 * period is the first occurrence and repeats from there on (blackouts); a blocker answers with the
 * occurrence a slot overlaps.
 */
export interface BlockingPeriod {
  code: BlockCode;
  id: string;
  startsAt: Date;
  endsAt: Date;
  recurrence?: Recurrence;
  /** How refusals and notices name it, e.g. "platform maintenance <id> (<start> – <end>)". */
  description: string;
}

/** What blocks one tenant's time: answers whether a slot is free. */
export interface Blocker {
  /**
   * The earliest-starting period that the slot [start, end) overlaps, or null when it is free;
   * periods whose code is in `ignore` do not count (a platform admin's forced update).
   */
  firstOverlap(slot: TimeSlot, ignore?: readonly BlockCode[]): BlockingPeriod | null;
}

export const NOTHING_BLOCKS: Blocker = { firstOverlap: () => null };

/** The longest a repeating period may last: shorter than the repeat (31 days for a month is not). */
export const MAX_REPEATING_DAYS: Record<Recurrence['every'], number> = {
  weekly: 7,
  monthly: 28,
  yearly: 365,
};
const UNIT = { weekly: 'weeks', monthly: 'months', yearly: 'years' } as const;

/** The k-th occurrence (k ≥ 0) of a repeating period: both ends moved by k units, wall-clock kept. */
function occurrence(p: BlockingPeriod, r: Recurrence, k: number): TimeSlot {
  const unit = UNIT[r.every];
  const at = (d: Date) =>
    DateTime.fromJSDate(d, { zone: r.timezone })
      .plus({ [unit]: k })
      .toJSDate();
  return { start: at(p.startsAt), end: at(p.endsAt) };
}

/**
 * The occurrences of a period that overlap [from, to), earliest first (one for a one-off period
 * that overlaps it). A repeating period must be shorter than its repeat (MAX_REPEATING_DAYS).
 */
export function occurrencesOverlapping(p: BlockingPeriod, slot: TimeSlot): TimeSlot[] {
  const r = p.recurrence;
  if (!r)
    return slotsOverlap(slot, { start: p.startsAt, end: p.endsAt })
      ? [{ start: p.startsAt, end: p.endsAt }]
      : [];
  if (slot.end <= p.startsAt) return [];
  const unit = UNIT[r.every];
  const elapsed = DateTime.fromJSDate(slot.start, { zone: r.timezone })
    .diff(DateTime.fromJSDate(p.startsAt, { zone: r.timezone }), unit)
    .get(unit);
  // Two units back covers rounding and an occurrence still running at slot.start.
  let k = Math.max(0, Math.floor(elapsed) - 2);
  const found: TimeSlot[] = [];
  for (;;) {
    const o = occurrence(p, r, k);
    if (o.start >= slot.end) return found;
    if (o.end > slot.start) found.push(o);
    k++;
  }
}

/**
 * A blocker made of periods: platform maintenance, one-off and repeating blackouts. The one piece
 * of code that says whether a slot is free of them (windows are walked by firstFreeWindow).
 */
export function periodsBlocker(periods: BlockingPeriod[]): Blocker {
  if (periods.length === 0) return NOTHING_BLOCKS;
  return {
    firstOverlap: (slot, ignore) => {
      let first: BlockingPeriod | null = null;
      for (const p of periods) {
        if (ignore?.includes(p.code)) continue;
        const [o] = occurrencesOverlapping(p, slot);
        if (!o || (first && o.start >= first.startsAt)) continue;
        first = p.recurrence ? { ...p, startsAt: o.start, endsAt: o.end } : p;
      }
      return first;
    },
  };
}

/** Every blocker at once: the earliest-starting overlap of any of them. */
export function combineBlockers(blockers: Blocker[]): Blocker {
  const active = blockers.filter((b) => b !== NOTHING_BLOCKS);
  if (active.length === 0) return NOTHING_BLOCKS;
  if (active.length === 1) return active[0];
  return {
    firstOverlap: (slot, ignore) => {
      let first: BlockingPeriod | null = null;
      for (const b of active) {
        const p = b.firstOverlap(slot, ignore);
        if (p && (!first || p.startsAt < first.startsAt)) first = p;
      }
      return first;
    },
  };
}

const MINUTE = 60_000;

/** The slot an update occupies: [runAt, runAt + expected). */
export function updateSlot(runAt: Date, expectedMinutes: number): TimeSlot {
  return { start: runAt, end: new Date(runAt.getTime() + expectedMinutes * MINUTE) };
}

/** The window a maintenance-window task takes now: the open one if the update still fits, else the next. */
export function windowSlot(
  window: MaintenanceWindow,
  now: Date,
  expectedMinutes: number,
): TimeSlot {
  const current = windowContaining(window, now);
  if (current && now.getTime() + expectedMinutes * MINUTE <= current.end.getTime()) {
    return { start: now, end: current.end };
  }
  return nextWindow(window, now);
}

/** How far ahead a move looks for a free window (in windows: a year of daily windows). */
export const FREE_WINDOW_LOOKAHEAD = 366;

/**
 * The first window of `window` that starts at or after `from` and whose update slot nothing
 * blocks (looks at most `limit` windows ahead; null when every one is blocked).
 */
export function firstFreeWindow(
  window: MaintenanceWindow,
  from: Date,
  expectedMinutes: number,
  blocker: Blocker,
  limit = FREE_WINDOW_LOOKAHEAD,
): TimeSlot | null {
  let slot = nextWindow(window, new Date(from.getTime() - 1));
  for (let i = 0; i < limit; i++) {
    const blocking = blocker.firstOverlap(updateSlot(slot.start, expectedMinutes));
    if (!blocking) return slot;
    slot = nextWindow(
      window,
      new Date(Math.max(slot.start.getTime(), blocking.endsAt.getTime() - 1)),
    );
  }
  return null;
}

/**
 * The windows of `window` starting after `after` and at the latest at `until` whose update slot
 * nothing blocks, earliest first, at most `count` (what a customer may postpone to). Windows are
 * walked as firstFreeWindow walks them, so a blocking period is stepped over in one step.
 */
export function freeWindows(
  window: MaintenanceWindow,
  after: Date,
  until: Date,
  expectedMinutes: number,
  blocker: Blocker,
  count: number,
): TimeSlot[] {
  const found: TimeSlot[] = [];
  let from = new Date(after.getTime() + 1);
  while (found.length < count) {
    const slot = firstFreeWindow(window, from, expectedMinutes, blocker);
    if (!slot || slot.start > until) break;
    found.push(slot);
    from = new Date(slot.start.getTime() + 1);
  }
  return found;
}

/** Immediate and custom tasks moved past blocking periods: how many back-to-back ones at most. */
export const FREE_INSTANT_STEPS = 1000;

export type PlacementMode = 'immediate' | 'maintenance_window' | 'custom';

/** What is asked of the placement. */
export interface PlacementAsk {
  mode: PlacementMode;
  /** Custom mode: when. */
  runAt?: Date;
  expectedDurationMinutes: number;
  /** The tenant's maintenance window (maintenance-window mode). */
  window: MaintenanceWindow;
  /**
   * Maintenance-window mode: the first window starting at or after this (a task moved out of a
   * maintenance period); absent: the window open now if the update still fits, else the next.
   */
  startsFrom?: Date;
  /**
   * `refuse`: a blocked slot is a refusal (a task being scheduled, rescheduled or retried: the
   * caller asked for that time). `next_free_window`: the task moves on to the first window after
   * the blocked slot that nothing blocks (a task the service moves: its window changed or closed,
   * maintenance was announced over it); in immediate and custom mode (a rollout wave opening), to
   * the first instant after the blocking periods it overlaps, i.e. the end of the last of them.
   * Either way a maintenance-window task steps over blackouts.
   */
  ifBlocked: 'refuse' | 'next_free_window';
  /**
   * Immediate and custom mode: kinds of period that do not block this task (a platform admin's
   * forced update may run inside a blackout; see updates/task-policy.ts).
   */
  overrides?: readonly BlockCode[];
}

export type PlacementRefusalCode = 'window_too_short' | BlockCode | 'no_free_window';

export type Placement =
  | {
      placed: true;
      runAt: Date;
      /** The end of the window the task must start in; null when it may start any time. */
      expiresAt: Date | null;
    }
  | { placed: false; code: PlacementRefusalCode; reason: string; blockedBy?: BlockingPeriod };

/** When the task may run, or why it may not. */
export function place(ask: PlacementAsk, blocker: Blocker, now: Date): Placement {
  const expected = ask.expectedDurationMinutes;
  if (ask.mode !== 'maintenance_window') {
    let runAt = ask.mode === 'custom' && ask.runAt ? ask.runAt : now;
    for (let step = 0; step < FREE_INSTANT_STEPS; step++) {
      const blocking = blocker.firstOverlap(updateSlot(runAt, expected), ask.overrides);
      if (!blocking) return { placed: true, runAt, expiresAt: null };
      if (ask.ifBlocked === 'refuse') return blocked(blocking);
      // The update would overlap it: the first instant after it (which may overlap the next one).
      runAt = blocking.endsAt;
    }
    return {
      placed: false,
      code: 'no_free_window',
      reason: `no time free of blocking periods after ${FREE_INSTANT_STEPS} of them in a row`,
    };
  }
  if (ask.ifBlocked === 'refuse' && expected > ask.window.durationMinutes) {
    return {
      placed: false,
      code: 'window_too_short',
      reason: `the update is expected to take ${expected} minutes, longer than the tenant's ${ask.window.durationMinutes}-minute maintenance window`,
    };
  }
  const slot = ask.startsFrom
    ? nextWindow(ask.window, new Date(ask.startsFrom.getTime() - 1))
    : windowSlot(ask.window, now, expected);
  const blocking = blocker.firstOverlap(updateSlot(slot.start, expected));
  if (!blocking) return { placed: true, runAt: slot.start, expiresAt: slot.end };
  if (ask.ifBlocked === 'refuse' && !STEPPED_OVER_BY_WINDOW_TASKS.includes(blocking.code))
    return blocked(blocking);
  const free = firstFreeWindow(ask.window, ask.startsFrom ?? slot.end, expected, blocker);
  if (!free) {
    return {
      placed: false,
      code: 'no_free_window',
      reason: `no maintenance window free of blocking periods within the next ${FREE_WINDOW_LOOKAHEAD} windows`,
    };
  }
  return { placed: true, runAt: free.start, expiresAt: free.end };
}

function blocked(p: BlockingPeriod): Placement {
  return {
    placed: false,
    code: p.code,
    reason: `the update would overlap ${p.description}`,
    blockedBy: p,
  };
}

/** Whose time a placement is about: a tenant, on its partner and platform. */
export interface PlacementTarget {
  platformId: string;
  partnerId?: string;
  tenantId?: string;
}

/** The blockers of many targets, as loaded for one request. */
export interface Blockers {
  for(target: PlacementTarget): Blocker;
  /**
   * Targets with the same key have the same blocker, so a planner places each distinct
   * (key, window) once: a platform of 100,000 tenants needs a handful of placements.
   */
  key(target: PlacementTarget): string;
}

export const NO_BLOCKERS: Blockers = { for: () => NOTHING_BLOCKS, key: () => '' };
