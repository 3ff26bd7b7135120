import {
  autoCloseReason,
  CASE_AUTO_CLOSE_DAYS,
  caseAutoCloseDue,
  caseAutoClosesOn,
} from './case-closure';

describe('high-risk case auto-closure', () => {
  it('is 56 days after the end of pregnancy', () => {
    expect(CASE_AUTO_CLOSE_DAYS).toBe(56);
    expect(caseAutoClosesOn('2026-01-01')).toBe('2026-02-26');
  });

  it.each([
    ['no end of pregnancy yet', null, '2026-12-31', false],
    ['day 0', '2026-01-01', '2026-01-01', false],
    ['day 42', '2026-01-01', '2026-02-12', false],
    ['day 55', '2026-01-01', '2026-02-25', false],
    ['day 56', '2026-01-01', '2026-02-26', true],
    ['day 57', '2026-01-01', '2026-02-27', true],
    ['day 55 across a leap day', '2028-01-10', '2028-03-05', false],
    ['day 56 across a leap day', '2028-01-10', '2028-03-06', true],
  ])('%s', (_label, outcomeDate, today, due) => {
    expect(caseAutoCloseDue(outcomeDate, today)).toBe(due);
  });

  it('says why and from when', () => {
    expect(autoCloseReason('2026-01-01')).toBe(
      'closed automatically 56 days after the end of pregnancy (2026-01-01) without a 42-day check',
    );
  });
});
