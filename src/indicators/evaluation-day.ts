import { ADHERENCE_EVALUABLE_FROM_GA_DAYS } from '../folic-acid/rules/folic-acid';
import { REPORT_WINDOW_HOURS } from '../risk/rules/report-deadline';
import {
  addDays,
  compareIsoDates,
  type IsoDate,
  startOfDayIn,
  todayIn,
} from '../core/time/calendar-date';
import { SCREENING_WITHIN_DAYS } from './cohorts/registrations.cohort';
import { INDICATORS } from './definitions';
import type { Period } from './periods';

/**
 * Some rules read the day they are evaluated on, not only the records: FA-01/FA-02 (folic-acid
 * adherence is judged from GA 13+0, on her records up to that day), RK-01 (the 7-day screening
 * window may still be open) and RK-03 (an unreported grading is "due" until its deadline). They
 * are evaluated "as of" the period's last day plus a grace that lets every case of the period
 * pass its window; a computation after that day gives the same value every time, one before it
 * is provisional (evaluated as of the computation instant).
 *
 * Grace in days after the period's last day, per indicator:
 * - FA-01, FA-02: 91 days (ADHERENCE_EVALUABLE_FROM_GA_DAYS), so that a pregnancy registered on
 *   the last day at GA 0+0 has reached 13+0;
 * - RK-01: 7 days (SCREENING_WITHIN_DAYS): the screening window of a registration on the last
 *   day closes;
 * - RK-03: 3 days (the ORANGE 72-hour deadline, RED's 24 hours being shorter) of a grading late on
 *   the last day.
 * Every other indicator settles when its period ends (grace 0).
 */
export const SETTLES_AFTER_DAYS: Readonly<Record<string, number>> = {
  'FA-01': ADHERENCE_EVALUABLE_FROM_GA_DAYS,
  'FA-02': ADHERENCE_EVALUABLE_FROM_GA_DAYS,
  'RK-01': SCREENING_WITHIN_DAYS,
  'RK-03': Math.ceil(Math.max(REPORT_WINDOW_HOURS.orange, REPORT_WINDOW_HOURS.red) / 24),
};

/** The day after which an indicator's value of a period no longer changes without a correction. */
export function settlesOn(indicatorCode: string, period: Period): IsoDate {
  return addDays(period.last, SETTLES_AFTER_DAYS[indicatorCode] ?? 0);
}

/** How a cohort is evaluated: the hospital day and the instant its now-dependent rules read. */
export interface CohortEvaluation {
  /** `:evaluatedOn`: the as-of day (DATE, hospital calendar). */
  on: IsoDate;
  /** `:evaluatedAt`: the as-of instant (UTC). */
  at: Date;
  /** Evaluated after the settling day ended: the same records give the same value. */
  settled: boolean;
}

/**
 * Evaluation of rules that settle on `settles`, computed at `now`: as of the end of that day once
 * it has passed, otherwise as of `now` (today, for day-based rules).
 */
export function evaluationAt(settles: IsoDate, now: Date, timeZone: string): CohortEvaluation {
  const end = startOfDayIn(addDays(settles, 1), timeZone);
  if (now.getTime() >= end.getTime()) return { on: settles, at: end, settled: true };
  const today = todayIn(timeZone, now);
  return { on: compareIsoDates(today, settles) < 0 ? today : settles, at: now, settled: false };
}

/**
 * Each cohort's evaluation for a period computed at `now`: as of the latest settling day of the
 * indicators counted over it, so one query serves them all (an indicator that settles earlier,
 * RK-01 beside FA-02, has the same value at any later day).
 */
export function cohortEvaluations(
  period: Period,
  now: Date,
  timeZone: string,
): Record<string, CohortEvaluation> {
  const settles = new Map<string, IsoDate>();
  for (const indicator of INDICATORS) {
    const day = settlesOn(indicator.code, period);
    const current = settles.get(indicator.cohort);
    if (current === undefined || compareIsoDates(day, current) > 0)
      settles.set(indicator.cohort, day);
  }
  return Object.fromEntries(
    [...settles].map(([cohort, day]) => [cohort, evaluationAt(day, now, timeZone)]),
  );
}

/** The as-of day a value states and whether it may still change without a correction. */
export function valueAsOf(
  indicatorCode: string,
  period: Period,
  computedAt: Date,
  timeZone: string,
): { asOf: IsoDate; provisional: boolean } {
  const settles = settlesOn(indicatorCode, period);
  const evaluation = evaluationAt(settles, computedAt, timeZone);
  return { asOf: evaluation.on, provisional: !evaluation.settled };
}
