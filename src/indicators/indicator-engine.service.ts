import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Like } from 'typeorm';
import { appConfig, databaseConfig, pmtctConfig } from '../../config';
import { readOnReplica } from '../core/database/replica-reads';
import { Facility } from '../core/facilities/facility.entity';
import { DomainError } from '../core/errors/domain.error';
import { startOfDayIn, utcOffsetOf } from '../core/time/calendar-date';
import { INDICATORS } from './definitions';
import type {
  IndicatorDefinition,
  IndicatorGroup,
  IndicatorTarget,
} from './definitions/indicator-definition';
import {
  COHORT_QUERIES_AT_ONCE,
  countIndicators,
  type IndicatorCount,
} from './indicator-calculator';
import { IndicatorTargetOverride, IndicatorValue, IndicatorValueShare } from './indicator.entities';
import type { CohortParams } from './indicator-sql';
import { indicatorValue, targetMet } from './indicator-value';
import { parsePeriod, samePeriodYearBefore, type Period } from './periods';
import { regionNotFound } from './indicators.errors';
import { cohortEvaluations, valueAsOf } from './evaluation-day';
import { IndicatorStaleness } from './indicator-staleness.service';

/** A request reading a replica waits this long at most for it to catch up (as for an outage). */
export const REQUEST_REPLICA_WAIT_SECONDS = 2;

/** A facility as values and exports name it. */
export type FacilityRef = Pick<Facility, 'id' | 'code' | 'name'>;

/** What one computation covers: one facility, or every facility of a region, for one period. */
export type ComputationScope = { facilityId: number } | { regionCode: string };

export interface ComputationRequest {
  scope: ComputationScope;
  period: string;
  /** One group, or every indicator when null. */
  group: IndicatorGroup | null;
}

export interface ComputationSummary {
  facilityIds: number[];
  period: string;
  group: IndicatorGroup | null;
  values: number;
  computedAt: string;
}

/** Counts indicators with set-based SQL and upserts one row per indicator, facility and period. */
@Injectable()
export class IndicatorEngine {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(pmtctConfig.KEY) private readonly pmtct: ConfigType<typeof pmtctConfig>,
    @Inject(databaseConfig.KEY) private readonly database: ConfigType<typeof databaseConfig>,
    private readonly staleness: IndicatorStaleness,
  ) {}

  async compute(
    request: ComputationRequest,
    jobId: string,
    onProgress: (percent: number) => Promise<void> | void = () => undefined,
  ): Promise<ComputationSummary> {
    const period = parsePeriod(request.period);
    const facilityIds = await this.facilitiesOf(request.scope);
    const indicators = indicatorsOf(request.group);
    // Corrections recorded before this computation are counted by it: read them off the audit
    // trail first, so that a later reading does not mark the fresh values stale for them.
    await this.staleness.markFromAuditTrail();
    // The instant now-dependent rules are evaluated at, and the one the values state.
    const computedAt = new Date();
    // The cohort SQL reads a replica once it has applied everything committed before now, on as
    // many connections as cohorts run at once; the values are written on the primary (below). A
    // replica behind or away fails this attempt, and the job is retried.
    const counts = await readOnReplica(
      this.dataSource,
      {
        waitSeconds: this.database.replicaWaitSeconds,
        connections: COHORT_QUERIES_AT_ONCE,
        waitForReachable: true,
      },
      (managers) =>
        countIndicators(
          managers,
          indicators,
          this.cohortParams(facilityIds, period, computedAt),
          (done, total) => onProgress(Math.round((done / total) * 90)),
        ),
    );
    await this.dataSource.transaction(async (manager) => {
      const rows = await this.valueRows(manager, counts, period, computedAt, jobId);
      await upsertValues(manager, rows);
      await replaceShares(manager, counts, period);
    });
    await onProgress(100);
    return {
      facilityIds,
      period: period.key,
      group: request.group,
      values: counts.length,
      computedAt: computedAt.toISOString(),
    };
  }

  /**
   * A request's read-only work (a drill-down) where the cohorts are counted: a read replica that
   * has applied everything committed before now (the primary without one). A request waits for
   * the replica at most REQUEST_REPLICA_WAIT_SECONDS, then answers 503.
   */
  readOnReplicaForRequest<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const waitSeconds = Math.min(this.database.replicaWaitSeconds, REQUEST_REPLICA_WAIT_SECONDS);
    return readOnReplica(this.dataSource, { waitSeconds }, ([manager]) => work(manager));
  }

  /**
   * The period's bounds as the cohorts' placeholders take them, in the hospital's time zone, with
   * the as-of day of each cohort's now-dependent rules for a computation at `now`.
   */
  cohortParams(facilityIds: readonly number[], period: Period, now = new Date()): CohortParams {
    const zone = this.app.timeZone;
    const fromAt = startOfDayIn(period.from, zone);
    return {
      facilityIds,
      from: period.from,
      to: period.to,
      fromAt,
      toAt: startOfDayIn(period.to, zone),
      tz: utcOffsetOf(zone, fromAt),
      asOf: period.last,
      evaluations: cohortEvaluations(period, now, zone),
      syphilis: this.pmtct.syphilis,
    };
  }

  async facilitiesOf(scope: ComputationScope): Promise<number[]> {
    if ('facilityId' in scope) {
      const exists = await this.dataSource.manager.existsBy(Facility, { id: scope.facilityId });
      if (!exists) {
        throw new DomainError('FACILITY_NOT_FOUND', `Facility ${scope.facilityId} does not exist`);
      }
      return [scope.facilityId];
    }
    return (await this.regionFacilities(scope.regionCode)).map((f) => f.id);
  }

  /** The scope's facilities with their codes and names, by id. */
  async scopeFacilities(scope: ComputationScope): Promise<FacilityRef[]> {
    if ('regionCode' in scope) return this.regionFacilities(scope.regionCode);
    const facility = await this.dataSource.manager.findOne(Facility, {
      select: { id: true, code: true, name: true },
      where: { id: scope.facilityId },
    });
    if (!facility) {
      throw new DomainError('FACILITY_NOT_FOUND', `Facility ${scope.facilityId} does not exist`);
    }
    return [facility];
  }

  /**
   * The facilities of a region by the prefix of their 6-digit county code (GB/T 2260): 2 digits
   * a province, 4 a city (prefecture), 6 a county.
   */
  async regionFacilities(regionCode: string): Promise<FacilityRef[]> {
    const facilities = await this.dataSource.manager.find(Facility, {
      select: { id: true, code: true, name: true },
      where: { regionCode: Like(`${regionCode}%`) },
      order: { id: 'ASC' },
    });
    if (facilities.length === 0) throw regionNotFound(regionCode);
    return facilities;
  }

  private async valueRows(
    manager: EntityManager,
    counts: IndicatorCount[],
    period: Period,
    computedAt: Date,
    jobId: string,
  ): Promise<Partial<IndicatorValue>[]> {
    const facilityIds = [...new Set(counts.map((c) => c.facilityId))];
    const overrides = await manager.find(IndicatorTargetOverride, {
      where: { facilityId: In(facilityIds) },
    });
    const yearBefore = samePeriodYearBefore(period);
    const previous = await manager.find(IndicatorValue, {
      select: { indicatorCode: true, facilityId: true, value: true },
      where: { facilityId: In(facilityIds), periodKey: yearBefore.key },
    });
    const definitions = new Map(INDICATORS.map((d) => [d.code, d]));
    return counts.map((count) => {
      const definition = definitions.get(count.code) as IndicatorDefinition;
      const target = targetFor(definition, count.facilityId, overrides);
      const value = indicatorValue(definition.unit, count.numerator, count.denominator);
      const before =
        previous.find((p) => p.indicatorCode === count.code && p.facilityId === count.facilityId)
          ?.value ?? null;
      return {
        indicatorCode: count.code,
        facilityId: count.facilityId,
        periodKey: period.key,
        periodKind: period.kind,
        periodFrom: period.from,
        numerator: count.numerator,
        denominator: count.denominator,
        excluded: count.excluded,
        incomplete: count.incomplete,
        value,
        targetDirection: target?.direction ?? null,
        targetValue: target?.value ?? null,
        targetMet: targetMet(target, value, before),
        definitionVersion: definition.version,
        computedAt,
        jobId,
        stale: false,
        ...valueAsOf(count.code, period, computedAt, this.app.timeZone),
      };
    });
  }
}

