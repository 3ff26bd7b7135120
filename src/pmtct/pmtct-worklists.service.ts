import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { pmtctConfig } from '../../config';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { maskStoredPhone } from '../core/privacy/identifier-cipher';
import { maskPhone } from '../core/privacy/masking';
import { HospitalClock } from '../core/time/hospital-clock';
import { Pregnancy } from '../women/pregnancy.entity';
import { PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import { Woman } from '../women/woman.entity';
import { PmtctWorklistItemDto, PmtctWorklistQueryDto } from './dto/pmtct.dto';
import { withBirthDoses } from './infant-birth-dose';
import { mapInfant, testRecords } from './pmtct.mapper';
import { ExposedInfant, InfantFollowUp, PmtctTest } from './pmtct.entities';
import {
  diseaseStatus,
  DISEASES,
  EARLY_TESTING_MAX_GA_DAYS,
  exposure,
  HBV_ANTIVIRAL_FROM_DNA_IU_PER_ML,
  IN_LABOUR_DAYS,
} from './rules/pmtct-rules';

type Item = PmtctWorklistItemDto;

const DISEASE_ROWS =
  "(SELECT 'hiv' AS disease UNION ALL SELECT 'syphilis' UNION ALL SELECT 'hbsag')";

/** Exposed children are followed to 18 months; older ones have left the list. */
const FOLLOW_UP_HORIZON_DAYS = 600;

/** The PMTCT worklists: who to test, confirm or treat, and which exposed babies need something now. */
@Injectable()
export class PmtctWorklistsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: HospitalClock,
    private readonly audit: AuditService,
    @Inject(pmtctConfig.KEY) private readonly policy: ConfigType<typeof pmtctConfig>,
  ) {}

  async list(actor: Actor, query: PmtctWorklistQueryDto): Promise<Page<Item>> {
    const items = await this.items(actor, query.list);
    const { skip, take } = pageWindow(query);
    const page = items.slice(skip, skip + take);
    // Every list tells who is positive or untested: one audit row per read, naming the records.
    await this.audit.record(this.dataSource.manager, {
      entity: 'pmtct_worklist',
      entityId: query.list,
      action: 'view_sensitive',
      after: {
        page: query.page,
        listed: page.length,
        pregnancies: [...new Set(page.map((item) => item.pregnancyId))],
        infants: page.flatMap((item) => (item.infantId === null ? [] : [item.infantId])),
      },
      facilityId: actor.facilityId,
    });
    return pageOf(page, items.length, query);
  }

  private items(actor: Actor, list: PmtctWorklistQueryDto['list']): Promise<Item[]> {
    switch (list) {
      case 'untested_by_13_weeks':
        return this.untestedBy13Weeks(actor);
      case 'untested_at_delivery':
        return this.untestedAtDelivery(actor);
      case 'awaiting_confirmation':
        return this.awaitingConfirmation(actor);
      case 'no_result_in_labour':
        return this.noResultInLabour(actor);
      case 'untreated':
        return this.untreated(actor);
      case 'infant_doses':
        return this.infantDoses(actor);
      case 'infant_follow_ups':
        return this.infantFollowUps(actor);
    }
  }

  /** Open pregnancies at GA 13+0 or later with no result for a disease. */
  private async untestedBy13Weeks(actor: Actor): Promise<Item[]> {
    const today = this.clock.today();
    const rows = await this.dataSource.query<(StoredMother & { disease: string })[]>(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, d.disease
       FROM pregnancy p JOIN woman w ON w.id = p.woman_id CROSS JOIN ${DISEASE_ROWS} d
       WHERE p.facility_id = ? AND p.status = 'open'
         AND DATEDIFF(?, p.edd) + ${PREGNANCY_LENGTH_DAYS} > ${EARLY_TESTING_MAX_GA_DAYS}
         AND NOT EXISTS (SELECT 1 FROM pmtct_test t WHERE t.pregnancy_id = p.id AND t.subject = 'woman'
                           AND t.disease = d.disease AND t.result IS NOT NULL)
       ORDER BY p.edd, p.id, d.disease`,
      [actor.facilityId, today],
    );
    return rows.map((row) => item(mother(row), row.disease, 'no result by 13+0'));
  }

  /** Delivered pregnancies with no result for a disease from a sample taken by the delivery. */
  private async untestedAtDelivery(actor: Actor): Promise<Item[]> {
    const rows = await this.dataSource.query<
      (StoredMother & { disease: string; outcome_date: string })[]
    >(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, d.disease, p.outcome_date
       FROM pregnancy p JOIN woman w ON w.id = p.woman_id CROSS JOIN ${DISEASE_ROWS} d
       WHERE p.facility_id = ? AND p.status IN ('delivered', 'closed') AND p.outcome_date IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM pmtct_test t WHERE t.pregnancy_id = p.id AND t.subject = 'woman'
                           AND t.disease = d.disease AND t.result IS NOT NULL AND t.sample_date <= p.outcome_date)
       ORDER BY p.outcome_date DESC, p.id, d.disease`,
      [actor.facilityId],
    );
    return rows.map((row) => ({
      ...item(mother(row), row.disease, 'no result by delivery'),
      since: row.outcome_date,
    }));
  }

  /**
   * Women in labour (a labour test sampled in the last 3 days, not yet delivered) or delivered and
   * not yet closed, with no result of her own for a disease: test now, and treat the baby as
   * exposed until the result is known.
   */
  private async noResultInLabour(actor: Actor): Promise<Item[]> {
    const today = this.clock.today();
    const rows = await this.dataSource.query<
      (StoredMother & { disease: string; since: string; delivered: number })[]
    >(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, d.disease,
              p.status = 'delivered' AS delivered,
              CASE WHEN p.status = 'delivered' THEN p.outcome_date
                   ELSE (SELECT MAX(l.sample_date) FROM pmtct_test l WHERE l.pregnancy_id = p.id
                           AND l.subject = 'woman' AND l.setting = 'labour') END AS since
       FROM pregnancy p JOIN woman w ON w.id = p.woman_id CROSS JOIN ${DISEASE_ROWS} d
       WHERE p.facility_id = ?
         AND (p.status = 'delivered'
              OR (p.status = 'open' AND EXISTS (
                    SELECT 1 FROM pmtct_test l WHERE l.pregnancy_id = p.id AND l.subject = 'woman'
                      AND l.setting = 'labour' AND l.sample_date >= DATE_SUB(?, INTERVAL ${IN_LABOUR_DAYS} DAY))))
         AND NOT EXISTS (SELECT 1 FROM pmtct_test t WHERE t.pregnancy_id = p.id AND t.subject = 'woman'
                           AND t.disease = d.disease AND t.result IS NOT NULL)
       ORDER BY delivered, since DESC, p.id, d.disease`,
      [actor.facilityId, today],
    );
    return rows.map((row) => ({
      ...item(
        mother(row),
        row.disease,
        Number(row.delivered) === 1 ? 'delivered, no result' : 'in labour, no result',
      ),
      since: row.since,
    }));
  }

  private async awaitingConfirmation(actor: Actor): Promise<Item[]> {
    const candidates = await this.positives(actor, 'screening');
    return candidates.flatMap(({ contact, tests }) =>
      DISEASES.filter((d) => diseaseStatus(testRecords(tests), d) === 'awaiting_confirmation').map(
        (disease) => ({
          ...item(contact, disease, 'positive screening awaiting confirmation'),
          since:
            tests.find((t) => t.disease === disease && t.result === 'positive')?.resultDate ?? null,
        }),
      ),
    );
  }

  /**
   * Mothers with no treatment recorded for a disease that needs one: HIV or syphilis confirmed
   * positive; HBsAg positive only when an antiviral is indicated (HBV DNA ≥ 2×10^5 IU/mL or HBeAg
   * positive on one of her HBsAg tests), since most carriers need none.
   */
  private async untreated(actor: Actor): Promise<Item[]> {
    const rows = await this.dataSource.query<(StoredMother & { disease: string; since: string })[]>(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, t.disease, MIN(t.result_date) AS since
       FROM pmtct_test t JOIN pregnancy p ON p.id = t.pregnancy_id JOIN woman w ON w.id = p.woman_id
       WHERE t.facility_id = ? AND t.subject = 'woman' AND t.result = 'positive'
         AND (t.kind = 'confirmatory' OR t.disease = 'hbsag')
         AND p.status IN ('open', 'delivered')
         AND (t.disease <> 'hbsag' OR EXISTS (
               SELECT 1 FROM pmtct_test h WHERE h.pregnancy_id = p.id AND h.subject = 'woman'
                 AND h.disease = 'hbsag'
                 AND (h.hbeag = 'positive' OR h.hbv_dna_iu_per_ml >= ${HBV_ANTIVIRAL_FROM_DNA_IU_PER_ML})))
         AND NOT EXISTS (SELECT 1 FROM maternal_treatment m WHERE m.pregnancy_id = p.id AND m.disease = t.disease)
       GROUP BY p.id, p.woman_id, w.name, w.phone, t.disease
       ORDER BY since, p.id`,
      [actor.facilityId],
    );
    return rows.map((row) => ({
      ...item(
        mother(row),
        row.disease,
        row.disease === 'hbsag'
          ? 'antiviral indicated, no treatment recorded'
          : 'confirmed positive, no treatment recorded',
      ),
      since: row.since,
    }));
  }

  /** Babies born in the last two days whose prophylaxis, HBIG or first vaccine is due or was missed. */
  private async infantDoses(actor: Actor): Promise<Item[]> {
    const now = new Date();
    const infants = await this.dataSource.getRepository(ExposedInfant).find({
      where: {
        facilityId: actor.facilityId,
        bornAt: MoreThanOrEqual(new Date(now.getTime() - 2 * 86_400_000)),
      },
      order: { bornAt: 'ASC' },
    });
    const views = await this.infantViews(infants, now);
    return views
      .flatMap(({ infant, view, contact }) =>
        Object.entries(view.timeliness)
          .filter(([, t]) => t.state !== 'on_time')
          .map(([what, t]) => ({
            ...contact,
            infantId: infant.id,
            disease: null,
            what: `${what} ${t.state}`,
            minutesLeft: t.minutesLeft,
            since: infant.bornAt!.toISOString(),
          })),
      )
      .sort((a, b) => (a.minutesLeft ?? -1e9) - (b.minutesLeft ?? -1e9));
  }

  private async infantFollowUps(actor: Actor): Promise<Item[]> {
    const now = new Date();
    const infants = await this.dataSource.getRepository(ExposedInfant).find({
      where: {
        facilityId: actor.facilityId,
        bornAt: MoreThanOrEqual(new Date(now.getTime() - FOLLOW_UP_HORIZON_DAYS * 86_400_000)),
      },
      order: { bornAt: 'ASC' },
    });
    const views = await this.infantViews(infants, now);
    return views.flatMap(({ infant, view, contact }) =>
      view.followUps
        .filter((f) => f.state === 'overdue')
        .map((f) => ({
          ...contact,
          infantId: infant.id,
          disease: f.code.startsWith('HIV') ? 'hiv' : 'syphilis',
          what: `${f.code} overdue`,
          minutesLeft: null,
          since: f.dueOn,
        })),
    );
  }

  private async infantViews(stored: ExposedInfant[], now: Date) {
    if (stored.length === 0) return [];
    const infants = await withBirthDoses(this.dataSource.manager, stored);
    const pregnancyIds = [...new Set(infants.map((i) => i.pregnancyId))];
    const [tests, followUps, pregnancies] = await Promise.all([
      this.dataSource
        .getRepository(PmtctTest)
        .find({ where: { pregnancyId: In(pregnancyIds), subject: 'woman' } }),
      this.dataSource
        .getRepository(InfantFollowUp)
        .find({ where: { infantId: In(infants.map((i) => i.id)) } }),
      this.dataSource
        .getRepository(Pregnancy)
        .createQueryBuilder('p')
        .innerJoinAndMapOne('p.woman', Woman, 'w', 'w.id = p.womanId')
        .where('p.id IN (:...ids)', { ids: pregnancyIds })
        .getMany() as Promise<(Pregnancy & { woman: Woman })[]>,
    ]);
    const today = this.clock.today();
    return infants.map((infant) => {
      const records = testRecords(tests.filter((t) => t.pregnancyId === infant.pregnancyId));
      const exposures = DISEASES.map((d) => exposure(records, d));
      const pregnancy = pregnancies.find((p) => p.id === infant.pregnancyId)!;
      const view = mapInfant(
        infant,
        exposures,
        followUps.filter((f) => f.infantId === infant.id),
        now,
        today,
        this.clock.dateOf(infant.bornAt!),
        this.policy.followUpGraceDays,
      );
      return { infant, view, contact: motherOf(pregnancy) };
    });
  }

  /** Pregnancies (open or delivered) with a positive test of this kind, with all their own tests. */
  private async positives(actor: Actor, kind: 'screening' | 'confirmatory') {
    const hits = await this.dataSource.getRepository(PmtctTest).find({
      select: { pregnancyId: true },
      where: {
        facilityId: actor.facilityId,
        subject: 'woman',
        kind,
        result: 'positive',
        resultDate: Not(IsNull()),
      },
    });
    const ids = [...new Set(hits.map((h) => h.pregnancyId))];
    if (ids.length === 0) return [];
    const [pregnancies, tests] = await Promise.all([
      this.dataSource
        .getRepository(Pregnancy)
        .createQueryBuilder('p')
        .innerJoinAndMapOne('p.woman', Woman, 'w', 'w.id = p.womanId')
        .where('p.id IN (:...ids) AND p.status IN (:...statuses)', {
          ids,
          statuses: ['open', 'delivered'],
        })
        .orderBy('p.id')
        .getMany() as Promise<(Pregnancy & { woman: Woman })[]>,
      this.dataSource.getRepository(PmtctTest).find({
        where: { pregnancyId: In(ids), subject: 'woman' },
        order: { sampleDate: 'ASC', id: 'ASC' },
      }),
    ]);
    return pregnancies.map((pregnancy) => ({
      contact: motherOf(pregnancy),
      tests: tests.filter((t) => t.pregnancyId === pregnancy.id),
    }));
  }
}

/** Who to contact, as every list shows her: the phone masked (GET /women/{id}/contact reveals it). */
interface Mother {
  pregnancyId: number;
  womanId: number;
  name: string;
  phone: string;
}

/** A row of raw SQL: the phone as stored, encrypted. */
interface StoredMother {
  pregnancy_id: number;
  woman_id: number;
  name: string;
  phone: string;
}

function mother(row: StoredMother): Mother {
  return {
    pregnancyId: row.pregnancy_id,
    womanId: row.woman_id,
    name: row.name,
    phone: maskStoredPhone(row.phone),
  };
}

function motherOf(pregnancy: Pregnancy & { woman: Woman }): Mother {
  return {
    pregnancyId: pregnancy.id,
    womanId: pregnancy.woman.id,
    name: pregnancy.woman.name,
    phone: maskPhone(pregnancy.woman.phone),
  };
}

function item(contact: Mother, disease: string, what: string): Item {
  return {
    ...contact,
    disease,
    infantId: null,
    what,
    minutesLeft: null,
    since: null,
  };
}
