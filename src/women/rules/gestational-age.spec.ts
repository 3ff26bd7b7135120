import { addDays } from '../../core/time/calendar-date';
import {
  dateByBestEvidence,
  type Dating,
  type DatingEvidence,
  eddFromIvf,
  eddFromLmp,
  eddFromUltrasound,
  formatGestationalAge,
  gestationalAgeDays,
  PREGNANCY_LENGTH_DAYS,
  redatingThresholdDays,
  trimesterOf,
} from './gestational-age';

describe('eddFromLmp', () => {
  // Expected EDDs counted by hand month by month, then cross-checked with Python's datetime.
  it.each([
    ['2026-03-15', '2026-12-20', 'the DOMAIN.md example'],
    ['2023-05-31', '2024-03-06', 'over February 2024 (leap)'],
    ['2022-05-31', '2023-03-07', 'over February 2023 (common)'],
    ['2024-02-29', '2024-12-05', 'from a leap day'],
    ['2023-12-31', '2024-10-06', 'from a year end'],
    ['2023-03-01', '2023-12-06', 'where the +1y −3m +7d shortcut gives 12-08'],
    ['2099-06-01', '2100-03-08', 'over February 2100 (not leap)'],
  ])('LMP %s → EDD %s (%s)', (lmp, edd) => {
    expect(eddFromLmp(lmp)).toBe(edd);
  });

  it('rejects an invalid LMP', () => {
    expect(() => eddFromLmp('2023-02-29')).toThrow(RangeError);
  });
});

describe('eddFromUltrasound', () => {
  it.each([
    ['2026-06-07', 84, '2026-12-20', '12+0 on the day LMP 2026-03-15 says 12+0'],
    ['2024-03-01', 60, '2024-10-07', 'dated back over a leap day to 2024-01-01'],
    ['2026-12-20', 280, '2026-12-20', 'a scan at 40+0 is on the EDD'],
  ])('scan %s at %d days → EDD %s (%s)', (scanDate, gaDays, edd) => {
    expect(eddFromUltrasound({ scanDate, gaDays })).toBe(edd);
  });

  it.each([-1, 84.5])('rejects a scan GA of %d days', (gaDays) => {
    expect(() => eddFromUltrasound({ scanDate: '2026-06-07', gaDays })).toThrow(RangeError);
  });
});

describe('eddFromIvf', () => {
  it.each([
    ['2026-04-01', 5, '2026-12-18', 19, 'day-5 transfer: +261'],
    ['2026-04-01', 3, '2026-12-20', 17, 'day-3 transfer: +263'],
    ['2024-02-20', 5, '2024-11-07', 19, 'day-5 transfer over a leap day'],
  ])(
    'transfer %s of a day-%d embryo → EDD %s, GA %d days at transfer (%s)',
    (transferDate, embryoAgeDays, edd, gaDaysAtTransfer) => {
      expect(eddFromIvf({ transferDate, embryoAgeDays })).toBe(edd);
      expect(gestationalAgeDays(edd, transferDate)).toBe(gaDaysAtTransfer);
    },
  );

  it('rejects a negative embryo age', () => {
    expect(() => eddFromIvf({ transferDate: '2026-04-01', embryoAgeDays: -1 })).toThrow(RangeError);
  });
});

