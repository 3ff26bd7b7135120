import { todayIn, utcOffsetOf } from '../../../src/core/time/calendar-date';

/** The hospital's zone: its days, the times shown and the times typed at the desk. */
export const HOSPITAL_TIME_ZONE = 'Asia/Shanghai';

export const hospitalToday = (): string => todayIn(HOSPITAL_TIME_ZONE);

/** The hospital's calendar day of an instant (a birth, a session). */
export const hospitalDateOf = (instant: string): string =>
  todayIn(HOSPITAL_TIME_ZONE, new Date(instant));

export const formatDateTime = (instant: string): string =>
  new Date(instant).toLocaleString('zh-CN', { timeZone: HOSPITAL_TIME_ZONE });

export const formatTimeOfDay = (instant: string): string =>
  new Date(instant).toLocaleTimeString('zh-CN', { timeZone: HOSPITAL_TIME_ZONE });

/** Now as a `datetime-local` input shows it, in hospital time: `2026-12-04T09:30`. */
export function localNow(now = new Date()): string {
  return now
    .toLocaleString('sv-SE', { timeZone: HOSPITAL_TIME_ZONE, hour12: false })
    .slice(0, 16)
    .replace(' ', 'T');
}

/** A date-time typed in a `datetime-local` input, as an instant in hospital time. */
export function localToInstant(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}${utcOffsetOf(HOSPITAL_TIME_ZONE, new Date(`${withSeconds}Z`))}`;
}
