import { EpisodeAccess } from '../episodes/episode-access';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { diffOf, pick } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { HospitalClock } from '../core/time/hospital-clock';
import { inActorFacility } from '../core/auth/facility-scope';
import { insertRow } from '../core/database/plain-rows';
import { updateIfVersion } from '../core/database/versioned-update';
import { requireNotVoided, voidIfVersion } from '../core/database/voids';
import { definedOnly, type VoidDto } from '../core/http/corrections.dto';
import type { ErrorDetail } from '../core/errors/domain.error';
import { addDays } from '../core/time/calendar-date';
import {
  GRADING_RECORDS_COLUMNS,
  type GradingRecords,
  type GradingRecordsRow,
  gradingRecordsFrom,
  loadGradingRecords,
  sortVisits,
} from '../risk/grading-records';
import { RiskAssessmentService } from '../risk/risk-assessment.service';
import { Pregnancy } from '../women/pregnancy.entity';
import { PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import { pregnancyNotFound } from '../women/women.errors';
import {
  visitAfterPregnancyEnd,
  visitBeforeLmp,
  visitInvalid,
  visitNotFound,
  visitSameDay,
} from './antenatal.errors';
import { AntenatalVisit } from './antenatal-visit.entity';
import { setLastVisitDate } from './overdue-from';
import { RecordVisitDto, RegradingDto, UpdateVisitDto } from './dto/visit.dto';

const VISIT_AUDITED_FIELDS = [
  'visitDate',
  'sameDayRepeat',
  'weightKg',
  'heightCm',
  'systolicMmHg',
  'diastolicMmHg',
  'fundalHeightCm',
  'fetalHeartRate',
  'fetalPosition',
  'oedema',
  'haemoglobinGL',
  'plateletsE9L',
  'urineProtein',
  'urineGlucose',
  'findings',
  'nextAppointmentDate',
] as const;

interface MeasuredValues {
  visitDate?: string;
  systolicMmHg?: number | null;
  diastolicMmHg?: number | null;
  nextAppointmentDate?: string | null;
}

export interface RecordedVisit {
  visit: AntenatalVisit;
  pregnancy: Pregnancy;
  /** Among the visits not voided; null for a voided one. */
  ordinal: number | null;
  regrading: RegradingDto | null;
}

/** 产前检查: record and correct examinations; each one may re-grade the pregnancy's risk. */
@Injectable()
export class VisitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly risk: RiskAssessmentService,
    private readonly clock: HospitalClock,
    private readonly access: EpisodeAccess,
  ) {}

  async record(pregnancyId: number, input: RecordVisitDto, actor: Actor): Promise<RecordedVisit> {
    return this.dataSource.transaction(async (manager) => {
      // Read once, with the lock: the same-day check, the ordinal, the last visit date and the
      // re-grading all work from these.
      const { pregnancy, records } = await this.lockWithRecords(manager, pregnancyId, actor);
      this.checkMeasurements(input);
      this.checkDate(pregnancy, input.visitDate);
      checkSameDay(records.visits, input.visitDate, input.sameDayRepeat, null);

      const visit = manager.create(AntenatalVisit, {
        ...UNMEASURED,
        ...definedOnly(input),
        sameDayRepeat: input.sameDayRepeat ?? false,
        pregnancyId: pregnancy.id,
        facilityId: actor.facilityId,
        recordedBy: actor.userId,
        version: 1,
        voidedAt: null,
        voidedBy: null,
        voidReason: null,
      });
      // Nothing the database fills in is answered, so the row is not read back.
      visit.id = await insertRow(manager, AntenatalVisit, visit);
      await this.audit.record(manager, {
        entity: 'antenatal_visit',
        entityId: visit.id,
        action: 'create',
        after: { pregnancyId: pregnancy.id, ...pick(visit, VISIT_AUDITED_FIELDS) },
      });
      return this.afterChange(manager, pregnancy, visit, records, actor);
    });
  }

  async update(visitId: number, input: UpdateVisitDto, actor: Actor): Promise<RecordedVisit> {
    const { version, ...changes } = input;
    return this.dataSource.transaction(async (manager) => {
      const current = inActorFacility(await lockVisit(manager, visitId), actor, () =>
        visitNotFound(visitId),
      );
      requireNotVoided(current, 'Visit');
      const { pregnancy, records } = await this.lockWithRecords(
        manager,
        current.pregnancyId,
        actor,
      );
      const merged = { ...current, ...changes };
      this.checkMeasurements(merged);
      if (changes.visitDate && changes.visitDate !== current.visitDate) {
        this.checkDate(pregnancy, changes.visitDate);
      }
      checkSameDay(records.visits, merged.visitDate, merged.sameDayRepeat, visitId);
      await updateIfVersion(manager, AntenatalVisit, visitId, version, changes);
      await this.audit.record(manager, {
        entity: 'antenatal_visit',
        entityId: visitId,
        action: 'update',
        ...diffOf(current, changes, VISIT_AUDITED_FIELDS),
      });
      const visit = await manager.findOneByOrFail(AntenatalVisit, { id: visitId });
      return this.afterChange(manager, pregnancy, visit, records, actor);
    });
  }

  /**
   * Voids a visit: it stays, shown as voided, and counts nowhere (schedule, overdue worklist,
   * gradings, SM indicators). Her last visit day and overdue day are recomputed without it, and
   * her risk re-graded from the visits left.
   */
  async voidVisit(visitId: number, input: VoidDto, actor: Actor): Promise<RecordedVisit> {
    return this.dataSource.transaction(async (manager) => {
      const current = inActorFacility(await lockVisit(manager, visitId), actor, () =>
        visitNotFound(visitId),
      );
      const pregnancy = await this.lockPregnancy(manager, current.pregnancyId, actor);
      const flags = await voidIfVersion(
        manager,
        AntenatalVisit,
        current,
        'Visit',
        input.version,
        input.reason,
        actor.userId,
      );
      await this.audit.record(manager, {
        entity: 'antenatal_visit',
        entityId: visitId,
        action: 'void',
        ...diffOf(current, flags, ['voidedAt', 'voidedBy', 'voidReason']),
        reason: input.reason,
      });
      const records = await loadGradingRecords(manager, pregnancy);
      const lastVisitDate = records.visits[records.visits.length - 1]?.visitDate ?? null;
      if (lastVisitDate !== pregnancy.lastVisitDate) {
        await setLastVisitDate(manager, pregnancy.id, lastVisitDate);
      }
      const regrading = await this.risk.regradeOnChangedFacts(
        manager,
        pregnancy.id,
        'voided_visit',
        actor,
      );
      const visit = { ...current, ...flags, version: current.version + 1 };
      return { visit, pregnancy, ordinal: null, regrading };
    });
  }

  async listForPregnancy(
    pregnancyId: number,
    actor: Actor,
  ): Promise<{ pregnancy: Pregnancy; visits: AntenatalVisit[] }> {
    const pregnancy = await this.access.pregnancy(
      this.dataSource.manager,
      await this.dataSource.getRepository(Pregnancy).findOneBy({ id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
      'visits',
      'antenatal',
    );
    const visits = await this.dataSource.getRepository(AntenatalVisit).find({
      where: { pregnancyId },
      order: { visitDate: 'ASC', id: 'ASC' },
    });
    return { pregnancy, visits };
  }

  private async lockPregnancy(
    manager: EntityManager,
    id: number,
    actor: Actor,
  ): Promise<Pregnancy> {
    // The lock serialises visits of one pregnancy, so the same-day check cannot race.
    return this.access.lockPregnancy(manager, id, actor, () => pregnancyNotFound(id), 'antenatal');
  }

  /** `lockPregnancy`, reading the records a grading needs in the same statement. */
  private async lockWithRecords(
    manager: EntityManager,
    id: number,
    actor: Actor,
  ): Promise<{ pregnancy: Pregnancy; records: GradingRecords }> {
    const { pregnancy, row } = await this.access.lockPregnancyReading<GradingRecordsRow>(
      manager,
      id,
      actor,
      () => pregnancyNotFound(id),
      'antenatal',
      GRADING_RECORDS_COLUMNS,
    );
    return { pregnancy, records: gradingRecordsFrom(row) };
  }

  private checkMeasurements(visit: MeasuredValues): void {
    const problems: ErrorDetail[] = [];
    const hasSystolic = visit.systolicMmHg != null;
    const hasDiastolic = visit.diastolicMmHg != null;
    if (hasSystolic !== hasDiastolic) {
      const missing = hasSystolic ? 'diastolicMmHg' : 'systolicMmHg';
      problems.push({
        field: missing,
        rule: 'bloodPressurePair',
        message: 'a blood pressure needs both systolicMmHg and diastolicMmHg',
      });
    } else if (hasSystolic && visit.diastolicMmHg! >= visit.systolicMmHg!) {
      problems.push({
        field: 'diastolicMmHg',
        rule: 'belowSystolic',
        message: 'diastolicMmHg must be below systolicMmHg',
      });
    }
    if (
      visit.nextAppointmentDate &&
      visit.visitDate &&
      visit.nextAppointmentDate <= visit.visitDate
    ) {
      problems.push({
        field: 'nextAppointmentDate',
        rule: 'afterVisit',
        message: 'nextAppointmentDate must be after visitDate',
      });
    }
    if (problems.length > 0) throw visitInvalid(problems);
  }

  private checkDate(pregnancy: Pregnancy, visitDate: string): void {
    const today = this.clock.today();
    if (visitDate > today) {
      throw visitInvalid([
        { field: 'visitDate', rule: 'notFuture', message: 'visitDate must not be after today' },
      ]);
    }
    const start = addDays(pregnancy.edd, -PREGNANCY_LENGTH_DAYS);
    if (visitDate < start) throw visitBeforeLmp(visitDate, start);
    if (pregnancy.status !== 'open') {
      const end = pregnancy.outcomeDate ?? pregnancy.statusDate;
      if (end && visitDate > end) throw visitAfterPregnancyEnd(visitDate, end, pregnancy.status);
    }
  }

  /**
   * Keeps the pregnancy's last visit date (and so her overdue day), numbers the visit, and
   * re-grades from the new values, all from the records read under the lock.
   */
  private async afterChange(
    manager: EntityManager,
    pregnancy: Pregnancy,
    visit: AntenatalVisit,
    records: GradingRecords,
    actor: Actor,
  ): Promise<RecordedVisit> {
    const visits = sortVisits([...records.visits.filter((v) => v.id !== visit.id), visit]);
    const lastVisitDate = visits[visits.length - 1].visitDate;
    if (lastVisitDate !== pregnancy.lastVisitDate) {
      await setLastVisitDate(manager, pregnancy.id, lastVisitDate);
      pregnancy.lastVisitDate = lastVisitDate;
    }
    const ordinal = visits.indexOf(visit) + 1;
    const regrading = await this.risk.regradeAfterVisit(manager, pregnancy, visit, actor, {
      ...records,
      visits,
    });
    return { visit, pregnancy, ordinal, regrading };
  }
}

/**
 * The visit a correction or a void starts from, read with a lock. A plain read would fix the
 * transaction's snapshot there, before the pregnancy's lock is had, and the records read under
 * that lock would miss a visit committed while the correction waited for it.
 */
function lockVisit(manager: EntityManager, id: number): Promise<AntenatalVisit | null> {
  return manager.findOne(AntenatalVisit, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** Measurements a visit leaves out are recorded as not measured. */
const UNMEASURED = {
  weightKg: null,
  heightCm: null,
  systolicMmHg: null,
  diastolicMmHg: null,
  fundalHeightCm: null,
  fetalHeartRate: null,
  fetalPosition: null,
  oedema: null,
  haemoglobinGL: null,
  plateletsE9L: null,
  urineProtein: null,
  urineGlucose: null,
  findings: null,
  nextAppointmentDate: null,
} satisfies Partial<AntenatalVisit>;

/** One examination a day unless the second is marked as a repeat on purpose. */
function checkSameDay(
  visits: readonly Pick<AntenatalVisit, 'id' | 'visitDate'>[],
  visitDate: string,
  sameDayRepeat: boolean | undefined,
  excludingVisitId: number | null,
): void {
  if (sameDayRepeat) return;
  if (visits.some((v) => v.visitDate === visitDate && v.id !== excludingVisitId)) {
    throw visitSameDay(visitDate);
  }
}
