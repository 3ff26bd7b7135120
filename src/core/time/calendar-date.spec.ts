import {
  addDays,
  compareIsoDates,
  daysBetween,
  isIsoDate,
  startOfDayIn,
  todayIn,
  utcOffsetOf,
  wallClockIn,
} from './calendar-date';

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', 'leap day in a leap year'],
    ['2000-02-29', 'leap day in a year divisible by 400'],
    ['2023-02-28', 'last day of February in a common year'],
    ['2024-04-30', 'last day of a 30-day month'],
    ['2024-01-31', 'last day of a 31-day month'],
    ['2024-12-31', 'last day of the year'],
    ['2024-01-01', 'first day of the year'],
  ])('accepts %s (%s)', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    ['2023-02-29', 'leap day in a common year'],
    ['2100-02-29', 'leap day in a century year not divisible by 400'],
    ['2024-02-30', 'February 30'],
    ['2024-04-31', 'day 31 of a 30-day month'],
    ['2024-01-32', 'day 32'],
    ['2024-01-00', 'day 0'],
    ['2024-13-01', 'month 13'],
    ['2024-00-10', 'month 0'],
    ['2024-1-01', 'one-digit month'],
    ['2024-01-1', 'one-digit day'],
    ['20240101', 'no separators'],
    ['2024/01/01', 'wrong separators'],
    [' 2024-01-01', 'leading space'],
    ['2024-01-01\n', 'trailing newline'],
    ['2024-01-01T00:00:00Z', 'a timestamp'],
    ['', 'empty'],
  ])('rejects %j (%s)', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29', 'into a leap day'],
    ['2024-02-29', 1, '2024-03-01', 'out of a leap day'],
    ['2023-02-28', 1, '2023-03-01', 'common year skips February 29'],
    ['2100-02-28', 1, '2100-03-01', '2100 is not a leap year'],
    ['2000-02-28', 1, '2000-02-29', '2000 is a leap year'],
    ['2024-03-01', -1, '2024-02-29', 'backwards into a leap day'],
    ['2023-03-01', -1, '2023-02-28', 'backwards in a common year'],
    ['2024-01-31', 1, '2024-02-01', 'end of a 31-day month'],
    ['2024-04-30', 1, '2024-05-01', 'end of a 30-day month'],
    ['2024-05-01', -1, '2024-04-30', 'backwards over a month end'],
    ['2024-12-31', 1, '2025-01-01', 'over a year end'],
    ['2025-01-01', -1, '2024-12-31', 'backwards over a year end'],
    ['2024-01-01', 366, '2025-01-01', 'a leap year has 366 days'],
    ['2023-01-01', 365, '2024-01-01', 'a common year has 365 days'],
    ['2024-03-10', 1, '2024-03-11', 'over a US daylight-saving change'],
    ['2024-06-15', 0, '2024-06-15', 'zero days'],
  ])('%s %+d days = %s (%s)', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each(['2023-02-29', '2024-13-01', 'not a date'])('rejects the invalid date %j', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });

  it('rejects a fractional number of days', () => {
    expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2024-02-28', '2024-03-01', 2, 'over a leap day'],
    ['2023-02-28', '2023-03-01', 1, 'over the end of a common February'],
    ['2024-03-01', '2024-02-28', -2, 'negative when to is earlier'],
    ['2024-01-31', '2024-02-01', 1, 'over a month end'],
    ['2024-12-31', '2025-01-01', 1, 'over a year end'],
    ['2024-01-01', '2025-01-01', 366, 'a leap year'],
    ['2023-01-01', '2024-01-01', 365, 'a common year'],
    ['2100-01-01', '2101-01-01', 365, '2100 is not a leap year'],
    ['2000-01-01', '2001-01-01', 366, '2000 is a leap year'],
    ['2026-03-15', '2026-12-20', 280, 'LMP to EDD'],
    ['2024-06-15', '2024-06-15', 0, 'the same date'],
  ])('%s to %s is %d days (%s)', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('rejects an invalid date', () => {
    expect(() => daysBetween('2024-02-30', '2024-03-01')).toThrow(RangeError);
  });
});

