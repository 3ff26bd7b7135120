/**
 * Antenatal visit windows and their states (DOMAIN.md §3). Everything is in gestational-age days
 * from the final EDD, the one clock of DOMAIN.md §2.
 */
export interface ScheduleWindow {
  code: string;
  label: string;
  startDay: number; // GA days, inclusive
  endDay: number; // GA days, inclusive
}

/** 国家基本公共卫生服务规范（第三版）: at least five examinations. */
export const BASIC_SCHEDULE: readonly ScheduleWindow[] = [
  { code: 'ANC1', label: '孕13周前', startDay: 0, endDay: 90 }, // before 13+0
  { code: 'ANC2', label: '孕16-20周', startDay: 112, endDay: 146 }, // 16+0 to 20+6
  { code: 'ANC3', label: '孕21-24周', startDay: 147, endDay: 174 }, // 21+0 to 24+6
  { code: 'ANC4', label: '孕28-36周', startDay: 196, endDay: 258 }, // 28+0 to 36+6
  { code: 'ANC5', label: '孕37-40周', startDay: 259, endDay: 286 }, // 37+0 to 40+6
];

/** A window unvisited this many days after its last day makes her a defaulter. */
export const OVERDUE_AFTER_DAYS = 7;

// Beyond 42+6 no pregnancy is still antenatal; a later day is a typing error in the schedule.
const MAX_SCHEDULE_GA_DAYS = 300;

export type WindowState = 'done' | 'due' | 'overdue' | 'missed' | 'upcoming' | 'not_applicable';

export interface WindowStatus {
  window: ScheduleWindow;
  state: WindowState;
  visitGaDays: number | null; // the first visit in the window, when done
  daysOverdue: number | null; // 0 on the first overdue day
  dueFrom: number; // GA days
  overdueFrom: number; // GA days
}

export interface ScheduleInput {
  windows: readonly ScheduleWindow[];
  visitGaDays: readonly number[];
  gaDaysOnDate: number;
  open: boolean;
  gaDaysAtOutcome: number | null;
}

export function windowStates(input: ScheduleInput): WindowStatus[] {
  const endedAt = antenatalCareEndedAt(input);
  // The states are those of gaDaysOnDate: a visit after it had not happened yet.
  const visits = input.visitGaDays.filter((ga) => ga <= input.gaDaysOnDate);
  return input.windows.map((window) => statusOf(window, visits, input.gaDaysOnDate, endedAt));
}

// A case stays open until 42 days postpartum, so it is the outcome, not `open`, that ends
// antenatal care. A case closed without an outcome GA (e.g. transferred out) ends on the day asked.
function antenatalCareEndedAt(input: ScheduleInput): number | null {
  if (input.gaDaysAtOutcome !== null) return input.gaDaysAtOutcome;
  return input.open ? null : input.gaDaysOnDate;
}

function statusOf(
  window: ScheduleWindow,
  visits: readonly number[],
  gaDaysOnDate: number,
  endedAt: number | null,
): WindowStatus {
  const overdueFrom = window.endDay + OVERDUE_AFTER_DAYS;
  const base: Omit<WindowStatus, 'state'> = {
    window,
    visitGaDays: null,
    daysOverdue: null,
    dueFrom: window.startDay,
    overdueFrom,
  };
  const inWindow = visits.filter((ga) => ga >= window.startDay && ga <= window.endDay);
  if (inWindow.length > 0) return { ...base, state: 'done', visitGaDays: Math.min(...inWindow) };
  if (endedAt !== null) {
    return { ...base, state: window.startDay > endedAt ? 'not_applicable' : 'missed' };
  }
  if (gaDaysOnDate < window.startDay) return { ...base, state: 'upcoming' };
  // She came back after the window closed: the visit was missed, but she is not a defaulter.
  if (visits.some((ga) => ga > window.endDay)) return { ...base, state: 'missed' };
  if (gaDaysOnDate < overdueFrom) return { ...base, state: 'due' };
  return { ...base, state: 'overdue', daysOverdue: gaDaysOnDate - overdueFrom };
}

