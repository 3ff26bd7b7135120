import type { ExecuteValues, PoolConnection } from 'mysql2';
import {
  type DataSource,
  type EntityManager,
  type EntityMetadata,
  type EntityTarget,
  type ObjectLiteral,
  QueryFailedError,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

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

/** Column types the MySQL driver stores and reads unchanged (no transformer, no conversion). */
const UNCONVERTED_TYPES = new Set<unknown>([
  'int',
  'bigint',
  'smallint',
  'tinyint',
  'mediumint',
  'varchar',
  'char',
  'text',
  'mediumtext',
  'longtext',
  'decimal',
  'varbinary',
  'blob',
]);

/** One column as plain rows read and write it: values of the others go through the driver. */
interface ColumnPlan {
  column: ColumnMetadata;
  databaseName: string;
  propertyName: string;
  /** An own property of the entity, stored as it is read. */
  unconverted: boolean;
}

/** An entity's columns, worked out once per data source: the metadata walk costs per call. */
interface EntityPlan {
  connection: DataSource;
  metadata: EntityMetadata;
  selected: ColumnPlan[];
  insertable: ColumnPlan[];
  /** INSERT statements by the columns a row defines (`1` for each insertable column it sets). */
  inserts: Map<string, InsertStatement>;
}

interface InsertStatement {
  /** Up to `VALUES`. */
  head: string;
  /** One row's. */
  placeholders: string;
  oneRow: string;
}

const plans = new WeakMap<object, EntityPlan>();

function planOf(manager: EntityManager, target: EntityTarget<ObjectLiteral>): EntityPlan {
  const key = target as object;
  const cached = plans.get(key);
  if (cached?.connection === manager.connection) return cached;
  const metadata = manager.connection.getMetadata(target);
  const columnPlan = (column: ColumnMetadata): ColumnPlan => ({
    column,
    databaseName: column.databaseName,
    propertyName: column.propertyName,
    unconverted:
      !column.transformer &&
      !column.embeddedMetadata &&
      !column.relationMetadata &&
      UNCONVERTED_TYPES.has(column.type),
  });
  const plan: EntityPlan = {
    connection: manager.connection,
    metadata,
    selected: metadata.columns.filter((column) => column.isSelect).map(columnPlan),
    insertable: metadata.columns.filter((column) => column.isInsert).map(columnPlan),
    inserts: new Map(),
  };
  plans.set(key, plan);
  return plan;
}

/** The entity a `SELECT *` row describes, as TypeORM would have loaded it. */
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const plan = planOf(manager, target);
  const driver = manager.connection.driver;
  const entity = plan.metadata.create() as Record<string, unknown>;
  for (const { column, databaseName, propertyName, unconverted } of plan.selected) {
    if (!(databaseName in row)) continue;
    const value = row[databaseName];
    if (unconverted) entity[propertyName] = value;
    else column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
  }
  return entity as T;
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
  const plan = planOf(manager, target);
  const driver = manager.connection.driver;
  const valueOf = ({ column, propertyName, unconverted }: ColumnPlan, row: Partial<T>): unknown =>
    unconverted ? (row as Record<string, unknown>)[propertyName] : column.getEntityValue(row);
  const columns: ColumnPlan[] = [];
  let shape = '';
  for (const column of plan.insertable) {
    const defined = valueOf(column, rows[0]) !== undefined;
    if (defined) columns.push(column);
    shape += defined ? '1' : '0';
  }
  let statement = plan.inserts.get(shape);
  if (statement === undefined) {
    const names = columns.map((column) => `\`${column.databaseName}\``).join(', ');
    const head = `INSERT INTO \`${plan.metadata.tableName}\` (${names}) VALUES `;
    const placeholders = `(${columns.map(() => '?').join(', ')})`;
    statement = { head, placeholders, oneRow: head + placeholders };
    plan.inserts.set(shape, statement);
  }
  const values = rows.flatMap((row) =>
    columns.map((column): unknown => {
      const value = valueOf(column, row);
      return column.unconverted ? value : driver.preparePersistentValue(value, column.column);
    }),
  );
  // One row's statement has one text per call site; a batch's varies with its length.
  const result =
    rows.length === 1
      ? await execute<{ insertId: number }>(manager, statement.oneRow, values)
      : await manager.query<{ insertId: number }>(
          statement.head + rows.map(() => statement.placeholders).join(', '),
          values,
        );
  return result.insertId;
}
