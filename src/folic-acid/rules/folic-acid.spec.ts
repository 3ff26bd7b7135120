import { addDays } from '../../core/time/calendar-date';
import {
  adherence,
  ADHERENCE_NOT_EVALUABLE,
  type AdherenceResult,
  awareness,
  type AwarenessResult,
  type DateRange,
  type Dispensing,
  daysCovered,
  END_OF_MONTH_3_GA_DAYS,
  type IntakeReport,
  reportedDays,
  suppliedDays,
  type Survey,
  tabletsPerDay,
  uptake,
  UPTAKE_DAYS_AFTER_LMP,
  UPTAKE_DAYS_BEFORE_LMP,
  uptakeWindow,
} from './folic-acid';

// Every date is written as days from the LMP, so each row reads as a position on the GA clock.
const LMP = '2026-03-15';
const day = (offset: number): string => addDays(LMP, offset);
const range = (from: number, to: number): DateRange => ({ from: day(from), to: day(to) });

/** A dispensing of one bottle of `tablets` tablets on LMP + `offset` days. */
const dispensed = (offset: number, tablets: number, doseMg: 0.4 | 0.8 = 0.4): Dispensing => ({
  dispensedOn: day(offset),
  doseMg,
  bottles: 1,
  tabletsPerBottle: tablets,
});

/** A report at GA 14+2 of intake from LMP + `from` to LMP + `to` (null: still taking it). */
const took = (
  from: number,
  to: number | null,
  extra: Partial<IntakeReport> = {},
): IntakeReport => ({
  reportedOn: day(100),
  startedOn: day(from),
  stoppedOn: to === null ? null : day(to),
  missedDays: null,
  estimatedDaysTaken: null,
  ...extra,
});

const estimated = (days: number): IntakeReport => ({
  reportedOn: day(100),
  startedOn: null,
  stoppedOn: null,
  missedDays: null,
  estimatedDaysTaken: days,
});

describe('window constants', () => {
  it('states the windows in days', () => {
    expect([UPTAKE_DAYS_BEFORE_LMP, UPTAKE_DAYS_AFTER_LMP, END_OF_MONTH_3_GA_DAYS]).toEqual([
      90, 90, 90,
    ]);
    expect(uptakeWindow(LMP)).toEqual({ from: '2025-12-15', to: '2026-06-13' });
  });
});

describe('tabletsPerDay', () => {
  it.each([
    [0.4, 1],
    [0.8, 2],
  ] as const)('%d mg → %d tablet(s) of 0.4 mg a day', (doseMg, tablets) => {
    expect(tabletsPerDay(doseMg)).toBe(tablets);
  });

  it.each([0.5, 0.4000001, 0])('rejects a dose of %d mg', (doseMg) => {
    expect(() => tabletsPerDay(doseMg as 0.4)).toThrow(RangeError);
  });
});

describe('daysCovered', () => {
  it.each([
    [1, 30, 0.4, 30],
    [3, 30, 0.4, 90],
    [1, 30, 0.8, 15],
    [1, 31, 0.8, 15], // the odd tablet does not make a day at 0.8 mg
    [2, 31, 0.8, 31],
    [0, 30, 0.4, 0],
  ] as const)(
    '%d bottle(s) × %d tablets at %d mg → %d days',
    (bottles, perBottle, doseMg, days) => {
      expect(daysCovered({ dispensedOn: LMP, doseMg, bottles, tabletsPerBottle: perBottle })).toBe(
        days,
      );
    },
  );

  it.each([
    [-1, 30],
    [1.5, 30],
    [1, -30],
    [1, Number.NaN],
  ])('rejects %d bottle(s) of %d tablets', (bottles, tabletsPerBottle) => {
    const dispensing: Dispensing = { dispensedOn: LMP, doseMg: 0.4, bottles, tabletsPerBottle };
    expect(() => daysCovered(dispensing)).toThrow(RangeError);
  });
});

