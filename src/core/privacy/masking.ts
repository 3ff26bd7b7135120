const MASK = '*';

function keepEnds(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return MASK.repeat(value.length);
  return value.slice(0, head) + MASK.repeat(value.length - head - tail) + value.slice(-tail);
}

/** `110105********002X`: region code and the last four characters stay visible. */
export function maskDocumentNumber(value: string): string {
  return value.length >= 12 ? keepEnds(value, 6, 4) : keepEnds(value, 1, 2);
}

/** `138****1234` for mobile numbers; other numbers keep the first three and last four digits. */
export function maskPhone(value: string): string {
  return keepEnds(value, 3, 4);
}

/** How list DTOs describe the phone they show. */
export const PHONE_ON_LISTS =
  'Masked, as on every list; GET /women/{womanId}/contact reveals it to call her (audited)';
