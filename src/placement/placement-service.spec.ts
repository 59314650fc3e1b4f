import type { Tx } from '../database/transactions';
import { type Blockers, NOTHING_BLOCKS, periodsBlocker } from './placement';
import { type BlockingSource, PlacementService } from './placement.service';

const WINDOW = { cron: '0 2 * * *', durationMinutes: 240, timezone: 'UTC' };
const NOW = new Date('2027-01-04T10:00:00Z');

/** Blocks tenant `t-blocked` on 5 January; counts how often a blocker is asked for. */
class OneTenantBlocked implements BlockingSource {
  readonly name = 'one tenant blocked';
  asked = 0;
  async load(): Promise<Blockers> {
    const blocked = periodsBlocker([
      {
        code: 'blackout_overlap',
        id: 'b',
        startsAt: new Date('2027-01-05T00:00:00Z'),
        endsAt: new Date('2027-01-06T00:00:00Z'),
        description: 'the blackout b',
      },
    ]);
    return {
      for: (target) => {
        this.asked++;
        return target.tenantId === 't-blocked' ? blocked : NOTHING_BLOCKS;
      },
      key: (target) => (target.tenantId === 't-blocked' ? 't-blocked' : ''),
    };
  }
}

const task = (id: string, tenantId: string, expectedDurationMinutes = 60) => ({
  id,
  target: { platformId: 'p', partnerId: 'pa', tenantId },
  window: WINDOW,
  expectedDurationMinutes,
});

describe('PlacementService.placeMoves', () => {
  it('places each distinct (blockers, ask) once and gives every task its own blockers', async () => {
    const source = new OneTenantBlocked();
    const placement = new PlacementService();
    placement.register(source);
    const { placed } = await placement.placeMoves(
      {} as Tx,
      [
        task('a', 't-1'),
        task('b', 't-2'),
        task('c', 't-blocked'),
        task('d', 't-3'),
        task('e', 't-4', 90),
      ],
      NOW,
    );
    expect(placed.map((p) => [p.id, p.runAt.toISOString()])).toEqual([
      ['a', '2027-01-05T02:00:00.000Z'],
      ['b', '2027-01-05T02:00:00.000Z'],
      ['c', '2027-01-06T02:00:00.000Z'],
      ['d', '2027-01-05T02:00:00.000Z'],
      ['e', '2027-01-05T02:00:00.000Z'],
    ]);
    // a, b, d share one placement; c (its own blockers) and e (another duration) one each.
    expect(source.asked).toBe(3);
  });
});
