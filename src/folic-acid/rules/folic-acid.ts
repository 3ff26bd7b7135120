import { addDays, compareIsoDates, daysBetween, type IsoDate } from '../../core/time/calendar-date';

/** Folic-acid supplementation (增补叶酸): uptake, adherence, awareness; see DOMAIN.md §6, FA-01..03. */
export const TABLET_MG = 0.4; // tablets of the national project are 0.4 mg
export const UPTAKE_DAYS_BEFORE_LMP = 90; // uptake window [LMP − 90 d, LMP + 90 d], inclusive
export const UPTAKE_DAYS_AFTER_LMP = 90;
export const END_OF_MONTH_3_GA_DAYS = 90; // "end of the 3rd month of pregnancy" = GA 12+6
export const ADHERENCE_EVALUABLE_FROM_GA_DAYS = 91; // evaluated in mid-pregnancy: GA 13+0 or later
export const ADHERENCE_THRESHOLD = 0.8;
/**
 * Records older than this before the LMP belong to an earlier plan or pregnancy, not this one;
 * the national advice starts 3 months before conception, so 6 months leaves room for early starters.
 */
export const LOOKBACK_DAYS = 180;

export const ADHERENCE_NOT_EVALUABLE = {
  beforeGa13: 'evaluated before GA 13+0: the window to the end of month 3 has not closed',
  noIntake: 'no folic-acid intake recorded up to the end of month 3',
} as const;

export interface Dispensing {
  dispensedOn: IsoDate;
  doseMg: 0.4 | 0.8;
  bottles: number;
  tabletsPerBottle: number;
}

export interface IntakeReport {
  reportedOn: IsoDate;
  startedOn: IsoDate | null;
  stoppedOn: IsoDate | null;
  missedDays: number | null;
  estimatedDaysTaken: number | null;
}

export interface Survey {
  askedOn: IsoDate;
  knowsPreventsNeuralTubeDefects: boolean;
  knowsWhenToTake: boolean;
}

/** Both ends inclusive. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface UptakeResult {
  took: boolean;
  window: DateRange;
  firstEvidence: IsoDate | null; // first day in the window with a dispensing or intake
}

export interface AdherenceResult {
  evaluable: boolean; // false before GA 13+0 on evaluatedOn, or when she never took any
  reason: string | null; // why not evaluable
  startedOn: IsoDate | null; // first supplied or reported day, up to the end of month 3
  startedBeforeLmp: boolean;
  window: DateRange | null; // [startedOn, LMP + END_OF_MONTH_3_GA_DAYS]
  daysInWindow: number;
  daysTaken: number;
  ratio: number | null; // daysTaken / daysInWindow, not rounded
  adherent: boolean;
}

export interface AwarenessResult {
  surveyed: boolean;
  aware: boolean;
  askedOn: IsoDate | null;
}

export function tabletsPerDay(doseMg: 0.4 | 0.8): number {
  // Exact comparisons: a dose read as 0.4000001 or '0.4' is a data error, not a rounding case.
  if (doseMg === 0.4) return 1;
  if (doseMg === 0.8) return 2;
  throw new RangeError(`Dose must be 0.4 or 0.8 mg: ${String(doseMg)}`);
}

export function daysCovered(dispensing: Dispensing): number {
  requireWholeCount('Bottles', dispensing.bottles);
  requireWholeCount('Tablets per bottle', dispensing.tabletsPerBottle);
  const tablets = dispensing.bottles * dispensing.tabletsPerBottle;
  return Math.floor(tablets / tabletsPerDay(dispensing.doseMg));
}

/**
 * Days on which she had tablets, from the dispensings: each supply starts on its dispensing day,
 * or the day after the previous supply runs out if that is later (supplies stack, they do not
 * overlap).
 */
