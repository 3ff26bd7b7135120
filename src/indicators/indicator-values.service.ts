import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../core/auth/actor';
import { AuditService } from '../core/audit/audit.service';
import { readsSensitiveResults } from '../core/privacy/sensitive-results';
import { RESULT_CONTRAINDICATIONS, WITHHELD_CONTRAINDICATION } from '../delivery/delivery.entities';
import { pageOf, pageWindow, type Page, type PageQueryDto } from '../core/http/pagination';
import { INDICATORS } from './definitions';
import type {
  IndicatorDefinition,
  IndicatorGroup,
  IndicatorTarget,
} from './definitions/indicator-definition';
import { cohortOf } from './indicator-calculator';
import {
  IndicatorEngine,
  indicatorsOf,
  targetFor,
  type ComputationScope,
  type FacilityRef,
} from './indicator-engine.service';
import { IndicatorTargetOverride } from './indicator.entities';
import {
  IndicatorPeriods,
  type PeriodState,
  type StoredValue,
} from './closing/indicator-periods.service';
import { casesQuery, type CaseRole, decidingFields, hasFailedCases } from './indicator-sql';
import { indicatorValue, targetMet } from './indicator-value';
import { indicatorNotFound, noFailedCases } from './indicators.errors';
import {
  periodGap,
  type PeriodGap,
  type PeriodGapDetail,
} from './closing/indicator-periods.errors';
import { parsePeriod, periodsEndingWith, samePeriodYearBefore, type Period } from './periods';

/** What a value is: a state of its period's version, or never computed. */
export type ValueState = PeriodState | 'not_computed';

export interface IndicatorValueView {
  code: string;
  nameZh: string;
  nameEn: string;
  group: IndicatorGroup;
  unit: IndicatorDefinition['unit'];
  numerator: number;
  denominator: number;
  excluded: number;
  /** Cases not complete enough to decide, beside the value like the excluded. */
  incomplete: number;
  value: number | null;
  target: IndicatorTarget | null;
  targetMet: boolean | null;
  definitionVersion: number;
  computedAt: string | null;
  /** A record behind it changed after it was computed (or, closed, after the close). */
  stale: boolean;
  /** The version of the facility's period read (null for a region or when never computed). */
  version: number | null;
  /**
   * The facility's: computed, stale, closed, corrected_after_close or not_computed. A region's:
   * not_computed when no facility has a value, otherwise the first of not_computed (some facility
   * has none), corrected_after_close, stale, computed that applies, closed when all are closed.
   */
  state: ValueState;
  /** The day now-dependent rules were evaluated as of (the latest of a region's facilities). */
  asOf: string | null;
  /** Evaluated before the period's end plus its grace: may still change without a correction. */
  provisional: boolean;
  /** Facilities counted (1 for a facility; the region's facilities with values for a region). */
  facilities: number;
  /** The scope's facilities that have no value for the period. */
  withoutValue: FacilityRefView[];
  trend: Array<{ period: string; value: number | null }>;
}

export interface FacilityRefView {
  facilityId: number;
  code: string;
  name: string;
}

/** Which version of a period a facility's values are, as an export lists it. */
export interface FacilityVersionView extends FacilityRefView {
  version: number | null;
  state: ValueState;
  asOf: string | null;
  /** When the newest of its values was computed (ISO instant). */
  computedAt: string | null;
  values: number;
}

export interface PeriodValues {
  scope: ComputationScope;
  period: string;
  values: IndicatorValueView[];
}

export interface CaseView {
  caseId: string;
  womanId: number | null;
  womanName: string | null;
  pregnancyId: number | null;
  newbornId: number | null;
  attributedOn: string;
  fields: Record<string, unknown>;
  /** A failed case: what of the numerator it does not meet, in Chinese. */
  failedCriterion: string | null;
}

