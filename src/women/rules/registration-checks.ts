import type { ErrorDetail } from '../../core/errors/domain.error';
import { addDays, compareIsoDates, type IsoDate } from '../../core/time/calendar-date';
import {
  dateByBestEvidence,
  type Dating,
  type DatingEvidence,
  gestationalAgeDays,
  PREGNANCY_LENGTH_DAYS,
} from './gestational-age';
import { CRL_UP_TO_GA_DAYS, methodFitsGa, type ScanMethod } from './dating-scans';
import { checkResidentId } from './resident-id';

/** A registration later than 44+0 weeks is a data-entry error, not a late booking. */
export const MAX_GA_AT_REGISTRATION_DAYS = 44 * 7;
export const MIN_MATERNAL_AGE_YEARS = 10;
export const MAX_MATERNAL_AGE_YEARS = 60;

const detail = (field: string, rule: string, message: string): ErrorDetail => ({
  field,
  rule,
  message,
});

function notBefore(
  field: string,
  date: IsoDate,
  limit: IsoDate | null,
  rule: string,
  what: string,
): ErrorDetail[] {
  return limit && compareIsoDates(date, limit) < 0
    ? [detail(field, rule, `${field} must not be before ${what}`)]
    : [];
}

function notAfter(
  field: string,
  date: IsoDate | null | undefined,
  limit: IsoDate,
  rule: string,
  what: string,
) {
  return date && compareIsoDates(date, limit) > 0
    ? [detail(field, rule, `${field} must not be after ${what}`)]
    : [];
}

export interface DatingCheck {
  dating: Dating | null;
  problems: ErrorDetail[];
}

/**
 * Checks the dating evidence against the registration date and today, and dates the pregnancy.
 * `prefix` names the object the fields sit in ("pregnancy" on registration, "" on re-dating).
 */
export function checkDating(
  evidence: DatingEvidence,
  registrationDate: IsoDate,
  today: IsoDate,
  prefix: string,
): DatingCheck {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const { lmp, ultrasound, ivf } = evidence;
  if (!lmp && !ultrasound && !ivf) {
    return {
      dating: null,
      problems: [
        detail(field('lmp'), 'required', 'give the LMP, a dating ultrasound or an IVF transfer'),
      ],
    };
  }
  const problems = [
    ...notAfter(field('lmp'), lmp, today, 'notFuture', 'today'),
    ...notAfter(
      field('lmp'),
      lmp,
      registrationDate,
      'notAfterRegistration',
      'the registration date',
    ),
    ...notAfter(field('ultrasound.scanDate'), ultrasound?.scanDate, today, 'notFuture', 'today'),
    ...notAfter(field('ivf.transferDate'), ivf?.transferDate, today, 'notFuture', 'today'),
  ];
  if (lmp && ultrasound && compareIsoDates(ultrasound.scanDate, lmp) < 0) {
    problems.push(
      detail(field('ultrasound.scanDate'), 'afterLmp', 'the scan must not be before the LMP'),
    );
  }
  if (problems.length > 0) return { dating: null, problems };

  const dating = dateByBestEvidence(evidence)!;
  const gaAtRegistration = gestationalAgeDays(dating.edd, registrationDate);
  if (gaAtRegistration < 0 || gaAtRegistration > MAX_GA_AT_REGISTRATION_DAYS) {
    problems.push(
      detail(
        field('registrationDate'),
        'gestationalAgeRange',
        `the gestational age at registration would be ${gaAtRegistration} days; it must be 0 to ${MAX_GA_AT_REGISTRATION_DAYS}`,
      ),
    );
  }
  return { dating, problems };
}

/** A CRL dates up to 13+6; past it the scan must say biometry. */
export function checkScanMethod(method: ScanMethod, gaDays: number, field: string): ErrorDetail[] {
  return methodFitsGa(method, gaDays)
    ? []
    : [
        detail(
          field,
          'crlUpTo13w6d',
          `a crown–rump length dates up to 13+6 (${CRL_UP_TO_GA_DAYS} days); a scan at ${gaDays} days is biometry`,
        ),
      ];
}

/** A scan added to a pregnancy: not in the future, not before her LMP, a method fit for its GA. */
export function checkScan(
  scan: { scanDate: IsoDate; gaDays: number; method: ScanMethod },
  lmp: IsoDate | null,
  today: IsoDate,
): ErrorDetail[] {
  return [
    ...notAfter('scanDate', scan.scanDate, today, 'notFuture', 'today'),
    ...(lmp ? notBefore('scanDate', scan.scanDate, lmp, 'afterLmp', `the LMP ${lmp}`) : []),
    ...checkScanMethod(scan.method, scan.gaDays, 'method'),
  ];
}

