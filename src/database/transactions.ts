import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * A database handle that repositories run their SQL on: one transaction, or the pool outside of
 * any transaction. Services get it from `Transactions` and pass it on; they never see the
 * DataSource.
 */
export type Tx = EntityManager;

/**
 * The one way services open a transaction. `run` commits when the work resolves and rolls back
 * when it throws; `pool` is the handle for reads (and single statements) outside a transaction.
 * Unit tests of services provide a fake (see test/support/fakes.ts).
 */
export abstract class Transactions {
  abstract run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  abstract get pool(): Tx;
  /**
   * Runs `work` inside a savepoint of `tx`: if it throws, its statements are undone (the
   * transaction goes on, the error is rethrown); if it resolves, they stay.
   */
  abstract savepoint<T>(tx: Tx, name: string, work: () => Promise<T>): Promise<T>;
}

@Injectable()
export class TypeOrmTransactions extends Transactions {
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    super();
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  get pool(): Tx {
    return this.ds.manager;
  }

  async savepoint<T>(tx: Tx, name: string, work: () => Promise<T>): Promise<T> {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`not a savepoint name: ${name}`);
    await tx.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await tx.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }
}