/** A page of cases, with the labels of their deciding fields (in English and in Chinese). */
export interface CasePage extends Page<CaseView> {
  fieldLabels: Record<string, string>;
  fieldLabelsZh: Record<string, string>;
  fieldValuesZh: Record<string, Record<string, string>>;
}

/** Why a failed case failed: the first numerator part it misses, or the numerator itself. */
function failedCriterionOf(definition: IndicatorDefinition, part: unknown): string {
  const index = Number(part);
  const missed = index >= 0 ? definition.numeratorParts?.[index] : undefined;
  return `未满足：${(missed ?? definition.numerator).descriptionZh}`;
}

export const DEFAULT_TREND_PERIODS = 6;

/** Reads computed values (never computes), regional sums, and the cases behind a value. */
@Injectable()
export class IndicatorValuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: IndicatorEngine,
    private readonly audit: AuditService,
    private readonly periods: IndicatorPeriods,
  ) {}

  /**
   * A facility's values, or a region's: its facilities' numerators and denominators summed, never
   * their rates averaged. Each value comes with the previous periods of the same kind.
   */
  async values(
    scope: ComputationScope,
    periodKey: string,
    group: IndicatorGroup | null,
    trendPeriods = DEFAULT_TREND_PERIODS,
    version: number | null = null,
  ): Promise<PeriodValues> {
    const period = parsePeriod(periodKey);
    const facilities = await this.engine.scopeFacilities(scope);
    const definitions = indicatorsOf(group);
    const trend = periodsEndingWith(period, trendPeriods);
    const yearBefore = samePeriodYearBefore(period);
    const periodKeys = [...trend.map((p) => p.key), yearBefore.key];
    const requested = version === null ? null : { periodKey: period.key, version };
    let rows = await this.periods.storedValues(
      this.dataSource.manager,
      facilities.map((f) => f.id),
      definitions.map((d) => d.code),
      periodKeys,
      requested,
    );
    if ('regionCode' in scope) {
      rows = await this.withDistrictCounting(
        rows,
        scope.regionCode,
        facilities,
        definitions,
        periodKeys,
      );
    }
    // A region has no targets of its own: its values are held to the definitions'.
    const overrides =
      'facilityId' in scope
        ? await this.dataSource.manager.find(IndicatorTargetOverride, {
            where: { facilityId: scope.facilityId },
          })
        : [];
    const targetOf = (definition: IndicatorDefinition) =>
      'facilityId' in scope
        ? targetFor(definition, scope.facilityId, overrides)
        : definition.target;
    const values = definitions.map((definition) =>
      this.view(definition, rows, facilities, period, trend, yearBefore, targetOf(definition)),
    );
    return { scope, period: period.key, values };
  }

  /**
   * A region's district indicators count the cases attributed to the region, whichever facility
   * counted them (inside the region or not), from the facilities' splits by attributed region:
   * each facility's value read as the sum of its shares in the region (none: zero).
   */
  private async withDistrictCounting(
    rows: StoredValue[],
    regionCode: string,
    facilities: FacilityRef[],
    definitions: readonly IndicatorDefinition[],
    periodKeys: string[],
  ): Promise<StoredValue[]> {
    const codes = definitions.filter((d) => d.counting === 'district').map((d) => d.code);
    if (codes.length === 0) return rows;
    const manager = this.dataSource.manager;
    const shares = await manager.query<
      Array<{ facility_id: number; indicator_code: string; period_key: string } & RawCounts>
    >(
      `SELECT facility_id, indicator_code, period_key, SUM(numerator) AS n, SUM(denominator) AS d,
              SUM(excluded) AS x, SUM(incomplete) AS u
       FROM indicator_value_share
       WHERE indicator_code IN (?) AND period_key IN (?) AND region_code LIKE ?
       GROUP BY facility_id, indicator_code, period_key`,
      [codes, periodKeys, `${regionCode}%`],
    );
    const shareOf = new Map(
      shares.map((s) => [`${s.facility_id}:${s.indicator_code}:${s.period_key}`, s]),
    );
    const inside = new Set(facilities.map((f) => f.id));
    const outside = [...new Set(shares.map((s) => Number(s.facility_id)))].filter(
      (id) => !inside.has(id),
    );
    const stored = [
      ...rows.filter((r) => codes.includes(r.indicatorCode)),
      ...(await this.periods.storedValues(manager, outside, codes, periodKeys)),
    ];
    const counted = stored.flatMap((r): StoredValue[] => {
      const share = shareOf.get(`${r.facilityId}:${r.indicatorCode}:${r.periodKey}`);
      if (!share && !inside.has(r.facilityId)) return [];
      return [
        {
          ...r,
          numerator: Number(share?.n ?? 0),
          denominator: Number(share?.d ?? 0),
          excluded: Number(share?.x ?? 0),
          incomplete: Number(share?.u ?? 0),
        },
      ];
    });
    return [...rows.filter((r) => !codes.includes(r.indicatorCode)), ...counted];
  }

  /**
   * A period's values facility by facility: the version each holds, its state and as-of day, and
   * what is missing or stale (indicators never computed, stale, or closed and corrected since).
   */
  async periodStatus(
    scope: ComputationScope,
    periodKey: string,
  ): Promise<{ facilities: FacilityVersionView[]; gaps: PeriodGapDetail[] }> {
    const period = parsePeriod(periodKey);
    const facilities = await this.engine.scopeFacilities(scope);
    const codes = INDICATORS.map((d) => d.code);
    const rows = await this.periods.storedValues(
      this.dataSource.manager,
      facilities.map((f) => f.id),
      codes,
      [period.key],
    );
    const gaps: PeriodGapDetail[] = [];
    const versions = facilities.map((facility): FacilityVersionView => {
      const own = rows.filter((r) => r.facilityId === facility.id);
      const present = new Set(own.map((r) => r.indicatorCode));
      const listed: Array<[PeriodGap, string[]]> = [
        ['not_computed', codes.filter((code) => !present.has(code))],
        ['stale', own.filter((r) => r.state === 'stale').map((r) => r.indicatorCode)],
        [
          'corrected_after_close',
          own.filter((r) => r.state === 'corrected_after_close').map((r) => r.indicatorCode),
        ],
      ];
      for (const [rule, gapCodes] of listed) {
        if (gapCodes.length === 0) continue;
        gaps.push(periodGap(facility.id, period.key, rule, gapCodes.sort(), facility.code));
      }
      const asOfs = own.map((r) => r.asOf).filter((d): d is string => d !== null);
      const computed = own.map((r) => r.computedAt.getTime());
      return {
        facilityId: facility.id,
        code: facility.code,
        name: facility.name,
        version: own.length ? Math.max(...own.map((r) => r.version)) : null,
        state: stateOf(own, present.size < codes.length),
        asOf: asOfs.length ? asOfs.sort().at(-1)! : null,
        computedAt: computed.length ? new Date(Math.max(...computed)).toISOString() : null,
        values: own.length,
      };
    });
    return { facilities: versions, gaps };
  }

  private view(
    definition: IndicatorDefinition,
    rows: StoredValue[],
    facilities: FacilityRef[],
    period: Period,
    trend: Period[],
    yearBefore: Period,
    target: IndicatorTarget | null,
  ): IndicatorValueView {
    const summed = (key: string) => sumRows(definition, rows, key);
    const current = summed(period.key);
    const withValue = new Set(current.rows.map((r) => r.facilityId));
    const withoutValue = facilities
      .filter((f) => !withValue.has(f.id))
      .map((f) => ({ facilityId: f.id, code: f.code, name: f.name }));
    const versions = [...new Set(current.rows.map((r) => r.definitionVersion))];
    return {
      code: definition.code,
      nameZh: definition.nameZh,
      nameEn: definition.nameEn,
      group: definition.group,
      unit: definition.unit,
      numerator: current.numerator,
      denominator: current.denominator,
      excluded: current.excluded,
      incomplete: current.incomplete,
      value: current.value,
      target,
      targetMet: targetMet(target, current.value, summed(yearBefore.key).value),
      // The version the stored values were counted with, when they agree (a closed period keeps
      // the one it was closed with).
      definitionVersion: versions.length === 1 ? versions[0] : definition.version,
      computedAt: current.computedAt?.toISOString() ?? null,
      stale: current.stale,
      version:
        facilities.length === 1 && current.rows.length === 1 ? current.rows[0].version : null,
      state: stateOf(current.rows, withoutValue.length > 0),
      asOf: current.asOf,
      provisional: current.rows.some((r) => r.provisional),
      facilities: current.facilities,
      withoutValue,
      trend: trend.map((p) => ({ period: p.key, value: summed(p.key).value })),
    };
  }

  async cases(
    actor: Actor,
    code: string,
    periodKey: string,
    role: CaseRole,
    query: PageQueryDto,
  ): Promise<CasePage> {
    const definition = INDICATORS.find((d) => d.code === code);
    if (!definition) throw indicatorNotFound(code);
    if (role === 'failed' && !hasFailedCases(definition)) throw noFailedCases(code);
    const cohort = cohortOf(definition);
    const period = parsePeriod(periodKey);
    const { skip, take } = pageWindow(query);
    // The cases of the value the reads show, evaluated as of the instant it was computed (a
    // closed period's, the frozen one), so the list and the number agree.
    const [read] = await this.periods.storedValues(
      this.dataSource.manager,
      [actor.facilityId],
      [code],
      [period.key],
    );
    const bound = casesQuery(
      cohort,
      definition,
      role,
      this.engine.cohortParams([actor.facilityId], period, read?.computedAt ?? new Date()),
      { limit: take, offset: skip },
    );
    // PMTCT cases are mothers and babies with a disease result: shown in full to the clinical
    // roles; to the others as numbered rows with no identity and only the fields the indicator's
    // own criteria read (issue 12).
    const sensitive = definition.group === 'PM';
    const readsResults = readsSensitiveResults(actor);
    const pseudonymous = sensitive && !readsResults;
    // A breastfeeding contraindication can state the mother's HIV result (BF drill-downs).
    const shown = (value: unknown) =>
      !readsResults && typeof value === 'string' && RESULT_CONTRAINDICATIONS.includes(value)
        ? WITHHELD_CONTRAINDICATION
        : plain(value);
    const fields = pseudonymous ? decidingFields(cohort, definition) : cohort.fields;
    // The cases are read where the engine counts them (a read replica when there is one); the
    // audit entries are written on the primary.
    const { rows, total, nameOf } = await this.engine.readOnReplicaForRequest(async (manager) => {
      const [found, [{ total }]] = await Promise.all([
        manager.query<Array<Record<string, unknown>>>(bound.rows.sql, bound.rows.params),
        manager.query<Array<{ total: string | number }>>(bound.count.sql, bound.count.params),
      ]);
      const names = pseudonymous ? new Map<number, string>() : await namesOf(manager, found);
      return { rows: found, total, nameOf: names };
    });
    return this.dataSource.transaction(async (manager) => {
      const entityId = `${code}:${period.key}`;
      const listed = { role, page: query.page, pageSize: query.pageSize, listed: rows.length };
      await this.audit.record(manager, {
        entity: 'indicator_value',
        entityId,
        action: 'view_cases',
        after: listed,
        facilityId: actor.facilityId,
      });
      if (sensitive) {
        await this.audit.record(manager, {
          entity: 'indicator_value',
          entityId,
          action: 'view_sensitive',
          after: { ...listed, pseudonymous, cases: rows.map((row) => String(row.case_id)) },
          facilityId: actor.facilityId,
        });
      }
      const items = rows.map((row, index) => {
        const decided = Object.fromEntries(fields.map((f) => [f.column, shown(row[f.column])]));
        const attributedOn = String(row.attributed_on).slice(0, 10);
        const failedCriterion =
          role === 'failed' ? failedCriterionOf(definition, row.failed_part) : null;
        if (pseudonymous) {
          // The row's place in the list (ordered by day and case): enough to discuss a case with
          // the MCH staff, who see the same order with the identities.
          return {
            caseId: `#${skip + index + 1}`,
            womanId: null,
            womanName: null,
            pregnancyId: null,
            newbornId: null,
            attributedOn,
            fields: decided,
            failedCriterion,
          };
        }
        return {
          caseId: String(row.case_id),
          womanId: row.woman_id === null ? null : Number(row.woman_id),
          womanName: nameOf.get(Number(row.woman_id)) ?? null,
          pregnancyId: row.pregnancy_id === null ? null : Number(row.pregnancy_id),
          newbornId: row.newborn_id === null ? null : Number(row.newborn_id),
          attributedOn,
          fields: decided,
          failedCriterion,
        };
      });
      const fieldLabels = Object.fromEntries(fields.map((f) => [f.column, f.label]));
      const fieldLabelsZh = Object.fromEntries(fields.map((f) => [f.column, f.labelZh]));
      const fieldValuesZh = Object.fromEntries(
        fields.filter((f) => f.valuesZh).map((f) => [f.column, { ...f.valuesZh }]),
      );
      return {
        ...pageOf(items, Number(total), query),
        fieldLabels,
        fieldLabelsZh,
        fieldValuesZh,
      };
    });
  }
}

