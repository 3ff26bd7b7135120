import { Module, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../../../config';
import { outageMonitor } from '../errors/outage-monitor';
import { dataSourceOptions } from './data-source-options';
import { hasReplicas, replicaCaughtUp } from './replica-reads';
import { installTransactionRetry } from './transaction-retry';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => ({
        ...dataSourceOptions(config),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every write transaction survives a deadlock or a dropped connection (transaction-retry.ts). */
  async onModuleInit(): Promise<void> {
    installTransactionRetry(this.dataSource);
    outageMonitor.registerProbe('database', () => this.dataSource.query('SELECT 1'));
    if (hasReplicas(this.dataSource)) {
      await this.checkPrimaryBinaryLog();
      outageMonitor.registerProbe('replica', () => replicaCaughtUp(this.dataSource));
    }
  }

  /**
   * A replica is read once it has reached the primary's binary log position: without a binary
   * log there is no position, and no replica could follow the primary anyway. Refuse to start.
   */
  private async checkPrimaryBinaryLog(): Promise<void> {
    const [{ logBin }] = await this.dataSource.query<Array<{ logBin: number | string }>>(
      'SELECT @@GLOBAL.log_bin AS logBin',
    );
    if (Number(logBin) !== 1) {
      throw new Error(
        'DB_REPLICA_HOSTS is set, but the primary (DB_HOST) writes no binary log (log_bin is OFF): ' +
          'no replica can follow it. Start it with log_bin and a server_id, or unset DB_REPLICA_HOSTS.',
      );
    }
  }
}
