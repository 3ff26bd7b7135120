/**
 * Reporting an ORANGE or RED grading to the district MCH institute (妇幼保健机构): ORANGE within
 * 3 days, RED within 24 hours of the grading (DOMAIN.md §4). Deadlines are instants, not dates.
 */
export const REPORT_WINDOW_HOURS: Readonly<Record<'orange' | 'red', number>> = {
  orange: 72,
  red: 24,
};

export type ReportState = 'due' | 'late' | 'reported_on_time' | 'reported_late';

const MS_PER_HOUR = 3_600_000;

export function reportDueAt(colour: 'orange' | 'red', gradedAt: Date): Date {
  requireValid('gradedAt', gradedAt);
  return new Date(gradedAt.getTime() + REPORT_WINDOW_HOURS[colour] * MS_PER_HOUR);
}

/** The deadline itself still counts as on time, both for a report and for "not yet late". */
export function reportState(dueAt: Date, reportedAt: Date | null, now: Date): ReportState {
  requireValid('dueAt', dueAt);
  if (reportedAt !== null) {
    requireValid('reportedAt', reportedAt);
    return reportedAt.getTime() <= dueAt.getTime() ? 'reported_on_time' : 'reported_late';
  }
  requireValid('now', now);
  return now.getTime() <= dueAt.getTime() ? 'due' : 'late';
}

function requireValid(what: string, date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError(`${what} is not a valid date`);
}
