import { formatGestationalAge } from '../../women/rules/gestational-age';
import {
  BASIC_SCHEDULE,
  OVERDUE_AFTER_DAYS,
  overdueFromGaDays,
  type ScheduleInput,
  type ScheduleWindow,
  type ScheduleProblem,
  validateSchedule,
  type WindowState,
  type WindowStatus,
  windowStates,
} from './visit-schedule';

const openOn = (gaDaysOnDate: number, visitGaDays: number[] = []): ScheduleInput => ({
  windows: BASIC_SCHEDULE,
  visitGaDays,
  gaDaysOnDate,
  open: true,
  gaDaysAtOutcome: null,
});

const statusOf = (input: ScheduleInput, code: string): WindowStatus => {
  const status = windowStates(input).find((s) => s.window.code === code);
  if (!status) throw new Error(`No window ${code}`);
  return status;
};

const statesOf = (input: ScheduleInput): Record<string, WindowState> =>
  Object.fromEntries(windowStates(input).map((s) => [s.window.code, s.state]));

describe('BASIC_SCHEDULE', () => {
  it.each([
    ['ANC1', '孕13周前', '0+0', '12+6'],
    ['ANC2', '孕16-20周', '16+0', '20+6'],
    ['ANC3', '孕21-24周', '21+0', '24+6'],
    ['ANC4', '孕28-36周', '28+0', '36+6'],
    ['ANC5', '孕37-40周', '37+0', '40+6'],
  ])('%s %s runs from %s to %s', (code, label, from, to) => {
    const window = BASIC_SCHEDULE.find((w) => w.code === code);
    expect(window?.label).toBe(label);
    expect(formatGestationalAge(window?.startDay ?? -1)).toBe(from);
    expect(formatGestationalAge(window?.endDay ?? -1)).toBe(to);
  });

  it('is a valid schedule', () => {
    expect(validateSchedule(BASIC_SCHEDULE)).toEqual([]);
    expect(OVERDUE_AFTER_DAYS).toBe(7);
  });
});

describe('windowStates of an open pregnancy without visits', () => {
  // [code, GA on the date, state, daysOverdue]: each window on both sides of each boundary.
  it.each<[string, number, WindowState, number | null]>([
    ['ANC1', -1, 'upcoming', null],
    ['ANC1', 0, 'due', null],
    ['ANC1', 90, 'due', null], // last day
    ['ANC1', 96, 'due', null], // 6 days after
    ['ANC1', 97, 'overdue', 0], // 7 days after
    ['ANC1', 98, 'overdue', 1],
    ['ANC2', 111, 'upcoming', null],
    ['ANC2', 112, 'due', null],
    ['ANC2', 146, 'due', null],
    ['ANC2', 152, 'due', null],
    ['ANC2', 153, 'overdue', 0],
    ['ANC2', 160, 'overdue', 7],
    ['ANC3', 146, 'upcoming', null],
    ['ANC3', 147, 'due', null],
    ['ANC3', 174, 'due', null],
    ['ANC3', 180, 'due', null],
    ['ANC3', 181, 'overdue', 0],
    ['ANC4', 195, 'upcoming', null],
    ['ANC4', 196, 'due', null],
    ['ANC4', 258, 'due', null],
    ['ANC4', 264, 'due', null],
    ['ANC4', 265, 'overdue', 0],
    ['ANC5', 258, 'upcoming', null],
    ['ANC5', 259, 'due', null],
    ['ANC5', 286, 'due', null],
    ['ANC5', 292, 'due', null],
    ['ANC5', 293, 'overdue', 0],
  ])('%s on GA day %d → %s, %s days overdue', (code, ga, state, daysOverdue) => {
    const status = statusOf(openOn(ga), code);
    expect(status.state).toBe(state);
    expect(status.daysOverdue).toBe(daysOverdue);
    expect(status.visitGaDays).toBeNull();
  });

  it('gives the due and overdue days of every window', () => {
    expect(windowStates(openOn(0)).map((s) => [s.dueFrom, s.overdueFrom])).toEqual([
      [0, 97],
      [112, 153],
      [147, 181],
      [196, 265],
      [259, 293],
    ]);
  });

  it('returns the whole status', () => {
    expect(statusOf(openOn(160), 'ANC2')).toEqual({
      window: BASIC_SCHEDULE[1],
      state: 'overdue',
      visitGaDays: null,
      daysOverdue: 7,
      dueFrom: 112,
      overdueFrom: 153,
    });
  });
});

