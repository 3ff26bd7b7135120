import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { asMigrationAccount, type DatabaseConfig } from '../../../config';
import { grantAppPrivileges, quoteName } from './app-grants';
import { dataSourceOptions } from './data-source-options';

export interface MigrateOptions {
  /** Drop and create the database first (the end-to-end tests' fresh database). */
  recreate?: boolean;
  /** Create the database when it does not exist yet (the benchmark's database). */
  createIfMissing?: boolean;
}

export interface MigrationRun {
  /** The migrations this run applied, oldest first. */
  applied: string[];
  /** Tables whose privileges were granted to the application's role. */
  tables: number;
  /** The server encrypts new and existing InnoDB tables at rest. */
  encryptedAtRest: boolean;
}

/**
 * The one way to migrate: as the migration account, which owns the schema, then grants the
 * application's role its table privileges (app-grants.ts). Used by `npm run migration:run`, the
 * demo, the compose `migrate` service, the end-to-end set-up and the benchmark.
 */
export async function migrateDatabase(
  config: DatabaseConfig,
  options: MigrateOptions = {},
): Promise<MigrationRun> {
  const owner = asMigrationAccount(config);
  if (owner.username === config.username) {
    throw new Error(
      `DB_MIGRATION_USER must not be DB_USER (${config.username}): the application's account may not change the audit trail`,
    );
  }
  if (options.recreate || options.createIfMissing) await createDatabase(owner, options);
  const dataSource = new DataSource(dataSourceOptions(owner));
  await dataSource.initialize().catch((error: unknown) => {
    throw loginHint(error, owner);
  });
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const { tables } = await grantAppPrivileges(dataSource, config.database, config.appRole);
    const [{ encrypt }] = await dataSource.query<Array<{ encrypt: string }>>(
      'SELECT @@innodb_encrypt_tables AS encrypt',
    );
    return {
      applied: applied.map((migration) => migration.name),
      tables,
      encryptedAtRest: encrypt !== 'OFF',
    };
  } finally {
    await dataSource.destroy();
  }
}

async function createDatabase(owner: DatabaseConfig, options: MigrateOptions): Promise<void> {
  const server = await createConnection({
    host: owner.host,
    port: owner.port,
    user: owner.username,
    password: owner.password,
  }).catch((error: unknown) => {
    throw loginHint(error, owner);
  });
  try {
    const name = quoteName(owner.database);
    if (options.recreate) await server.query(`DROP DATABASE IF EXISTS ${name}`);
    await server.query(
      `CREATE DATABASE ${options.recreate ? '' : 'IF NOT EXISTS '}${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await server.end();
  }
}

function loginHint(error: unknown, owner: DatabaseConfig): unknown {
  if ((error as { code?: string }).code !== 'ER_ACCESS_DENIED_ERROR') return error;
  return new Error(
    `The migration account '${owner.username}' (DB_MIGRATION_USER) cannot log in to ${owner.host}:${owner.port}. ` +
      `docker/local-services.sh start creates it on a local server; elsewhere, as a MariaDB administrator:\n` +
      `  CREATE USER '${owner.username}'@'<host>' IDENTIFIED BY '...';\n` +
      `  GRANT ALL PRIVILEGES ON \`${owner.database.replace(/_test$/, '')}%\`.* TO '${owner.username}'@'<host>' WITH GRANT OPTION;`,
    { cause: error },
  );
}
