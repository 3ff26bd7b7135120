/**
 * The application's privileges, table by table. MariaDB privileges only add up (a table grant
 * cannot take away what a database-wide grant gives), so the application's account holds none
 * on the database itself: its role gets each table's privileges here, after every migration run,
 * by the migration account. New tables get theirs the same way.
 */

/**
 * Written once, never changed or removed: the audit trail, the values of closed periods and the
 * exports sent.
 */
export const APPEND_ONLY_TABLES: readonly string[] = [
  'audit_entry',
  'indicator_value_closed',
  'indicator_export',
];
/** The application reads the migration history (nothing does yet) but never writes it. */
export const READ_ONLY_TABLES: readonly string[] = ['migrations'];

const READ_WRITE = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
/** Every table-level privilege; what a table's grant does not list is revoked. */
const TABLE_PRIVILEGES = [
  ...READ_WRITE,
  'CREATE',
  'DROP',
  'REFERENCES',
  'INDEX',
  'ALTER',
  'CREATE VIEW',
  'SHOW VIEW',
  'TRIGGER',
  'DELETE HISTORY',
];

export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export function privilegesOf(table: string): string[] {
  if (APPEND_ONLY_TABLES.includes(table)) return ['SELECT', 'INSERT'];
  if (READ_ONLY_TABLES.includes(table)) return ['SELECT'];
  return READ_WRITE;
}

export const quoteName = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/**
 * Grants `role` exactly the privileges of `privilegesOf()` on every table of `database`. Granting
 * before revoking keeps a running application working while the migrations run: it never loses
 * a privilege it keeps.
 */
export async function grantAppPrivileges(
  runner: SqlRunner,
  database: string,
  role: string,
): Promise<{ tables: number }> {
  const tables = (await runner.query(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES
     WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
    [database],
  )) as Array<{ name: string }>;
  for (const { name } of tables) {
    const target = `${quoteName(database)}.${quoteName(name)}`;
    const granted = privilegesOf(name);
    const others = TABLE_PRIVILEGES.filter((privilege) => !granted.includes(privilege));
    try {
      await runner.query(`GRANT ${granted.join(', ')} ON ${target} TO ${quoteName(role)}`);
    } catch (error) {
      throw missingRole(error, role);
    }
    // The grant above made the table's privilege row exist, so this revoke cannot fail on "no
    // such grant" even where nothing else was ever granted.
    await runner.query(`REVOKE ${others.join(', ')} ON ${target} FROM ${quoteName(role)}`);
  }
  return { tables: tables.length };
}

/** MariaDB answers a grant to an unknown role as to an unknown user: no matching row. */
function missingRole(error: unknown, role: string): unknown {
  const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
  if ((driverError?.code ?? code) !== 'ER_PASSWORD_NO_MATCH') return error;
  return new Error(
    `The role ${role} (DB_APP_ROLE) does not exist. Create it as a MariaDB administrator and make it ` +
      `the application account's default role (docker/local-services.sh start does this):\n` +
      `  CREATE ROLE ${role}; GRANT ${role} TO '<DB_USER>'@'<host>'; SET DEFAULT ROLE ${role} FOR '<DB_USER>'@'<host>';`,
    { cause: error },
  );
}
