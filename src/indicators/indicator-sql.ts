import { doseGapRange, type SyphilisPolicy } from '../pmtct/rules/pmtct-rules';
import type { CohortDefinition } from './cohorts/cohort-definition';
import type { CohortEvaluation } from './evaluation-day';
import type { IndicatorDefinition } from './definitions/indicator-definition';

/** The values a cohort's placeholders are bound to. */
export interface CohortParams {
  facilityIds: readonly number[];
  /** First day of the period (hospital calendar). */
  from: string;
  /** The day after the period's last day. */
  to: string;
  fromAt: Date;
  toAt: Date;
  /** The hospital's UTC offset, '+08:00'. */
  tz: string;
  /** The period's last day. */
  asOf: string;
  /** Per cohort code, the as-of day and instant its now-dependent rules read (evaluation-day.ts). */
  evaluations: Readonly<Record<string, CohortEvaluation>>;
  /** The syphilis course rule's days, as configured (PmtctConfig). */
  syphilis: SyphilisPolicy;
}

export interface BoundSql {
  sql: string;
  params: unknown[];
}

const PLACEHOLDER =
  /:(facilities|doseGapMin|doseGapMax|courseGapMin|endsBeforeDelivery|fromAt|toAt|from|to|tz|asOf|evaluatedOn|evaluatedAt)\b/g;

/** Every placeholder but :facilities and the syphilis policy binds the parameter of its own name. */
type ScalarPlaceholder = Exclude<keyof CohortParams, 'facilityIds' | 'syphilis' | 'evaluations'>;

/** The syphilis course rule's placeholders, from the policy (doseGapRange() for the doses). */
function policyValue(name: string, policy: SyphilisPolicy): number | undefined {
  const gaps = doseGapRange(policy);
  return {
    doseGapMin: gaps.min,
    doseGapMax: gaps.max,
    courseGapMin: policy.courseGapMinDays,
    endsBeforeDelivery: policy.endsBeforeDeliveryDays,
  }[name];
}

/** Replaces the cohort's named placeholders with `?` and the matching parameters, in order. */
export function bindCohort(cohort: CohortDefinition, p: CohortParams): BoundSql {
  if (p.facilityIds.length === 0) throw new Error('A cohort needs at least one facility');
  const params: unknown[] = [];
  const sql = cohort.sql.replace(PLACEHOLDER, (_match, name: string) => {
    if (name === 'facilities') {
      params.push(...p.facilityIds);
      return p.facilityIds.map(() => '?').join(', ');
    }
    if (name === 'evaluatedOn' || name === 'evaluatedAt') {
      const evaluation = p.evaluations[cohort.code];
      if (!evaluation) throw new Error(`No evaluation day for cohort ${cohort.code}`);
      params.push(name === 'evaluatedOn' ? evaluation.on : evaluation.at);
      return '?';
    }
    const policy = policyValue(name, p.syphilis);
    params.push(policy ?? p[name as ScalarPlaceholder]);
    return '?';
  });
  return { sql, params };
}

/** Counted in the denominator: in its population, not excluded and complete enough to decide. */
export function denominatorSql(indicator: IndicatorDefinition): string {
  return `(${indicator.denominator.sql}) AND NOT (${setAsideSql(indicator)})`;
}

export function numeratorSql(indicator: IndicatorDefinition): string {
  const population = indicator.numeratorOutsideDenominator
    ? `NOT (${setAsideSql(indicator)})`
    : denominatorSql(indicator);
  return `${population} AND (${indicator.numerator.sql})`;
}

/** Set aside: in the denominator's population, and matching the exclusion. */
export function excludedSql(indicator: IndicatorDefinition): string {
  return `(${indicator.denominator.sql}) AND (${exclusionSql(indicator)})`;
}

/**
 * Not complete enough to decide: in the denominator's population, not excluded (an exclusion
 * decides a case whatever else is missing), and matching the incomplete criterion.
 */
export function incompleteSql(indicator: IndicatorDefinition): string {
  return `(${indicator.denominator.sql}) AND NOT (${exclusionSql(indicator)}) AND (${incompletenessSql(indicator)})`;
}

function exclusionSql(indicator: IndicatorDefinition): string {
  return indicator.exclusion ? `COALESCE(${indicator.exclusion.sql}, FALSE)` : 'FALSE';
}

// A NULL in the criterion reads as incomplete: what cannot be decided is not counted.
function incompletenessSql(indicator: IndicatorDefinition): string {
  return indicator.incomplete ? `COALESCE(${indicator.incomplete.sql}, TRUE)` : 'FALSE';
}

/** Excluded or incomplete: left out of both numerator and denominator. */
function setAsideSql(indicator: IndicatorDefinition): string {
  return `${exclusionSql(indicator)} OR ${incompletenessSql(indicator)}`;
}

/**
 * The cohort fields the indicator's own criteria read (`c.<column>`), in the cohort's order:
 * what decides a case for this indicator, and nothing else the cohort row carries.
 */
