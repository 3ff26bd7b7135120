import { addDays, type IsoDate } from '../../core/time/calendar-date';
import {
  artStartProblem,
  courseComplete,
  coursesRequired,
  DEFAULT_SYPHILIS_POLICY,
  type Disease,
  diseaseStatus,
  type DiseaseStatus,
  EARLY_TESTING_MAX_GA_DAYS,
  exposure,
  FOLLOW_UP_GRACE_DAYS,
  followUpState,
  type FollowUpState,
  HBIG_WITHIN_MINUTES,
  hbigTimeliness,
  hbvAntiviralIndicated,
  indicatedDiseases,
  HEPB_VACCINE_WITHIN_MINUTES_EXPOSED,
  HEPB_VACCINE_WITHIN_MINUTES_OTHERS,
  hepBVaccineTimeliness,
  HIV_INFANT_FOLLOW_UP,
  HIV_PROPHYLAXIS_WITHIN_MINUTES,
  hivProphylaxisTimeliness,
  isEarlyTest,
  minutesBetween,
  minutesLeft,
  type SyphilisCourse,
  SYPHILIS_CHILD_FOLLOW_UP,
  SYPHILIS_DOSES_PER_COURSE,
  syphilisTreatment,
  type TestRecord,
  timeliness,
  type Timeliness,
} from './pmtct-rules';

// Born at 23:30 Beijing time, so every window crosses a calendar day in both zones.
const BORN_AT = new Date('2026-03-15T15:30:00Z');
const after = (minutes: number, seconds = 0): Date =>
  new Date(BORN_AT.getTime() + (minutes * 60 + seconds) * 1000);
const hm = (hours: number, minutes: number): number => hours * 60 + minutes;

describe('window constants', () => {
  it('are 6 h, 12 h, 12 h and 24 h, and GA 12+6', () => {
    expect(HIV_PROPHYLAXIS_WITHIN_MINUTES).toBe(360);
    expect(HBIG_WITHIN_MINUTES).toBe(720);
    expect(HEPB_VACCINE_WITHIN_MINUTES_EXPOSED).toBe(720);
    expect(HEPB_VACCINE_WITHIN_MINUTES_OTHERS).toBe(1440);
    expect(EARLY_TESTING_MAX_GA_DAYS).toBe(90);
  });
});

describe('minutesBetween', () => {
  it.each([
    [0, 0, 0, 'the same instant'],
    [0, 59, 0, '59 s'],
    [1, 0, 1, '1 min'],
    [hm(12, 0), 59, 720, '12 h 00 min 59 s is still 12 h 00 min'],
    [hm(12, 1), 0, 721, '12 h 01 min'],
    [0, -1, -1, '1 s earlier'],
    [-1, 0, -1, '1 min earlier'],
    [-1, -1, -2, '1 min 1 s earlier'],
  ])('%d min %d s after → %d (%s)', (minutes, seconds, expected) => {
    expect(minutesBetween(BORN_AT, after(minutes, seconds))).toBe(expected);
  });

  it('rejects invalid dates', () => {
    const invalid = new Date(Number.NaN);
    expect(() => minutesBetween(invalid, BORN_AT)).toThrow(RangeError);
    expect(() => minutesBetween(BORN_AT, invalid)).toThrow(RangeError);
  });
});

