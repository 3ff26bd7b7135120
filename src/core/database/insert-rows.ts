import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/**
 * Inserts rows in one statement without reading them back (TypeORM's save and insert select the
 * defaulted columns again): for the hot writes, where the caller knows every value it answers
 * with. A version column starts at 1. Returns the first row's generated id.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
): Promise<number> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .updateEntity(false)
    .values(rows)
    .execute();
  return Number((result.raw as { insertId: number }).insertId);
}