describe('gestationalAgeDays', () => {
  it.each([
    ['2026-12-20', '2026-03-15', 0, 'on the LMP'],
    ['2026-12-20', '2026-03-14', -1, 'the day before the LMP'],
    ['2026-12-20', '2026-06-07', 84, '12+0'],
    ['2026-12-20', '2026-12-20', 280, 'on the EDD'],
    ['2024-12-05', '2024-02-28', -1, 'LMP 2024-02-29, the day before'],
    ['2024-12-05', '2024-03-01', 1, 'LMP 2024-02-29, over the month end'],
    ['2024-03-06', '2024-02-29', 274, 'LMP 2023-05-31, on the leap day'],
    ['2024-03-06', '2024-03-01', 275, 'LMP 2023-05-31, after a leap February'],
    ['2023-03-07', '2023-03-01', 274, 'LMP 2022-05-31, after a common February'],
    ['2024-10-06', '2024-01-01', 1, 'LMP 2023-12-31, over the year end'],
  ])('EDD %s, on %s → %d days (%s)', (edd, onDate, expected) => {
    expect(gestationalAgeDays(edd, onDate)).toBe(expected);
  });

  it('is the inverse of eddFromLmp', () => {
    expect(gestationalAgeDays(eddFromLmp('2024-02-29'), '2024-02-29')).toBe(0);
    expect(PREGNANCY_LENGTH_DAYS).toBe(280);
  });
});

describe('formatGestationalAge', () => {
  it.each([
    [0, '0+0'],
    [6, '0+6'],
    [7, '1+0'],
    [62, '8+6'],
    [63, '9+0'],
    [90, '12+6'],
    [91, '13+0'],
    [280, '40+0'],
  ])('%d days → %s', (days, expected) => {
    expect(formatGestationalAge(days)).toBe(expected);
  });

  it.each([-1, 12.5, Number.NaN])('rejects %d days', (days) => {
    expect(() => formatGestationalAge(days)).toThrow(RangeError);
  });
});

describe('redatingThresholdDays', () => {
  it.each([
    [0, 5, '0+0'],
    [62, 5, '8+6'],
    [63, 7, '9+0'],
    [97, 7, '13+6'],
    [98, 7, '14+0'],
    [111, 7, '15+6'],
    [112, 10, '16+0'],
    [153, 10, '21+6'],
    [154, 14, '22+0'],
    [195, 14, '27+6'],
    [196, 21, '28+0'],
    [294, 21, '42+0'],
  ])('GA %d days → %d days (%s)', (gaDays, threshold) => {
    expect(redatingThresholdDays(gaDays)).toBe(threshold);
  });

  it.each([-1, 62.5])('rejects GA %d days', (gaDays) => {
    expect(() => redatingThresholdDays(gaDays)).toThrow(RangeError);
  });
});

