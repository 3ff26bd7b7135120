import { wholeMinutesBetween } from './instants';

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
