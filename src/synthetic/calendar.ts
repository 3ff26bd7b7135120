import { daysBetween, type IsoDate, startOfDayIn } from '../core/time/calendar-date';

/**
 * Calendar days as whole numbers (days since 1970-01-01), so the generator adds and compares
 * integers; strings and instants are made only when a row is written, from caches, because a
 * million pregnancies write tens of millions of dates.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

// Days from 1900 to 2100 cover every birth date and event; others fall back to computing.
const FIRST_CACHED_DAY = -25567; // 1900-01-01
const CACHED_DAYS = 73414; // to 2100-12-31
const isoByDay: (IsoDate | undefined)[] = new Array<IsoDate | undefined>(CACHED_DAYS);

export function dayOf(date: IsoDate): Day {
  return daysBetween('1970-01-01', date);
}

export function isoOf(day: Day): IsoDate {
  const slot = day - FIRST_CACHED_DAY;
  let iso = isoByDay[slot];
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (slot >= 0 && slot < CACHED_DAYS) isoByDay[slot] = iso;
  }
  return iso;
}

const HOURS_MINUTES = Array.from(
  { length: 1440 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
);

/** An instant as MariaDB DATETIME(3) text in UTC, the way the app stores instants. */
export function formatInstant(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  const inDay = ms - day * MS_PER_DAY;
  const minute = Math.floor(inDay / MS_PER_MINUTE);
  const rest = inDay - minute * MS_PER_MINUTE;
  const seconds = String(Math.floor(rest / 1000)).padStart(2, '0');
  const millis = String(rest % 1000).padStart(3, '0');
  return `${isoOf(day)} ${HOURS_MINUTES[minute]}:${seconds}.${millis}`;
}

/** The hospital's day boundaries: the instant each local day starts, cached per day. */
export class HospitalDays {
  private readonly starts = new Map<Day, number>();

  constructor(private readonly timeZone: string) {}

  startOf(day: Day): number {
    let start = this.starts.get(day);
    if (start === undefined) {
      start = startOfDayIn(isoOf(day), this.timeZone).getTime();
      this.starts.set(day, start);
    }
    return start;
  }

  /** The instant `minutes` after local midnight of `day`. */
  at(day: Day, minutes: number): number {
    return this.startOf(day) + minutes * MS_PER_MINUTE;
  }

  /** The local calendar day of an instant. */
  dayOfInstant(ms: number): Day {
    let day = Math.floor(ms / MS_PER_DAY);
    while (this.startOf(day + 1) <= ms) day++;
    while (this.startOf(day) > ms) day--;
    return day;
  }
}

export const MINUTE_MS = MS_PER_MINUTE;
export const HOUR_MS = 60 * MS_PER_MINUTE;
