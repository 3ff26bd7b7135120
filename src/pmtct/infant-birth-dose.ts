import { EntityManager, In } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-diff';
import { updateIfVersion } from '../core/database/versioned-update';
import type { ErrorDetail } from '../core/errors/domain.error';
import { Newborn } from '../delivery/delivery.entities';
import { checkBirthDoseTime } from '../delivery/rules/birth-doses';
import type { ExposedInfant } from './pmtct.entities';

/**
 * An exposed baby's first hepatitis B vaccine dose is its newborn's hepatitis B birth dose: one
 * dose per baby. Once the newborn exists the exposed-baby record reads it from there; until the
 * delivery is recorded, a dose given is kept on the exposed-baby record and moves onto the
 * newborn when the delivery links them (DeliveryService).
 */
export async function withBirthDoses(
  manager: EntityManager,
  infants: ExposedInfant[],
): Promise<ExposedInfant[]> {
  const newbornIds = infants.flatMap((infant) =>
    infant.newbornId === null ? [] : [infant.newbornId],
  );
  if (newbornIds.length === 0) return infants;
  const newborns = await manager.find(Newborn, {
    select: { id: true, hepBBirthDoseAt: true },
    where: { id: In(newbornIds) },
  });
  const doses = new Map(newborns.map((newborn) => [newborn.id, newborn.hepBBirthDoseAt]));
  return infants.map((infant) =>
    infant.newbornId === null
      ? infant
      : { ...infant, hepBVaccine1At: doses.get(infant.newbornId) ?? null },
  );
}

/**
 * Writes the first vaccine dose of a linked exposed baby to its newborn, audited on the newborn.
 * Returns the problems of the time (named as the PMTCT field) instead of writing.
 */
export async function writeBirthDose(
  manager: EntityManager,
  audit: AuditService,
  newbornId: number,
  givenAt: Date,
): Promise<ErrorDetail[]> {
  const newborn = await manager.findOneOrFail(Newborn, {
    where: { id: newbornId },
    lock: { mode: 'pessimistic_write' },
  });
  const problems = checkBirthDoseTime(givenAt, newborn, new Date()).map((problem) => ({
    ...problem,
    field: 'hepBVaccine1At',
  }));
  if (problems.length > 0) return problems;
  const changes = { hepBBirthDoseAt: givenAt };
  await updateIfVersion(manager, Newborn, newbornId, newborn.version, changes);
  await audit.record(manager, {
    entity: 'newborn',
    entityId: newbornId,
    action: 'update',
    ...diffOf(newborn, changes, ['hepBBirthDoseAt']),
    reason: 'first hepatitis B vaccine dose recorded on the exposed-baby record',
    facilityId: newborn.facilityId,
  });
  return [];
}
