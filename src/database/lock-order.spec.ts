import type { Tx } from './transactions';
import { enterLockLevel, lockInOrder, LockOrderError } from './lock-order';

/** A transaction handle that records the statements it is given. */
function recordingTx(): { tx: Tx; statements: string[] } {
  const statements: string[] = [];
  const tx = {
    query: async (sql: string, params: unknown[] = []) => {
      statements.push(`${sql} ${JSON.stringify(params)}`);
      return [];
    },
  };
  return { tx: tx as unknown as Tx, statements };
}

describe('the lock order', () => {
  it('takes the levels it is given in order: claims, platforms (sorted), tasks, tenants', async () => {
    const { tx, statements } = recordingTx();
    const taken: string[] = [];
    const result = await lockInOrder(tx, {
      tenants: async () => {
        taken.push('tenants');
        return 'tenant';
      },
      tasks: async () => {
        taken.push('tasks');
        return 'task';
      },
      platforms: { ids: ['b', 'a', 'b'], mode: 'shared' },
    });
    expect(result).toEqual({ tasks: 'task', tenants: 'tenant' });
    expect(taken).toEqual(['tasks', 'tenants']);
    expect(statements).toEqual([
      'SELECT pg_advisory_xact_lock_shared(7271400, hashtext($1)) ["a"]',
      'SELECT pg_advisory_xact_lock_shared(7271400, hashtext($1)) ["b"]',
    ]);
  });

  it('takes exclusive platform locks for maintenance', async () => {
    const { tx, statements } = recordingTx();
    await lockInOrder(tx, { platforms: { ids: ['a'], mode: 'exclusive' } });
    expect(statements[0]).toMatch(/^SELECT pg_advisory_xact_lock\(7271400/);
  });

  it('refuses to go back to an earlier level in the same transaction', async () => {
    const { tx } = recordingTx();
    await lockInOrder(tx, { tasks: async () => undefined });
    await expect(
      lockInOrder(tx, { platforms: { ids: ['a'], mode: 'shared' } }),
    ).rejects.toBeInstanceOf(LockOrderError);
    expect(() => enterLockLevel(tx, 'tenants')).not.toThrow();
    expect(() => enterLockLevel(tx, 'tasks')).toThrow(/tasks locks taken after tenants locks/);
  });

  it('keeps platform ids in order across calls: a later call may not go back to a lower id', async () => {
    const { tx, statements } = recordingTx();
    await lockInOrder(tx, { platforms: { ids: ['b'], mode: 'shared' } });
    await lockInOrder(tx, { platforms: { ids: ['b', 'c'], mode: 'shared' } });
    await expect(
      lockInOrder(tx, { platforms: { ids: ['a', 'c'], mode: 'shared' } }),
    ).rejects.toThrow(/platform a locked after platform c/);
    expect(statements.map((s) => s.slice(-5))).toEqual(['["b"]', '["b"]', '["c"]']);
    const other = recordingTx();
    await lockInOrder(other.tx, { platforms: { ids: ['c', 'a'], mode: 'exclusive' } });
    expect(other.statements.map((s) => s.slice(-5))).toEqual(['["a"]', '["c"]']);
  });

  it('keeps the order per transaction', async () => {
    const first = recordingTx();
    const second = recordingTx();
    enterLockLevel(first.tx, 'tenants');
    expect(() => enterLockLevel(second.tx, 'platforms')).not.toThrow();
  });
});
