import Redis from 'ioredis';
import { databaseConfig, loadDotEnv, redisConfig } from '../../config';
import { migrateDatabase } from '../../src/core/database/migrate';

/**
 * Recreates the test database, runs the real migrations as the migration account (which then
 * grants the application's role its tables) and empties the test Redis database once before the
 * end-to-end specs; the specs' app logs in as the application's account, like production.
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
  await migrateDatabase(config, { recreate: true });

  // Queues start empty too; test.sh points the tests at their own Redis database.
  const redis = new Redis(redisConfig());
  await redis.flushdb();
  redis.disconnect();
}
