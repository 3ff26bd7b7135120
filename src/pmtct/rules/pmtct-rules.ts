import { wholeMinutesBetween } from '../../core/time/instants';
import { addDays, compareIsoDates, daysBetween, type IsoDate } from '../../core/time/calendar-date';

/** Prevention of mother-to-child transmission of HIV, syphilis and hepatitis B (DOMAIN.md §7). */
export const DISEASES = ['hiv', 'syphilis', 'hbsag'] as const;
export type Disease = (typeof DISEASES)[number];
export type TestKind = 'screening' | 'confirmatory';
export type TestResult = 'negative' | 'positive' | 'indeterminate';

export type TestSetting = 'antenatal' | 'labour' | 'postpartum';

export interface TestRecord {
  disease: Disease;
  kind: TestKind;
  sampleDate: IsoDate;
  result: TestResult | null; // null = pending
  partner: boolean;
  /** Antenatal unless said: `labour` is the rapid test at admission in labour. */
  setting?: TestSetting;
  resultDate?: IsoDate | null;
}

// Windows from birth in whole minutes, so the boundary is exact: 12 h 00 min is on time,
// 12 h 01 min is late (DOMAIN.md §9, PM-07, PM-10, PM-11).
export const HIV_PROPHYLAXIS_WITHIN_MINUTES = 6 * 60;
export const HBIG_WITHIN_MINUTES = 12 * 60;
export const HEPB_VACCINE_WITHIN_MINUTES_EXPOSED = 12 * 60; // mother HBsAg-positive
export const HEPB_VACCINE_WITHIN_MINUTES_OTHERS = 24 * 60;
export const EARLY_TESTING_MAX_GA_DAYS = 90; // GA ≤ 12+6 (PM-05)
/** A labour test this many days old (or less) with no delivery yet: she is in labour now. */
export const IN_LABOUR_DAYS = 3;

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

/** HIV and syphilis screening needs a confirmatory test; a positive HBsAg result is the indication. */
export const NEEDS_CONFIRMATION: Record<Disease, boolean> = {
  hiv: true,
  syphilis: true,
  hbsag: false,
};

export type DiseaseStatus =
  | 'untested'
  | 'pending'
  | 'negative'
  | 'awaiting_confirmation'
  | 'confirmed_positive'
  | 'indeterminate';

/**
 * The woman's own tests (partner tests ignored) decide: a positive confirmatory test →
 * confirmed_positive; for HBsAg a positive screening is the indication and needs no confirmation
 * (预防母婴传播工作规范 2020) → confirmed_positive, unless a repeat test after it came back
 * negative; a positive HIV or syphilis screening with no confirmatory result yet →
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
  const answers = answersToLastPositiveScreening(resulted);
  if (answers !== null) {
    // HBsAg: positive unless a repeat test came back negative; it never waits for one.
    if (!NEEDS_CONFIRMATION[disease] && !answers.some((t) => t.result === 'negative')) {
      return 'confirmed_positive';
    }
    if (answers.length === 0) return 'awaiting_confirmation';
  }
  const latest = resulted[resulted.length - 1];
  // Positives were settled above, so the latest result is negative or indeterminate.
  return latest.result === 'indeterminate' ? 'indeterminate' : 'negative';
}

/**
 * The confirmatory results after the last positive screening (null: no positive screening). A
 * later negative screening does not answer a positive one: only a confirmatory result does.
 */
function answersToLastPositiveScreening(
  resultedInOrder: readonly TestRecord[],
): TestRecord[] | null {
  const lastPositiveScreening = resultedInOrder.findLastIndex(
    (t) => t.kind === 'screening' && t.result === 'positive',
  );
  if (lastPositiveScreening === -1) return null;
  return resultedInOrder.slice(lastPositiveScreening + 1).filter((t) => t.kind === 'confirmatory');
}

// By sample date; on the same day a confirmatory test follows the screening it confirms.
function inTestOrder(tests: readonly TestRecord[]): TestRecord[] {
  const kindOrder = (t: TestRecord): number => (t.kind === 'screening' ? 0 : 1);
  return [...tests].sort(
    (a, b) => compareIsoDates(a.sampleDate, b.sampleDate) || kindOrder(a) - kindOrder(b),
  );
}

