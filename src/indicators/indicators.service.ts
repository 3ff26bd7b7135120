import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import type { Actor } from '../core/auth/actor';
import { adminScopeOf, managesFacility } from '../core/auth/facility-scope';
import { AuditService } from '../core/audit/audit.service';
import { DomainError, fieldError } from '../core/errors/domain.error';
import { COHORTS } from './cohorts';
import { INDICATORS } from './definitions';
import { hasFailedCases } from './indicator-sql';
import type { Criterion } from './definitions/indicator-definition';
import type { ComputationScope } from './indicator-engine.service';
import {
  IndicatorJobsProducer,
  type ComputeJobData,
  type ExportJobData,
  type IndicatorJobData,
} from './indicator-jobs.producer';
import { IndicatorTargetOverride } from './indicator.entities';
import { IndicatorValuesService } from './indicator-values.service';
import { IndicatorExports, type ExportFile } from './exports/indicator-exports.service';
import { IndicatorPeriods, type StoredValue } from './closing/indicator-periods.service';
import {
  computationNotFound,
  exportNotFound,
  exportNotReady,
  indicatorNotFound,
} from './indicators.errors';
import type {
  CaseListQueryDto,
  CasePageDto,
  CasesQueryDto,
  ClosePeriodDto,
  PeriodQueryDto,
  PeriodVersionsDto,
  ComputationDto,
  ComputationRequestDto,
  CriterionDto,
  PeriodOverviewDto,
  PeriodOverviewPageDto,
  PeriodOverviewQueryDto,
  ExportJobDto,
  ExportRecordPageDto,
  ExportRecordQueryDto,
  ExportRequestDto,
  FacilityTargetDto,
  IndicatorDefinitionDto,
  PeriodRangeValuesDto,
  PeriodValuesDto,
  RangeQueryDto,
  ScopeQueryDto,
  SetTargetDto,
  TargetDto,
  ValuesQueryDto,
} from './dto/indicators.dto';
import { INDICATOR_JOBS } from '../core/queue/queue.constants';
import { parsePeriod, periodsBetween, periodsEndingWith } from './periods';

const FAILED_LISTED = 50;
const MAX_RANGE_PERIODS = 36;