export interface ObstetricHistory {
  gravidity: number;
  parity: number;
  previousCaesareans: number;
}

export function checkObstetricHistory(history: ObstetricHistory, prefix: string): ErrorDetail[] {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const problems: ErrorDetail[] = [];
  if (history.parity > history.gravidity - 1) {
    problems.push(
      detail(
        field('parity'),
        'lessThanGravidity',
        'parity counts earlier births, so it must be below gravidity',
      ),
    );
  }
  if (history.previousCaesareans > history.parity) {
    problems.push(
      detail(
        field('previousCaesareans'),
        'atMostParity',
        'previousCaesareans cannot exceed parity',
      ),
    );
  }
  return problems;
}

/** Age in whole years on `onDate`. */
export function ageInYears(birthDate: IsoDate, onDate: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function checkBirthDate(
  birthDate: IsoDate,
  registrationDate: IsoDate,
  field: string,
): ErrorDetail[] {
  const age = ageInYears(birthDate, registrationDate);
  if (age < MIN_MATERNAL_AGE_YEARS || age > MAX_MATERNAL_AGE_YEARS) {
    return [
      detail(
        field,
        'plausibleAge',
        `${field} gives an age of ${age} at registration; it must be ${MIN_MATERNAL_AGE_YEARS} to ${MAX_MATERNAL_AGE_YEARS}`,
      ),
    ];
  }
  return [];
}

/** Living at her residence since: on or after her birth, and not after today. */
export function checkResidenceSince(
  since: IsoDate | null | undefined,
  birthDate: IsoDate,
  today: IsoDate,
  field: string,
): ErrorDetail[] {
  if (!since || (since >= birthDate && since <= today)) return [];
  return [detail(field, 'withinHerLife', `${field} must be between her birth date and today`)];
}

export interface ResidentIdVerdict {
  normalized: string;
  problems: ErrorDetail[];
  sequenceIsOdd: boolean;
}

/** GB 11643 check of a resident ID, plus agreement with the birth date given beside it. */
export function checkResidentDocument(
  documentNumber: string,
  birthDate: IsoDate,
  today: IsoDate,
  field: string,
  birthDateField: string,
): ResidentIdVerdict {
  const check = checkResidentId(documentNumber, today);
  const problems = check.failures.map((failure) => detail(field, failure.rule, failure.message));
  if (check.birthDate && check.birthDate !== birthDate) {
    problems.push(
      detail(
        birthDateField,
        'matchesResidentId',
        `the resident ID gives the birth date ${check.birthDate}`,
      ),
    );
  }
  return { normalized: check.normalized, problems, sequenceIsOdd: check.sequenceIsOdd === true };
}

/**
 * A status change happens on or after registration, on or after the last status change, and not
 * in the future.
 */
export function checkStatusChangeDate(
  effectiveDate: IsoDate,
  pregnancy: { registrationDate: IsoDate; statusDate: IsoDate | null },
  today: IsoDate,
): ErrorDetail[] {
  return [
    ...notAfter('effectiveDate', effectiveDate, today, 'notFuture', 'today'),
    ...notBefore(
      'effectiveDate',
      effectiveDate,
      pregnancy.registrationDate,
      'notBeforeRegistration',
      `the registration date ${pregnancy.registrationDate}`,
    ),
    ...notBefore(
      'effectiveDate',
      effectiveDate,
      pregnancy.statusDate,
      'notBeforeLastStatusChange',
      `the last status change on ${pregnancy.statusDate}`,
    ),
  ];
}

/** A new pregnancy starts (GA 0+0) after the previous one ended. */
export function checkAfterPreviousOutcome(
  edd: IsoDate,
  previousOutcomeDate: IsoDate | null,
  field: string,
  /** False when the caller's facility does not hold her earlier pregnancies: no date of theirs. */
  showPreviousDate = true,
): ErrorDetail[] {
  if (!previousOutcomeDate) return [];
  const start = addDays(edd, -PREGNANCY_LENGTH_DAYS);
  return compareIsoDates(start, previousOutcomeDate) > 0
    ? []
    : [
        detail(
          field,
          'afterPreviousPregnancy',
          `this pregnancy would start on ${start}, not after her previous pregnancy ended${showPreviousDate ? ` on ${previousOutcomeDate}` : ''}`,
        ),
      ];
}
