import { dayOf, formatInstant, HospitalDays, isoOf } from './calendar';
import { statisticalWindowStart } from './context';
import { exclusiveUntilAgeDays, registrationGa } from './distributions';

describe('calendar days', () => {
  it('turns dates into day numbers and back', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(isoOf(dayOf('2024-02-29'))).toBe('2024-02-29');
    expect(isoOf(dayOf('1949-12-31') + 1)).toBe('1950-01-01');
    expect(isoOf(dayOf('2300-01-01'))).toBe('2300-01-01'); // outside the cache
  });

  it('formats instants as UTC DATETIME(3) text', () => {
    expect(formatInstant(Date.UTC(2026, 2, 15, 15, 50, 7, 45))).toBe('2026-03-15 15:50:07.045');
  });

  it('knows the hospital day of an instant around its midnight (Beijing, UTC+8)', () => {
    const days = new HospitalDays('Asia/Shanghai');
    const day = dayOf('2026-03-16');
    expect(days.startOf(day)).toBe(Date.UTC(2026, 2, 15, 16, 0));
    expect(days.dayOfInstant(Date.UTC(2026, 2, 15, 15, 59))).toBe(day - 1);
    expect(days.dayOfInstant(Date.UTC(2026, 2, 15, 16, 0))).toBe(day);
    expect(days.at(day, 90)).toBe(Date.UTC(2026, 2, 15, 17, 30));
  });
});

describe('statisticalWindowStart', () => {
  it.each([
    ['2026-11-22', '2024-10-01'],
    ['2026-10-01', '2024-10-01'],
    ['2026-09-30', '2023-10-01'],
    ['2027-01-05', '2024-10-01'],
  ])('on %s the two statistical years before the current one start %s', (today, start) => {
    expect(statisticalWindowStart(today)).toBe(start);
  });
});

describe('distributions', () => {
  it('registers about 80 % before 13+0 weeks', () => {
    expect(registrationGa.shareAtMost(90)).toBeGreaterThan(0.78);
    expect(registrationGa.shareAtMost(90)).toBeLessThan(0.82);
  });

  it('stops exclusive breastfeeding along the falling curve', () => {
    // A roll equal to the share still exclusive at an age stops at that age.
    expect(exclusiveUntilAgeDays(0.6)).toBeCloseTo(45);
    expect(exclusiveUntilAgeDays(0.29)).toBeCloseTo(183);
    expect(exclusiveUntilAgeDays(0.9)).toBe(-1);
    expect(exclusiveUntilAgeDays(0.5)).toBeGreaterThan(45);
    expect(exclusiveUntilAgeDays(0.5)).toBeLessThan(122);
  });
});
