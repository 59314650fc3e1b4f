import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { DatabaseHealth } from './database-health';
import { runMigrations } from './migrate';
import { Transactions, TypeOrmTransactions } from './transactions';

/**
 * Connects with TypeORM and applies pending migrations (under an advisory lock) before anything
 * else. Global: every feature's repositories and the Transactions helper of its services.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.databaseUrl)
          throw new Error('the database URL is resolved before the app starts');
        return {
          ...dataSourceOptions({ url: config.databaseUrl, poolSize: config.dbPoolSize }),
          autoLoadEntities: true,
          retryAttempts: 5,
          retryDelay: 2000,
        };
      },
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('missing data source options');
        const ds = await new DataSource(options).initialize();
        await runMigrations(ds);
        return ds;
      },
    }),
  ],
  providers: [{ provide: Transactions, useClass: TypeOrmTransactions }, DatabaseHealth],
  exports: [Transactions, DatabaseHealth],
})
export class DatabaseModule {}