export const EXPOSURE_BASES = [
  'confirmed_positive',
  'reactive_in_labour',
  'reactive_awaiting_confirmation',
] as const;
export type ExposureBasis = (typeof EXPOSURE_BASES)[number];

/** Whether the baby's doses for a disease are indicated, on what ground, or since when not. */
export interface Exposure {
  disease: Disease;
  indicated: boolean;
  basis: ExposureBasis | null;
  /** A negative confirmatory result after a reactive screening: the day further doses stopped. */
  excludedOn: IsoDate | null;
}

/**
 * A confirmed positive (for HBsAg any positive) is the indication. Unknown status in labour is
 * treated as infected: a reactive screening not yet answered by a confirmatory result (pending or
 * indeterminate) indicates the baby's prophylaxis at once, `reactive_in_labour` when it is the
 * admission test. A negative confirmatory result after it ends the indication.
 */
export function exposure(tests: readonly TestRecord[], disease: Disease): Exposure {
  const none = { disease, indicated: false, basis: null, excludedOn: null };
  if (diseaseStatus(tests, disease) === 'confirmed_positive') {
    return { ...none, indicated: true, basis: 'confirmed_positive' };
  }
  const own = inTestOrder(
    tests.filter((t) => !t.partner && t.disease === disease && t.result !== null),
  );
  const lastReactive = own.findLastIndex((t) => t.kind === 'screening' && t.result === 'positive');
  if (lastReactive === -1) return none;
  const negative = own
    .slice(lastReactive + 1)
    .find((t) => t.kind === 'confirmatory' && t.result === 'negative');
  if (negative) return { ...none, excludedOn: negative.resultDate ?? negative.sampleDate };
  const basis: ExposureBasis =
    own[lastReactive].setting === 'labour'
      ? 'reactive_in_labour'
      : 'reactive_awaiting_confirmation';
  return { ...none, indicated: true, basis };
}

/** The diseases the baby's doses and follow-up are for. */
export function indicatedDiseases(tests: readonly TestRecord[]): Disease[] {
  return DISEASES.filter((disease) => exposure(tests, disease).indicated);
}

/**
 * HBsAg-positive mothers take an antiviral (from about 28 weeks) when HBV DNA ≥ 2×10^5 IU/mL or
 * HBeAg is positive (预防艾滋病、梅毒和乙肝母婴传播工作规范 2020); other carriers need none.
 */
export const HBV_ANTIVIRAL_FROM_DNA_IU_PER_ML = 200_000;

export interface HbvMarkers {
  hbvDnaIuPerMl: number | null;
  hbeag: 'positive' | 'negative' | null;
}

export function hbvAntiviralIndicated(markers: readonly HbvMarkers[]): boolean {
  return markers.some(
    (m) =>
      m.hbeag === 'positive' ||
      (m.hbvDnaIuPerMl !== null && m.hbvDnaIuPerMl >= HBV_ANTIVIRAL_FROM_DNA_IU_PER_ML),
  );
}

export type ArtStartProblem =
  'beforePregnancyNeedsOnArtAtConception' | 'onArtAtConceptionNeedsStartBeforeLmp';

/**
 * ART started before this pregnancy is recorded with its true date and "on ART at conception";
 * the flag and a start before the LMP (GA 0) go together.
 */
