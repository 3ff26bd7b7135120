import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { diffOf } from '../core/audit/audit-diff';
import { AuditService } from '../core/audit/audit.service';
import { Newborn } from '../delivery/delivery.entities';
import { Pregnancy } from '../women/pregnancy.entity';
import { testRecords } from './pmtct.mapper';
import { ExposedInfant, PmtctTest } from './pmtct.entities';
import { indicatedDiseases } from './rules/pmtct-rules';

/**
 * Exposed-baby records follow the babies: each planned record is linked to its newborn, and every
 * other live-born baby of a mother whose results indicate the baby's doses (confirmed positive,
 * HBsAg positive, or reactive awaiting confirmation) gets one, so no baby misses the 6-hour or
 * 12-hour alarm. Runs in the caller's transaction, when the delivery is recorded and again after
 * each result; it only adds what is missing.
 */
@Injectable()
export class ExposedInfantRecords {
  constructor(private readonly audit: AuditService) {}

  async followNewborns(manager: EntityManager, pregnancyId: number): Promise<void> {
    // Callers take this lock before any other read of her (a plain read before it would fix an
    // older snapshot, and a delivery or result that held it would go unseen); here it is a check.
    await manager.findOne(Pregnancy, {
      where: { id: pregnancyId },
      lock: { mode: 'pessimistic_write' },
    });
    const newborns = await manager.find(Newborn, {
      where: { pregnancyId, voidedAt: IsNull() },
      order: { birthOrder: 'ASC' },
    });
    if (newborns.length === 0) return;
    const [records, tests] = await Promise.all([
      manager.find(ExposedInfant, { where: { pregnancyId } }),
      manager.find(PmtctTest, { where: { pregnancyId, subject: 'woman' } }),
    ]);
    const exposed = indicatedDiseases(testRecords(tests)).length > 0;
    for (const newborn of newborns) {
      const planned = records.find((record) => record.birthOrder === newborn.birthOrder);
      if (planned) {
        if (planned.newbornId === null) await this.link(manager, planned, newborn);
        continue;
      }
      if (!exposed || newborn.vitalStatus !== 'live_birth') continue;
      const infant = await manager.save(
        manager.create(ExposedInfant, {
          pregnancyId,
          facilityId: newborn.facilityId,
          birthOrder: newborn.birthOrder,
          newbornId: newborn.id,
          bornAt: newborn.bornAt,
        }),
      );
      await this.audit.record(manager, {
        entity: 'exposed_infant',
        entityId: infant.id,
        action: 'create',
        after: {
          pregnancyId,
          newbornId: newborn.id,
          birthOrder: newborn.birthOrder,
          bornAt: newborn.bornAt,
          made: 'automatic',
        },
      });
    }
  }

  /**
   * A record planned before the birth points at its baby; a first vaccine dose recorded on it
   * before the delivery was becomes the baby's birth dose, the one dose the newborn carries.
   */
  private async link(manager: EntityManager, planned: ExposedInfant, newborn: Newborn) {
    await manager.update(ExposedInfant, planned.id, {
      newbornId: newborn.id,
      bornAt: planned.bornAt ?? newborn.bornAt,
      hepBVaccine1At: null,
    });
    if (!planned.hepBVaccine1At || newborn.hepBBirthDoseAt) return;
    await manager.update(Newborn, newborn.id, { hepBBirthDoseAt: planned.hepBVaccine1At });
    await this.audit.record(manager, {
      entity: 'newborn',
      entityId: newborn.id,
      action: 'update',
      ...diffOf(newborn, { hepBBirthDoseAt: planned.hepBVaccine1At }, ['hepBBirthDoseAt']),
      reason: `first vaccine dose of exposed baby ${planned.id}`,
      facilityId: newborn.facilityId,
    });
  }
}