describe('timeliness by intervention', () => {
  type Judge = (bornAt: Date, givenAt: Date | null, now: Date) => Timeliness;
  const interventions: [string, number, Judge][] = [
    ['HBIG', 12, hbigTimeliness],
    [
      'first HepB vaccine, mother HBsAg-positive',
      12,
      (b, g, n) => hepBVaccineTimeliness(b, g, true, n),
    ],
    ['first HepB vaccine, other babies', 24, (b, g, n) => hepBVaccineTimeliness(b, g, false, n)],
    ['HIV prophylaxis', 6, hivProphylaxisTimeliness],
  ];

  describe.each(interventions)('%s (%d h)', (_name, hours, judge) => {
    const window = hours * 60;
    const late = after(window + 600);

    it.each<[string, Timeliness, Date | null, Date]>([
      ['given at birth', 'on_time', after(0), late],
      [`given at ${hours} h 00 min`, 'on_time', after(window), late],
      [`given at ${hours} h 00 min 59 s`, 'on_time', after(window, 59), late],
      [`given at ${hours} h 01 min`, 'late', after(window + 1), late],
      ['not given, now at birth', 'due', null, after(0)],
      [`not given, now ${hours} h 00 min`, 'due', null, after(window)],
      [`not given, now ${hours} h 01 min`, 'not_given', null, after(window + 1)],
    ])('%s → %s', (_label, expected, givenAt, now) => {
      expect(judge(BORN_AT, givenAt, now)).toBe(expected);
    });

    it.each([
      ['1 min', after(-1)],
      ['1 s', after(0, -1)],
    ])('throws for a dose %s before birth', (_label, givenAt) => {
      expect(() => judge(BORN_AT, givenAt, late)).toThrow(RangeError);
    });
  });

  it('uses 12 h for an exposed baby and 24 h for others at 12 h 01 min', () => {
    expect(hepBVaccineTimeliness(BORN_AT, after(hm(12, 1)), true, after(hm(30, 0)))).toBe('late');
    expect(hepBVaccineTimeliness(BORN_AT, after(hm(12, 1)), false, after(hm(30, 0)))).toBe(
      'on_time',
    );
    expect(hepBVaccineTimeliness(BORN_AT, null, true, after(hm(12, 1)))).toBe('not_given');
    expect(hepBVaccineTimeliness(BORN_AT, null, false, after(hm(12, 1)))).toBe('due');
  });
});

describe('timeliness', () => {
  it('judges a dose by when it was given, not by now', () => {
    expect(timeliness(BORN_AT, after(100), 120, after(10_000))).toBe('on_time');
    expect(timeliness(BORN_AT, after(121), 120, after(121))).toBe('late');
  });

  it('is due for a baby whose birth time is still ahead of now', () => {
    expect(timeliness(BORN_AT, null, 120, after(-30))).toBe('due');
  });

  it.each([-1, 12.5, Number.NaN])('rejects a window of %d minutes', (window) => {
    expect(() => timeliness(BORN_AT, null, window, BORN_AT)).toThrow(RangeError);
  });

  it('rejects invalid dates', () => {
    const invalid = new Date(Number.NaN);
    expect(() => timeliness(invalid, null, 720, BORN_AT)).toThrow(RangeError);
    expect(() => timeliness(BORN_AT, invalid, 720, BORN_AT)).toThrow(RangeError);
    expect(() => timeliness(BORN_AT, null, 720, invalid)).toThrow(RangeError);
  });
});

describe('minutesLeft', () => {
  it.each([
    [0, 0, 720, 'at birth'],
    [hm(11, 59), 0, 1, '11 h 59 min'],
    [hm(11, 59), 59, 1, '11 h 59 min 59 s'],
    [hm(12, 0), 0, 0, '12 h 00 min, the last minute on time'],
    [hm(12, 1), 0, -1, '12 h 01 min, late'],
    [hm(15, 0), 0, -180, '3 h late'],
  ])('12 h window, now %d min %d s after birth → %d (%s)', (minutes, seconds, expected) => {
    expect(minutesLeft(BORN_AT, HBIG_WITHIN_MINUTES, after(minutes, seconds))).toBe(expected);
  });

  it('rejects a fractional window', () => {
    expect(() => minutesLeft(BORN_AT, 0.5, BORN_AT)).toThrow(RangeError);
  });
});

describe('isEarlyTest', () => {
  it.each([
    [0, true, '0+0'],
    [84, true, '12+0'],
    [90, true, '12+6'],
    [91, false, '13+0'],
    [280, false, '40+0'],
  ])('GA %d days → %s (%s)', (gaDays, expected) => {
    expect(isEarlyTest(gaDays)).toBe(expected);
  });

  it.each([-1, 90.5, Number.NaN])('rejects GA %d days', (gaDays) => {
    expect(() => isEarlyTest(gaDays)).toThrow(RangeError);
  });
});

