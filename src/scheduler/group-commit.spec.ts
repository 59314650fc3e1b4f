import { GroupCommit, isPermanent } from './group-commit';

const sqlError = (code: string) =>
  Object.assign(new Error('query failed'), { driverError: { code } });

describe('group commit of run writes', () => {
  it('commits what was submitted in one turn of the event loop as one batch, in order', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, string>(
      async (items) => {
        batches.push(items);
        return items.map((i) => `ok ${i}`);
      },
      () => undefined,
      () => 'failed',
    );
    const results = await Promise.all([1, 2, 3].map((i) => commit.submit(i)));
    expect(results).toEqual(['ok 1', 'ok 2', 'ok 3']);
    expect(batches).toEqual([[1, 2, 3]]);
    await commit.idle();
  });

  it('retries a batch while the database is unreachable, then commits it', async () => {
    let calls = 0;
    const errors: number[] = [];
    const commit = new GroupCommit<number, string>(
      async (items) => {
        if (++calls < 3) throw new Error('Connection terminated unexpectedly');
        return items.map(() => 'ok');
      },
      (_error, failures) => errors.push(failures),
      () => 'failed',
    );
    expect(await commit.submit(1)).toBe('ok');
    expect(errors).toEqual([1, 2]);
  });

  it('gives a batch up after a few permanent errors instead of hanging', async () => {
    const commit = new GroupCommit<number, string>(
      async () => {
        throw sqlError('42601');
      },
      () => undefined,
      (item) => `given up ${item}`,
    );
    expect(await Promise.all([commit.submit(1), commit.submit(2)])).toEqual([
      'given up 1',
      'given up 2',
    ]);
  });

  it('tries a refused batch again one item at a time: only the item the database refuses is given up', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, string>(
      async (items) => {
        batches.push(items);
        if (items.includes(2)) throw sqlError('22021'); // e.g. a NUL in a text value
        return items.map((i) => `ok ${i}`);
      },
      () => undefined,
      (item) => `given up ${item}`,
    );
    const results = await Promise.all([1, 2, 3].map((i) => commit.submit(i)));
    expect(results).toEqual(['ok 1', 'given up 2', 'ok 3']);
    // Three tries of the batch, then each item on its own, in order (2 three times).
    expect(batches).toEqual([[1, 2, 3], [1, 2, 3], [1, 2, 3], [1], [2], [2], [2], [3]]);
  });

  it('tells bugs in a statement from lost connections', () => {
    expect(isPermanent(sqlError('42P01'))).toBe(true);
    expect(isPermanent(sqlError('23505'))).toBe(true);
    expect(isPermanent(sqlError('57P01'))).toBe(false); // terminated by an administrator
    expect(isPermanent(new Error('Connection terminated'))).toBe(false);
    // Thrown while the write is built (e.g. an invalid date): retrying cannot cure it.
    expect(isPermanent(new RangeError('Invalid time value'))).toBe(true);
  });
});
