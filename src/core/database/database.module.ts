import { Module, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../../../config';
import { outageMonitor } from '../errors/outage-monitor';
import { dataSourceOptions } from './data-source-options';
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
  onModuleInit(): void {
    installTransactionRetry(this.dataSource);
    outageMonitor.registerProbe('database', () => this.dataSource.query('SELECT 1'));
  }
}
