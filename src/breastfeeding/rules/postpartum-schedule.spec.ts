import {
  completedMonthsOfAge,
  DAY42_CHECK_FROM_DAYS,
  DAY42_CHECK_OVERDUE_AFTER_DAYS,
  day42CheckState,
  type DueState,
  PHONE_FOLLOW_UP_MONTHS,
  PHONE_FOLLOW_UP_WINDOW_DAYS,
  phoneFollowUpDate,
  phoneFollowUpState,
  POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS,
  POSTPARTUM_VISIT_WITHIN_DAYS,
  postpartumVisitCounts,
  postpartumVisitState,
  PROBLEM_FOLLOW_UP_WITHIN_DAYS,
  problemFollowUpOverdue,
} from './postpartum-schedule';

describe('constants', () => {
  it('are 7, 28, 42, 14, months 4 and 6, ± 14 and 3 days', () => {
    expect(POSTPARTUM_VISIT_WITHIN_DAYS).toBe(7);
    expect(POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS).toBe(28);
    expect(DAY42_CHECK_FROM_DAYS).toBe(42);
    expect(DAY42_CHECK_OVERDUE_AFTER_DAYS).toBe(14);
    expect(PHONE_FOLLOW_UP_MONTHS).toEqual([4, 6]);
    expect(PHONE_FOLLOW_UP_WINDOW_DAYS).toBe(14);
    expect(PROBLEM_FOLLOW_UP_WITHIN_DAYS).toBe(3);
  });
});

describe('postpartumVisitState', () => {
  // Discharged 2026-03-28: day 7 is 04-04, crossing a month end.
  it.each<[string, DueState, string]>([
    ['2026-03-27', 'upcoming', 'the day before discharge'],
    ['2026-03-28', 'due', 'discharge day (day 0)'],
    ['2026-04-04', 'due', 'day 7'],
    ['2026-04-05', 'overdue', 'day 8'],
  ])('no visit, today %s → %s (%s)', (today, expected) => {
    expect(postpartumVisitState('2026-03-28', null, today)).toBe(expected);
  });

  it('is done once a visit is recorded, even a late one', () => {
    expect(postpartumVisitState('2026-03-28', '2026-04-20', '2026-05-01')).toBe('done');
  });
});

describe('postpartumVisitCounts', () => {
  it.each([
    ['2026-03-27', false, 'the day before discharge'],
    ['2026-03-28', true, 'discharge day'],
    ['2026-04-25', true, 'day 28'],
    ['2026-04-26', false, 'day 29'],
  ])('discharged 2026-03-28, visited %s → %s (%s)', (visit, expected) => {
    expect(postpartumVisitCounts('2026-03-28', visit)).toBe(expected);
  });
});

describe('day42CheckState', () => {
  // Delivered 2026-03-15: day 42 is 04-26, day 56 (42 + 14) is 05-10.
  it.each<[string, DueState, string]>([
    ['2026-04-25', 'upcoming', 'day 41'],
    ['2026-04-26', 'due', 'day 42'],
    ['2026-05-10', 'due', 'day 56 = 42 + 14'],
    ['2026-05-11', 'overdue', 'day 57 = 42 + 15'],
  ])('no check, today %s → %s (%s)', (today, expected) => {
    expect(day42CheckState('2026-03-15', null, today)).toBe(expected);
  });

  it('is done once a check is recorded', () => {
    expect(day42CheckState('2026-03-15', '2026-04-27', '2026-06-01')).toBe('done');
  });
});

describe('phoneFollowUpDate', () => {
  it.each<[string, 4 | 6, string, string]>([
    ['2026-03-15', 4, '2026-07-15', 'same day of the month'],
    ['2026-03-15', 6, '2026-09-15', 'same day of the month'],
    ['2025-10-31', 4, '2026-02-28', 'clamped to February (common year)'],
    ['2023-10-31', 4, '2024-02-29', 'clamped to February (leap year)'],
    ['2023-10-29', 4, '2024-02-29', 'the 29th exists in a leap February'],
    ['2025-10-29', 4, '2026-02-28', 'the 29th does not in a common February'],
    ['2026-03-31', 6, '2026-09-30', 'clamped to a 30-day month'],
    ['2026-08-15', 6, '2027-02-15', 'over a year end'],
    ['2099-10-31', 4, '2100-02-28', '2100 is not a leap year'],
  ])('born %s + %d months → %s (%s)', (birth, months, expected) => {
    expect(phoneFollowUpDate(birth, months)).toBe(expected);
  });

  it('rejects an invalid birth date', () => {
    expect(() => phoneFollowUpDate('2026-02-30', 4)).toThrow(RangeError);
  });
});

