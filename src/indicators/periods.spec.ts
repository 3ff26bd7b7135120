import {
  parsePeriod,
  periodContaining,
  periodsBetween,
  periodsContaining,
  periodsEndingWith,
  previousPeriod,
  samePeriodYearBefore,
} from './periods';

describe('periods', () => {
  it.each([
    ['2026-03', 'month', '2026-03-01', '2026-04-01', '2026-03-31'],
    ['2026-12', 'month', '2026-12-01', '2027-01-01', '2026-12-31'],
    ['2024-02', 'month', '2024-02-01', '2024-03-01', '2024-02-29'],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01', '2026-03-31'],
    ['2026-Q4', 'quarter', '2026-10-01', '2027-01-01', '2026-12-31'],
    ['2026', 'year', '2026-01-01', '2027-01-01', '2026-12-31'],
    ['SY2026', 'statistical_year', '2025-10-01', '2026-10-01', '2026-09-30'],
  ])('%s is a %s from %s to before %s', (key, kind, from, to, last) => {
    expect(parsePeriod(key)).toEqual({ kind, key, from, to, last });
  });

  it.each(['2026-13', '2026-00', '2026-Q5', '26', 'SY26', '2026-3', 'sy2026', ''])(
    'refuses %j',
    (key) => {
      expect(() => parsePeriod(key)).toThrow(RangeError);
    },
  );

  it('puts 30 September in the statistical year ending then, and 1 October in the next', () => {
    expect(periodContaining('statistical_year', '2026-09-30').key).toBe('SY2026');
    expect(periodContaining('statistical_year', '2026-10-01').key).toBe('SY2027');
  });

  it('finds the month, quarter, year and statistical year of a day', () => {
    expect(periodsContaining('2026-10-01').map((p) => p.key)).toEqual([
      '2026-10',
      '2026-Q4',
      '2026',
      'SY2027',
    ]);
    expect(periodsContaining('2026-03-31').map((p) => p.key)).toEqual([
      '2026-03',
      '2026-Q1',
      '2026',
      'SY2026',
    ]);
  });

  it('steps back one period, across a year', () => {
    expect(previousPeriod(parsePeriod('2026-01')).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1')).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('SY2026')).key).toBe('SY2025');
    expect(samePeriodYearBefore(parsePeriod('2026-03')).key).toBe('2025-03');
    expect(samePeriodYearBefore(parsePeriod('2026-Q2')).key).toBe('2025-Q2');
  });

  it('lists periods ending with one, oldest first, and between two days', () => {
    expect(periodsEndingWith(parsePeriod('2026-02'), 3).map((p) => p.key)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periodsBetween('month', '2025-11-15', '2026-01-01').map((p) => p.key)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
    ]);
  });
});
