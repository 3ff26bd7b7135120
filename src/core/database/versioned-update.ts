import { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';
import { DomainError } from '../errors/domain.error';

/**
 * Optimistic update: applies `changes` only if the row still has `expectedVersion`, and bumps the
 * version. A stale version is a 409 STALE_VERSION, never a silent overwrite.
 */
export async function updateIfVersion<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: number,
  expectedVersion: number,
  changes: Record<string, unknown>,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1' } as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (result.affected !== 1) throw staleVersion(expectedVersion);
}

/** Optimistic delete: removes the row only if it still has `expectedVersion`, else 409. */
export async function deleteIfVersion<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: number,
  expectedVersion: number,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .delete()
    .from(target)
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (result.affected !== 1) throw staleVersion(expectedVersion);
}

function staleVersion(expectedVersion: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `The record was changed by someone else (you sent version ${expectedVersion}); reload it`,
    [{ field: 'version', rule: 'current', message: 'version is not the current version' }],
  );
}