describe('diseaseStatus', () => {
  const test = (overrides: Partial<TestRecord>): TestRecord => ({
    disease: 'hiv',
    kind: 'screening',
    sampleDate: '2026-03-01',
    result: 'negative',
    partner: false,
    ...overrides,
  });
  const screening = (sampleDate: IsoDate, result: TestRecord['result']): TestRecord =>
    test({ kind: 'screening', sampleDate, result });
  const confirmatory = (sampleDate: IsoDate, result: TestRecord['result']): TestRecord =>
    test({ kind: 'confirmatory', sampleDate, result });

  const cases: { label: string; tests: TestRecord[]; expected: DiseaseStatus }[] = [
    { label: 'no tests', tests: [], expected: 'untested' },
    {
      label: 'only other diseases tested',
      tests: [test({ disease: 'syphilis' }), test({ disease: 'hbsag', result: 'positive' })],
      expected: 'untested',
    },
    {
      label: 'only a partner test, even a positive one',
      tests: [test({ partner: true, result: 'positive', kind: 'confirmatory' })],
      expected: 'untested',
    },
    { label: 'one pending screening', tests: [screening('2026-03-01', null)], expected: 'pending' },
    {
      label: 'pending screening and pending confirmatory',
      tests: [screening('2026-03-01', null), confirmatory('2026-03-02', null)],
      expected: 'pending',
    },
    {
      label: 'negative screening',
      tests: [screening('2026-03-01', 'negative')],
      expected: 'negative',
    },
    {
      label: 'negative screening, a later one still pending',
      tests: [screening('2026-03-01', 'negative'), screening('2026-08-01', null)],
      expected: 'negative',
    },
    {
      label: 'indeterminate screening',
      tests: [screening('2026-03-01', 'indeterminate')],
      expected: 'indeterminate',
    },
    {
      label: 'indeterminate, then negative on a later sample',
      tests: [screening('2026-03-15', 'negative'), screening('2026-03-01', 'indeterminate')],
      expected: 'negative',
    },
    {
      label: 'negative, then indeterminate on a later sample',
      tests: [screening('2026-03-01', 'negative'), screening('2026-03-15', 'indeterminate')],
      expected: 'indeterminate',
    },
    {
      label: 'positive screening, no confirmatory test',
      tests: [screening('2026-03-01', 'positive')],
      expected: 'awaiting_confirmation',
    },
    {
      label: 'positive screening, confirmatory pending',
      tests: [screening('2026-03-01', 'positive'), confirmatory('2026-03-03', null)],
      expected: 'awaiting_confirmation',
    },
    {
      label: 'positive screening, then a negative screening but no confirmatory result',
      tests: [screening('2026-03-01', 'positive'), screening('2026-03-10', 'negative')],
      expected: 'awaiting_confirmation',
    },
    {
      label: 'positive screening, partner confirmatory negative',
      tests: [
        screening('2026-03-01', 'positive'),
        test({ kind: 'confirmatory', sampleDate: '2026-03-03', partner: true }),
      ],
      expected: 'awaiting_confirmation',
    },
    {
      label: 'positive screening, negative confirmatory after it',
      tests: [screening('2026-03-01', 'positive'), confirmatory('2026-03-03', 'negative')],
      expected: 'negative',
    },
    {
      label: 'positive screening and negative confirmatory on the same day, listed in reverse',
      tests: [confirmatory('2026-03-01', 'negative'), screening('2026-03-01', 'positive')],
      expected: 'negative',
    },
    {
      label: 'negative confirmatory, then a new positive screening',
      tests: [
        screening('2026-03-01', 'positive'),
        confirmatory('2026-03-03', 'negative'),
        screening('2026-08-01', 'positive'),
      ],
      expected: 'awaiting_confirmation',
    },
    {
      label: 'positive screening, indeterminate confirmatory',
      tests: [screening('2026-03-01', 'positive'), confirmatory('2026-03-03', 'indeterminate')],
      expected: 'indeterminate',
    },
    {
      label: 'positive screening, positive confirmatory',
      tests: [screening('2026-03-01', 'positive'), confirmatory('2026-03-03', 'positive')],
      expected: 'confirmed_positive',
    },
    {
      label: 'positive confirmatory, then a later negative screening',
      tests: [confirmatory('2026-03-03', 'positive'), screening('2026-08-01', 'negative')],
      expected: 'confirmed_positive',
    },
    {
      label: 'negative screening, her partner confirmed positive',
      tests: [
        screening('2026-03-01', 'negative'),
        test({ kind: 'confirmatory', result: 'positive', sampleDate: '2026-03-05', partner: true }),
      ],
      expected: 'negative',
    },
  ];

  it.each(cases)('$label → $expected', ({ tests, expected }) => {
    expect(diseaseStatus(tests, 'hiv')).toBe(expected);
  });

  it.each<[string, TestRecord[], DiseaseStatus]>([
    [
      'a positive HBsAg screening alone',
      [test({ disease: 'hbsag', result: 'positive' })],
      'confirmed_positive',
    ],
    [
      'a positive HBsAg screening, confirmatory pending',
      [
        test({ disease: 'hbsag', result: 'positive' }),
        test({ disease: 'hbsag', kind: 'confirmatory', result: null }),
      ],
      'confirmed_positive',
    ],
    [
      'a positive HBsAg screening, confirmatory indeterminate',
      [
        test({ disease: 'hbsag', result: 'positive' }),
        test({ disease: 'hbsag', kind: 'confirmatory', result: 'indeterminate' }),
      ],
      'confirmed_positive',
    ],
    [
      'a positive HBsAg screening, a repeat test negative: a false positive',
      [
        test({ disease: 'hbsag', result: 'positive' }),
        test({ disease: 'hbsag', kind: 'confirmatory', result: 'negative' }),
      ],
      'negative',
    ],
    ['a negative HBsAg screening', [test({ disease: 'hbsag' })], 'negative'],
    [
      'a partner’s positive HBsAg screening',
      [test({ disease: 'hbsag', result: 'positive', partner: true })],
      'untested',
    ],
  ])('HBsAg needs no confirmation: %s → %s', (_label, tests, expected) => {
    expect(diseaseStatus(tests, 'hbsag')).toBe(expected);
  });

  it.each<[Disease, DiseaseStatus]>([
    ['hiv', 'negative'],
    ['syphilis', 'awaiting_confirmation'],
    ['hbsag', 'confirmed_positive'],
  ])('keeps diseases apart: %s → %s', (disease, expected) => {
    const tests = [
      test({ disease: 'hiv' }),
      test({ disease: 'syphilis', result: 'positive' }),
      test({ disease: 'hbsag', kind: 'confirmatory', result: 'positive' }),
    ];
    expect(diseaseStatus(tests, disease)).toBe(expected);
  });
});