describe('suppliedDays', () => {
  it.each<[string, Dispensing[], DateRange[]]>([
    ['no dispensing', [], []],
    ['one bottle of 30', [dispensed(-60, 30)], [range(-60, -31)]],
    ['0.8 mg halves the days', [dispensed(0, 100, 0.8)], [range(0, 49)]],
    [
      'a second bottle before the first runs out stacks after it',
      [dispensed(-60, 30), dispensed(-40, 30)],
      [range(-60, -1)],
    ],
    [
      'stacking does not depend on the order of the list',
      [dispensed(-40, 30), dispensed(-60, 30)],
      [range(-60, -1)],
    ],
    ['two dispensings on one day stack', [dispensed(0, 30), dispensed(0, 30)], [range(0, 59)]],
    [
      'a dispensing the day after the supply ran out joins it',
      [dispensed(-60, 30), dispensed(-30, 10)],
      [range(-60, -21)],
    ],
    [
      'a dispensing two days after the supply ran out leaves a one-day gap',
      [dispensed(-60, 30), dispensed(-29, 10)],
      [range(-60, -31), range(-29, -20)],
    ],
    ['an empty dispensing supplies nothing', [dispensed(0, 0)], []],
  ])('%s', (_label, dispensings, expected) => {
    expect(suppliedDays(dispensings)).toEqual(expected);
  });

  it('does not reorder the caller’s list', () => {
    const dispensings = [dispensed(-40, 30), dispensed(-60, 30)];
    suppliedDays(dispensings);
    expect(dispensings.map((d) => d.dispensedOn)).toEqual([day(-40), day(-60)]);
  });
});

describe('reportedDays', () => {
  it.each<[string, IntakeReport, DateRange | null]>([
    ['started and stopped', took(-30, 10), range(-30, 10)],
    ['still taking it: up to the report', took(-30, null), range(-30, 100)],
    ['one day', took(5, 5), range(5, 5)],
    ['no start date', estimated(40), null],
  ])('%s', (_label, report, expected) => {
    expect(reportedDays(report)).toEqual(expected);
  });

  it.each<[string, IntakeReport]>([
    ['stopped before it started', took(10, 9)],
    ['started after the report', took(101, null)],
  ])('rejects a report %s', (_label, report) => {
    expect(() => reportedDays(report)).toThrow(RangeError);
  });
});

describe('uptake: took it in [LMP − 90 d, LMP + 90 d]', () => {
  it.each<[string, Dispensing[], IntakeReport[], number | null]>([
    ['nothing recorded', [], [], null],
    // One tablet, so that only the dispensing day can be in or out.
    ['dispensed LMP − 90', [dispensed(-90, 1)], [], -90],
    ['dispensed LMP − 91', [dispensed(-91, 1)], [], null],
    ['dispensed LMP + 90', [dispensed(90, 30)], [], 90],
    ['dispensed LMP + 91', [dispensed(91, 30)], [], null],
    ['dispensed LMP − 120, supply runs to LMP − 90', [dispensed(-120, 31)], [], -90],
    ['dispensed LMP − 120, supply runs out LMP − 91', [dispensed(-120, 30)], [], null],
    ['0.8 mg: supply of 62 tablets runs to LMP − 90', [dispensed(-120, 62, 0.8)], [], -90],
    ['0.8 mg: supply of 61 tablets runs out LMP − 91', [dispensed(-120, 61, 0.8)], [], null],
    [
      'stacked supply reaches the window although both dispensings are before it',
      [dispensed(-150, 30), dispensed(-140, 31)],
      [],
      -90,
    ],
    ['report from LMP − 100 to LMP − 90', [], [took(-100, -90)], -90],
    ['report from LMP − 100 to LMP − 91', [], [took(-100, -91)], null],
    ['report from LMP + 90, still taking it', [], [took(90, null)], 90],
    ['report from LMP + 91, still taking it', [], [took(91, null)], null],
    ['report from LMP − 30, still taking it', [], [took(-30, null)], -30],
    ['an estimate without dates places nothing in the window', [], [estimated(60)], null],
    ['the earliest evidence of several', [dispensed(10, 30)], [took(-30, -20)], -30],
  ])('%s', (_label, dispensings, reports, firstEvidence) => {
    expect(uptake(LMP, dispensings, reports)).toEqual({
      took: firstEvidence !== null,
      window: uptakeWindow(LMP),
      firstEvidence: firstEvidence === null ? null : day(firstEvidence),
    });
  });
});

