import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../../core/auth/actor';
import { AuditService } from '../../core/audit/audit.service';
import { deleteIfVersion, updateIfVersion } from '../../core/database/versioned-update';
import { DomainError } from '../../core/errors/domain.error';
import { HospitalClock } from '../../core/time/hospital-clock';
import { User } from '../../core/users/user.entity';
import { Newborn } from '../../delivery/delivery.entities';
import { newbornNotFound } from '../../delivery/delivery.errors';
import { LIVE_BIRTHS_COHORT } from '../../indicators/cohorts/live-births.cohort';
import { INDICATORS } from '../../indicators/definitions';
import { IndicatorEngine } from '../../indicators/indicator-engine.service';
import { bindCohort, denominatorSql } from '../../indicators/indicator-sql';
import { parsePeriod, periodContaining } from '../../indicators/periods';
import {
  distributionOf,
  FIRST_BREASTFEED_BINNING,
  SKIN_TO_SKIN_START_BINNING,
} from '../rules/minute-bins';
import type {
  AuditDistributionDto,
  EventTotalDto,
  FailureReviewDto,
  MarkReviewedDto,
  ReasonCountDto,
  UpdateReviewDto,
} from './dto/breastfeeding-audit.dto';
import { FailureReview } from './failure-review.entity';

// The stay indicators share one denominator (born here, live, not excluded, stay complete):
// BF-02's is the population every number of the audit counts, as the values count it.
const STAY_DENOMINATOR = denominatorSql(INDICATORS.find((d) => d.code === 'BF-02')!);

const reviewNotFound = (id: number) =>
  new DomainError('FAILURE_REVIEW_NOT_FOUND', `Review ${id} was not found in your facility`);

interface EventRow {
  kind: 'separation' | 'supplement';
  reason: string;
  medical: number | string;
  newborn_id: number;
}

/**
 * The 母乳喂养 audit of one facility-month: the times to the first breastfeed and to skin-to-skin,
 * separations and supplements, read from the cohort the Baby-Friendly indicators count (no
 * identities leave it); and the office's marks on the babies failing them.
 */
