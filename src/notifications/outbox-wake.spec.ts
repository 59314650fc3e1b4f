import { renumbered } from './outbox-wake';

describe('renumbered parameters of a statement combined with others', () => {
  it('moves every $n up by the parameters before it', () => {
    expect(renumbered('SELECT $1, $2::uuid[], $10 || $1', 3)).toBe(
      'SELECT $4, $5::uuid[], $13 || $4',
    );
  });

  it('leaves the first statement as it is', () => {
    expect(renumbered('SELECT $$x$$, $1', 0)).toBe('SELECT $$x$$, $1');
  });

  it('refuses a statement with a $ that is no parameter (a dollar-quoted string)', () => {
    expect(() => renumbered('SELECT $$a $1$$, $1', 1)).toThrow(/every \$ is a parameter/);
  });
});
