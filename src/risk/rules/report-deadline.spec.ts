import { REPORT_WINDOW_HOURS, reportDueAt, type ReportState, reportState } from './report-deadline';

// Graded at 23:30 Beijing time, so the deadlines cross a calendar day in both zones.
const GRADED_AT = new Date('2026-03-15T15:30:00Z');
const later = (hours: number, minutes = 0): Date =>
  new Date(GRADED_AT.getTime() + (hours * 60 + minutes) * 60_000);

describe('reportDueAt', () => {
  it.each([
    ['red', '2026-03-16T15:30:00.000Z'],
    ['orange', '2026-03-18T15:30:00.000Z'],
  ] as const)('%s graded 2026-03-15T15:30Z → due %s', (colour, due) => {
    expect(reportDueAt(colour, GRADED_AT).toISOString()).toBe(due);
  });

  it('uses 24 h for red and 72 h (3 days) for orange', () => {
    expect(REPORT_WINDOW_HOURS).toEqual({ orange: 72, red: 24 });
  });

  it('rejects an invalid grading time', () => {
    expect(() => reportDueAt('red', new Date('not a date'))).toThrow(RangeError);
  });
});

describe('reportState', () => {
  describe.each([
    ['red', 24],
    ['orange', 72],
  ] as const)('%s (%d h)', (colour, hours) => {
    const dueAt = reportDueAt(colour, GRADED_AT);

    it.each<[string, ReportState, Date | null, Date]>([
      ['reported within the hour', 'reported_on_time', later(0, 45), later(hours + 5)],
      [`reported at ${hours} h 00 min`, 'reported_on_time', later(hours, 0), later(hours + 5)],
      [`reported at ${hours} h 01 min`, 'reported_late', later(hours, 1), later(hours + 5)],
      ['unreported, now just graded', 'due', null, later(0)],
      [`unreported, now ${hours} h 00 min`, 'due', null, later(hours, 0)],
      [`unreported, now ${hours} h 01 min`, 'late', null, later(hours, 1)],
    ])('%s → %s', (_label, expected, reportedAt, now) => {
      expect(reportState(dueAt, reportedAt, now)).toBe(expected);
    });
  });

  it('judges a report by when it was made, not by now', () => {
    const dueAt = reportDueAt('red', GRADED_AT);
    expect(reportState(dueAt, later(23), later(100))).toBe('reported_on_time');
    expect(reportState(dueAt, later(25), later(25))).toBe('reported_late');
  });

  it('rejects invalid dates', () => {
    const invalid = new Date(Number.NaN);
    expect(() => reportState(invalid, null, GRADED_AT)).toThrow(RangeError);
    expect(() => reportState(GRADED_AT, invalid, GRADED_AT)).toThrow(RangeError);
    expect(() => reportState(GRADED_AT, null, invalid)).toThrow(RangeError);
  });
});