describe('dateByBestEvidence', () => {
  const LMP = '2026-01-01';
  const LMP_EDD = '2026-10-08';

  describe('LMP and ultrasound: redate only when the discrepancy exceeds the threshold', () => {
    // Each GA on both sides of every table boundary, each threshold on both sides, both directions.
    const boundaries = [
      [62, 5],
      [63, 7],
      [97, 7],
      [98, 7],
      [111, 7],
      [112, 10],
      [153, 10],
      [154, 14],
      [195, 14],
      [196, 21],
    ];
    const rows = boundaries.flatMap(([lmpGa, threshold]) =>
      [threshold, threshold + 1].flatMap((discrepancy) =>
        [+1, -1].map((direction) => ({ lmpGa, threshold, discrepancy, direction })),
      ),
    );

    it.each(rows)(
      'GA by LMP $lmpGa, threshold $threshold, scan off by $direction × $discrepancy',
      ({ lmpGa, threshold, discrepancy, direction }) => {
        const scanDate = addDays(LMP, lmpGa);
        const gaDays = lmpGa + direction * discrepancy;
        const redate = discrepancy > threshold;
        // A scan k days further along moves the EDD k days earlier.
        const edd = redate ? addDays(LMP_EDD, -direction * discrepancy) : LMP_EDD;
        expect(dateByBestEvidence({ lmp: LMP, ultrasound: { scanDate, gaDays } })).toEqual({
          edd,
          source: redate ? 'ultrasound' : 'lmp',
          lmpGaDaysAtScan: lmpGa,
          discrepancyDays: discrepancy,
          redatingThresholdDays: threshold,
        });
      },
    );
  });

  it.each([
    [92, '2026-12-12', 'ultrasound', 8, 'scan 8 days ahead redates'],
    [76, '2026-12-28', 'ultrasound', 8, 'scan 8 days behind redates'],
    [91, '2026-12-20', 'lmp', 7, 'scan 7 days ahead keeps LMP'],
    [77, '2026-12-20', 'lmp', 7, 'scan 7 days behind keeps LMP'],
  ])(
    'LMP 2026-03-15, scan 2026-06-07 (LMP 12+0) measuring %d days → %s by %s (%s)',
    (gaDays, edd, source, discrepancyDays) => {
      const dating = dateByBestEvidence({
        lmp: '2026-03-15',
        ultrasound: { scanDate: '2026-06-07', gaDays },
      });
      expect(dating).toEqual({
        edd,
        source,
        lmpGaDaysAtScan: 84,
        discrepancyDays,
        redatingThresholdDays: 7,
      });
    },
  );

  it.each([
    [62, 68, 'ultrasound', 'LMP row ≤ 8+6 (5 days) redates; the scan row would keep'],
    [63, 57, 'lmp', 'LMP row 9+0 (7 days) keeps; the scan row would redate'],
  ])('picks the row by GA by LMP: LMP %d, scan %d → %s (%s)', (lmpGa, gaDays, source) => {
    const scanDate = addDays(LMP, lmpGa);
    expect(dateByBestEvidence({ lmp: LMP, ultrasound: { scanDate, gaDays } })?.source).toBe(source);
  });

  it('rejects a scan dated before the LMP', () => {
    const ultrasound = { scanDate: '2025-12-31', gaDays: 60 };
    expect(() => dateByBestEvidence({ lmp: LMP, ultrasound })).toThrow(RangeError);
  });

  const sourceCases: { label: string; evidence: DatingEvidence; expected: Dating | null }[] = [
    {
      label: 'IVF alone',
      evidence: { ivf: { transferDate: '2026-04-01', embryoAgeDays: 5 } },
      expected: { edd: '2026-12-18', source: 'ivf' },
    },
    {
      label: 'IVF over LMP and ultrasound',
      evidence: {
        lmp: '2026-01-01',
        ultrasound: { scanDate: '2026-03-01', gaDays: 80 },
        ivf: { transferDate: '2026-04-01', embryoAgeDays: 3 },
      },
      expected: { edd: '2026-12-20', source: 'ivf' },
    },
    {
      label: 'LMP only',
      evidence: { lmp: '2026-03-15' },
      expected: { edd: '2026-12-20', source: 'lmp' },
    },
    {
      label: 'LMP, the others null',
      evidence: { lmp: '2026-03-15', ultrasound: null, ivf: null },
      expected: { edd: '2026-12-20', source: 'lmp' },
    },
    {
      label: 'ultrasound only',
      evidence: { ultrasound: { scanDate: '2026-06-07', gaDays: 92 } },
      expected: { edd: '2026-12-12', source: 'ultrasound' },
    },
    {
      label: 'ultrasound, LMP null',
      evidence: { lmp: null, ultrasound: { scanDate: '2026-06-07', gaDays: 92 } },
      expected: { edd: '2026-12-12', source: 'ultrasound' },
    },
    { label: 'no evidence', evidence: {}, expected: null },
    { label: 'all null', evidence: { lmp: null, ultrasound: null, ivf: null }, expected: null },
  ];

  it.each(sourceCases)('$label', ({ evidence, expected }) => {
    expect(dateByBestEvidence(evidence)).toStrictEqual(expected);
  });
});

describe('trimesterOf', () => {
  it.each([
    [0, 'first'],
    [90, 'first'], // 12+6
    [91, 'second'], // 13+0
    [195, 'second'], // 27+6
    [196, 'third'], // 28+0
    [300, 'third'],
  ])('%i days → %s', (days, trimester) => {
    expect(trimesterOf(days)).toBe(trimester);
  });
});
