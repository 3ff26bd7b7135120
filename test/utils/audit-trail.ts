import type { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/core/audit/audit-entry.entity';

/** The audit rows of one record, oldest first, read straight from the database. */
export function auditTrail(
  dataSource: DataSource,
  entity: string,
  entityId: number,
): Promise<AuditEntry[]> {
  return dataSource.getRepository(AuditEntry).find({
    where: { entity, entityId: String(entityId) },
    order: { id: 'ASC' },
  });
}
