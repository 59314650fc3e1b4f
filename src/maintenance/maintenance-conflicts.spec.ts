import { resolveConflicts } from './maintenance-conflicts';

const window = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'UTC' };
const period = {
  id: 'm',
  platformId: 'p',
  startsAt: new Date('2027-01-10T00:00:00Z'),
  endsAt: new Date('2027-01-10T06:00:00Z'),
};
const task = (id: string, forced = false) => ({ id, forced, expectedDurationMinutes: 60, window });

describe('resolving tasks that overlap new maintenance', () => {
  it('cancels under the cancel policy, but moves forced tasks', () => {
    const result = resolveConflicts([task('a'), task('f', true)], 'cancel', period, [period]);
    expect(result.cancel).toEqual(['a']);
    expect(result.move).toEqual([
      {
        id: 'f',
        slot: { start: new Date('2027-01-11T02:00:00Z'), end: new Date('2027-01-11T06:00:00Z') },
      },
    ]);
  });

  it('moves every task to the first free window after the period under the reschedule policy', () => {
    const later = {
      id: 'n',
      platformId: 'p',
      startsAt: new Date('2027-01-11T01:00:00Z'),
      endsAt: new Date('2027-01-11T03:00:00Z'),
    };
    const result = resolveConflicts([task('a')], 'reschedule', period, [period, later]);
    expect(result.cancel).toEqual([]);
    expect(result.move[0].slot.start).toEqual(new Date('2027-01-12T02:00:00Z'));
  });
});