describe('windowStates with visits, open pregnancy', () => {
  it.each<[string, string, number, number[], WindowState, number | null]>([
    ['on its first day', 'ANC2', 120, [112], 'done', 112],
    ['on its last day', 'ANC2', 200, [146], 'done', 146],
    ['two in the window: the first counts', 'ANC4', 250, [240, 210], 'done', 210],
    ['before it opened only', 'ANC2', 153, [111], 'overdue', null],
    ['the day after it closed, she is back', 'ANC2', 147, [147], 'missed', null],
    ['after it closed, now past overdue', 'ANC2', 160, [150], 'missed', null],
    ['in the next window', 'ANC1', 120, [115], 'missed', null],
    ['after the date asked about: not yet made', 'ANC2', 113, [120], 'due', null],
    ['after the date asked about, past overdue', 'ANC1', 100, [112], 'overdue', null],
  ])('a visit %s: %s on GA day %d, visits %j → %s', (_label, code, ga, visits, state, visitGa) => {
    const status = statusOf(openOn(ga, visits), code);
    expect(status.state).toBe(state);
    expect(status.visitGaDays).toBe(visitGa);
  });

  it('a visit in each of the five windows: all done', () => {
    expect(statesOf(openOn(290, [60, 130, 160, 220, 270]))).toEqual({
      ANC1: 'done',
      ANC2: 'done',
      ANC3: 'done',
      ANC4: 'done',
      ANC5: 'done',
    });
  });
});

describe('windowStates once the pregnancy has ended', () => {
  const ended = (
    gaDaysAtOutcome: number | null,
    visitGaDays: number[] = [],
    open = false,
  ): ScheduleInput => ({
    windows: BASIC_SCHEDULE,
    visitGaDays,
    gaDaysOnDate: 200,
    open,
    gaDaysAtOutcome,
  });

  it.each<[string, ScheduleInput, Record<string, WindowState>]>([
    [
      'ended at 10 weeks after a first visit',
      ended(70, [56]),
      {
        ANC1: 'done',
        ANC2: 'not_applicable',
        ANC3: 'not_applicable',
        ANC4: 'not_applicable',
        ANC5: 'not_applicable',
      },
    ],
    [
      'ended at 10 weeks without a visit',
      ended(70),
      {
        ANC1: 'missed',
        ANC2: 'not_applicable',
        ANC3: 'not_applicable',
        ANC4: 'not_applicable',
        ANC5: 'not_applicable',
      },
    ],
    [
      'ended the day before ANC2 opens',
      ended(111, [56]),
      {
        ANC1: 'done',
        ANC2: 'not_applicable',
        ANC3: 'not_applicable',
        ANC4: 'not_applicable',
        ANC5: 'not_applicable',
      },
    ],
    [
      'ended on the day ANC2 opens',
      ended(112, [56]),
      {
        ANC1: 'done',
        ANC2: 'missed',
        ANC3: 'not_applicable',
        ANC4: 'not_applicable',
        ANC5: 'not_applicable',
      },
    ],
    [
      'delivered at 38+4, case still open for the postpartum period',
      { ...ended(270, [60, 130, 160, 220], true), gaDaysOnDate: 290 },
      { ANC1: 'done', ANC2: 'done', ANC3: 'done', ANC4: 'done', ANC5: 'missed' },
    ],
    [
      'closed without an outcome GA (transferred out) on GA day 150',
      { ...ended(null, [60]), gaDaysOnDate: 150 },
      {
        ANC1: 'done',
        ANC2: 'missed',
        ANC3: 'missed',
        ANC4: 'not_applicable',
        ANC5: 'not_applicable',
      },
    ],
  ])('%s', (_label, input, states) => {
    expect(statesOf(input)).toEqual(states);
  });
});