describe('phoneFollowUpState', () => {
  // Born 2026-03-15: the 4-month call is on 07-15, due 07-01..07-29.
  it.each<[string, DueState, string]>([
    ['2026-06-30', 'upcoming', '15 days before'],
    ['2026-07-01', 'due', '14 days before'],
    ['2026-07-15', 'due', 'on the anniversary'],
    ['2026-07-29', 'due', '14 days after'],
    ['2026-07-30', 'overdue', '15 days after'],
  ])('4 months, not done, today %s → %s (%s)', (today, expected) => {
    expect(phoneFollowUpState('2026-03-15', 4, null, today)).toBe(expected);
  });

  it('centres the 6-month window on the clamped anniversary', () => {
    // Born 2025-08-31: 6 months is 2026-02-28, so the window opens 02-14.
    expect(phoneFollowUpState('2025-08-31', 6, null, '2026-02-13')).toBe('upcoming');
    expect(phoneFollowUpState('2025-08-31', 6, null, '2026-02-14')).toBe('due');
    expect(phoneFollowUpState('2025-08-31', 6, null, '2026-03-14')).toBe('due');
    expect(phoneFollowUpState('2025-08-31', 6, null, '2026-03-15')).toBe('overdue');
  });

  it('is done once the call is recorded', () => {
    expect(phoneFollowUpState('2026-03-15', 6, '2026-09-10', '2026-12-01')).toBe('done');
  });
});

describe('completedMonthsOfAge', () => {
  it.each([
    ['2026-03-15', '2026-03-15', 0, 'the day of birth'],
    ['2026-03-15', '2026-04-14', 0, 'the day before 1 month'],
    ['2026-03-15', '2026-04-15', 1, '1 month'],
    ['2026-03-15', '2026-09-14', 5, 'the day before 6 months: still under 6 (BF-10)'],
    ['2026-03-15', '2026-09-15', 6, '6 months: no longer under 6'],
    ['2025-12-20', '2026-06-19', 5, 'over a year end, the day before 6 months'],
    ['2025-12-20', '2026-06-20', 6, 'over a year end, 6 months'],
    ['2026-01-31', '2026-02-27', 0, 'born on the 31st, before the clamped anniversary'],
    ['2026-01-31', '2026-02-28', 1, 'born on the 31st, on the clamped anniversary'],
    ['2024-01-31', '2024-02-28', 0, 'leap February: the anniversary is the 29th'],
    ['2024-01-31', '2024-02-29', 1, 'leap February, on the 29th'],
    ['2026-01-31', '2026-03-30', 1, 'the day before 2 months'],
    ['2026-01-31', '2026-03-31', 2, '2 months'],
  ])('born %s, on %s → %d (%s)', (birth, onDate, expected) => {
    expect(completedMonthsOfAge(birth, onDate)).toBe(expected);
  });

  it('rejects a date before birth', () => {
    expect(() => completedMonthsOfAge('2026-03-15', '2026-03-14')).toThrow(RangeError);
  });
});

describe('problemFollowUpOverdue', () => {
  it.each([
    ['2026-03-15', false, 'the day of the report'],
    ['2026-03-18', false, 'day 3'],
    ['2026-03-19', true, 'day 4'],
  ])('reported 2026-03-15, no follow-up, today %s → %s (%s)', (today, expected) => {
    expect(problemFollowUpOverdue('2026-03-15', null, today)).toBe(expected);
  });

  it('is not overdue once followed up, even late', () => {
    expect(problemFollowUpOverdue('2026-03-15', '2026-03-25', '2026-04-01')).toBe(false);
  });
});