describe('syphilis treatment', () => {
  const START = '2026-05-04';
  const courseWithGaps = (...gaps: number[]): SyphilisCourse => {
    const dates = gaps.reduce<IsoDate[]>(
      (acc, gap) => [...acc, addDays(acc[acc.length - 1], gap)],
      [START],
    );
    return {
      doses: dates.map((givenOn) => ({ givenOn, drug: 'benzathine penicillin', dose: '2.4 MU' })),
    };
  };
  const noDoses: SyphilisCourse = { doses: [] };

  it('is 3 doses per course, weekly ± 2 days, courses 14 days apart, ending 28 days before delivery', () => {
    expect(SYPHILIS_DOSES_PER_COURSE).toBe(3);
    expect(DEFAULT_SYPHILIS_POLICY).toEqual({
      doseIntervalDays: 7,
      doseGraceDays: 2,
      courseGapMinDays: 14,
      endsBeforeDeliveryDays: 28,
    });
  });

  describe('courseComplete', () => {
    it.each<[string, SyphilisCourse, boolean]>([
      ['3 doses 7 days apart', courseWithGaps(7, 7), true],
      ['3 doses 9 days apart (7 + 2)', courseWithGaps(9, 9), true],
      ['3 doses 5 days apart (7 − 2)', courseWithGaps(5, 5), true],
      ['3 doses, the second gap 4 days (7 − 3)', courseWithGaps(7, 4), false],
      ['3 doses 1 day apart', courseWithGaps(1, 1), false],
      ['3 doses, the second gap 10 days', courseWithGaps(7, 10), false],
      ['3 doses 10 days apart', courseWithGaps(10, 10), false],
      ['3 doses, two on one day', courseWithGaps(7, 0), false],
      ['4 doses 7 days apart', courseWithGaps(7, 7, 7), true],
      ['2 doses 7 days apart', courseWithGaps(7), false],
      ['1 dose', courseWithGaps(), false],
      ['no doses', noDoses, false],
    ])('%s → %s', (_label, course, expected) => {
      expect(courseComplete(course)).toBe(expected);
    });

    it('orders the doses by date before measuring the gaps', () => {
      const { doses } = courseWithGaps(7, 7);
      expect(courseComplete({ doses: [doses[2], doses[0], doses[1]] })).toBe(true);
    });

    it('takes the grace from the policy', () => {
      const strict = { ...DEFAULT_SYPHILIS_POLICY, doseGraceDays: 1 };
      expect(courseComplete(courseWithGaps(8, 8), strict)).toBe(true);
      expect(courseComplete(courseWithGaps(9, 9), strict)).toBe(false);
      expect(courseComplete(courseWithGaps(6, 6), strict)).toBe(true);
      expect(courseComplete(courseWithGaps(5, 5), strict)).toBe(false);
    });
  });

  describe('coursesRequired', () => {
    it.each([
      [0, 1, '0+0'],
      [90, 1, '12+6'],
      [91, 2, '13+0, mid pregnancy'],
      [196, 2, '28+0, late pregnancy'],
    ])('GA %d days → %d (%s)', (gaDays, expected) => {
      expect(coursesRequired(gaDays)).toBe(expected);
    });

    it.each([-1, 91.5])('rejects GA %d days', (gaDays) => {
      expect(() => coursesRequired(gaDays)).toThrow(RangeError);
    });
  });

  describe('syphilisTreatment', () => {
    const courseFrom = (start: IsoDate, ...gaps: number[]): SyphilisCourse => {
      const dates = gaps.reduce<IsoDate[]>(
        (acc, gap) => [...acc, addDays(acc[acc.length - 1], gap)],
        [start],
      );
      return { doses: dates.map((givenOn) => ({ givenOn, drug: 'BPG', dose: '2.4 MU' })) };
    };
    // First course 05-04, 05-11, 05-18 (ends 05-18).
    const first = courseFrom(START, 7, 7);
    const incomplete = courseFrom(START, 7);
    const secondFrom = (gapDays: number) => courseFrom(addDays('2026-05-18', gapDays), 7, 7);
    const endsOn = (course: SyphilisCourse) => course.doses[course.doses.length - 1].givenOn;

    it.each<[string, SyphilisCourse[], number, IsoDate | null, boolean, boolean]>([
      ['1 complete course, found at GA 60, still pregnant', [first], 60, null, true, true],
      ['1 complete course, found at GA 90 (12+6)', [first], 90, null, true, true],
      ['1 complete course, found at GA 91 (13+0): two needed', [first], 91, null, true, false],
      ['1 incomplete course, found at GA 60', [incomplete], 60, null, true, false],
      ['no courses, found at GA 60', [], 60, null, false, false],
      ['ending 28 days before delivery', [first], 60, '2026-06-15', true, true],
      ['ending 27 days before delivery', [first], 60, '2026-06-14', true, false],
      ['two courses 14 days apart', [first, secondFrom(14)], 100, null, true, true],
      ['two courses 13 days apart', [first, secondFrom(13)], 100, null, true, false],
      ['the same course twice', [first, first], 100, null, true, false],
      [
        'two courses 14 days apart, the second ending 28 days before delivery',
        [first, secondFrom(14)],
        100,
        addDays(endsOn(secondFrom(14)), 28),
        true,
        true,
      ],
      [
        'two courses 14 days apart, the second ending 27 days before delivery',
        [first, secondFrom(14)],
        100,
        addDays(endsOn(secondFrom(14)), 27),
        true,
        false,
      ],
      ['one dose on the delivery day', [courseFrom('2026-06-01')], 200, '2026-06-01', true, false],
      [
        'one dose the day after delivery',
        [courseFrom('2026-06-02')],
        200,
        '2026-06-01',
        false,
        false,
      ],
    ])('%s', (_label, courses, gaDays, deliveredOn, treated, adequate) => {
      const verdict = syphilisTreatment(courses, gaDays, deliveredOn);
      expect([verdict.treated, verdict.adequate]).toEqual([treated, adequate]);
      expect(verdict.required).toBe(gaDays >= 91 ? 2 : 1);
    });

    it('counts complete courses', () => {
      expect(syphilisTreatment([first, incomplete, secondFrom(14)], 100).completeCourses).toBe(2);
    });

    it('takes the course gap and the end before delivery from the policy', () => {
      const policy = {
        ...DEFAULT_SYPHILIS_POLICY,
        courseGapMinDays: 28,
        endsBeforeDeliveryDays: 30,
      };
      expect(syphilisTreatment([first, secondFrom(27)], 100, null, policy).adequate).toBe(false);
      expect(syphilisTreatment([first, secondFrom(28)], 100, null, policy).adequate).toBe(true);
      expect(syphilisTreatment([first], 60, '2026-06-16', policy).adequate).toBe(false);
      expect(syphilisTreatment([first], 60, '2026-06-17', policy).adequate).toBe(true);
    });
  });
});

