import { parseOffsetInstant, wholeMinutesBetween } from './instants';

describe('wholeMinutesBetween', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ['2026-11-22T00:00:00Z', '2026-11-22T00:00:59Z', 0],
    ['2026-11-22T00:00:00Z', '2026-11-22T00:01:00Z', 1],
    ['2026-11-22T00:00:00Z', '2026-11-22T12:00:59Z', 720],
    ['2026-11-22T00:01:00Z', '2026-11-22T00:00:00Z', -1],
    ['2026-11-22T00:00:30Z', '2026-11-22T00:00:00Z', -1],
  ])('%s → %s: %i', (from, to, minutes) => {
    expect(wholeMinutesBetween(at(from), at(to))).toBe(minutes);
  });

  it('refuses an invalid date', () => {
    expect(() => wholeMinutesBetween(new Date('nope'), new Date())).toThrow(RangeError);
  });
});

describe('parseOffsetInstant', () => {
  it.each([
    ['2026-09-30T20:00:00+08:00', '2026-09-30T12:00:00.000Z'],
    ['2026-09-30T20:00:00Z', '2026-09-30T20:00:00.000Z'],
    ['2026-09-30t20:00:00z', '2026-09-30T20:00:00.000Z'],
    ['2026-09-30T20:00:00-05:30', '2026-10-01T01:30:00.000Z'],
    ['2026-09-30T20:00:00+00:00', '2026-09-30T20:00:00.000Z'],
    ['2026-09-30T20:00:00-00:00', '2026-09-30T20:00:00.000Z'],
    ['2026-09-30T20:00+08:00', '2026-09-30T12:00:00.000Z'],
    ['2026-09-30T20:00:00.5+08:00', '2026-09-30T12:00:00.500Z'],
    ['2026-09-30T20:00:00.123Z', '2026-09-30T20:00:00.123Z'],
    ['2026-09-30T20:00:00.123456789Z', '2026-09-30T20:00:00.123Z'],
    ['2026-01-01T07:59:59.999+08:00', '2025-12-31T23:59:59.999Z'],
    ['2026-01-01T08:00:00+08:00', '2026-01-01T00:00:00.000Z'],
    ['2028-02-29T00:00:00+08:00', '2028-02-28T16:00:00.000Z'],
    ['2026-09-30T23:59:59+23:59', '2026-09-30T00:00:59.000Z'],
  ])('%s is %s', (text, utc) => {
    expect(parseOffsetInstant(text)?.toISOString()).toBe(utc);
  });

  it.each([
    ['naive', '2026-09-30T20:00:00'],
    ['naive with a fraction', '2026-09-30T20:00:00.000'],
    ['naive without seconds', '2026-09-30T20:00'],
    ['a plain date', '2026-09-30'],
    ['an offset of 24 hours', '2026-09-30T20:00:00+24:00'],
    ['an offset of 60 minutes', '2026-09-30T20:00:00+08:60'],
    ['an offset without a colon', '2026-09-30T20:00:00+0800'],
    ['an offset in hours only', '2026-09-30T20:00:00+08'],
    ['a space for T', '2026-09-30 20:00:00+08:00'],
    ['a space for + (an unencoded query string)', '2026-09-30T20:00:00 08:00'],
    ['hour 24', '2026-09-30T24:00:00Z'],
    ['minute 60', '2026-09-30T20:60:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['no such day', '2026-02-29T20:00:00+08:00'],
    ['month 13', '2026-13-01T20:00:00+08:00'],
    ['a fraction without seconds', '2026-09-30T20:00.5Z'],
    ['an empty fraction', '2026-09-30T20:00:00.Z'],
    ['a zone name', '2026-09-30T20:00:00 Asia/Shanghai'],
    ['milliseconds since 1970', '1790000000000'],
    ['empty', ''],
  ])('refuses %s: %s', (_why, text) => {
    expect(parseOffsetInstant(text)).toBeNull();
  });
});
