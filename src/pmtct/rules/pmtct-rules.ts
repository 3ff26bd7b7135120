import { wholeMinutesBetween } from '../../core/time/instants';
import { addDays, compareIsoDates, daysBetween, type IsoDate } from '../../core/time/calendar-date';

/** Prevention of mother-to-child transmission of HIV, syphilis and hepatitis B (DOMAIN.md §7). */
export const DISEASES = ['hiv', 'syphilis', 'hbsag'] as const;
export type Disease = (typeof DISEASES)[number];
export type TestKind = 'screening' | 'confirmatory';
export type TestResult = 'negative' | 'positive' | 'indeterminate';

export interface TestRecord {
  disease: Disease;
  kind: TestKind;
  sampleDate: IsoDate;
  result: TestResult | null; // null = pending
  partner: boolean;
}

// Windows from birth in whole minutes, so the boundary is exact: 12 h 00 min is on time,
// 12 h 01 min is late (DOMAIN.md §9, PM-07, PM-10, PM-11).
export const HIV_PROPHYLAXIS_WITHIN_MINUTES = 6 * 60;
export const HBIG_WITHIN_MINUTES = 12 * 60;
export const HEPB_VACCINE_WITHIN_MINUTES_EXPOSED = 12 * 60; // mother HBsAg-positive
export const HEPB_VACCINE_WITHIN_MINUTES_OTHERS = 24 * 60;
export const EARLY_TESTING_MAX_GA_DAYS = 90; // GA ≤ 12+6 (PM-05)

/** Whole minutes from `from` to `to`, floored: seconds never push a dose past a boundary. */
/** Whole minutes, floored: 12 h 00 min 59 s is 12 h 00 min, on time. */
export const minutesBetween = wholeMinutesBetween;

export type Timeliness = 'on_time' | 'late' | 'not_given' | 'due';

/**
 * Given within the window from birth? 'due' when not given and the window is still open at `now`;
 * 'not_given' when it closed without a dose; a dose before birth throws RangeError.
 * The window's last minute still counts, both for a dose and for "still due".
 */
export function timeliness(
  bornAt: Date,
  givenAt: Date | null,
  withinMinutes: number,
  now: Date,
): Timeliness {
  requireWholeNonNegative('Window in minutes', withinMinutes);
  if (givenAt !== null) {
    const minutesAfterBirth = minutesBetween(bornAt, givenAt);
    if (minutesAfterBirth < 0) throw new RangeError('A dose cannot be given before birth');
    return minutesAfterBirth <= withinMinutes ? 'on_time' : 'late';
  }
  return minutesBetween(bornAt, now) <= withinMinutes ? 'due' : 'not_given';
}

/** For the worklist's "time left": 0 in the window's last minute, negative once late. */
export function minutesLeft(bornAt: Date, withinMinutes: number, now: Date): number {
  requireWholeNonNegative('Window in minutes', withinMinutes);
  return withinMinutes - minutesBetween(bornAt, now);
}

export function hbigTimeliness(bornAt: Date, givenAt: Date | null, now: Date): Timeliness {
  return timeliness(bornAt, givenAt, HBIG_WITHIN_MINUTES, now);
}

export function hepBVaccineTimeliness(
  bornAt: Date,
  givenAt: Date | null,
  motherHbsagPositive: boolean,
  now: Date,
): Timeliness {
  const window = motherHbsagPositive
    ? HEPB_VACCINE_WITHIN_MINUTES_EXPOSED
    : HEPB_VACCINE_WITHIN_MINUTES_OTHERS;
  return timeliness(bornAt, givenAt, window, now);
}

export function hivProphylaxisTimeliness(
  bornAt: Date,
  startedAt: Date | null,
  now: Date,
): Timeliness {
  return timeliness(bornAt, startedAt, HIV_PROPHYLAXIS_WITHIN_MINUTES, now);
}

export function isEarlyTest(gaDaysAtSample: number): boolean {
  requireWholeNonNegative('Gestational age at sample', gaDaysAtSample);
  return gaDaysAtSample <= EARLY_TESTING_MAX_GA_DAYS;
}

export type DiseaseStatus =
  | 'untested'
  | 'pending'
  | 'negative'
  | 'awaiting_confirmation'
  | 'confirmed_positive'
  | 'indeterminate';

/**
 * The woman's own tests (partner tests ignored) decide: a positive confirmatory test →
 * confirmed_positive; a positive screening with no confirmatory result yet →
 * awaiting_confirmation (a negative confirmatory after a positive screening → negative);
 * otherwise the latest resulted test's result; only pending tests → pending; none → untested.
 */
export function diseaseStatus(tests: readonly TestRecord[], disease: Disease): DiseaseStatus {
  const own = tests.filter((t) => !t.partner && t.disease === disease);
  if (own.length === 0) return 'untested';
  const resulted = inTestOrder(own.filter((t) => t.result !== null));
  if (resulted.length === 0) return 'pending';
  // A confirmed infection does not go away with a later negative screening.
  if (resulted.some((t) => t.kind === 'confirmatory' && t.result === 'positive')) {
    return 'confirmed_positive';
  }
  if (awaitsConfirmation(resulted)) return 'awaiting_confirmation';
  const latest = resulted[resulted.length - 1];
  // Positives were settled above, so the latest result is negative or indeterminate.
  return latest.result === 'indeterminate' ? 'indeterminate' : 'negative';
}