export function artStartProblem(
  startedOn: IsoDate,
  pregnancyStart: IsoDate,
  onArtAtConception: boolean,
): ArtStartProblem | null {
  const beforePregnancy = compareIsoDates(startedOn, pregnancyStart) < 0;
  if (beforePregnancy && !onArtAtConception) return 'beforePregnancyNeedsOnArtAtConception';
  if (!beforePregnancy && onArtAtConception) return 'onArtAtConceptionNeedsStartBeforeLmp';
  return null;
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

/**
 * The course rule's days. The national text says weekly doses, two courses at least 2 weeks apart
 * (4 recommended), and treatment ending 4 weeks before delivery; the grace around "weekly" is local
 * policy. Configured by PMTCT_* variables (config/pmtct.config.ts); these are the defaults.
 */
export interface SyphilisPolicy {
  doseIntervalDays: number;
  doseGraceDays: number;
  courseGapMinDays: number;
  endsBeforeDeliveryDays: number;
}

export const DEFAULT_SYPHILIS_POLICY: SyphilisPolicy = {
  doseIntervalDays: 7,
  doseGraceDays: 2,
  courseGapMinDays: 14,
  endsBeforeDeliveryDays: 28,
};

/** The shortest and longest gap between consecutive doses of one course, in days. */
export function doseGapRange(policy: SyphilisPolicy = DEFAULT_SYPHILIS_POLICY): {
  min: number;
  max: number;
} {
  return {
    min: policy.doseIntervalDays - policy.doseGraceDays,
    max: policy.doseIntervalDays + policy.doseGraceDays,
  };
}

// Found at 13+0 or later (mid or late pregnancy) → two courses (DOMAIN.md §7).
const TWO_COURSES_FROM_GA_DAYS = 91;

/** ≥ 3 doses, each consecutive pair 7 ± 2 days apart; another gap means the course restarts. */
export function courseComplete(
  course: SyphilisCourse,
  policy: SyphilisPolicy = DEFAULT_SYPHILIS_POLICY,
): boolean {
  if (course.doses.length < SYPHILIS_DOSES_PER_COURSE) return false;
  const { min, max } = doseGapRange(policy);
  const dates = course.doses.map((d) => d.givenOn).sort(compareIsoDates);
  return dates.slice(1).every((date, i) => {
    const gap = daysBetween(dates[i], date);
    return gap >= min && gap <= max;
  });
}

export function coursesRequired(gaDaysAtDiagnosis: number): 1 | 2 {
  requireWholeNonNegative('Gestational age at diagnosis', gaDaysAtDiagnosis);
  return gaDaysAtDiagnosis >= TWO_COURSES_FROM_GA_DAYS ? 2 : 1;
}

export interface SyphilisTreatmentVerdict {
  required: 1 | 2;
  completeCourses: number;
  /** At least one dose before delivery (PM-08). */
  treated: boolean;
  /** The required complete courses, apart as required, ending in time (PM-08b). */
  adequate: boolean;
}

/**
 * Treated: a dose by the delivery day (or any dose while she is pregnant). Adequate: as many
 * complete courses as required, each ending (last dose) at least 4 weeks before the delivery day,
 * and for two courses the second starting at least 2 weeks after the first ended.
 */
export function syphilisTreatment(
  courses: readonly SyphilisCourse[],
  gaDaysAtDiagnosis: number,
  deliveredOn: IsoDate | null = null,
  policy: SyphilisPolicy = DEFAULT_SYPHILIS_POLICY,
): SyphilisTreatmentVerdict {
  const required = coursesRequired(gaDaysAtDiagnosis);
  const complete = courses.filter((course) => courseComplete(course, policy));
  const spans = complete
    .map((course) => {
      const dates = course.doses.map((d) => d.givenOn).sort(compareIsoDates);
      return { start: dates[0], end: dates[dates.length - 1] };
    })
    .filter(
      ({ end }) =>
        deliveredOn === null || daysBetween(end, deliveredOn) >= policy.endsBeforeDeliveryDays,
    );
  const adequate =
    required === 1
      ? spans.length > 0
      : spans.some((first) =>
          spans.some((second) => daysBetween(first.end, second.start) >= policy.courseGapMinDays),
        );
  const treated = courses.some((course) =>
    course.doses.some((d) => deliveredOn === null || compareIsoDates(d.givenOn, deliveredOn) <= 0),
  );
  return { required, completeCourses: complete.length, treated, adequate };
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

// Local policy, not the national text: the default of PMTCT_FOLLOW_UP_GRACE_DAYS.
export const FOLLOW_UP_GRACE_DAYS = 14;

export type FollowUpState = 'done' | 'upcoming' | 'due' | 'overdue';

/** Upcoming before the due date; due from the due date to due + grace inclusive; overdue after. */
export function followUpState(
  birthDate: IsoDate,
  visit: FollowUpVisit,
  doneOn: IsoDate | null,
  today: IsoDate,
  graceDays: number = FOLLOW_UP_GRACE_DAYS,
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
  return daysPastDue <= graceDays ? 'due' : 'overdue';
}

function requireWholeNonNegative(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number ≥ 0: ${value}`);
  }
}
