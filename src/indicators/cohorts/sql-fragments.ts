import { type Disease, NEEDS_CONFIRMATION } from '../../pmtct/rules/pmtct-rules';
import { VIABILITY_FROM_GA_DAYS } from '../../delivery/rules/newborn-outcomes';
import { formatGestationalAge, PREGNANCY_LENGTH_DAYS } from '../../women/rules/gestational-age';

/* SQL pieces shared by the cohorts, so each fact is computed one way only. */

/** 孕28+0周: a delivery before it is a pregnancy loss (notPregnancyLossSql). */
export const VIABILITY_ZH = `孕${formatGestationalAge(VIABILITY_FROM_GA_DAYS)}周`;

const MICROSECONDS_PER_MINUTE = 60_000_000;

/**
 * Whole minutes from one instant to another, floored, as wholeMinutesBetween() counts them:
 * 12 h 00 min 59 s is 720, 12 h 01 min is 721, and a second before `from` is -1. Integer
 * arithmetic only, so no decimal rounding can push a dose across a boundary. NULL when either
 * instant is NULL.
 */
export function wholeMinutesSql(from: string, to: string): string {
  const micro = `TIMESTAMPDIFF(MICROSECOND, ${from}, ${to})`;
  return (
    `(${micro} DIV ${MICROSECONDS_PER_MINUTE}` +
    ` - (${micro} < 0 AND MOD(${micro}, ${MICROSECONDS_PER_MINUTE}) <> 0))`
  );
}

/** The hospital's calendar day of a UTC instant. */
export function hospitalDaySql(instant: string): string {
  return `DATE(CONVERT_TZ(${instant}, '+00:00', :tz))`;
}

/** GA in days on a calendar day, from the final EDD (women/rules/gestational-age). */
export const gaDaysOn = (day: string, edd: string): string =>
  `(DATEDIFF(${day}, ${edd}) + ${PREGNANCY_LENGTH_DAYS})`;

/**
 * Whole 24-hour periods from one instant to another, as completedDaysOfAge() counts them
 * (6 days 23 h 59 min is 6). NULL when either is NULL.
 */
export const completedDaysSql = (from: string, to: string): string =>
  `TIMESTAMPDIFF(DAY, ${from}, ${to})`;

/**
 * A delivery at 28+0 or later, by the GA on its hospital day: an earlier one is a pregnancy loss
 * (isPregnancyLoss), not a delivery, and leaves every delivery-based cohort.
 */
export const notPregnancyLossSql = (deliveredAt: string, edd: string): string =>
  `${gaDaysOn(hospitalDaySql(deliveredAt), edd)} >= ${VIABILITY_FROM_GA_DAYS}`;

/**
 * FROM … WHERE for the babies (live-born and stillborn) of the facilities' deliveries born in the
 * period, as n, d (delivery) and p (pregnancy), with more joins when given. The babies of a
 * pregnancy loss (delivered before 28+0) are not births of the period, nor are voided records.
 */
export const newbornsOfPeriod = (joins = ''): string => `newborn n
  JOIN delivery d ON d.id = n.delivery_id
  JOIN pregnancy p ON p.id = n.pregnancy_id${joins}
  WHERE n.facility_id IN (:facilities) AND n.born_at >= :fromAt AND n.born_at < :toAt
    AND n.voided_at IS NULL AND d.voided_at IS NULL
    AND ${notPregnancyLossSql('d.delivered_at', 'p.edd')}`;

/**
 * A positive test `t` that makes her positive, as diseaseStatus() decides: a confirmatory one, or
 * for HBsAg (no confirmation needed) a screening no negative repeat test answered on or after it.
 */
export function positiveTestSql(disease: Disease, t: string): string {
  if (NEEDS_CONFIRMATION[disease]) return `${t}.kind = 'confirmatory'`;
  return `(${t}.kind = 'confirmatory' OR NOT EXISTS (
      SELECT 1 FROM pmtct_test neg WHERE neg.pregnancy_id = ${t}.pregnancy_id AND neg.subject = 'woman'
        AND neg.disease = ${t}.disease AND neg.kind = 'confirmatory' AND neg.result = 'negative'
        AND neg.sample_date >= ${t}.sample_date))`;
}
