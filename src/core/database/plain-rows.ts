import type { ExecuteValues, PoolConnection } from 'mysql2';
import {
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  QueryFailedError,
} from 'typeorm';

/**
 * Raw-SQL rows that still go through the entity's column metadata (names, transformers, type
 * conversions), for the few statements every visit runs: there the query builders' CPU costs
 * more than the statement itself (issue 7). Everywhere else, use the repositories.
 */

/**
 * `sql` as a prepared statement on the transaction's connection: MariaDB parses and plans it once
 * per connection instead of on every call, and the rows skip TypeORM's query wrapper. Only for
 * statements whose text never varies (mysql2 keeps each distinct text prepared, up to the pool's
 * `maxPreparedStatements` per connection). Outside a transaction, an ordinary query. Failures are
 * TypeORM's `QueryFailedError`, as from `manager.query`.
 */
export async function execute<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return manager.query<T>(sql, parameters);
  const connection = (await runner.connect()) as PoolConnection;
  return new Promise<T>((resolve, reject) => {
    connection.execute(sql, parameters as ExecuteValues, (error, result) => {
      if (error) reject(new QueryFailedError(sql, parameters, error));
      else resolve(result as T);
    });
  });
}

/** The entity a `SELECT *` row describes, as TypeORM would have loaded it. */
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.isSelect && column.databaseName in row) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    }
  }
  return entity;
}

/** Inserts the defined values of `values` (the rest take their defaults); the new id. */
export function insertRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  values: Partial<T>,
): Promise<number> {
  return insertRows(manager, target, [values]);
}

/**
 * Inserts rows of one shape in one statement: the columns the first row defines (the rest take
 * their defaults). The first new id.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
): Promise<number> {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter(
    (column) => column.isInsert && column.getEntityValue(rows[0]) !== undefined,
  );
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO \`${metadata.tableName}\` (${columns.map((c) => `\`${c.databaseName}\``).join(', ')})
     VALUES ${rows.map(() => placeholders).join(', ')}`;
  const values = rows.flatMap((row) =>
    columns.map((column): unknown =>
      driver.preparePersistentValue(column.getEntityValue(row), column),
    ),
  );
  // One row's statement has one text per call site; a batch's varies with its length.
  const result =
    rows.length === 1
      ? await execute<{ insertId: number }>(manager, sql, values)
      : await manager.query<{ insertId: number }>(sql, values);
  return result.insertId;
}