@Injectable()
export class BreastfeedingAuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: IndicatorEngine,
    private readonly clock: HospitalClock,
    private readonly audit: AuditService,
  ) {}

  async distribution(month: string, actor: Actor): Promise<AuditDistributionDto> {
    const period = parsePeriod(month);
    const cohort = bindCohort(
      LIVE_BIRTHS_COHORT,
      this.engine.cohortParams([actor.facilityId], period, new Date()),
    );
    const population = `SELECT c.case_id, c.first_breastfeed_minutes, c.skin_to_skin_start_seconds
      FROM (${cohort.sql}) c WHERE ${STAY_DENOMINATOR}`;
    // Separations before discharge and supplements up to it, as the cohort counts them; a
    // separation with any medical reason recorded is medical, a supplement's blank reason is none.
    const discharge = `(SELECT MIN(dis.start_at) FROM feeding_event dis
      WHERE dis.newborn_id = e.newborn_id AND dis.kind = 'discharge' AND dis.voided_at IS NULL)`;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const babies = await manager.query<
        Array<{ first_breastfeed_minutes: unknown; skin_to_skin_start_seconds: unknown }>
      >(population, cohort.params);
      const events = await manager.query<EventRow[]>(
        `SELECT e.kind, TRIM(COALESCE(e.detail, '')) AS reason, e.newborn_id,
          CASE WHEN e.kind = 'separation' THEN e.medical_reason IS NOT NULL
            ELSE COALESCE(TRIM(e.medical_reason), '') <> '' END AS medical
        FROM feeding_event e JOIN (${population}) b ON b.case_id = e.newborn_id
        WHERE e.voided_at IS NULL AND (
          (e.kind = 'separation' AND (${discharge} IS NULL OR e.start_at < ${discharge}))
          OR (e.kind = 'supplement' AND (${discharge} IS NULL OR e.start_at <= ${discharge})))`,
        cohort.params,
      );
      const supplements = events.filter((e) => e.kind === 'supplement');
      return {
        facilityId: actor.facilityId,
        month: period.key,
        babies: babies.length,
        firstBreastfeed: distributionOf(
          babies.map((b) => numberOrNull(b.first_breastfeed_minutes)),
          FIRST_BREASTFEED_BINNING,
        ),
        skinToSkinStart: distributionOf(
          babies.map((b) => {
            const seconds = numberOrNull(b.skin_to_skin_start_seconds);
            return seconds === null ? null : seconds / 60;
          }),
          SKIN_TO_SKIN_START_BINNING,
        ),
        separations: byReason(events.filter((e) => e.kind === 'separation')),
        supplements: byReason(supplements),
        supplementTotals: {
          withMedicalReason: totalOf(supplements.filter((e) => Number(e.medical) === 1)),
          withoutMedicalReason: totalOf(supplements.filter((e) => Number(e.medical) !== 1)),
        },
      };
    });
  }

  /** The marks of the month's babies (born in it) of the caller's facility. */
  async reviews(month: string, actor: Actor): Promise<FailureReviewDto[]> {
    const rows = await this.dataSource.manager.find(FailureReview, {
      where: { facilityId: actor.facilityId, periodKey: parsePeriod(month).key },
      order: { reviewedAt: 'ASC', id: 'ASC' },
    });
    return this.mapped(this.dataSource.manager, rows);
  }

  async markReviewed(input: MarkReviewedDto, actor: Actor): Promise<FailureReviewDto> {
    return this.dataSource.transaction(async (manager) => {
      // The office reviews the babies its facility delivered, as its indicators count them.
      const newborn = await manager.findOne(Newborn, {
        select: { id: true, bornAt: true, facilityId: true, voidedAt: true },
        where: { id: input.newbornId, facilityId: actor.facilityId },
      });
      if (!newborn || newborn.voidedAt !== null) throw newbornNotFound(input.newbornId);
      const existing = await manager.findOne(FailureReview, {
        select: { id: true },
        where: { newbornId: input.newbornId, indicatorCode: input.indicatorCode },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing) {
        throw new DomainError(
          'FAILURE_REVIEW_EXISTS',
          `Newborn ${input.newbornId} is already marked reviewed for ${input.indicatorCode}`,
        );
      }
      const review = await manager.save(
        manager.create(FailureReview, {
          facilityId: actor.facilityId,
          newbornId: input.newbornId,
          indicatorCode: input.indicatorCode,
          periodKey: periodContaining('month', this.clock.dateOf(newborn.bornAt)).key,
          note: input.note.trim(),
          reviewedBy: actor.userId,
          reviewedAt: new Date(),
        }),
      );
      await this.audit.record(manager, {
        entity: 'breastfeeding_failure_review',
        entityId: review.id,
        action: 'create',
        after: reviewValues(review),
      });
      return (await this.mapped(manager, [review]))[0];
    });
  }

  async updateNote(id: number, input: UpdateReviewDto, actor: Actor): Promise<FailureReviewDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.ownReview(manager, id, actor);
      const changes = { note: input.note.trim(), reviewedBy: actor.userId, reviewedAt: new Date() };
      await updateIfVersion(manager, FailureReview, id, input.version, changes);
      await this.audit.record(manager, {
        entity: 'breastfeeding_failure_review',
        entityId: id,
        action: 'update',
        before: { note: current.note, reviewedBy: current.reviewedBy },
        after: { note: changes.note, reviewedBy: changes.reviewedBy },
      });
      const updated = await manager.findOneByOrFail(FailureReview, { id });
      return (await this.mapped(manager, [updated]))[0];
    });
  }

  /** Unmarks: the row goes, the trail keeps what it said. A stale version is refused. */
  async unmark(id: number, version: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.ownReview(manager, id, actor);
      await deleteIfVersion(manager, FailureReview, id, version);
      await this.audit.record(manager, {
        entity: 'breastfeeding_failure_review',
        entityId: id,
        action: 'delete',
        before: reviewValues(current),
      });
    });
  }

  private async ownReview(manager: EntityManager, id: number, actor: Actor) {
    const review = await manager.findOneBy(FailureReview, { id, facilityId: actor.facilityId });
    if (!review) throw reviewNotFound(id);
    return review;
  }

  private async mapped(
    manager: EntityManager,
    rows: readonly FailureReview[],
  ): Promise<FailureReviewDto[]> {
    const ids = [...new Set(rows.map((r) => r.reviewedBy))];
    const users = ids.length
      ? await manager.find(User, {
          select: { id: true, displayName: true },
          where: { id: In(ids) },
        })
      : [];
    const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
    return rows.map((r) => ({
      id: r.id,
      newbornId: r.newbornId,
      indicatorCode: r.indicatorCode,
      month: r.periodKey,
      note: r.note,
      reviewedBy: r.reviewedBy,
      reviewerName: nameOf.get(r.reviewedBy) ?? '',
      reviewedAt: r.reviewedAt.toISOString(),
      version: r.version,
    }));
  }
}

function reviewValues(r: FailureReview) {
  return {
    newbornId: r.newbornId,
    indicatorCode: r.indicatorCode,
    month: r.periodKey,
    note: r.note,
    reviewedBy: r.reviewedBy,
  };
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function totalOf(rows: readonly EventRow[]): EventTotalDto {
  return { events: rows.length, babies: new Set(rows.map((r) => r.newborn_id)).size };
}

/** Events by reason and by whether a medical one was recorded, the most frequent first. */
function byReason(rows: readonly EventRow[]): ReasonCountDto[] {
  const groups = new Map<string, EventRow[]>();
  for (const row of rows) {
    const key = `${Number(row.medical)}\u0000${row.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()]
    .map((group) => ({
      reason: group[0].reason,
      medical: Number(group[0].medical) === 1,
      ...totalOf(group),
    }))
    .sort((a, b) => b.events - a.events || a.reason.localeCompare(b.reason, 'zh'));
}
