import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { maskStoredPhone } from '../core/privacy/identifier-cipher';
import { BirthDoseWorklistItemDto, BirthDoseWorklistQueryDto } from './dto/delivery.dto';
import { BIRTH_DOSE_WORKLIST_DAYS, hepBBirthDoseDue } from './rules/birth-doses';

type Item = BirthDoseWorklistItemDto;

interface Row {
  newborn_id: number;
  pregnancy_id: number;
  woman_id: number;
  name: string;
  /** Encrypted, as stored. */
  phone: string;
  birth_order: number;
  born_at: Date;
  hbsag_positive: number | string;
}

/**
 * Live-born babies of the facility, alive, born in the last week, with no hepatitis B birth dose:
 * the one whose window (24 h; 12 h when the mother has a positive HBsAg result, confirmed or not)
 * runs out soonest first, the late ones before them.
 */
@Injectable()
export class BirthDoseWorklistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: BirthDoseWorklistQueryDto): Promise<Page<Item>> {
    const now = new Date();
    const rows = await this.dataSource.query<Row[]>(
      `SELECT n.id AS newborn_id, n.pregnancy_id, p.woman_id, w.name, w.phone, n.birth_order,
              n.born_at,
              EXISTS (SELECT 1 FROM pmtct_test t WHERE t.pregnancy_id = n.pregnancy_id
                        AND t.subject = 'woman' AND t.disease = 'hbsag' AND t.result = 'positive')
                AS hbsag_positive
       FROM newborn n
       JOIN pregnancy p ON p.id = n.pregnancy_id
       JOIN woman w ON w.id = p.woman_id
       WHERE n.facility_id = ? AND n.born_at >= ? AND n.vital_status = 'live_birth'
         AND n.died_at IS NULL AND n.hep_b_birth_dose_at IS NULL AND n.voided_at IS NULL`,
      [actor.facilityId, new Date(now.getTime() - BIRTH_DOSE_WORKLIST_DAYS * 86_400_000)],
    );
    const items = rows
      .map((row): Item => {
        const bornAt = new Date(row.born_at);
        const due = hepBBirthDoseDue(bornAt, Number(row.hbsag_positive) === 1, now);
        return {
          newbornId: row.newborn_id,
          pregnancyId: row.pregnancy_id,
          womanId: row.woman_id,
          name: row.name,
          phone: maskStoredPhone(row.phone),
          birthOrder: row.birth_order,
          bornAt: bornAt.toISOString(),
          deadline: due.deadline.toISOString(),
          minutesLeft: due.minutesLeft,
          state: due.state,
        };
      })
      .sort((a, b) => a.minutesLeft - b.minutesLeft || a.newbornId - b.newbornId);
    const { skip, take } = pageWindow(query);
    const page = items.slice(skip, skip + take);
    // A 12-hour window tells that the mother is HBsAg-positive: each read is audited, naming
    // the babies shown, as the PMTCT lists are.
    await this.audit.record(this.dataSource.manager, {
      entity: 'birth_dose_worklist',
      entityId: 'hep_b',
      action: 'view_sensitive',
      after: { page: query.page, listed: page.length, newborns: page.map((i) => i.newbornId) },
      facilityId: actor.facilityId,
    });
    return pageOf(page, items.length, query);
  }
}