describe('exposure of the baby', () => {
  const t = (overrides: Partial<TestRecord>): TestRecord => ({
    disease: 'hiv',
    kind: 'screening',
    sampleDate: '2026-03-01',
    result: 'positive',
    partner: false,
    setting: 'antenatal',
    resultDate: '2026-03-01',
    ...overrides,
  });
  const labour = t({ setting: 'labour', sampleDate: '2026-09-01', resultDate: '2026-09-01' });

  it.each<[string, TestRecord[], boolean, string | null, string | null]>([
    ['no tests', [], false, null, null],
    ['a negative screening', [t({ result: 'negative' })], false, null, null],
    ['a reactive rapid test in labour', [labour], true, 'reactive_in_labour', null],
    [
      'a reactive antenatal screening awaiting confirmation',
      [t({})],
      true,
      'reactive_awaiting_confirmation',
      null,
    ],
    [
      'reactive in labour, confirmation pending',
      [labour, t({ kind: 'confirmatory', sampleDate: '2026-09-01', result: null })],
      true,
      'reactive_in_labour',
      null,
    ],
    [
      'reactive in labour, confirmation indeterminate',
      [labour, t({ kind: 'confirmatory', sampleDate: '2026-09-01', result: 'indeterminate' })],
      true,
      'reactive_in_labour',
      null,
    ],
    [
      'reactive in labour, confirmed positive',
      [labour, t({ kind: 'confirmatory', sampleDate: '2026-09-01' })],
      true,
      'confirmed_positive',
      null,
    ],
    [
      'reactive in labour, negative confirmation two days later',
      [
        labour,
        t({
          kind: 'confirmatory',
          sampleDate: '2026-09-01',
          result: 'negative',
          resultDate: '2026-09-03',
        }),
      ],
      false,
      null,
      '2026-09-03',
    ],
    ['a partner’s reactive test', [t({ partner: true, setting: 'labour' })], false, null, null],
  ])('%s', (_label, tests, indicated, basis, excludedOn) => {
    expect(exposure(tests, 'hiv')).toEqual({ disease: 'hiv', indicated, basis, excludedOn });
  });

  it('a positive HBsAg screening alone indicates HBIG', () => {
    expect(indicatedDiseases([t({ disease: 'hbsag' })])).toEqual(['hbsag']);
  });
});

