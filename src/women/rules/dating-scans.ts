import { compareIsoDates, type IsoDate } from '../../core/time/calendar-date';
import {
  dateByBestEvidence,
  type Dating,
  gestationalAgeDays,
  type IvfDating,
  type UltrasoundDating,
} from './gestational-age';

/**
 * Every ultrasound is kept; only the earliest one dates the pregnancy (ACOG CO 700: "once
 * calculated, the EDD should not be changed" by a later scan). See DOMAIN.md §2.
 */
export const SCAN_METHODS = ['crl', 'biometry'] as const;
export type ScanMethod = (typeof SCAN_METHODS)[number];

/** Crown–rump length dates up to 13+6; from 14+0 the scan measures biometry (BPD, HC, AC, FL). */
export const CRL_UP_TO_GA_DAYS = 13 * 7 + 6;

/** A pregnancy first scanned at or after 22+0 is suboptimally dated (ACOG CO 700). */
export const SUBOPTIMAL_DATING_FROM_GA_DAYS = 22 * 7;

export const SCAN_NOT_USED_REASONS = ['earlier_scan_dates', 'ivf_dates'] as const;
export type ScanNotUsedReason = (typeof SCAN_NOT_USED_REASONS)[number];

export const SCAN_NOT_USED_TEXT: Record<ScanNotUsedReason, string> = {
  earlier_scan_dates: 'An earlier scan dates the pregnancy; a later scan never moves the EDD',
  ivf_dates: 'The IVF transfer dates the pregnancy',
};

export interface ScanLike {
  /** Recording order (the row id): of two scans on one day, the first recorded dates. */
  id: number;
  scanDate: IsoDate;
}

export interface ScanUse {
  usedForDating: boolean;
  notUsedReason: ScanNotUsedReason | null;
}

/** The method a scan of that GA measures, when the nurse does not say. */
export function defaultScanMethod(gaDays: number): ScanMethod {
  return gaDays <= CRL_UP_TO_GA_DAYS ? 'crl' : 'biometry';
}

/** A CRL is no dating measure past 13+6. */
export function methodFitsGa(method: ScanMethod, gaDays: number): boolean {
  return method !== 'crl' || gaDays <= CRL_UP_TO_GA_DAYS;
}

/** The earliest scan by date, the first recorded on a tie; null when there is none. */
export function datingScanOf<T extends ScanLike>(scans: readonly T[]): T | null {
  let earliest: T | null = null;
  for (const scan of scans) {
    const order = earliest === null ? -1 : compareIsoDates(scan.scanDate, earliest.scanDate);
    if (earliest === null || order < 0 || (order === 0 && scan.id < earliest.id)) earliest = scan;
  }
  return earliest;
}

/**
 * Which scan the dating may use: the earliest, unless an IVF transfer dates the pregnancy. The
 * earliest is compared with the LMP by the ACOG thresholds (`dateByBestEvidence`); every other
 * scan is kept, not used, with the reason.
 */
export function scanUses<T extends ScanLike>(
  scans: readonly T[],
  datedByIvf: boolean,
): Map<number, ScanUse> {
  const dating = datingScanOf(scans);
  return new Map(
    scans.map((scan): [number, ScanUse] => {
      if (datedByIvf) return [scan.id, { usedForDating: false, notUsedReason: 'ivf_dates' }];
      return scan === dating
        ? [scan.id, { usedForDating: true, notUsedReason: null }]
        : [scan.id, { usedForDating: false, notUsedReason: 'earlier_scan_dates' }];
    }),
  );
}

/** The dating from the LMP or IVF and the earliest scan only; null without any evidence. */
export function dateWithScans<T extends ScanLike & UltrasoundDating>(
  evidence: { lmp: IsoDate | null; ivf: IvfDating | null },
  scans: readonly T[],
): Dating | null {
  const earliest = datingScanOf(scans);
  return dateByBestEvidence({
    ...evidence,
    ultrasound: earliest && { scanDate: earliest.scanDate, gaDays: earliest.gaDays },
  });
}

/**
 * First scanned at ≥ 22+0 by the final EDD. An IVF pregnancy is dated by its transfer, and a
 * pregnancy not yet scanned is not flagged.
 */
export function isSuboptimallyDated(pregnancy: {
  edd: IsoDate;
  firstScanDate: IsoDate | null;
  datedByIvf: boolean;
}): boolean {
  if (pregnancy.datedByIvf || pregnancy.firstScanDate === null) return false;
  return (
    gestationalAgeDays(pregnancy.edd, pregnancy.firstScanDate) >= SUBOPTIMAL_DATING_FROM_GA_DAYS
  );
}
