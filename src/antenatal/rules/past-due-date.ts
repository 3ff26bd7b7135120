import { addDays, daysBetween, type IsoDate } from '../../core/time/calendar-date';

/**
 * Women past their due date with no outcome: an open pregnancy (no delivery, no ending recorded)
 * whose EDD is 14 days or more behind today, i.e. 42+0 weeks, post-term by DOMAIN.md §2.
 */
export const PAST_DUE_DATE_AFTER_DAYS = 14;

export function daysPastDueDate(edd: IsoDate, today: IsoDate): number {
  return daysBetween(edd, today);
}

export function isPastDueDateWithoutOutcome(edd: IsoDate, today: IsoDate): boolean {
  return daysPastDueDate(edd, today) >= PAST_DUE_DATE_AFTER_DAYS;
}

/** The latest EDD on the list today: the list is an index range `edd <= this`. */
export function latestListedEdd(today: IsoDate): IsoDate {
  return addDays(today, -PAST_DUE_DATE_AFTER_DAYS);
}
