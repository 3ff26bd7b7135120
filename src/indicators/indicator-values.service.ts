import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
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
} from './indicator-engine.service';
import { IndicatorTargetOverride, IndicatorValue } from './indicator.entities';
import { casesQuery, type CaseRole, decidingFields } from './indicator-sql';
import { indicatorValue, targetMet } from './indicator-value';
import { indicatorNotFound } from './indicators.errors';
import { parsePeriod, periodsEndingWith, samePeriodYearBefore, type Period } from './periods';

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
  stale: boolean;
  /** Facilities counted (1 for a facility; the region's facilities with values for a region). */
  facilities: number;
  trend: Array<{ period: string; value: number | null }>;
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
}

/** A page of cases, with the labels of their deciding fields. */
export interface CasePage extends Page<CaseView> {
  fieldLabels: Record<string, string>;
}

export const DEFAULT_TREND_PERIODS = 6;

/** Reads computed values (never computes), regional sums, and the cases behind a value. */
@Injectable()
export class IndicatorValuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: IndicatorEngine,
    private readonly audit: AuditService,
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
  ): Promise<PeriodValues> {
    const period = parsePeriod(periodKey);
    const facilityIds = await this.engine.facilitiesOf(scope);
    const definitions = indicatorsOf(group);
    const trend = periodsEndingWith(period, trendPeriods);
    const yearBefore = samePeriodYearBefore(period);
    const rows = await this.dataSource.manager.find(IndicatorValue, {
      where: {
        facilityId: In(facilityIds),
        indicatorCode: In(definitions.map((d) => d.code)),
        periodKey: In([...trend.map((p) => p.key), yearBefore.key]),
      },
    });
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
      this.view(definition, rows, period, trend, yearBefore, targetOf(definition)),
    );
    return { scope, period: period.key, values };
  }

  private view(
    definition: IndicatorDefinition,
    rows: IndicatorValue[],
    period: Period,
    trend: Period[],
    yearBefore: Period,
    target: IndicatorTarget | null,
  ): IndicatorValueView {
    const summed = (key: string) => sumRows(definition, rows, key);
    const current = summed(period.key);
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
      definitionVersion: definition.version,
      computedAt: current.computedAt?.toISOString() ?? null,
      stale: current.stale,
      facilities: current.facilities,
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
    const cohort = cohortOf(definition);
    const period = parsePeriod(periodKey);
    const { skip, take } = pageWindow(query);
    const bound = casesQuery(
      cohort,
      definition,
      role,
      this.engine.cohortParams([actor.facilityId], period),
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
    return this.dataSource.transaction(async (manager) => {
      const [rows, [{ total }]] = await Promise.all([
        manager.query<Array<Record<string, unknown>>>(bound.rows.sql, bound.rows.params),
        manager.query<Array<{ total: string | number }>>(bound.count.sql, bound.count.params),
      ]);
      const nameOf = pseudonymous ? new Map<number, string>() : await namesOf(manager, rows);
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
        };
      });
      const fieldLabels = Object.fromEntries(fields.map((f) => [f.column, f.label]));
      return { ...pageOf(items, Number(total), query), fieldLabels };
    });
  }
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

function sumRows(definition: IndicatorDefinition, rows: IndicatorValue[], periodKey: string) {
  const matching = rows.filter(
    (r) => r.indicatorCode === definition.code && r.periodKey === periodKey,
  );
  const numerator = matching.reduce((sum, r) => sum + r.numerator, 0);
  const denominator = matching.reduce((sum, r) => sum + r.denominator, 0);
  const excluded = matching.reduce((sum, r) => sum + r.excluded, 0);
  const incomplete = matching.reduce((sum, r) => sum + r.incomplete, 0);
  const computed = matching.map((r) => r.computedAt.getTime());
  return {
    numerator,
    denominator,
    excluded,
    incomplete,
    value: matching.length ? indicatorValue(definition.unit, numerator, denominator) : null,
    computedAt: computed.length ? new Date(Math.min(...computed)) : null,
    stale: matching.some((r) => r.stale),
    facilities: matching.length,
  };
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
