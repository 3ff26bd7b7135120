import { addDays, type IsoDate, startOfDayIn, todayIn } from '../../core/time/calendar-date';
import type { ErrorDetail } from '../../core/errors/domain.error';

export interface GradingTimeInput {
  /** When the clinician graded, as she enters it with the grading. */
  assessedAt?: Date;
  /** The day of the grading, for a caller that knows only the day. */
  assessedOn?: IsoDate;
}

export type GradingTime =
  | { assessedAt: Date; assessedOn: IsoDate; problems: [] }
  | { assessedAt: null; assessedOn: null; problems: ErrorDetail[] };

/**
 * The grading's time is when the clinician graded, not when it was typed in: the report deadline
 * runs from it (DOMAIN.md §4). Default now; never in the future. A day without a time, for a day
 * before today, is taken at its last instant, so a grading written up the next morning is never
 * late by construction; entering the time gives the exact deadline.
 */
export function gradingTime(input: GradingTimeInput, now: Date, timeZone: string): GradingTime {
  const today = todayIn(timeZone, now);
  const problems: ErrorDetail[] = [];
  if (input.assessedAt !== undefined) {
    const day = todayIn(timeZone, input.assessedAt);
    if (input.assessedAt.getTime() > now.getTime()) {
      problems.push({
        field: 'assessedAt',
        rule: 'notFuture',
        message: 'assessedAt must not be in the future',
      });
    }
    if (input.assessedOn !== undefined && input.assessedOn !== day) {
      problems.push({
        field: 'assessedOn',
        rule: 'matchesAssessedAt',
        message: `assessedOn must be the day of assessedAt (${day})`,
      });
    }
    return problems.length > 0
      ? { assessedAt: null, assessedOn: null, problems }
      : { assessedAt: input.assessedAt, assessedOn: day, problems: [] };
  }
  const day = input.assessedOn ?? today;
  if (day > today) {
    return {
      assessedAt: null,
      assessedOn: null,
      problems: [
        { field: 'assessedOn', rule: 'notFuture', message: 'assessedOn must not be after today' },
      ],
    };
  }
  const assessedAt =
    day === today ? now : new Date(startOfDayIn(addDays(day, 1), timeZone).getTime() - 1);
  return { assessedAt, assessedOn: day, problems: [] };
}
