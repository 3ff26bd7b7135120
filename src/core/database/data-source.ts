import { DataSource } from 'typeorm';
import { databaseConfig, loadDotEnv } from '../../../config';
import { dataSourceOptions } from './data-source-options';

// The TypeORM CLI entry: npm run migration:generate|run|revert.
loadDotEnv();
export const AppDataSource = new DataSource(dataSourceOptions(databaseConfig()));