describe('adherence: started before LMP and ≥ 80 % of days to LMP + 90 d', () => {
  interface EvaluableCase {
    label: string;
    dispensings?: Dispensing[];
    reports?: IntakeReport[];
    startedOn: number;
    daysInWindow: number;
    daysTaken: number;
    adherent: boolean;
  }

  const cases: EvaluableCase[] = [
    // Ratio on both sides of 80 %: a window of 100, 150 and 1000 days.
    {
      label: '80/100 = 80 %',
      dispensings: [dispensed(-9, 80)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 80,
      adherent: true,
    },
    {
      label: '79/100 = 79 %',
      dispensings: [dispensed(-9, 79)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 79,
      adherent: false,
    },
    {
      label: '120/150 = 80 %',
      dispensings: [dispensed(-59, 120)],
      startedOn: -59,
      daysInWindow: 150,
      daysTaken: 120,
      adherent: true,
    },
    {
      label: '119/150 = 79.3 %',
      dispensings: [dispensed(-59, 119)],
      startedOn: -59,
      daysInWindow: 150,
      daysTaken: 119,
      adherent: false,
    },
    {
      label: '800/1000 = 80 %',
      dispensings: [dispensed(-909, 800)],
      startedOn: -909,
      daysInWindow: 1000,
      daysTaken: 800,
      adherent: true,
    },
    {
      label: '799/1000 = 79.9 %',
      dispensings: [dispensed(-909, 799)],
      startedOn: -909,
      daysInWindow: 1000,
      daysTaken: 799,
      adherent: false,
    },
    // Started before the LMP, on both sides.
    {
      label: 'started on the LMP day, every day taken',
      dispensings: [dispensed(0, 91)],
      startedOn: 0,
      daysInWindow: 91,
      daysTaken: 91,
      adherent: false,
    },
    {
      label: 'started LMP − 1, every day taken',
      dispensings: [dispensed(-1, 92)],
      startedOn: -1,
      daysInWindow: 92,
      daysTaken: 92,
      adherent: true,
    },
    {
      label: 'started on the last day of month 3 (LMP + 90): a one-day window',
      dispensings: [dispensed(90, 30)],
      startedOn: 90,
      daysInWindow: 1,
      daysTaken: 1,
      adherent: false,
    },
    // Supply from the bottles.
    {
      label: '1 bottle of 30 from LMP − 60 covers 30 of 151 days',
      dispensings: [dispensed(-60, 30)],
      startedOn: -60,
      daysInWindow: 151,
      daysTaken: 30,
      adherent: false,
    },
    {
      label: '0.8 mg: 160 tablets last 80 days',
      dispensings: [dispensed(-9, 160, 0.8)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 80,
      adherent: true,
    },
    {
      label: '0.8 mg: 159 tablets last 79 days',
      dispensings: [dispensed(-9, 159, 0.8)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 79,
      adherent: false,
    },
    {
      label: 'two overlapping bottles stack to 80 days',
      dispensings: [dispensed(-9, 40), dispensed(-5, 40)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 80,
      adherent: true,
    },
    {
      label: 'supply after the end of month 3 does not count',
      dispensings: [dispensed(-9, 200)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 100,
      adherent: true,
    },
    {
      label: 'a dispensing after the window adds nothing',
      dispensings: [dispensed(-9, 79), dispensed(91, 30)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 79,
      adherent: false,
    },
    // Supply and report: a day counted once.
    {
      label: 'supply and report overlapping count once',
      dispensings: [dispensed(-9, 50)],
      reports: [took(20, 70)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 80,
      adherent: true,
    },
    {
      label: 'a report before the first dispensing starts the window',
      dispensings: [dispensed(-9, 80)],
      reports: [took(-30, -10)],
      startedOn: -30,
      daysInWindow: 121,
      daysTaken: 101,
      adherent: true,
    },
    {
      label: 'report only, stopped the day before the LMP',
      reports: [took(-100, -1)],
      startedOn: -100,
      daysInWindow: 191,
      daysTaken: 100,
      adherent: false,
    },
    // Missed days.
    {
      label: '20 missed of 100 reported days',
      reports: [took(-9, 90, { missedDays: 20 })],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 80,
      adherent: true,
    },
    {
      label: '21 missed of 100 reported days',
      reports: [took(-9, 90, { missedDays: 21 })],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 79,
      adherent: false,
    },
    {
      label: 'missed days come off only the report’s own days',
      dispensings: [dispensed(-9, 80)],
      reports: [took(80, 85, { missedDays: 10 })],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 80,
      adherent: true,
    },
    {
      label: 'missed days never take the count below 0',
      reports: [took(-9, -5, { missedDays: 50 })],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 0,
      adherent: false,
    },
    {
      label: 'missed days of a range past the window come off the window',
      reports: [took(-9, 100, { missedDays: 30 })],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 70,
      adherent: false,
    },
    {
      label: 'missed days without a range are ignored',
      dispensings: [dispensed(-9, 80)],
      reports: [{ ...estimated(0), estimatedDaysTaken: null, missedDays: 5 }],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 80,
      adherent: true,
    },
    // Estimates.
    {
      label: 'an estimate of 80 beats a supply of 50',
      dispensings: [dispensed(-9, 50)],
      reports: [estimated(80)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 80,
      adherent: true,
    },
    {
      label: 'an estimate of 79 beats a supply of 50',
      dispensings: [dispensed(-9, 50)],
      reports: [estimated(79)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 79,
      adherent: false,
    },
    {
      label: 'an estimate below the supply is not used',
      dispensings: [dispensed(-9, 80)],
      reports: [estimated(10)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 80,
      adherent: true,
    },
    {
      label: 'an estimate is capped at the days in the window',
      dispensings: [dispensed(-9, 10)],
      reports: [estimated(500)],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 100,
      adherent: true,
    },
    {
      label: 'a report with dates is counted by its dates, not its estimate',
      reports: [took(-9, 40, { estimatedDaysTaken: 90 })],
      startedOn: -9,
      daysInWindow: 100,
      daysTaken: 50,
      adherent: false,
    },
  ];

  it.each(cases)(
    '$label',
    ({ dispensings = [], reports = [], startedOn, daysInWindow, daysTaken, adherent }) => {
      // Evaluated at 13+0, the first day allowed.
      expect(adherence(LMP, dispensings, reports, day(91))).toEqual<AdherenceResult>({
        evaluable: true,
        reason: null,
        startedOn: day(startedOn),
        startedBeforeLmp: startedOn < 0,
        window: range(startedOn, 90),
        daysInWindow,
        daysTaken,
        ratio: daysTaken / daysInWindow,
        adherent,
      });
    },
  );

  it.each([
    [90, false, '12+6'],
    [91, true, '13+0'],
    [200, true, '28+4'],
  ])('evaluated at LMP + %d days → evaluable %s (GA %s)', (evaluatedOn, evaluable) => {
    const result = adherence(LMP, [dispensed(-9, 80)], [], day(evaluatedOn));
    expect(result.evaluable).toBe(evaluable);
    expect(result.adherent).toBe(evaluable);
  });

  it.each<[string, Dispensing[], IntakeReport[], number, string, number | null]>([
    ['evaluated at 12+6', [dispensed(-9, 80)], [], 90, ADHERENCE_NOT_EVALUABLE.beforeGa13, -9],
    ['evaluated at 12+6, nothing taken', [], [], 90, ADHERENCE_NOT_EVALUABLE.beforeGa13, null],
    ['nothing recorded', [], [], 91, ADHERENCE_NOT_EVALUABLE.noIntake, null],
    [
      'intake starts at LMP + 91',
      [dispensed(91, 30)],
      [took(91, null)],
      91,
      ADHERENCE_NOT_EVALUABLE.noIntake,
      null,
    ],
    [
      'an estimate without dates gives no start',
      [],
      [estimated(90)],
      91,
      ADHERENCE_NOT_EVALUABLE.noIntake,
      null,
    ],
  ])('not evaluable: %s', (_label, dispensings, reports, evaluatedOn, reason, startedOn) => {
    expect(adherence(LMP, dispensings, reports, day(evaluatedOn))).toEqual<AdherenceResult>({
      evaluable: false,
      reason,
      startedOn: startedOn === null ? null : day(startedOn),
      startedBeforeLmp: startedOn !== null && startedOn < 0,
      window: startedOn === null ? null : range(startedOn, 90),
      daysInWindow: 0,
      daysTaken: 0,
      ratio: null,
      adherent: false,
    });
  });
});

describe('awareness: the latest survey decides; aware = knows both', () => {
  const survey = (askedOn: string, ntd: boolean, when: boolean): Survey => ({
    askedOn,
    knowsPreventsNeuralTubeDefects: ntd,
    knowsWhenToTake: when,
  });

  it.each<[string, Survey[], AwarenessResult]>([
    ['not surveyed', [], { surveyed: false, aware: false, askedOn: null }],
    [
      'knows both',
      [survey('2026-05-01', true, true)],
      { surveyed: true, aware: true, askedOn: '2026-05-01' },
    ],
    [
      'does not know it prevents neural-tube defects',
      [survey('2026-05-01', false, true)],
      { surveyed: true, aware: false, askedOn: '2026-05-01' },
    ],
    [
      'does not know when to take it',
      [survey('2026-05-01', true, false)],
      { surveyed: true, aware: false, askedOn: '2026-05-01' },
    ],
    [
      'a later unaware answer supersedes an aware one',
      [survey('2026-05-01', true, true), survey('2026-05-02', true, false)],
      { surveyed: true, aware: false, askedOn: '2026-05-02' },
    ],
    [
      'a later aware answer supersedes an unaware one',
      [survey('2026-05-01', false, false), survey('2026-05-02', true, true)],
      { surveyed: true, aware: true, askedOn: '2026-05-02' },
    ],
    [
      'the latest by date, not by place in the list',
      [survey('2026-05-02', true, true), survey('2026-05-01', false, false)],
      { surveyed: true, aware: true, askedOn: '2026-05-02' },
    ],
    [
      'two on one day: the one recorded last',
      [survey('2026-05-02', false, true), survey('2026-05-02', true, true)],
      { surveyed: true, aware: true, askedOn: '2026-05-02' },
    ],
  ])('%s', (_label, surveys, expected) => {
    expect(awareness(surveys)).toEqual(expected);
  });
});
