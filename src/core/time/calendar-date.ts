/** A calendar date as 'YYYY-MM-DD'. Arithmetic is done on whole UTC days, never in local time. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  return fromUtcMs(toUtcMs(date) + days * MS_PER_DAY);
}

/**
 * The same day `months` calendar months later (earlier when negative); the month's last day when
 * it is shorter (31 January + 1 month is 28 or 29 February).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  if (!Number.isInteger(months)) throw new RangeError(`Months must be a whole number: ${months}`);
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `to` minus `from`, in days: negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return (toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY;
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(daysBetween(b, a));
}

/** The calendar date at `now` in an IANA time zone, e.g. 'Asia/Shanghai'. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const parts = dayFormatter(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// Building an Intl formatter is costly and the hospital has one zone: keep one per zone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The instant a calendar day begins in a time zone (00:00 local). */
export function startOfDayIn(date: IsoDate, timeZone: string): Date {
  const midnightUtc = toUtcMs(date);
  // Shift by the zone's offset, then once more in case the offset differs at the shifted instant.
  let instant = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  instant = midnightUtc - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

/** An instant as the wall clock in a time zone shows it, to the minute: '2026-12-04 09:30'. */
export function wallClockIn(timeZone: string, instant: Date): string {
  const local = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

/** The zone's offset from UTC at an instant, as MySQL's CONVERT_TZ takes it: '+08:00'. */
export function utcOffsetOf(timeZone: string, instant: Date): string {
  const minutes = Math.round(zoneOffsetMs(instant.getTime(), timeZone) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return local - Math.floor(instant / 1000) * 1000;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// The same few hundred dates (due dates, visit days) are converted over and over, a grading
// once per visit of the pregnancy: each is parsed once.
const utcMsOfDate = new Map<IsoDate, number>();
const UTC_MS_KEPT = 4096;

function toUtcMs(date: IsoDate): number {
  const known = utcMsOfDate.get(date);
  if (known !== undefined) return known;
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = date.split('-').map(Number);
  // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999.
  const ms = new Date(0).setUTCFullYear(year, month - 1, day);
  if (utcMsOfDate.size >= UTC_MS_KEPT) utcMsOfDate.clear();
  utcMsOfDate.set(date, ms);
  return ms;
}

function fromUtcMs(ms: number): IsoDate {
  const date = new Date(ms);
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}
