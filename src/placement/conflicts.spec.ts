import { byOccurrence, resolveConflicts } from './conflicts';
import type { BlockingPeriod } from './placement';

const task = (id: string, forced = false) => ({ id, forced });

describe('resolving tasks that overlap new maintenance', () => {
  it('cancels under the cancel policy, but moves forced tasks', () => {
    const result = resolveConflicts([task('a'), task('f', true)], 'cancel');
    expect(result.cancel).toEqual(['a']);
    expect(result.move.map((t) => t.id)).toEqual(['f']);
  });

  it('moves every task under the reschedule policy', () => {
    const result = resolveConflicts([task('a'), task('f', true)], 'reschedule');
    expect(result.cancel).toEqual([]);
    expect(result.move.map((t) => t.id)).toEqual(['a', 'f']);
  });
});

describe('the tasks a new period overlaps, by occurrence', () => {
  // Every Saturday 00:00–06:00 UTC from 2027-03-06 on.
  const weekly: BlockingPeriod = {
    code: 'blackout_overlap',
    id: 'b',
    startsAt: new Date('2027-03-06T00:00:00Z'),
    endsAt: new Date('2027-03-06T06:00:00Z'),
    recurrence: { every: 'weekly', timezone: 'UTC' },
    description: 'a weekly blackout',
  };
  const at = (id: string, runAt: string, forced = false) => ({
    id,
    runAt: new Date(runAt),
    expectedDurationMinutes: 60,
    forced,
  });

  it('groups the overlapping tasks by the occurrence each overlaps, in the order they come', () => {
    const groups = byOccurrence(
      [
        at('late', '2027-03-13T05:30:00Z'), // runs into the second occurrence's last half hour
        at('free', '2027-03-06T06:00:00Z'), // starts as the first one ends
        at('first', '2027-03-06T01:00:00Z'),
        at('before', '2027-03-12T23:00:00Z'), // ends as the second one starts
        at('second', '2027-03-13T02:00:00Z'),
      ],
      weekly,
    );
    expect(
      groups.map((g) => [
        g.occurrence.start.toISOString(),
        g.occurrence.end.toISOString(),
        g.tasks.map((t) => t.id),
      ]),
    ).toEqual([
      ['2027-03-13T00:00:00.000Z', '2027-03-13T06:00:00.000Z', ['late', 'second']],
      ['2027-03-06T00:00:00.000Z', '2027-03-06T06:00:00.000Z', ['first']],
    ]);
  });

  it('leaves out the tasks that may stay inside the period', () => {
    const groups = byOccurrence(
      [at('forced', '2027-03-06T01:00:00Z', true), at('plain', '2027-03-06T02:00:00Z')],
      weekly,
      (t) => (t.forced ? ['blackout_overlap'] : []),
    );
    expect(groups.map((g) => g.tasks.map((t) => t.id))).toEqual([['plain']]);
  });
});