export function suppliedDays(dispensings: readonly Dispensing[]): DateRange[] {
  const byDate = [...dispensings].sort((a, b) => compareIsoDates(a.dispensedOn, b.dispensedOn));
  const supplies: DateRange[] = [];
  let firstFreeDay: IsoDate | null = null;
  for (const dispensing of byDate) {
    const days = daysCovered(dispensing);
    if (days === 0) continue;
    const from: IsoDate = laterOf(dispensing.dispensedOn, firstFreeDay);
    const to = addDays(from, days - 1);
    supplies.push({ from, to });
    firstFreeDay = addDays(to, 1);
  }
  return mergeRanges(supplies);
}

/** Days she says she took it: [startedOn, stoppedOn ?? reportedOn]. */
export function reportedDays(report: IntakeReport): DateRange | null {
  if (report.startedOn === null) return null;
  const range = { from: report.startedOn, to: report.stoppedOn ?? report.reportedOn };
  // Validation belongs to the DTO; an inverted range here would silently count nothing.
  if (compareIsoDates(range.from, range.to) > 0) {
    throw new RangeError(`Intake report ends before it starts: ${range.from} to ${range.to}`);
  }
  return range;
}

export function uptakeWindow(lmp: IsoDate): DateRange {
  return {
    from: addDays(lmp, -UPTAKE_DAYS_BEFORE_LMP),
    to: addDays(lmp, UPTAKE_DAYS_AFTER_LMP),
  };
}

/** Took = any dispensing dated inside the window, or any supplied or reported day inside it. */
export function uptake(
  lmp: IsoDate,
  dispensings: readonly Dispensing[],
  reports: readonly IntakeReport[],
): UptakeResult {
  const window = uptakeWindow(lmp);
  // A stacked supply starts after its dispensing day, so the dispensing day is evidence too.
  const dispensingDays = dispensings.map((d) => ({ from: d.dispensedOn, to: d.dispensedOn }));
  const evidence = [...dispensingDays, ...intakeRanges(dispensings, reports)];
  const inWindow = mergeRanges(clipAll(evidence, window));
  const firstEvidence = inWindow[0]?.from ?? null;
  return { took: firstEvidence !== null, window, firstEvidence };
}

/**
 * Started before the LMP and took it on ≥ 80 % of the days from the start to the end of month 3
 * (LMP + 90 d), evaluated at GA 13+0 or later (DOMAIN.md §6, FA-02).
 */
export function adherence(
  lmp: IsoDate,
  dispensings: readonly Dispensing[],
  reports: readonly IntakeReport[],
  evaluatedOn: IsoDate,
): AdherenceResult {
  const windowEnd = addDays(lmp, END_OF_MONTH_3_GA_DAYS);
  // Intake that begins after the end of month 3 cannot start this window.
  const intake = mergeRanges(intakeRanges(dispensings, reports)).filter(
    (range) => compareIsoDates(range.from, windowEnd) <= 0,
  );
  const startedOn = intake[0]?.from ?? null;
  const started = {
    startedOn,
    startedBeforeLmp: startedOn !== null && compareIsoDates(startedOn, lmp) < 0,
    window: startedOn === null ? null : { from: startedOn, to: windowEnd },
  };
  // Before 13+0 the window has not closed: a ratio would count supply she has not taken yet.
  if (daysBetween(lmp, evaluatedOn) < ADHERENCE_EVALUABLE_FROM_GA_DAYS) {
    return notEvaluable(ADHERENCE_NOT_EVALUABLE.beforeGa13, started);
  }
  if (started.window === null) return notEvaluable(ADHERENCE_NOT_EVALUABLE.noIntake, started);

  const daysInWindow = rangeLength(started.window);
  const daysTaken = daysTakenIn(started.window, intake, reports);
  const ratio = daysTaken / daysInWindow;
  return {
    evaluable: true,
    reason: null,
    ...started,
    daysInWindow,
    daysTaken,
    ratio,
    adherent: started.startedBeforeLmp && ratio >= ADHERENCE_THRESHOLD,
  };
}

