import { DataSource } from 'typeorm';
import { asMigrationAccount, databaseConfig, loadDotEnv } from '../../../config';
import { dataSourceOptions } from './data-source-options';

// The TypeORM CLI entry: npm run migration:generate|revert, as the migration account (it owns the
// schema). Running migrations goes through src/migrate.ts, which also grants the app its tables.
loadDotEnv();
export const AppDataSource = new DataSource(
  dataSourceOptions(asMigrationAccount(databaseConfig())),
);
