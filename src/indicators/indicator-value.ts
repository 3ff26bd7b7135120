import type { IndicatorTarget, IndicatorUnit } from './definitions/indicator-definition';

const SCALE: Record<IndicatorUnit, number> = {
  percent: 100,
  per_mille: 1000,
  per_100000: 100_000,
  ratio: 1,
  count: 1,
};

/** The value in the indicator's unit, rounded to 2 decimals; null when there is no denominator. */
export function indicatorValue(
  unit: IndicatorUnit,
  numerator: number,
  denominator: number,
): number | null {
  if (unit === 'count') return numerator;
  if (denominator === 0) return null;
  return Math.round((numerator * SCALE[unit] * 100) / denominator) / 100;
}

/**
 * Whether a value meets its target. 'falling' compares with the same period a year before and is
 * unknown (null) without that value.
 */
export function targetMet(
  target: IndicatorTarget | null,
  value: number | null,
  sameperiodYearBefore: number | null = null,
): boolean | null {
  if (!target || value === null) return null;
  switch (target.direction) {
    case 'at_least':
      return target.value === null ? null : value >= target.value;
    case 'at_most':
      return target.value === null ? null : value <= target.value;
    case 'falling':
      return sameperiodYearBefore === null ? null : value < sameperiodYearBefore;
  }
}