/** What the indicator endpoints do, with the caller's scope applied. */
@Injectable()
export class IndicatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: IndicatorJobsProducer,
    private readonly valuesService: IndicatorValuesService,
    private readonly exportsService: IndicatorExports,
    private readonly audit: AuditService,
    private readonly periods: IndicatorPeriods,
  ) {}

  definitions(): IndicatorDefinitionDto[] {
    return INDICATORS.map((d) => ({
      code: d.code,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      group: d.group,
      unit: d.unit,
      cohort: d.cohort,
      cohortDescription: sentencesOf(COHORTS.find((c) => c.code === d.cohort)!),
      attribution: d.attribution,
      attributionZh: d.attributionZh,
      counting: d.counting ?? 'facility',
      numerator: sentencesOf(d.numerator),
      denominator: sentencesOf(d.denominator),
      exclusion: d.exclusion ? sentencesOf(d.exclusion) : null,
      incomplete: d.incomplete ? sentencesOf(d.incomplete) : null,
      hasFailedCases: hasFailedCases(d),
      target: d.target,
      version: d.version,
    }));
  }

  /** Every indicator's target at a facility; a facility admin sees only its own facility's. */
  async targetsOf(facilityId: number, actor: Actor): Promise<FacilityTargetDto[]> {
    await this.assertManagesFacility(facilityId, actor);
    const own = await this.dataSource.manager.findBy(IndicatorTargetOverride, { facilityId });
    return INDICATORS.map((d) => {
      const override = own.find((o) => o.indicatorCode === d.code);
      return {
        code: d.code,
        nameZh: d.nameZh,
        nameEn: d.nameEn,
        group: d.group,
        unit: d.unit,
        national: d.target,
        own: override ? { direction: override.direction, value: override.value } : null,
        ownSetAt: override ? override.setAt.toISOString() : null,
      };
    });
  }

  /** Drops a facility's own target for an indicator: the national one applies again. */
  async clearTarget(code: string, facilityId: number, actor: Actor): Promise<void> {
    if (!INDICATORS.some((d) => d.code === code)) throw indicatorNotFound(code);
    await this.assertManagesFacility(facilityId, actor);
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneBy(IndicatorTargetOverride, {
        facilityId,
        indicatorCode: code,
      });
      if (!before) return;
      await manager.delete(IndicatorTargetOverride, { id: before.id });
      await this.audit.record(manager, {
        entity: 'indicator_target',
        entityId: `${facilityId}:${code}`,
        action: 'delete',
        before: { direction: before.direction, value: before.value },
        after: null,
        facilityId,
      });
    });
  }

  /** An admin manages its own facility; a system admin any; another answers as not found. */
  private async assertManagesFacility(facilityId: number, actor: Actor): Promise<void> {
    if (
      !managesFacility(adminScopeOf(actor), facilityId) ||
      !(await this.dataSource.manager.existsBy('Facility', { id: facilityId }))
    ) {
      throw new DomainError('FACILITY_NOT_FOUND', `Facility ${facilityId} does not exist`);
    }
  }

  async setTarget(
    code: string,
    facilityId: number,
    input: SetTargetDto,
    actor: Actor,
  ): Promise<TargetDto> {
    const definition = INDICATORS.find((d) => d.code === code);
    if (!definition) throw indicatorNotFound(code);
    if (definition.unit === 'percent' && input.value !== null && input.value > 100) {
      throw fieldError('VALIDATION_FAILED', 'value', 'max', 'value must not be more than 100');
    }
    // An admin sets its own facility's targets; another facility answers as not found.
    if (!managesFacility(adminScopeOf(actor), facilityId)) {
      throw new DomainError('FACILITY_NOT_FOUND', `Facility ${facilityId} does not exist`);
    }
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneBy(IndicatorTargetOverride, {
        facilityId,
        indicatorCode: code,
      });
      if (!before && !(await manager.existsBy('Facility', { id: facilityId }))) {
        throw new DomainError('FACILITY_NOT_FOUND', `Facility ${facilityId} does not exist`);
      }
      const value = input.value ?? null;
      await manager.upsert(
        IndicatorTargetOverride,
        {
          facilityId,
          indicatorCode: code,
          direction: input.direction,
          value,
          setBy: actor.userId,
          setAt: new Date(),
        },
        ['facilityId', 'indicatorCode'],
      );
      await this.audit.record(manager, {
        entity: 'indicator_target',
        entityId: `${facilityId}:${code}`,
        action: before ? 'update' : 'create',
        before: before ? { direction: before.direction, value: before.value } : null,
        after: { direction: input.direction, value },
        facilityId,
      });
      return { direction: input.direction, value };
    });
  }

  async requestComputation(input: ComputationRequestDto, actor: Actor): Promise<ComputationDto> {
    const scope = scopeOf(input, actor);
    const job = await this.producer.compute({
      scope,
      period: input.period,
      group: input.group ?? null,
      trigger: 'on_demand',
      requestedBy: actor.userId,
    });
    return computationView(job, await job.getState());
  }

  async computation(jobId: string, actor: Actor): Promise<ComputationDto> {
    const job = await this.producer.job(jobId);
    if (
      !job ||
      job.name !== INDICATOR_JOBS.compute ||
      !visibleTo(job.data as ComputeJobData, actor)
    ) {
      throw computationNotFound(jobId);
    }
    return computationView(job, await job.getState());
  }

  /** The latest failed computations the caller may see, with their reasons. */
  async failedComputations(actor: Actor): Promise<ComputationDto[]> {
    const jobs = await this.producer.failed(0, FAILED_LISTED - 1);
    return jobs
      .filter(
        (job) =>
          job.name === INDICATOR_JOBS.compute && visibleTo(job.data as ComputeJobData, actor),
      )
      .map((job) => computationView(job, 'failed'));
  }

  async values(query: ValuesQueryDto, actor: Actor): Promise<PeriodValuesDto> {
    const scope = scopeOf(query, actor);
    if (query.version !== undefined && 'regionCode' in scope) {
      throw fieldError(
        'VALIDATION_FAILED',
        'version',
        'facilityOnly',
        "version names one facility's version of the period; a region reads each facility's",
      );
    }
    const { period, values } = await this.valuesService.values(
      scope,
      query.period,
      query.group ?? null,
      query.trend,
      query.version ?? null,
    );
    return { ...scopeFields(scope), period, values };
  }

  /** Every period from `period` to `to` (same kind, at most 36), oldest first. */
  async range(query: RangeQueryDto, actor: Actor): Promise<PeriodRangeValuesDto> {
    const scope = scopeOf(query, actor);
    const first = parsePeriod(query.period);
    const last = parsePeriod(query.to);
    if (first.kind !== last.kind || last.from < first.from) {
      throw fieldError(
        'VALIDATION_FAILED',
        'to',
        'sameKindNotBefore',
        'to must be a period of the same kind as period, not before it',
      );
    }
    const periods = periodsBetween(first.kind, first.from, last.from);
    if (periods.length > MAX_RANGE_PERIODS) {
      throw fieldError(
        'VALIDATION_FAILED',
        'to',
        'maxPeriods',
        `at most ${MAX_RANGE_PERIODS} periods at once`,
      );
    }
    const values: PeriodValuesDto[] = [];
    for (const p of periods) {
      const read = await this.valuesService.values(scope, p.key, query.group ?? null, 1);
      values.push({ ...scopeFields(scope), period: read.period, values: read.values });
    }
    return { ...scopeFields(scope), periods: values };
  }

  cases(code: string, query: CasesQueryDto, actor: Actor): Promise<CasePageDto> {
    return this.valuesService.cases(actor, code, query.period, query.role, query);
  }

  /** The cases behind a value as an xlsx (the first CASE_LIST_LIMIT); audited as a look. */
  async caseList(code: string, query: CaseListQueryDto, actor: Actor): Promise<ExportFile> {
    const definition = INDICATORS.find((d) => d.code === code);
    if (!definition) throw indicatorNotFound(code);
    const period = parsePeriod(query.period);
    const page = await this.valuesService.cases(actor, code, period.key, query.role, {
      page: 1,
      pageSize: CASE_LIST_LIMIT,
    });
    return this.exportsService.caseList(
      actor.facilityId,
      {
        title: `${code} ${definition.nameZh} ${period.key} ${CASE_ROLE_NAMES[query.role]}`,
        listed: page.items.length,
        total: page.total,
        fieldLabelsZh: page.fieldLabelsZh,
        fieldValuesZh: page.fieldValuesZh,
        cases: page.items,
      },
      actor.userId,
      `cases-${code}-${period.key}-${query.role}`,
    );
  }

  exportNow(query: ExportRequestDto, actor: Actor): Promise<ExportFile> {
    return this.exportsService.build({
      scope: scopeOf(query, actor),
      period: query.period,
      format: query.format,
      allowStale: query.allowStale ?? false,
      requestedBy: actor.userId,
    });
  }

  /** Refused at once when incomplete (the job checks again when it builds the file). */
  async requestExport(input: ExportRequestDto, actor: Actor): Promise<ExportJobDto> {
    const scope = scopeOf(input, actor);
    const allowStale = input.allowStale ?? false;
    await this.exportsService.exportable(scope, parsePeriod(input.period).key, allowStale);
    const job = await this.producer.export({
      scope,
      period: input.period,
      format: input.format,
      allowStale,
      requestedBy: actor.userId,
    });
    return exportView(job, await job.getState());
  }

  /**
   * A facility's periods, oldest first: the state of what the reads show, the indicators missing
   * or stale in it, and its computations (queued, running, the latest finished).
   */
  async periodOverview(
    query: PeriodOverviewQueryDto,
    actor: Actor,
  ): Promise<PeriodOverviewPageDto> {
    const facilityId = facilityOf(query, actor);
    const periods = periodsEndingWith(parsePeriod(query.period), query.count ?? 12);
    const keys = periods.map((p) => p.key);
    const codes = INDICATORS.map((d) => d.code);
    const [stored, jobs] = await Promise.all([
      this.periods.currentValues([facilityId], codes, keys),
      this.producer.facilityComputations(facilityId, keys),
    ]);
    const views = await Promise.all(
      jobs.map(async (job) => computationView(job, await job.getState())),
    );
    return {
      facilityId,
      periods: keys.map((key) =>
        periodOverviewOf(
          key,
          stored.filter((v) => v.periodKey === key),
          views.filter((j) => j.period === key),
        ),
      ),
    };
  }

  /** The versions of a facility's period: closed ones, then the latest computation. */
  periodVersions(query: PeriodQueryDto, actor: Actor): Promise<PeriodVersionsDto> {
    return this.periods.list(facilityOf(query, actor), query.period);
  }

  /** Freezes the facility's latest computation of the period as its next version; audited. */
  closePeriod(input: ClosePeriodDto, actor: Actor): Promise<PeriodVersionsDto> {
    return this.periods.close(facilityOf(input, actor), input.period, actor);
  }

  async exportJob(jobId: string, actor: Actor): Promise<ExportJobDto> {
    const job = await this.exportJobOf(jobId, actor);
    return exportView(job, await job.getState());
  }

  async exportFile(jobId: string, actor: Actor): Promise<ExportFile> {
    const job = await this.exportJobOf(jobId, actor);
    const state = await job.getState();
    if (state !== 'completed') throw exportNotReady(jobId, state);
    return this.exportsService.fetch(jobId);
  }

  /** The exports sent for a facility or region, newest first: who, when, what they held. */
  async exportRecords(query: ExportRecordQueryDto, actor: Actor): Promise<ExportRecordPageDto> {
    const page = await this.exportsService.records(scopeOf(query, actor), query.period, query);
    return {
      ...page,
      items: page.items.map((r) => ({
        id: r.id,
        facilityId: r.facilityId,
        regionCode: r.regionCode,
        period: r.periodKey,
        format: r.format,
        complete: r.complete,
        held: r.held,
        jobId: r.jobId,
        exportedBy: r.exportedBy,
        exportedByName: r.exportedByName,
        exportedAt: r.exportedAt.toISOString(),
        filename: r.filename,
        bytes: r.bytes,
        sha256: r.sha256,
        downloadUrl: `/indicator-export-records/${r.id}/file`,
      })),
    };
  }

  /** The same bytes as were sent, to whoever may see the export. */
  async exportRecordFile(id: number, actor: Actor): Promise<ExportFile> {
    const record = await this.exportsService.record(id);
    const scope: ComputationScope | null = !record
      ? null
      : record.facilityId !== null
        ? { facilityId: record.facilityId }
        : { regionCode: record.regionCode! };
    if (!scope || !visibleTo({ scope }, actor)) throw exportNotFound(String(id));
    return this.exportsService.fetchRecord(id);
  }

  private async exportJobOf(jobId: string, actor: Actor): Promise<Job<IndicatorJobData>> {
    const job = await this.producer.job(jobId);
    if (
      !job ||
      job.name !== INDICATOR_JOBS.export ||
      !visibleTo(job.data as ExportJobData, actor)
    ) {
      throw exportNotFound(jobId);
    }
    return job;
  }
}

