import { addDays, type IsoDate } from '../../core/time/calendar-date';
import {
  courseComplete,
  coursesRequired,
  type Disease,
  diseaseStatus,
  type DiseaseStatus,
  EARLY_TESTING_MAX_GA_DAYS,
  FOLLOW_UP_GRACE_DAYS,
  followUpState,
  type FollowUpState,
  HBIG_WITHIN_MINUTES,
  hbigTimeliness,
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
  SYPHILIS_DOSE_INTERVAL_MAX_DAYS,
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

  it('is 3 doses per course, at most 9 days apart', () => {
    expect(SYPHILIS_DOSES_PER_COURSE).toBe(3);
    expect(SYPHILIS_DOSE_INTERVAL_MAX_DAYS).toBe(9);
  });

  describe('courseComplete', () => {
    it.each<[string, SyphilisCourse, boolean]>([
      ['3 doses 7 days apart', courseWithGaps(7, 7), true],
      ['3 doses 9 days apart', courseWithGaps(9, 9), true],
      ['3 doses 1 day apart', courseWithGaps(1, 1), true],
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
    const complete = courseWithGaps(7, 7);
    const incomplete = courseWithGaps(7);

    it.each<
      [
        string,
        SyphilisCourse[],
        number,
        { required: 1 | 2; completeCourses: number; adequate: boolean },
      ]
    >([
      [
        '1 complete course, found at GA 60',
        [complete],
        60,
        { required: 1, completeCourses: 1, adequate: true },
      ],
      [
        '1 complete course, found at GA 90',
        [complete],
        90,
        { required: 1, completeCourses: 1, adequate: true },
      ],
      [
        '1 complete course, found at GA 91',
        [complete],
        91,
        { required: 2, completeCourses: 1, adequate: false },
      ],
      [
        '1 complete course, found at GA 100',
        [complete],
        100,
        { required: 2, completeCourses: 1, adequate: false },
      ],
      [
        '2 complete courses, found at GA 100',
        [complete, complete],
        100,
        { required: 2, completeCourses: 2, adequate: true },
      ],
      [
        '1 complete and 1 incomplete, found at GA 100',
        [complete, incomplete],
        100,
        { required: 2, completeCourses: 1, adequate: false },
      ],
      [
        '1 incomplete course, found at GA 60',
        [incomplete],
        60,
        { required: 1, completeCourses: 0, adequate: false },
      ],
      ['no courses, found at GA 60', [], 60, { required: 1, completeCourses: 0, adequate: false }],
    ])('%s', (_label, courses, gaDays, expected) => {
      expect(syphilisTreatment(courses, gaDays)).toEqual(expected);
    });
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