export function indicatorsOf(group: IndicatorGroup | null): IndicatorDefinition[] {
  return INDICATORS.filter((i) => group === null || i.group === group);
}

/** The facility's own target when an admin set one, otherwise the definition's. */
export function targetFor(
  definition: IndicatorDefinition,
  facilityId: number,
  overrides: readonly IndicatorTargetOverride[],
): IndicatorTarget | null {
  const override = overrides.find(
    (o) => o.facilityId === facilityId && o.indicatorCode === definition.code,
  );
  return override ? { direction: override.direction, value: override.value } : definition.target;
}

const UPSERT_BATCH = 500;

/**
 * The district indicators' values of the facilities just counted, split by attributed region,
 * in place of the split of their previous computation.
 */
async function replaceShares(
  manager: EntityManager,
  counts: IndicatorCount[],
  period: Period,
): Promise<void> {
  const district = counts.filter((count) => count.byRegion !== undefined);
  if (district.length === 0) return;
  await manager.delete(IndicatorValueShare, {
    facilityId: In([...new Set(district.map((c) => c.facilityId))]),
    indicatorCode: In([...new Set(district.map((c) => c.code))]),
    periodKey: period.key,
  });
  const shares = district.flatMap((count) =>
    [...count.byRegion!].map(([regionCode, share]) => ({
      facilityId: count.facilityId,
      indicatorCode: count.code,
      periodKey: period.key,
      regionCode,
      ...share,
    })),
  );
  for (let i = 0; i < shares.length; i += UPSERT_BATCH) {
    await manager.insert(IndicatorValueShare, shares.slice(i, i + UPSERT_BATCH));
  }
}

/** Insert or replace by (indicator, facility, period): a second run leaves the same rows. */
async function upsertValues(
  manager: EntityManager,
  rows: Partial<IndicatorValue>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(IndicatorValue)
      .values(rows.slice(i, i + UPSERT_BATCH))
      .orUpdate(
        [
          'period_kind',
          'period_from',
          'numerator',
          'denominator',
          'excluded',
          'incomplete',
          'value',
          'target_direction',
          'target_value',
          'target_met',
          'definition_version',
          'computed_at',
          'job_id',
          'stale',
          'as_of',
          'provisional',
        ],
        ['indicator_code', 'facility_id', 'period_key'],
      )
      .updateEntity(false)
      .execute();
  }
}