/**
 * The GA day from which an open pregnancy is on the overdue worklist: the overdue day of the first
 * window that starts after her last visit (a visit in or after a window settles it, as in
 * `windowStates`), or null when no window is left to miss. The windows must be in order.
 */
export function overdueFromGaDays(
  windows: readonly ScheduleWindow[],
  lastVisitGaDays: number | null,
): number | null {
  const next = windows.find((w) => lastVisitGaDays === null || w.startDay > lastVisitGaDays);
  return next ? next.endDay + OVERDUE_AFTER_DAYS : null;
}

/** A problem with one window of a configured schedule, on the field to correct. */
export interface ScheduleProblem {
  /** The window's place in the schedule (0 first); null for the schedule as a whole. */
  index: number | null;
  field: 'code' | 'startDay' | 'endDay' | null;
  rule:
    'notEmpty' | 'isInt' | 'min' | 'max' | 'startNotAfterEnd' | 'unique' | 'inOrder' | 'noOverlap';
  message: string;
}

/** Problems with a configured schedule, in words for the person who configured it; [] if fine. */
export function validateSchedule(windows: readonly ScheduleWindow[]): ScheduleProblem[] {
  if (windows.length === 0) {
    return [{ index: null, field: null, rule: 'notEmpty', message: 'The schedule has no windows' }];
  }
  return [
    ...windows.flatMap(windowProblems),
    ...duplicateCodes(windows),
    ...orderProblems(windows),
  ];
}

function windowProblems(w: ScheduleWindow, index: number): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const problem = (
    field: ScheduleProblem['field'],
    rule: ScheduleProblem['rule'],
    message: string,
  ) => problems.push({ index, field, rule, message: `${w.code}: ${message}` });
  if (!Number.isInteger(w.startDay) || !Number.isInteger(w.endDay)) {
    problem(
      Number.isInteger(w.startDay) ? 'endDay' : 'startDay',
      'isInt',
      `days must be whole numbers (${w.startDay}..${w.endDay})`,
    );
  }
  if (w.startDay < 0) problem('startDay', 'min', `starts on a negative day (${w.startDay})`);
  if (w.endDay > MAX_SCHEDULE_GA_DAYS) {
    problem('endDay', 'max', `ends after day ${MAX_SCHEDULE_GA_DAYS} (${w.endDay})`);
  }
  if (w.startDay > w.endDay) {
    problem(
      'endDay',
      'startNotAfterEnd',
      `starts on day ${w.startDay}, after it ends on day ${w.endDay}`,
    );
  }
  return problems;
}

function duplicateCodes(windows: readonly ScheduleWindow[]): ScheduleProblem[] {
  const codes = windows.map((w) => w.code);
  return codes.flatMap((code, index) =>
    codes.indexOf(code) !== index
      ? [
          {
            index,
            field: 'code' as const,
            rule: 'unique' as const,
            message: `${code}: the code is used more than once`,
          },
        ]
      : [],
  );
}

function orderProblems(windows: readonly ScheduleWindow[]): ScheduleProblem[] {
  return windows.slice(1).flatMap((w, i): ScheduleProblem[] => {
    const previous = windows[i];
    if (w.startDay < previous.startDay) {
      return [
        {
          index: i + 1,
          field: 'startDay',
          rule: 'inOrder',
          message: `${w.code}: listed after ${previous.code} but starts before it`,
        },
      ];
    }
    if (w.startDay <= previous.endDay) {
      return [
        {
          index: i + 1,
          field: 'startDay',
          rule: 'noOverlap',
          message: `${w.code}: overlaps ${previous.code} (starts on day ${w.startDay}, ≤ ${previous.endDay})`,
        },
      ];
    }
    return [];
  });
}
