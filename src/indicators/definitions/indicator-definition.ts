/**
 * An indicator as data: what it counts, over which cohort, and what it should reach. The engine
 * turns these into set-based SQL; the drill-down lists the same rows the numbers were counted from.
 */

export const INDICATOR_GROUPS = ['BF', 'SM', 'PM', 'FA', 'CL', 'RK'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];

export const INDICATOR_GROUP_NAMES: Record<IndicatorGroup, { zh: string; en: string }> = {
  BF: { zh: '爱婴医院', en: 'Baby-Friendly Hospital' },
  SM: { zh: '孕产妇系统管理', en: 'System management (health bureau)' },
  PM: { zh: '预防母婴传播', en: 'PMTCT' },
  FA: { zh: '增补叶酸', en: 'Folic acid' },
  CL: { zh: '孕妇学校', en: 'Prenatal classes' },
  RK: { zh: '妊娠风险管理', en: 'Pregnancy risk management' },
};

/** percent ×100, per_mille ×1000, per_100000 ×100 000; count is the numerator; ratio is n ÷ d. */
export const INDICATOR_UNITS = ['percent', 'per_mille', 'per_100000', 'count', 'ratio'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const TARGET_DIRECTIONS = ['at_least', 'at_most', 'falling'] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

export interface IndicatorTarget {
  direction: TargetDirection;
  /** In the indicator's unit; null for 'falling' (compared with the same period a year before). */
  value: number | null;
}

/**
 * "At the facility" in a description means born there (DOMAIN.md §9): the cohorts of births and
 * deliveries hold every delivery the facility recorded, also births at home or en route.
 */
export const BORN_HERE_SQL = "c.delivery_place = 'this_facility'";

/**
 * A boolean SQL expression over the cohort's columns, which are read through the alias `c`
 * (e.g. `c.skin_to_skin_start_seconds <= 300`), with the sentence that explains it.
 */
export interface Criterion {
  description: string;
  /** The same sentence in Chinese, as the maternal-health office reads it. */
  descriptionZh: string;
  sql: string;
}

export interface IndicatorDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  group: IndicatorGroup;
  unit: IndicatorUnit;
  /** Which cohort's rows are counted (see cohorts/). */
  cohort: string;
  /** How a case falls into a period, in words (e.g. "birth time, hospital time zone"). */
  attribution: string;
  /** The same in Chinese. */
  attributionZh: string;
  denominator: Criterion;
  numerator: Criterion;
  /**
   * Cases of the denominator's population set aside and shown beside the value. They are counted
   * in neither the numerator nor the denominator.
   */
  exclusion?: Criterion;
  /**
   * Cases of the denominator's population (not excluded) whose records are not complete enough to
   * decide yet (a stay with no discharge recorded, say). Counted in neither the numerator nor the
   * denominator and shown beside the value like the exclusions: a blank is never a success.
   */
  incomplete?: Criterion;
  /**
   * By default only denominator cases can be in the numerator. Set when the numerator counts other
   * rows of the cohort (maternal deaths per live births, attendances per session).
   */
  numeratorOutsideDenominator?: boolean;
  /** A SQL expression summed instead of counting 1 per numerator case (attendances of a session). */
  numeratorWeight?: string;
  target: IndicatorTarget | null;
  /**
   * `district`: a district indicator (系统管理, mortality), counting each woman once in the region
   * she is attributed to at delivery (delivery.attributed_region_code, or where she lives when
   * she did not deliver) rather than in the region of the facility that counted her. A facility
   * still sees its own cases; a region sums every facility's cases attributed to it. The cohort
   * must select `attributed_region`. By default an indicator counts where the event happened.
   */
  counting?: 'district';
  /**
   * What the numerator requires, part by part, in the order a reviewer checks them: a case of the
   * denominator is in the numerator exactly when it meets every part (a blank is not met). A case
   * that failed (in the denominator, not in the numerator) is told the first part it does not
   * meet; without parts (a numerator of one condition), the numerator as a whole. Parts read only
   * the columns the indicator's own criteria read, so the drill-down shows what decided.
   */
  numeratorParts?: readonly Criterion[];
  /** Bumped whenever the definition's meaning changes; stored with every computed value. */
  version: number;
}

/**
 * A numerator that requires each of its parts: its SQL is theirs joined by AND (a part with an
 * OR of its own in parentheses), so the numerator and its parts cannot say different things.
 */
export function allOf(
  parts: readonly Criterion[],
  sentence: Omit<Criterion, 'sql'>,
): Pick<IndicatorDefinition, 'numerator' | 'numeratorParts'> {
  const sql = parts.map((part) => (/\bOR\b/i.test(part.sql) ? `(${part.sql})` : part.sql));
  return { numerator: { ...sentence, sql: sql.join(' AND ') }, numeratorParts: parts };
}
