import 'reflect-metadata';
import { databaseConfig, loadDotEnv } from '../config';
import { migrateDatabase } from './core/database/migrate';

/**
 * `npm run migration:run`, the demo and the compose `migrate` service: applies the pending
 * migrations as the migration account, then grants the application's role its table privileges.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = databaseConfig();
  // A server the local services script did not set up has no database of this name yet.
  const run = await migrateDatabase(config, { createIfMissing: true });
  const applied = run.applied.length ? run.applied.join(', ') : 'none pending';
  console.log(`[migrate] ${config.database}: migrations ${applied}`);
  console.log(
    `[migrate] role ${config.appRole} granted its privileges on ${run.tables} tables (audit_entry: SELECT, INSERT only)`,
  );
  if (!run.encryptedAtRest) {
    console.warn(
      '[migrate] WARNING: the server does not encrypt InnoDB tables at rest (innodb_encrypt_tables=OFF); see docker/local-services.sh or docker/mariadb-conf/encryption.cnf',
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
