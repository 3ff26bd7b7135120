import { addDays, type IsoDate } from '../../core/time/calendar-date';

/**
 * A high-risk case is followed until the 42-day postpartum check, which closes it. Without one,
 * it closes by itself 56 days after the end of pregnancy (42 days and two weeks' grace for a late
 * check), so the register never fills with women long delivered.
 */
export const CASE_AUTO_CLOSE_DAYS = 56;

/** The first day the case closes by itself. */
export function caseAutoClosesOn(outcomeDate: IsoDate): IsoDate {
  return addDays(outcomeDate, CASE_AUTO_CLOSE_DAYS);
}

export function caseAutoCloseDue(outcomeDate: IsoDate | null, today: IsoDate): boolean {
  return outcomeDate !== null && today >= caseAutoClosesOn(outcomeDate);
}

export const DAY42_CHECK_CLOSE_REASON = '42-day postpartum check';

export function autoCloseReason(outcomeDate: IsoDate): string {
  return `closed automatically ${CASE_AUTO_CLOSE_DAYS} days after the end of pregnancy (${outcomeDate}) without a 42-day check`;
}