/** A list file holds at most this many cases; it says how many there are in all. */
export const CASE_LIST_LIMIT = 5000;

const CASE_ROLE_NAMES: Record<CaseListQueryDto['role'], string> = {
  numerator: '达标',
  denominator: '分母',
  failed: '未达标',
  excluded: '排除',
  incomplete: '不完整',
};

/** A criterion or cohort as the definitions list shows it: its sentences, never its SQL. */
function sentencesOf({
  description,
  descriptionZh,
}: Pick<Criterion, 'description' | 'descriptionZh'>): CriterionDto {
  return { description, descriptionZh };
}

/** States that a period's values pass on to the period, the strongest first. */
const STATE_ORDER = ['corrected_after_close', 'stale', 'computed', 'closed'] as const;

function periodOverviewOf(
  period: string,
  values: StoredValue[],
  jobs: ComputationDto[],
): PeriodOverviewDto {
  const held = new Set(values.map((v) => v.indicatorCode));
  const finished = jobs
    .filter((j) => j.finishedAt !== null)
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
  const computedAt = values.map((v) => v.computedAt.getTime());
  return {
    period,
    state:
      values.length === 0
        ? 'never_computed'
        : STATE_ORDER.find((state) => values.some((v) => v.state === state))!,
    version: values.length === 0 ? 0 : Math.max(...values.map((v) => v.version)),
    missing: INDICATORS.map((d) => d.code).filter((code) => !held.has(code)),
    stale: values.filter((v) => v.stale).map((v) => v.indicatorCode),
    computedAt: computedAt.length ? new Date(Math.max(...computedAt)).toISOString() : null,
    jobs: [...jobs.filter((j) => j.finishedAt === null), ...finished.slice(0, 1)],
  };
}

