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
