import { addDays } from '../../core/time/calendar-date';
import { daysPastDueDate, isPastDueDateWithoutOutcome, latestListedEdd } from './past-due-date';

const TODAY = '2026-12-02';

describe('past the due date with no outcome: 14 days or more after the EDD', () => {
  it.each([
    [-1, false],
    [0, false],
    [13, false], // 41+6
    [14, true], // 42+0
    [30, true],
  ])('%i days past the EDD → listed %s', (days, listed) => {
    const edd = addDays(TODAY, -days);
    expect(daysPastDueDate(edd, TODAY)).toBe(days);
    expect(isPastDueDateWithoutOutcome(edd, TODAY)).toBe(listed);
    // The SQL range and the rule agree on both sides of the boundary.
    expect(edd <= latestListedEdd(TODAY)).toBe(listed);
  });
});
