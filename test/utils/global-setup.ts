import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { databaseConfig, loadDotEnv, redisConfig } from '../../config';
import { dataSourceOptions } from '../../src/core/database/data-source-options';

/**
 * Recreates the test database, runs the real migrations and empties the test Redis database once
 * before the end-to-end specs.
 * Refuses any database whose name does not end in _test, so a mistyped variable cannot wipe data.
 */
export default async function globalSetup(): Promise<void> {
  loadDotEnv();
  const config = databaseConfig();
  if (!config.database.endsWith('_test')) {
    throw new Error(
      `Refusing to run end-to-end tests against "${config.database}": DB_NAME must end in _test`,
    );
  }
  const server = await createConnection({
    host: config.host,
    port: config.port,
    user: config.username,
    password: config.password,
  });
  await server.query(`DROP DATABASE IF EXISTS \`${config.database}\``);
  await server.query(
    `CREATE DATABASE \`${config.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await server.end();

  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  // Queues start empty too; test.sh points the tests at their own Redis database.
  const redis = new Redis(redisConfig());
  await redis.flushdb();
  redis.disconnect();
}