/** The latest survey decides (a later answer supersedes an earlier one); aware = knows both. */
export function awareness(surveys: readonly Survey[]): AwarenessResult {
  let latest: Survey | null = null;
  for (const survey of surveys) {
    // ≥ so that of two surveys on one day the one recorded last wins.
    if (latest === null || compareIsoDates(survey.askedOn, latest.askedOn) >= 0) latest = survey;
  }
  if (latest === null) return { surveyed: false, aware: false, askedOn: null };
  return {
    surveyed: true,
    aware: latest.knowsPreventsNeuralTubeDefects && latest.knowsWhenToTake,
    askedOn: latest.askedOn,
  };
}

/**
 * Union of supplied and reported days in the window, minus each report's missed days (at most the
 * days of its own range in the window), or a range-less report's estimate if that is larger.
 */
function daysTakenIn(
  window: DateRange,
  intake: readonly DateRange[],
  reports: readonly IntakeReport[],
): number {
  const daysInWindow = rangeLength(window);
  const union = countDays(mergeRanges(clipAll(intake, window)));
  const missed = reports.reduce((sum, report) => sum + missedDaysIn(report, window), 0);
  const estimate = reports.reduce(
    (best, report) => Math.max(best, Math.min(estimatedDaysIn(report), daysInWindow)),
    0,
  );
  return Math.max(Math.max(0, union - missed), estimate);
}

function missedDaysIn(report: IntakeReport, window: DateRange): number {
  const range = reportedDays(report);
  if (report.missedDays === null || range === null) return 0;
  requireWholeCount('Missed days', report.missedDays);
  const ownDays = clipRange(range, window);
  // Where in her range she missed them is unknown: assume inside the window (the cautious side).
  return ownDays === null ? 0 : Math.min(report.missedDays, rangeLength(ownDays));
}

function estimatedDaysIn(report: IntakeReport): number {
  // The estimate stands in for a range only; a report with dates is counted by its dates.
  if (report.estimatedDaysTaken === null || reportedDays(report) !== null) return 0;
  requireWholeCount('Estimated days taken', report.estimatedDaysTaken);
  return report.estimatedDaysTaken;
}

function notEvaluable(
  reason: string,
  started: Pick<AdherenceResult, 'startedOn' | 'startedBeforeLmp' | 'window'>,
): AdherenceResult {
  return {
    evaluable: false,
    reason,
    ...started,
    daysInWindow: 0,
    daysTaken: 0,
    ratio: null,
    adherent: false,
  };
}

function intakeRanges(
  dispensings: readonly Dispensing[],
  reports: readonly IntakeReport[],
): DateRange[] {
  const reported = reports.map(reportedDays).filter((range) => range !== null);
  return [...suppliedDays(dispensings), ...reported];
}

/** Sorted, with overlapping or adjacent ranges joined, so that no day is counted twice. */
function mergeRanges(ranges: readonly DateRange[]): DateRange[] {
  const byStart = [...ranges].sort((a, b) => compareIsoDates(a.from, b.from));
  const merged: DateRange[] = [];
  for (const range of byStart) {
    const last = merged.at(-1);
    if (last !== undefined && compareIsoDates(range.from, addDays(last.to, 1)) <= 0) {
      last.to = laterOf(last.to, range.to);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

function clipAll(ranges: readonly DateRange[], window: DateRange): DateRange[] {
  return ranges.map((range) => clipRange(range, window)).filter((range) => range !== null);
}

function clipRange(range: DateRange, window: DateRange): DateRange | null {
  const from = laterOf(range.from, window.from);
  const to = compareIsoDates(range.to, window.to) < 0 ? range.to : window.to;
  return compareIsoDates(from, to) <= 0 ? { from, to } : null;
}

function laterOf(a: IsoDate, b: IsoDate | null): IsoDate {
  return b !== null && compareIsoDates(b, a) > 0 ? b : a;
}

function rangeLength(range: DateRange): number {
  return daysBetween(range.from, range.to) + 1;
}

function countDays(ranges: readonly DateRange[]): number {
  return ranges.reduce((sum, range) => sum + rangeLength(range), 0);
}

function requireWholeCount(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number ≥ 0: ${value}`);
  }
}