interface RawCounts {
  n: string | number;
  d: string | number;
  x: string | number;
  u: string | number;
}

async function namesOf(
  manager: EntityManager,
  rows: Array<Record<string, unknown>>,
): Promise<Map<number, string>> {
  const womanIds = [...new Set(rows.map((r) => Number(r.woman_id)).filter((id) => id > 0))];
  if (womanIds.length === 0) return new Map();
  const names = await manager.query<Array<{ id: number; name: string }>>(
    `SELECT id, name FROM woman WHERE id IN (${womanIds.map(() => '?').join(', ')})`,
    womanIds,
  );
  return new Map(names.map((n) => [Number(n.id), n.name]));
}

function sumRows(definition: IndicatorDefinition, rows: StoredValue[], periodKey: string) {
  const matching = rows.filter(
    (r) => r.indicatorCode === definition.code && r.periodKey === periodKey,
  );
  const numerator = matching.reduce((sum, r) => sum + r.numerator, 0);
  const denominator = matching.reduce((sum, r) => sum + r.denominator, 0);
  const excluded = matching.reduce((sum, r) => sum + r.excluded, 0);
  const incomplete = matching.reduce((sum, r) => sum + r.incomplete, 0);
  const computed = matching.map((r) => r.computedAt.getTime());
  const asOfs = matching.map((r) => r.asOf).filter((d): d is string => d !== null);
  return {
    rows: matching,
    numerator,
    denominator,
    excluded,
    incomplete,
    value: matching.length ? indicatorValue(definition.unit, numerator, denominator) : null,
    computedAt: computed.length ? new Date(Math.min(...computed)) : null,
    stale: matching.some((r) => r.stale),
    asOf: asOfs.length ? asOfs.sort().at(-1)! : null,
    facilities: matching.length,
  };
}

function stateOf(rows: StoredValue[], someWithout: boolean): ValueState {
  if (rows.length === 0 || someWithout) return 'not_computed';
  for (const state of ['corrected_after_close', 'stale', 'computed'] as const) {
    if (rows.some((r) => r.state === state)) return state;
  }
  return 'closed';
}

/** Decimal strings become numbers, dates ISO strings, so a drill-down row reads plainly. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  // DECIMAL and BIGINT results (a division, a TIMESTAMPDIFF) arrive as strings; codes with a
  // leading zero and numbers past 15 digits stay strings.
  if (typeof value === 'string' && /^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(value))
    return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return value ?? null;
}
