import { EpisodeAccess } from '../episodes/episode-access';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, LessThanOrEqual } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { DomainError, ErrorDetail } from '../core/errors/domain.error';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { addDays, daysBetween } from '../core/time/calendar-date';
import { maskStoredPhone } from '../core/privacy/identifier-cipher';
import { HospitalClock } from '../core/time/hospital-clock';
import { Pregnancy } from '../women/pregnancy.entity';
import { PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import { pregnancyNotFound } from '../women/women.errors';
import { findWomanVisibleTo } from '../women/woman.repository';
import {
  DispenseDto,
  DispensingRecordDto,
  EligibleQueryDto,
  EligibleWomanDto,
  FolicAcidSummaryDto,
  IntakeRecordDto,
  IntakeReportDto,
  SurveyDto,
  SurveyRecordDto,
  WomanFolicAcidDto,
} from './dto/folic-acid.dto';
import { FolicAcidDispensing, FolicAcidIntakeReport, FolicAcidSurvey } from './folic-acid.entities';
import {
  adherence,
  awareness,
  daysCovered,
  END_OF_MONTH_3_GA_DAYS,
  LOOKBACK_DAYS,
  UPTAKE_DAYS_BEFORE_LMP,
  uptake,
} from './rules/folic-acid';

const invalid = (problems: ErrorDetail[]) =>
  new DomainError(
    'FOLIC_ACID_RECORD_INVALID',
    'The folic acid record has invalid values',
    problems,
  );

/** 增补叶酸: what was handed out, what she says she took, what she knows, and the rates per pregnancy. */
@Injectable()
export class FolicAcidService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly access: EpisodeAccess,
  ) {}

  async dispense(womanId: number, input: DispenseDto, actor: Actor): Promise<DispensingRecordDto> {
    this.notFuture('dispensedOn', input.dispensedOn);
    return this.dataSource.transaction(async (manager) => {
      await findWomanVisibleTo(manager, womanId, actor);
      const record = await manager.save(
        manager.create(FolicAcidDispensing, {
          ...input,
          batchNumber: input.batchNumber ?? null,
          womanId,
          facilityId: actor.facilityId,
          dispensedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'folic_acid_dispensing',
        entityId: record.id,
        action: 'create',
        after: { womanId, ...input },
      });
      return mapDispensing(record);
    });
  }

  async reportIntake(
    womanId: number,
    input: IntakeReportDto,
    actor: Actor,
  ): Promise<IntakeRecordDto> {
    this.checkIntake(input);
    return this.dataSource.transaction(async (manager) => {
      await findWomanVisibleTo(manager, womanId, actor);
      const record = await manager.save(
        manager.create(FolicAcidIntakeReport, {
          womanId,
          facilityId: actor.facilityId,
          reportedOn: input.reportedOn,
          startedOn: input.startedOn ?? null,
          stoppedOn: input.stoppedOn ?? null,
          missedDays: input.missedDays ?? null,
          estimatedDaysTaken: input.estimatedDaysTaken ?? null,
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'folic_acid_intake_report',
        entityId: record.id,
        action: 'create',
        after: { womanId, ...input },
      });
      return mapIntake(record);
    });
  }

  async survey(womanId: number, input: SurveyDto, actor: Actor): Promise<SurveyRecordDto> {
    this.notFuture('askedOn', input.askedOn);
    return this.dataSource.transaction(async (manager) => {
      await findWomanVisibleTo(manager, womanId, actor);
      const record = await manager.save(
        manager.create(FolicAcidSurvey, {
          ...input,
          womanId,
          facilityId: actor.facilityId,
          askedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'folic_acid_survey',
        entityId: record.id,
        action: 'create',
        after: { womanId, ...input },
      });
      return mapSurvey(record);
    });
  }

  async recordsOf(womanId: number, actor: Actor): Promise<WomanFolicAcidDto> {
    await findWomanVisibleTo(this.dataSource.manager, womanId, actor);
    const [dispensings, intakeReports, surveys] = await Promise.all([
      this.dataSource
        .getRepository(FolicAcidDispensing)
        .find({ where: { womanId }, order: { dispensedOn: 'ASC', id: 'ASC' } }),
      this.dataSource
        .getRepository(FolicAcidIntakeReport)
        .find({ where: { womanId }, order: { reportedOn: 'ASC', id: 'ASC' } }),
      this.dataSource
        .getRepository(FolicAcidSurvey)
        .find({ where: { womanId }, order: { askedOn: 'ASC', id: 'ASC' } }),
    ]);
    return {
      womanId,
      dispensings: dispensings.map(mapDispensing),
      intakeReports: intakeReports.map(mapIntake),
      surveys: surveys.map(mapSurvey),
    };
  }

  /** Uptake, adherence and awareness of one pregnancy, from her records up to the evaluation date. */
  async summary(pregnancyId: number, actor: Actor, asOf?: string): Promise<FolicAcidSummaryDto> {
    const pregnancy = await this.access.pregnancy(
      this.dataSource.manager,
      await this.dataSource.getRepository(Pregnancy).findOneBy({ id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
      'folic acid',
      'antenatal',
    );
    const evaluatedOn = asOf ?? this.clock.today();
    // One clock for everything: the LMP the final EDD puts it at, re-dating included.
    const lmp = addDays(pregnancy.edd, -PREGNANCY_LENGTH_DAYS);
    // Records after the pregnancy ended belong to what came next, not to this one.
    const ended =
      pregnancy.status === 'open' ? null : (pregnancy.outcomeDate ?? pregnancy.statusDate);
    const until = ended && ended < evaluatedOn ? ended : evaluatedOn;
    const womanId = pregnancy.womanId;
    const since = addDays(lmp, -LOOKBACK_DAYS);
    const [dispensings, reports, surveys] = await Promise.all([
      this.dataSource.getRepository(FolicAcidDispensing).find({
        where: { womanId, dispensedOn: Between(since, until) },
      }),
      this.dataSource.getRepository(FolicAcidIntakeReport).find({
        where: { womanId, reportedOn: Between(since, until) },
      }),
      this.dataSource.getRepository(FolicAcidSurvey).find({
        where: { womanId, askedOn: LessThanOrEqual(evaluatedOn) },
      }),
    ]);
    return {
      pregnancyId,
      womanId,
      lmp,
      evaluatedOn,
      uptake: uptake(lmp, dispensings, reports),
      adherence: adherence(lmp, dispensings, reports, evaluatedOn),
      awareness: awareness(surveys),
    };
  }

  /**
   * Women to offer folic acid who have had none: those in early pregnancy (GA ≤ 12+6) with no
   * dispensing since LMP − 90 days, and women recorded before any pregnancy with none in the last
   * 90 days.
   */
  async eligibleWithoutDispensing(
    actor: Actor,
    query: EligibleQueryDto,
  ): Promise<Page<EligibleWomanDto>> {
    const today = this.clock.today();
    const from = `
      FROM woman w
      LEFT JOIN pregnancy p ON p.woman_id = w.id AND p.status = 'open' AND p.facility_id = ?
      WHERE (
          (p.id IS NOT NULL AND DATEDIFF(?, p.edd) + ${PREGNANCY_LENGTH_DAYS} <= ${END_OF_MONTH_3_GA_DAYS}
            AND NOT EXISTS (SELECT 1 FROM folic_acid_dispensing d WHERE d.woman_id = w.id
              AND d.dispensed_on >= DATE_SUB(p.edd, INTERVAL ${PREGNANCY_LENGTH_DAYS + UPTAKE_DAYS_BEFORE_LMP} DAY)))
          OR (w.registered_facility_id = ?
            AND NOT EXISTS (SELECT 1 FROM pregnancy q WHERE q.woman_id = w.id)
            AND NOT EXISTS (SELECT 1 FROM folic_acid_dispensing d WHERE d.woman_id = w.id
              AND d.dispensed_on >= ?)))`;
    const params = [
      actor.facilityId,
      today,
      actor.facilityId,
      addDays(today, -UPTAKE_DAYS_BEFORE_LMP),
    ];
    const [{ total }] = await this.dataSource.query<{ total: string }[]>(
      `SELECT COUNT(*) AS total ${from}`,
      params,
    );
    const { skip, take } = pageWindow(query);
    const rows = await this.dataSource.query<
      {
        woman_id: number;
        name: string;
        phone: string;
        pregnancy_id: number | null;
        edd: string | null;
      }[]
    >(
      `SELECT w.id AS woman_id, w.name, w.phone, p.id AS pregnancy_id, p.edd ${from}
       ORDER BY p.edd IS NULL, p.edd ASC, w.id ASC LIMIT ? OFFSET ?`,
      [...params, take, skip],
    );
    const items = rows.map((row) => ({
      womanId: row.woman_id,
      name: row.name,
      phone: maskStoredPhone(row.phone),
      pregnancyId: row.pregnancy_id,
      gaDays: row.edd ? daysBetween(addDays(row.edd, -PREGNANCY_LENGTH_DAYS), today) : null,
      reason: row.pregnancy_id ? 'early_pregnancy' : 'pre_conception',
    }));
    return pageOf(items, Number(total), query);
  }

  private notFuture(field: string, date: string): void {
    if (date > this.clock.today()) {
      throw invalid([{ field, rule: 'notFuture', message: `${field} must not be after today` }]);
    }
  }

  private checkIntake(input: IntakeReportDto): void {
    this.notFuture('reportedOn', input.reportedOn);
    const problems: ErrorDetail[] = [];
    if (!input.startedOn && input.estimatedDaysTaken === undefined) {
      problems.push({
        field: 'startedOn',
        rule: 'datesOrEstimate',
        message: 'give startedOn (and stoppedOn once she stopped), or estimatedDaysTaken',
      });
    }
    const end = input.stoppedOn ?? input.reportedOn;
    if (input.stoppedOn && !input.startedOn) {
      problems.push({
        field: 'startedOn',
        rule: 'requiredWithStoppedOn',
        message: 'stoppedOn needs startedOn',
      });
    }
    if (input.startedOn && input.startedOn > end) {
      problems.push({
        field: 'startedOn',
        rule: 'beforeStop',
        message: 'startedOn must not be after stoppedOn or reportedOn',
      });
    }
    if (input.stoppedOn && input.stoppedOn > input.reportedOn) {
      problems.push({
        field: 'stoppedOn',
        rule: 'notAfterReport',
        message: 'stoppedOn must not be after reportedOn',
      });
    }
    if (input.startedOn && input.missedDays !== undefined && input.startedOn <= end) {
      const span = daysBetween(input.startedOn, end) + 1;
      if (input.missedDays > span) {
        problems.push({
          field: 'missedDays',
          rule: 'withinRange',
          message: `missedDays cannot exceed the ${span} days reported`,
        });
      }
    }
    if (problems.length > 0) throw invalid(problems);
  }
}

function mapDispensing(record: FolicAcidDispensing): DispensingRecordDto {
  return {
    id: record.id,
    womanId: record.womanId,
    dispensedOn: record.dispensedOn,
    doseMg: record.doseMg,
    bottles: record.bottles,
    tabletsPerBottle: record.tabletsPerBottle,
    batchNumber: record.batchNumber ?? undefined,
    daysCovered: daysCovered(record),
    dispensedBy: record.dispensedBy,
  };
}

function mapIntake(record: FolicAcidIntakeReport): IntakeRecordDto {
  return {
    id: record.id,
    womanId: record.womanId,
    reportedOn: record.reportedOn,
    startedOn: record.startedOn ?? undefined,
    stoppedOn: record.stoppedOn ?? undefined,
    missedDays: record.missedDays ?? undefined,
    estimatedDaysTaken: record.estimatedDaysTaken ?? undefined,
    recordedBy: record.recordedBy,
  };
}

function mapSurvey(record: FolicAcidSurvey): SurveyRecordDto {
  return {
    id: record.id,
    womanId: record.womanId,
    askedOn: record.askedOn,
    knowsPreventsNeuralTubeDefects: record.knowsPreventsNeuralTubeDefects,
    knowsWhenToTake: record.knowsWhenToTake,
    askedBy: record.askedBy,
  };
}