export function decidingFields(
  cohort: CohortDefinition,
  indicator: IndicatorDefinition,
): CohortDefinition['fields'] {
  const sql = [
    indicator.denominator.sql,
    indicator.numerator.sql,
    indicator.exclusion?.sql ?? '',
    indicator.incomplete?.sql ?? '',
    indicator.numeratorWeight ?? '',
  ].join(' ');
  const read = new Set([...sql.matchAll(/\bc\.([a-z0-9_]+)/g)].map((match) => match[1]));
  return cohort.fields.filter((field) => read.has(field.column));
}

export const CASE_ROLES = ['numerator', 'denominator', 'failed', 'excluded', 'incomplete'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/**
 * Failed cases exist where the numerator counts cases of the denominator, one each: not for
 * rates over another population (deaths per live births) nor weighted sums (attendances).
 */
export function hasFailedCases(indicator: IndicatorDefinition): boolean {
  return !indicator.numeratorOutsideDenominator && indicator.numeratorWeight === undefined;
}

/** In the denominator and not in the numerator: a blank the numerator reads fails too. */
export function failedSql(indicator: IndicatorDefinition): string {
  return `${denominatorSql(indicator)} AND NOT COALESCE((${indicator.numerator.sql}), FALSE)`;
}

/**
 * For a failed case, the index of the first numerator part it does not meet (a blank is not
 * met), or -1 when the indicator names no parts or the case meets each of them.
 */
export function failedPartSql(indicator: IndicatorDefinition): string {
  const parts = indicator.numeratorParts ?? [];
  if (parts.length === 0) return '-1';
  const whens = parts.map((part, i) => `WHEN NOT COALESCE((${part.sql}), FALSE) THEN ${i}`);
  return `CASE ${whens.join(' ')} ELSE -1 END`;
}

export function roleSql(indicator: IndicatorDefinition, role: CaseRole): string {
  switch (role) {
    case 'numerator':
      return numeratorSql(indicator);
    case 'denominator':
      return denominatorSql(indicator);
    case 'failed':
      return failedSql(indicator);
    case 'excluded':
      return excludedSql(indicator);
    case 'incomplete':
      return incompleteSql(indicator);
  }
}

/**
 * One pass over the cohort for all its indicators, per facility: for indicator i the columns
 * `n{i}`, `d{i}`, `x{i}`, `u{i}` hold numerator, denominator, excluded and incomplete counts.
 */
/** District values are split by county (6 digits): the finest region a roll-up names. */
export const SHARE_REGION_DIGITS = 6;

/**
 * The counts of the indicators over the cohort's rows, per facility, or with `byRegion` per
 * facility and the county its cases are attributed to (district indicators).
 */
export function aggregateQuery(
  cohort: CohortDefinition,
  indicators: readonly IndicatorDefinition[],
  p: CohortParams,
  byRegion = false,
): BoundSql {
  const bound = bindCohort(cohort, p);
  const columns = indicators.flatMap((indicator, i) => {
    const weight = indicator.numeratorWeight ?? '1';
    return [
      `COALESCE(SUM(CASE WHEN ${numeratorSql(indicator)} THEN ${weight} ELSE 0 END), 0) AS n${i}`,
      `COALESCE(SUM(CASE WHEN ${denominatorSql(indicator)} THEN 1 ELSE 0 END), 0) AS d${i}`,
      `COALESCE(SUM(CASE WHEN ${excludedSql(indicator)} THEN 1 ELSE 0 END), 0) AS x${i}`,
      indicator.incomplete
        ? `COALESCE(SUM(CASE WHEN ${incompleteSql(indicator)} THEN 1 ELSE 0 END), 0) AS u${i}`
        : `0 AS u${i}`,
    ];
  });
  return {
    sql: byRegion
      ? `SELECT c.facility_id, LEFT(c.attributed_region, ${SHARE_REGION_DIGITS}) AS attributed_region, ${columns.join(',\n  ')}\nFROM (${bound.sql}) c\nGROUP BY c.facility_id, LEFT(c.attributed_region, ${SHARE_REGION_DIGITS})`
      : `SELECT c.facility_id, ${columns.join(',\n  ')}\nFROM (${bound.sql}) c\nGROUP BY c.facility_id`,
    params: bound.params,
  };
}

/** The cases of one role of one indicator, with the cohort's decision columns, a page at a time. */
export function casesQuery(
  cohort: CohortDefinition,
  indicator: IndicatorDefinition,
  role: CaseRole,
  p: CohortParams,
  page: { limit: number; offset: number },
): { rows: BoundSql; count: BoundSql } {
  const bound = bindCohort(cohort, p);
  const where = roleSql(indicator, role);
  const failedPart = role === 'failed' ? `, ${failedPartSql(indicator)} AS failed_part` : '';
  return {
    rows: {
      sql:
        `SELECT c.*${failedPart} FROM (${bound.sql}) c WHERE ${where}\n` +
        `ORDER BY c.attributed_on, c.case_id LIMIT ? OFFSET ?`,
      params: [...bound.params, page.limit, page.offset],
    },
    count: {
      sql: `SELECT COUNT(*) AS total FROM (${bound.sql}) c WHERE ${where}`,
      params: bound.params,
    },
  };
}
