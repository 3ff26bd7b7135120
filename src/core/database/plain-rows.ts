import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Raw-SQL rows that still go through the entity's column metadata (names, transformers, type
 * conversions), for the few statements every visit runs: there the query builders' CPU costs
 * more than the statement itself (issue 7). Everywhere else, use the repositories.
 */

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
  const result = await manager.query<{ insertId: number }>(
    `INSERT INTO \`${metadata.tableName}\` (${columns.map((c) => `\`${c.databaseName}\``).join(', ')})
     VALUES ${rows.map(() => placeholders).join(', ')}`,
    rows.flatMap((row) =>
      columns.map((column): unknown =>
        driver.preparePersistentValue(column.getEntityValue(row), column),
      ),
    ),
  );
  return result.insertId;
}
