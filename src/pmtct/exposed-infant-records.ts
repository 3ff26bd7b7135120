import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
    // The delivery holds this lock already; a result recorded meanwhile waits for it.
    await manager.findOne(Pregnancy, {
      where: { id: pregnancyId },
      lock: { mode: 'pessimistic_write' },
    });
    const newborns = await manager.find(Newborn, {
      where: { pregnancyId },
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
        if (planned.newbornId === null) {
          await manager.update(ExposedInfant, planned.id, {
            newbornId: newborn.id,
            bornAt: planned.bornAt ?? newborn.bornAt,
          });
        }
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
}