/**
 * Everyone works on their own facility, admins too; another facility answers as not found. A
 * region's sums hold no personal data and are for statisticians and admins.
 */
function scopeOf(
  query: Pick<ScopeQueryDto, 'facilityId' | 'regionCode'>,
  actor: Actor,
): ComputationScope {
  if (query.regionCode !== undefined) {
    if (query.facilityId !== undefined) {
      throw fieldError(
        'VALIDATION_FAILED',
        'regionCode',
        'exclusive',
        'give facilityId or regionCode, not both',
      );
    }
    if (actor.role !== 'statistician' && actor.role !== 'admin') {
      throw new DomainError('FORBIDDEN_ROLE', 'Regional values are for statisticians and admins');
    }
    return { regionCode: query.regionCode };
  }
  return { facilityId: facilityOf(query, actor) };
}

/** The caller's facility; naming another answers as not found. */
function facilityOf(query: { facilityId?: number }, actor: Actor): number {
  const facilityId = query.facilityId ?? actor.facilityId;
  if (facilityId !== actor.facilityId) {
    throw new DomainError('FACILITY_NOT_FOUND', `Facility ${facilityId} does not exist`);
  }
  return facilityId;
}

function visibleTo(data: { scope: ComputationScope }, actor: Actor): boolean {
  if ('facilityId' in data.scope) return data.scope.facilityId === actor.facilityId;
  return actor.role === 'statistician' || actor.role === 'admin';
}

function scopeFields(scope: ComputationScope): {
  facilityId: number | null;
  regionCode: string | null;
} {
  return 'facilityId' in scope
    ? { facilityId: scope.facilityId, regionCode: null }
    : { facilityId: null, regionCode: scope.regionCode };
}

function computationView(job: Job<IndicatorJobData>, state: string): ComputationDto {
  const data = job.data as ComputeJobData;
  return {
    jobId: String(job.id),
    state,
    progress: Number(job.progress()) || 0,
    ...scopeFields(data.scope),
    period: data.period,
    group: data.group,
    trigger: data.trigger,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? null,
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    result: (job.returnvalue as unknown) ?? null,
  };
}

function exportView(job: Job<IndicatorJobData>, state: string): ExportJobDto {
  const result = job.returnvalue as { filename?: string } | null;
  return {
    jobId: String(job.id),
    state,
    progress: Number(job.progress()) || 0,
    failedReason: job.failedReason ?? null,
    filename: result?.filename ?? null,
    downloadUrl: state === 'completed' ? `/indicator-exports/${String(job.id)}/file` : null,
  };
}
