import { addDays, type IsoDate } from '../core/time/calendar-date';

/**
 * Reporting periods, named by a key:
 * - month `2026-03`, quarter `2026-Q1`, calendar year `2026`,
 * - statistical year `SY2026`: 1 October 2025 – 30 September 2026 (妇幼卫生年报 names the year it ends in).
 */
export const PERIOD_KINDS = ['month', 'quarter', 'year', 'statistical_year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  key: string;
  /** First day. */
  from: IsoDate;
  /** The day after the last day. */
  to: IsoDate;
  /** Last day. */
  last: IsoDate;
}

export const PERIOD_KEY_PATTERN = /^(?:\d{4}-(?:0[1-9]|1[0-2])|\d{4}-Q[1-4]|\d{4}|SY\d{4})$/;

const STATISTICAL_YEAR_START_MONTH = 10; // 1 October

export function parsePeriod(key: string): Period {
  if (!PERIOD_KEY_PATTERN.test(key)) {
    throw new RangeError(`Not a period: ${key} (expected 2026-03, 2026-Q1, 2026 or SY2026)`);
  }
  if (key.startsWith('SY')) {
    const year = Number(key.slice(2));
    return period(
      'statistical_year',
      key,
      ymd(year - 1, STATISTICAL_YEAR_START_MONTH),
      ymd(year, STATISTICAL_YEAR_START_MONTH),
    );
  }
  const year = Number(key.slice(0, 4));
  if (key.length === 4) return period('year', key, ymd(year, 1), ymd(year + 1, 1));
  if (key[5] === 'Q') {
    const firstMonth = (Number(key[6]) - 1) * 3 + 1;
    return period('quarter', key, ymd(year, firstMonth), monthAfter(year, firstMonth + 2));
  }
  const month = Number(key.slice(5, 7));
  return period('month', key, ymd(year, month), monthAfter(year, month));
}

/** The period of a kind that contains a day. */
export function periodContaining(kind: PeriodKind, date: IsoDate): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'month':
      return parsePeriod(date.slice(0, 7));
    case 'quarter':
      return parsePeriod(`${year}-Q${Math.ceil(month / 3)}`);
    case 'year':
      return parsePeriod(String(year));
    case 'statistical_year':
      return parsePeriod(`SY${month >= STATISTICAL_YEAR_START_MONTH ? year + 1 : year}`);
  }
}

/** Every period, of every kind, that contains a day. */
export function periodsContaining(date: IsoDate): Period[] {
  return PERIOD_KINDS.map((kind) => periodContaining(kind, date));
}

/** The period of the same kind just before. */
export function previousPeriod(p: Period): Period {
  return periodContaining(p.kind, addDays(p.from, -1));
}

/** The same period one year earlier (for 'falling' targets). */
export function samePeriodYearBefore(p: Period): Period {
  let previous = p;
  const steps = { month: 12, quarter: 4, year: 1, statistical_year: 1 }[p.kind];
  for (let i = 0; i < steps; i++) previous = previousPeriod(previous);
  return previous;
}

/** `count` periods ending with `p`, oldest first. */
export function periodsEndingWith(p: Period, count: number): Period[] {
  const periods = [p];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0]));
  return periods;
}

/** The periods of a kind from the one containing `from` to the one containing `to`, oldest first. */
export function periodsBetween(kind: PeriodKind, from: IsoDate, to: IsoDate): Period[] {
  const periods: Period[] = [];
  for (let p = periodContaining(kind, from); p.from <= to; p = parsePeriod(nextKey(p))) {
    periods.push(p);
  }
  return periods;
}

function nextKey(p: Period): string {
  return periodContaining(p.kind, p.to).key;
}

function period(kind: PeriodKind, key: string, from: IsoDate, to: IsoDate): Period {
  return { kind, key, from, to, last: addDays(to, -1) };
}

function ymd(year: number, month: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

function monthAfter(year: number, month: number): IsoDate {
  return month === 12 ? ymd(year + 1, 1) : ymd(year, month + 1);
}