describe('compareIsoDates', () => {
  it.each([
    ['2024-02-29', '2024-03-01', -1],
    ['2024-03-01', '2024-02-29', 1],
    ['2024-12-31', '2025-01-01', -1],
    ['2025-01-01', '2024-12-31', 1],
    ['2024-06-15', '2024-06-15', 0],
  ])('compares %s with %s as %d', (a, b, expected) => {
    expect(compareIsoDates(a, b)).toBe(expected);
  });
});

describe('todayIn', () => {
  it.each([
    ['Asia/Shanghai', '2026-03-14T15:59:59.999Z', '2026-03-14', 'last instant before midnight'],
    ['Asia/Shanghai', '2026-03-14T16:00:00.000Z', '2026-03-15', 'midnight'],
    [
      'Asia/Shanghai',
      '2026-03-14T16:30:00.000Z',
      '2026-03-15',
      'after midnight, still the 14th in UTC',
    ],
    [
      'Asia/Shanghai',
      '2025-12-31T15:59:59.999Z',
      '2025-12-31',
      "before midnight on New Year's Eve",
    ],
    ['Asia/Shanghai', '2025-12-31T16:00:00.000Z', '2026-01-01', "midnight on New Year's Eve"],
    ['UTC', '2026-03-14T16:30:00.000Z', '2026-03-14', 'UTC'],
    ['America/New_York', '2026-03-15T03:30:00.000Z', '2026-03-14', 'a zone behind UTC'],
  ])('in %s at %s is %s (%s)', (timeZone, instant, expected) => {
    expect(todayIn(timeZone, new Date(instant))).toBe(expected);
  });

  it('defaults to the current time', () => {
    jest.useFakeTimers({ now: new Date('2026-03-14T16:30:00.000Z') });
    try {
      expect(todayIn('Asia/Shanghai')).toBe('2026-03-15');
    } finally {
      jest.useRealTimers();
    }
  });

  it('rejects an unknown time zone', () => {
    expect(() => todayIn('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('startOfDayIn', () => {
  it.each([
    ['2026-11-22', 'Asia/Shanghai', '2026-11-21T16:00:00.000Z'],
    ['2026-03-01', 'Asia/Shanghai', '2026-02-28T16:00:00.000Z'],
    ['2026-11-22', 'UTC', '2026-11-22T00:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'], // DST begins at 02:00 that day
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'],
  ])('%s in %s begins at %s', (date, zone, instant) => {
    expect(startOfDayIn(date, zone).toISOString()).toBe(instant);
  });

  it('is the first instant whose local date is that day', () => {
    const start = startOfDayIn('2026-11-22', 'Asia/Shanghai');
    expect(todayIn('Asia/Shanghai', start)).toBe('2026-11-22');
    expect(todayIn('Asia/Shanghai', new Date(start.getTime() - 1))).toBe('2026-11-21');
  });
});

describe('wallClockIn', () => {
  it('shows the instant on the zone’s clock, to the minute, across the date line of UTC', () => {
    expect(wallClockIn('Asia/Shanghai', new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04 00:00');
    expect(wallClockIn('Asia/Shanghai', new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-03 23:59');
    expect(wallClockIn('UTC', new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-03 15:59');
  });
});

describe('utcOffsetOf', () => {
  it.each([
    ['Asia/Shanghai', '2026-01-15T00:00:00Z', '+08:00'],
    ['UTC', '2026-01-15T00:00:00Z', '+00:00'],
    ['America/New_York', '2026-01-15T12:00:00Z', '-05:00'],
    ['America/New_York', '2026-07-15T12:00:00Z', '-04:00'],
    ['Asia/Kolkata', '2026-07-15T12:00:00Z', '+05:30'],
  ])('%s at %s is %s', (zone, instant, offset) => {
    expect(utcOffsetOf(zone, new Date(instant))).toBe(offset);
  });
});
