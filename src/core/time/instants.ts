import { isIsoDate } from './calendar-date';

const MS_PER_MINUTE = 60_000;

export function requireValidInstant(what: string, instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${what} is not a valid date-time`);
}

/**
 * Whole minutes from `from` to `to`, floored (negative when `to` is earlier): the clock the
 * hour-based windows of care are measured on (HBIG within 12 h, first feed within 60 min).
 */
export function wholeMinutesBetween(from: Date, to: Date): number {
  requireValidInstant('from', from);
  requireValidInstant('to', to);
  return Math.floor((to.getTime() - from.getTime()) / MS_PER_MINUTE);
}

// ISO 8601 extended date-time with its UTC offset: 2026-09-30T20:00:00+08:00, …Z, seconds and a
// fraction optional. RFC 3339 lets T and Z be written lower case; we take them.
const OFFSET_INSTANT =
  /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant a date-time names, or null when it is not one: a time without `Z` or `±hh:mm` is
 * refused, since the server's zone would then decide its day (in a UTC container a birth at
 * 2026-09-30T20:00 local would fall on 1 October).
 */
export function parseOffsetInstant(text: string): Date | null {
  const match = OFFSET_INSTANT.exec(text);
  if (!match) return null;
  const [, date, hh, mm, ss = '00', fraction = '', zulu, sign, offsetHh, offsetMm] = match;
  if (!isIsoDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  if (!zulu && (Number(offsetHh) > 23 || Number(offsetMm) > 59)) return null;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const utc = Date.parse(`${date}T${hh}:${mm}:${ss}.${millis}Z`);
  const offsetMinutes = zulu
    ? 0
    : (sign === '-' ? -1 : 1) * (Number(offsetHh) * 60 + Number(offsetMm));
  return new Date(utc - offsetMinutes * MS_PER_MINUTE);
}