describe('hbvAntiviralIndicated', () => {
  it.each<[string, number | null, 'positive' | 'negative' | null, boolean]>([
    ['HBV DNA 2×10^5 IU/mL', 200_000, null, true],
    ['HBV DNA 199 999 IU/mL', 199_999, null, false],
    ['HBV DNA 199 999, HBeAg positive', 199_999, 'positive', true],
    ['HBeAg negative, no viral load', null, 'negative', false],
    ['no markers: a carrier', null, null, false],
  ])('%s → %s', (_label, hbvDnaIuPerMl, hbeag, expected) => {
    expect(hbvAntiviralIndicated([{ hbvDnaIuPerMl, hbeag }])).toBe(expected);
  });

  it('any test of hers may carry the marker', () => {
    expect(
      hbvAntiviralIndicated([
        { hbvDnaIuPerMl: null, hbeag: null },
        { hbvDnaIuPerMl: 3_000_000, hbeag: null },
      ]),
    ).toBe(true);
  });
});

describe('artStartProblem', () => {
  const LMP = '2026-03-01';
  it.each<[string, IsoDate, boolean, string | null]>([
    ['the day before the LMP, on ART at conception', '2026-02-28', true, null],
    [
      'the day before the LMP, not flagged',
      '2026-02-28',
      false,
      'beforePregnancyNeedsOnArtAtConception',
    ],
    ['on the LMP, not flagged', LMP, false, null],
    ['on the LMP, flagged', LMP, true, 'onArtAtConceptionNeedsStartBeforeLmp'],
    ['years before, on ART at conception', '2019-06-01', true, null],
  ])('%s', (_label, startedOn, flag, expected) => {
    expect(artStartProblem(startedOn, LMP, flag)).toBe(expected);
  });
});

