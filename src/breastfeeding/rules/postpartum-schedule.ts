import { addMonths, daysBetween, type IsoDate, isIsoDate } from '../../core/time/calendar-date';

/**
 * What is due after birth (DOMAIN.md §3, §8; §9 SM-04, BF-10). Calendar days, counted from the
 * day of the event (the discharge day itself is day 0).
 */
export const POSTPARTUM_VISIT_WITHIN_DAYS = 7; // due within 7 days of discharge
export const POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS = 28; // counted in SM-04 within 28 days
export const DAY42_CHECK_FROM_DAYS = 42; // 42 days after delivery
// Local policy, not the national text: meant to be configurable.
export const DAY42_CHECK_OVERDUE_AFTER_DAYS = 14;
export const PHONE_FOLLOW_UP_MONTHS = [4, 6] as const; // by phone at 4 and 6 months of age
// Local policy, not the national text: meant to be configurable.
export const PHONE_FOLLOW_UP_WINDOW_DAYS = 14; // ± around the month anniversary
export const PROBLEM_FOLLOW_UP_WITHIN_DAYS = 3; // a breastfeeding problem needs a follow-up

export type DueState = 'upcoming' | 'due' | 'overdue' | 'done';
export type PhoneFollowUpMonths = (typeof PHONE_FOLLOW_UP_MONTHS)[number];

/** Due from the discharge day through day 7 after it; overdue from day 8. */
export function postpartumVisitState(
  dischargeDate: IsoDate,
  visitDate: IsoDate | null,
  today: IsoDate,
): DueState {
  if (visitDate !== null) return 'done';
  return windowState(daysBetween(dischargeDate, today), 0, POSTPARTUM_VISIT_WITHIN_DAYS);
}

/** SM-04: a visit 0..28 days after discharge counts; one before discharge is not a postpartum visit. */
export function postpartumVisitCounts(dischargeDate: IsoDate, visitDate: IsoDate): boolean {
  const days = daysBetween(dischargeDate, visitDate);
  return days >= 0 && days <= POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS;
}

/** Upcoming before day 42; due from day 42 through day 42 + 14; overdue after. */
export function day42CheckState(
  deliveryDate: IsoDate,
  checkDate: IsoDate | null,
  today: IsoDate,
): DueState {
  if (checkDate !== null) return 'done';
  return windowState(
    daysBetween(deliveryDate, today),
    DAY42_CHECK_FROM_DAYS,
    DAY42_CHECK_FROM_DAYS + DAY42_CHECK_OVERDUE_AFTER_DAYS,
  );
}

/** The N-month anniversary: same day of the month, or the month's last day (Oct 31 + 4 → Feb 28/29). */
export function phoneFollowUpDate(birthDate: IsoDate, months: PhoneFollowUpMonths): IsoDate {
  return addMonths(birthDate, months);
}

/** Due within ± 14 days of the anniversary (both ends included); overdue after. */
export function phoneFollowUpState(
  birthDate: IsoDate,
  months: PhoneFollowUpMonths,
  doneOn: IsoDate | null,
  today: IsoDate,
): DueState {
  if (doneOn !== null) return 'done';
  const daysFromAnniversary = daysBetween(phoneFollowUpDate(birthDate, months), today);
  return windowState(
    daysFromAnniversary,
    -PHONE_FOLLOW_UP_WINDOW_DAYS,
    PHONE_FOLLOW_UP_WINDOW_DAYS,
  );
}

/**
 * Completed months of age; a month is completed on its anniversary (clamped like
 * phoneFollowUpDate, so a baby born on Jan 31 is 1 month old on Feb 28). BF-10 counts 0–5.
 */
export function completedMonthsOfAge(birthDate: IsoDate, onDate: IsoDate): number {
  if (daysBetween(birthDate, onDate) < 0) throw new RangeError('Age asked before birth');
  const [birthYear, birthMonth] = yearAndMonth(birthDate);
  const [year, month] = yearAndMonth(onDate);
  const months = (year - birthYear) * 12 + (month - birthMonth);
  // The anniversary falls in onDate's month: before it, that month is not completed yet.
  const anniversary = addMonths(birthDate, months);
  return daysBetween(anniversary, onDate) < 0 ? months - 1 : months;
}

/** No follow-up and more than 3 days since the report (day 3 is still in time). */
export function problemFollowUpOverdue(
  reportedOn: IsoDate,
  followedUpOn: IsoDate | null,
  today: IsoDate,
): boolean {
  if (followedUpOn !== null) return false;
  return daysBetween(reportedOn, today) > PROBLEM_FOLLOW_UP_WITHIN_DAYS;
}

// Days counted from the window's reference day; both ends of the window are included.
function windowState(day: number, from: number, to: number): DueState {
  if (day < from) return 'upcoming';
  return day <= to ? 'due' : 'overdue';
}

function yearAndMonth(date: IsoDate): [number, number] {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
}
