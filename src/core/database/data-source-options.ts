import { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../../config';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from '../../entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One description of the database for the app, the migration CLI, the demo and the tests. */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const primary = {
    host: config.host,
    port: config.port,
    username: config.username,
    password: config.password,
    database: config.database,
  };
  const replicas = config.replicas ?? [];
  return {
    type: 'mysql',
    ...(replicas.length === 0
      ? primary
      : {
          replication: {
            master: primary,
            slaves: replicas.map((replica) => ({ ...primary, ...replica })),
            // TypeORM would send every find() and select query builder to a replica, which may
            // not have applied the write just made: ordinary reads stay on the primary, and only
            // a query runner created with mode 'slave' (replica-reads.ts) reads a replica.
            defaultMode: 'master',
            // A server whose connection fails is set aside for a second (mysql2's pool cluster;
            // another replica takes the reading) and tried again after it, never dropped for good
            // (the default after 5 failures, which would need a restart to heal).
            removeNodeErrorCount: 1,
            restoreNodeTimeout: 1000,
          },
        }),
    charset: 'utf8mb4_unicode_ci',
    // Instants are stored in UTC; calendar dates (LMP, EDD) are DATE columns read as strings.
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    poolSize: config.poolSize,
    // An unreachable server fails a request within 2 s (answered 503) rather than hanging it.
    connectTimeout: 2000,
    extra: {
      maxIdle: config.poolSize,
      idleTimeout: 60_000,
      enableKeepAlive: true,
      // Prepared statements (plain-rows execute) kept per connection; the oldest is closed past it.
      maxPreparedStatements: 64,
      // No call-site stack captured for every query through TypeORM (mysql2's `trace`): a failed
      // query's QueryFailedError already carries its callers (V8's async stack traces). It was 4 %
      // of the API's CPU per visit.
      trace: false,
    },
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Failed queries surface as errors the exception filter logs with the request id; expected ones
    // (a duplicate key the service handles) would only be noise.
    logging: false,
  };
}
