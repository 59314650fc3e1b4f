import { resolveConflicts } from './conflicts';

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
