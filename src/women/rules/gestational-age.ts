import { addDays, daysBetween, type IsoDate } from '../../core/time/calendar-date';

/** Gestational age (孕周) and due date (预产期); see DOMAIN.md §2. All in whole days. */
export const PREGNANCY_LENGTH_DAYS = 280;

// Conception is dated to GA 2+0, so an embryo n days old is transferred at GA 14 + n days.
const CONCEPTION_GA_DAYS = 14;

export type EddSource = 'lmp' | 'ultrasound' | 'ivf';

export interface UltrasoundDating {
  scanDate: IsoDate;
  gaDays: number; // GA measured by the scan, in days
}

export interface IvfDating {
  transferDate: IsoDate;
  embryoAgeDays: number; // e.g. 3 or 5
}

export interface DatingEvidence {
  lmp?: IsoDate | null;
  ultrasound?: UltrasoundDating | null;
  ivf?: IvfDating | null;
}

export interface Dating {
  edd: IsoDate;
  source: EddSource;
  // when both LMP and ultrasound were given: how they compared
  lmpGaDaysAtScan?: number;
  discrepancyDays?: number; // |GA by LMP − GA by scan| at the scan date
  redatingThresholdDays?: number;
}

// ACOG Committee Opinion 700, table 1: the largest discrepancy that keeps the LMP dating.
// 9+0–13+6 (by CRL) and 14+0–15+6 share 7 days; both rows are kept to mirror the source.
const REDATING_THRESHOLDS = [
  { maxGaDays: 62, thresholdDays: 5 }, // ≤ 8+6, CRL
  { maxGaDays: 97, thresholdDays: 7 }, // 9+0 to 13+6, CRL
  { maxGaDays: 111, thresholdDays: 7 }, // 14+0 to 15+6
  { maxGaDays: 153, thresholdDays: 10 }, // 16+0 to 21+6
  { maxGaDays: 195, thresholdDays: 14 }, // 22+0 to 27+6
];
const THRESHOLD_FROM_28_WEEKS_DAYS = 21;

export function eddFromLmp(lmp: IsoDate): IsoDate {
  return addDays(lmp, PREGNANCY_LENGTH_DAYS);
}

export function eddFromUltrasound(u: UltrasoundDating): IsoDate {
  requireWholeDays('Gestational age at the scan', u.gaDays);
  return addDays(u.scanDate, PREGNANCY_LENGTH_DAYS - u.gaDays);
}

export function eddFromIvf(ivf: IvfDating): IsoDate {
  requireWholeDays('Embryo age', ivf.embryoAgeDays);
  const gaDaysAtTransfer = CONCEPTION_GA_DAYS + ivf.embryoAgeDays;
  return addDays(ivf.transferDate, PREGNANCY_LENGTH_DAYS - gaDaysAtTransfer);
}

/** Negative before the LMP-equivalent date; callers decide whether that is an error. */
export function gestationalAgeDays(edd: IsoDate, onDate: IsoDate): number {
  return daysBetween(edd, onDate) + PREGNANCY_LENGTH_DAYS;
}

/** "W+d", as in 孕 12+3 周. */
export function formatGestationalAge(days: number): string {
  requireWholeDays('Gestational age', days);
  return `${Math.floor(days / 7)}+${days % 7}`;
}

export function redatingThresholdDays(gaDaysAtScan: number): number {
  requireWholeDays('Gestational age at the scan', gaDaysAtScan);
  const row = REDATING_THRESHOLDS.find((r) => gaDaysAtScan <= r.maxGaDays);
  return row?.thresholdDays ?? THRESHOLD_FROM_28_WEEKS_DAYS;
}

/** IVF, else LMP unless the scan disagrees beyond the ACOG threshold, else the scan alone. */
export function dateByBestEvidence(evidence: DatingEvidence): Dating | null {
  const { lmp, ultrasound, ivf } = evidence;
  if (ivf != null) return { edd: eddFromIvf(ivf), source: 'ivf' };
  if (lmp != null && ultrasound != null) return compareLmpWithUltrasound(lmp, ultrasound);
  if (lmp != null) return { edd: eddFromLmp(lmp), source: 'lmp' };
  if (ultrasound != null) return { edd: eddFromUltrasound(ultrasound), source: 'ultrasound' };
  return null;
}

function compareLmpWithUltrasound(lmp: IsoDate, ultrasound: UltrasoundDating): Dating {
  const lmpEdd = eddFromLmp(lmp);
  const ultrasoundEdd = eddFromUltrasound(ultrasound);
  const lmpGaDaysAtScan = gestationalAgeDays(lmpEdd, ultrasound.scanDate);
  const discrepancyDays = Math.abs(lmpGaDaysAtScan - ultrasound.gaDays);
  // ACOG's table is "based on LMP": the GA by LMP picks the row, not the scan's own GA.
  const threshold = redatingThresholdDays(lmpGaDaysAtScan);
  const redate = discrepancyDays > threshold;
  return {
    edd: redate ? ultrasoundEdd : lmpEdd,
    source: redate ? 'ultrasound' : 'lmp',
    lmpGaDaysAtScan,
    discrepancyDays,
    redatingThresholdDays: threshold,
  };
}

function requireWholeDays(what: string, days: number): void {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`${what} must be a whole number of days ≥ 0: ${days}`);
  }
}

/** 孕早期 < 13+0, 孕中期 13+0 to 27+6, 孕晚期 ≥ 28+0 (DOMAIN.md §2). */
export const TRIMESTERS = ['first', 'second', 'third'] as const;
export type Trimester = (typeof TRIMESTERS)[number];

const SECOND_TRIMESTER_FROM_DAYS = 13 * 7;
const THIRD_TRIMESTER_FROM_DAYS = 28 * 7;

export function trimesterOf(gaDays: number): Trimester {
  if (gaDays < SECOND_TRIMESTER_FROM_DAYS) return 'first';
  if (gaDays < THIRD_TRIMESTER_FROM_DAYS) return 'second';
  return 'third';
}