describe('follow-up schedules', () => {
  it('HIV-exposed infants: 48 h, 6 weeks, 3, 12 and 18 months', () => {
    expect(HIV_INFANT_FOLLOW_UP.map((v) => [v.code, v.dueAfterBirthDays])).toEqual([
      ['HIV_48H', 2],
      ['HIV_6W', 42],
      ['HIV_3M', 90],
      ['HIV_12M', 365],
      ['HIV_18M', 548],
    ]);
  });

  it('syphilis-exposed children: 3, 6, 9, 12, 15 and 18 months', () => {
    expect(SYPHILIS_CHILD_FOLLOW_UP.map((v) => v.dueAfterBirthDays)).toEqual([
      90, 180, 270, 365, 455, 548,
    ]);
  });

  it('has unique codes', () => {
    const codes = [...HIV_INFANT_FOLLOW_UP, ...SYPHILIS_CHILD_FOLLOW_UP].map((v) => v.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('allows 14 days of grace', () => {
    expect(FOLLOW_UP_GRACE_DAYS).toBe(14);
  });
});

describe('followUpState', () => {
  // Born 2027-12-31, so the due dates cross a year end and the leap day 2028-02-29.
  const BIRTH = '2027-12-31';
  const visits = [...HIV_INFANT_FOLLOW_UP, ...SYPHILIS_CHILD_FOLLOW_UP];

  describe.each(visits)('$code (day $dueAfterBirthDays)', (visit) => {
    const dueOn = addDays(BIRTH, visit.dueAfterBirthDays);

    it.each<[string, FollowUpState, number]>([
      ['due − 1', 'upcoming', -1],
      ['due', 'due', 0],
      ['due + 14', 'due', 14],
      ['due + 15', 'overdue', 15],
    ])('not done, today %s → %s', (_label, expected, offset) => {
      expect(followUpState(BIRTH, visit, null, addDays(dueOn, offset))).toBe(expected);
    });

    it.each([
      ['the day before its due date', -1],
      ['on the due date', 0],
      ['late, after the grace', 30],
    ])('done %s → done', (_label, offset) => {
      expect(followUpState(BIRTH, visit, addDays(dueOn, offset), addDays(dueOn, 60))).toBe('done');
    });
  });

  it('counts the 48-hour visit from the birth date: born 12-31, due 01-02, overdue 01-17', () => {
    const [visit48h] = HIV_INFANT_FOLLOW_UP;
    expect(followUpState(BIRTH, visit48h, null, '2028-01-01')).toBe('upcoming');
    expect(followUpState(BIRTH, visit48h, null, '2028-01-02')).toBe('due');
    expect(followUpState(BIRTH, visit48h, null, '2028-01-16')).toBe('due');
    expect(followUpState(BIRTH, visit48h, null, '2028-01-17')).toBe('overdue');
  });

  it('rejects a follow-up done before birth', () => {
    const [visit48h] = HIV_INFANT_FOLLOW_UP;
    expect(() => followUpState(BIRTH, visit48h, '2027-12-30', '2028-01-05')).toThrow(RangeError);
  });

  it('rejects an invalid date', () => {
    const [visit48h] = HIV_INFANT_FOLLOW_UP;
    expect(() => followUpState('2027-02-29', visit48h, null, '2028-01-05')).toThrow(RangeError);
  });
});