describe('overdueFromGaDays', () => {
  // [GA of her last visit, the GA from which she is on the worklist]: both sides of each window.
  it.each<[number | null, number | null]>([
    [null, 97], // never seen: ANC1 (0..90) is overdue from GA 97
    [-3, 97], // a visit before a re-dated LMP settles nothing
    [0, 153], // a visit on ANC1's first day: ANC2 (112..146) next
    [90, 153],
    [111, 153], // between windows: ANC2 is still to come
    [112, 181], // in ANC2: ANC3 (147..174) next
    [146, 181],
    [147, 265], // in ANC3: ANC4 (196..258) next
    [195, 265],
    [196, 293], // in ANC4: ANC5 (259..286) next
    [258, 293],
    [259, null], // in the last window: nothing left to miss
    [300, null],
  ])('last visit at GA %s: overdue from GA %s', (lastVisit, expected) => {
    expect(overdueFromGaDays(BASIC_SCHEDULE, lastVisit)).toBe(expected);
  });

  it('agrees with windowStates on both sides of the overdue day', () => {
    for (const lastVisit of [null, 60, 120, 150, 200, 270]) {
      const from = overdueFromGaDays(BASIC_SCHEDULE, lastVisit);
      const visits = lastVisit === null ? [] : [lastVisit];
      const overdueOn = (ga: number) =>
        windowStates(openOn(ga, visits)).some((s) => s.state === 'overdue');
      if (from === null) {
        expect(overdueOn(320)).toBe(false);
      } else {
        expect([overdueOn(from - 1), overdueOn(from)]).toEqual([false, true]);
      }
    }
  });

  it('follows a denser schedule', () => {
    const denser: ScheduleWindow[] = [
      { code: 'V1', label: 'a', startDay: 42, endDay: 90 },
      { code: 'V2', label: 'b', startDay: 98, endDay: 139 },
    ];
    expect(overdueFromGaDays(denser, 41)).toBe(97);
    expect(overdueFromGaDays(denser, 42)).toBe(146);
    expect(overdueFromGaDays(denser, 98)).toBeNull();
  });
});

describe('validateSchedule', () => {
  const w = (code: string, startDay: number, endDay: number): ScheduleWindow => ({
    code,
    label: code,
    startDay,
    endDay,
  });

  it.each<[string, ScheduleWindow[], string[]]>([
    ['fine', [w('A', 0, 90), w('B', 91, 100)], []],
    ['ends on day 300', [w('A', 280, 300)], []],
    ['empty', [], ['The schedule has no windows']],
    ['starts after it ends', [w('A', 50, 40)], ['A: starts on day 50, after it ends on day 40']],
    ['negative start', [w('A', -1, 40)], ['A: starts on a negative day (-1)']],
    ['ends after day 300', [w('A', 280, 301)], ['A: ends after day 300 (301)']],
    ['not whole days', [w('A', 0, 90.5)], ['A: days must be whole numbers (0..90.5)']],
    [
      'overlapping by one day',
      [w('A', 0, 90), w('B', 90, 100)],
      ['B: overlaps A (starts on day 90, ≤ 90)'],
    ],
    ['out of order', [w('B', 112, 146), w('A', 0, 90)], ['A: listed after B but starts before it']],
    ['duplicate code', [w('A', 0, 90), w('A', 112, 146)], ['A: the code is used more than once']],
  ])('%s', (_label, windows, problems) => {
    expect(validateSchedule(windows).map((problem) => problem.message)).toEqual(problems);
  });

  it.each<[string, ScheduleWindow[], Pick<ScheduleProblem, 'index' | 'field' | 'rule'>]>([
    ['empty', [], { index: null, field: null, rule: 'notEmpty' }],
    [
      'starts after it ends',
      [w('A', 50, 40)],
      { index: 0, field: 'endDay', rule: 'startNotAfterEnd' },
    ],
    ['negative start', [w('A', -1, 40)], { index: 0, field: 'startDay', rule: 'min' }],
    ['ends after day 300', [w('A', 280, 301)], { index: 0, field: 'endDay', rule: 'max' }],
    ['not whole days', [w('A', 0, 90.5)], { index: 0, field: 'endDay', rule: 'isInt' }],
    [
      'overlap',
      [w('A', 0, 90), w('B', 90, 100)],
      { index: 1, field: 'startDay', rule: 'noOverlap' },
    ],
    [
      'out of order',
      [w('B', 112, 146), w('A', 0, 90)],
      { index: 1, field: 'startDay', rule: 'inOrder' },
    ],
    [
      'duplicate code',
      [w('A', 0, 90), w('A', 112, 146)],
      { index: 1, field: 'code', rule: 'unique' },
    ],
  ])('puts "%s" on the field to correct', (_label, windows, where) => {
    expect(validateSchedule(windows)).toEqual([expect.objectContaining(where)]);
  });
});