// A later negative screening does not answer a positive one: only a confirmatory result does.
function awaitsConfirmation(resultedInOrder: readonly TestRecord[]): boolean {
  const lastPositiveScreening = resultedInOrder.findLastIndex(
    (t) => t.kind === 'screening' && t.result === 'positive',
  );
  if (lastPositiveScreening === -1) return false;
  return !resultedInOrder.slice(lastPositiveScreening + 1).some((t) => t.kind === 'confirmatory');
}

// By sample date; on the same day a confirmatory test follows the screening it confirms.
function inTestOrder(tests: readonly TestRecord[]): TestRecord[] {
  const kindOrder = (t: TestRecord): number => (t.kind === 'screening' ? 0 : 1);
  return [...tests].sort(
    (a, b) => compareIsoDates(a.sampleDate, b.sampleDate) || kindOrder(a) - kindOrder(b),
  );
}

export interface SyphilisDose {
  givenOn: IsoDate;
  drug: string;
  dose: string;
}

export interface SyphilisCourse {
  doses: readonly SyphilisDose[];
}

export const SYPHILIS_DOSES_PER_COURSE = 3; // benzathine penicillin 2.4 MU weekly × 3
// The national text says "weekly"; 2 days' grace is local policy, meant to be configurable.
export const SYPHILIS_DOSE_INTERVAL_MAX_DAYS = 9;
const SYPHILIS_DOSE_INTERVAL_MIN_DAYS = 1; // two doses on one day are one dose recorded twice

// Found at 13+0 or later (mid or late pregnancy) → two courses (DOMAIN.md §7).
const TWO_COURSES_FROM_GA_DAYS = 91;

/** ≥ 3 doses, each consecutive pair 1..9 days apart; a longer gap means the course restarts. */
export function courseComplete(course: SyphilisCourse): boolean {
  if (course.doses.length < SYPHILIS_DOSES_PER_COURSE) return false;
  const dates = course.doses.map((d) => d.givenOn).sort(compareIsoDates);
  return dates.slice(1).every((date, i) => {
    const gap = daysBetween(dates[i], date);
    return gap >= SYPHILIS_DOSE_INTERVAL_MIN_DAYS && gap <= SYPHILIS_DOSE_INTERVAL_MAX_DAYS;
  });
}

export function coursesRequired(gaDaysAtDiagnosis: number): 1 | 2 {
  requireWholeNonNegative('Gestational age at diagnosis', gaDaysAtDiagnosis);
  return gaDaysAtDiagnosis >= TWO_COURSES_FROM_GA_DAYS ? 2 : 1;
}

export interface SyphilisTreatmentVerdict {
  required: 1 | 2;
  completeCourses: number;
  adequate: boolean;
}

export function syphilisTreatment(
  courses: readonly SyphilisCourse[],
  gaDaysAtDiagnosis: number,
): SyphilisTreatmentVerdict {
  const required = coursesRequired(gaDaysAtDiagnosis);
  const completeCourses = courses.filter(courseComplete).length;
  return { required, completeCourses, adequate: completeCourses >= required };
}

export interface FollowUpVisit {
  code: string;
  label: string;
  dueAfterBirthDays: number;
}

export const HIV_INFANT_FOLLOW_UP: readonly FollowUpVisit[] = [
  { code: 'HIV_48H', label: '48小时', dueAfterBirthDays: 2 },
  { code: 'HIV_6W', label: '6周', dueAfterBirthDays: 42 },
  { code: 'HIV_3M', label: '3个月', dueAfterBirthDays: 90 },
  { code: 'HIV_12M', label: '12个月（抗体）', dueAfterBirthDays: 365 },
  { code: 'HIV_18M', label: '18个月（抗体）', dueAfterBirthDays: 548 },
];

export const SYPHILIS_CHILD_FOLLOW_UP: readonly FollowUpVisit[] = [
  { code: 'SYPHILIS_3M', label: '3个月', dueAfterBirthDays: 90 },
  { code: 'SYPHILIS_6M', label: '6个月', dueAfterBirthDays: 180 },
  { code: 'SYPHILIS_9M', label: '9个月', dueAfterBirthDays: 270 },
  { code: 'SYPHILIS_12M', label: '12个月', dueAfterBirthDays: 365 },
  { code: 'SYPHILIS_15M', label: '15个月', dueAfterBirthDays: 455 },
  { code: 'SYPHILIS_18M', label: '18个月', dueAfterBirthDays: 548 },
];

// Local policy, not the national text: meant to be configurable.
export const FOLLOW_UP_GRACE_DAYS = 14;

export type FollowUpState = 'done' | 'upcoming' | 'due' | 'overdue';

/** Upcoming before the due date; due from the due date to due + 14 inclusive; overdue after. */
export function followUpState(
  birthDate: IsoDate,
  visit: FollowUpVisit,
  doneOn: IsoDate | null,
  today: IsoDate,
): FollowUpState {
  const dueOn = addDays(birthDate, visit.dueAfterBirthDays);
  if (doneOn !== null) {
    if (compareIsoDates(doneOn, birthDate) < 0) {
      throw new RangeError('A follow-up cannot be done before birth');
    }
    return 'done';
  }
  const daysPastDue = daysBetween(dueOn, today);
  if (daysPastDue < 0) return 'upcoming';
  return daysPastDue <= FOLLOW_UP_GRACE_DAYS ? 'due' : 'overdue';
}

function requireWholeNonNegative(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number ≥ 0: ${value}`);
  }
}
