import {
  checkBirthDoseTime,
  HEPB_BIRTH_DOSE_WITHIN_MINUTES,
  hepBBirthDoseDue,
  hepBBirthDoseWindowMinutes,
  hepBBirthDoseWithinDay,
} from './birth-doses';

const bornAt = new Date('2026-03-15T02:00:00.000Z');
const after = (hours: number, minutes = 0, seconds = 0) =>
  new Date(bornAt.getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000);

describe('hepatitis B birth dose', () => {
  it('is owed within 24 h, within 12 h when the mother is HBsAg-positive', () => {
    expect(HEPB_BIRTH_DOSE_WITHIN_MINUTES).toBe(24 * 60);
    expect(hepBBirthDoseWindowMinutes(false)).toBe(24 * 60);
    expect(hepBBirthDoseWindowMinutes(true)).toBe(12 * 60);
  });

  it.each([
    [after(0), true, 'at birth'],
    [after(23, 59), true, '23 h 59 min'],
    [after(24, 0, 59), true, '24 h 00 min 59 s: 1440 whole minutes'],
    [after(24, 1), false, '24 h 01 min'],
  ])('given at %s → within 24 h: %s (%s)', (givenAt, within) => {
    expect(hepBBirthDoseWithinDay(bornAt, givenAt)).toBe(within);
  });

  it('refuses a dose before birth', () => {
    expect(() => hepBBirthDoseWithinDay(bornAt, after(0, -1))).toThrow(RangeError);
  });

  describe('still due', () => {
    it.each([
      [false, after(23, 59), 1, 'due'],
      [false, after(24, 0), 0, 'due'],
      [false, after(24, 1), -1, 'overdue'],
      [true, after(11, 59), 1, 'due'],
      [true, after(12, 0), 0, 'due'],
      [true, after(12, 1), -1, 'overdue'],
    ] as const)('mother positive %s, now %s → %d min left, %s', (positive, now, left, state) => {
      expect(hepBBirthDoseDue(bornAt, positive, now)).toEqual({
        deadline: after(positive ? 12 : 24),
        minutesLeft: left,
        state,
      });
    });
  });
});

describe('checkBirthDoseTime', () => {
  const now = after(48);
  const rules = (givenAt: Date, diedAt: Date | null = null) =>
    checkBirthDoseTime(givenAt, { bornAt, diedAt }, now).map((p) => p.rule);

  it.each([
    [after(0, -1), ['afterBirth'], 'a minute before birth'],
    [after(0), [], 'at birth'],
    [now, [], 'now'],
    [after(48, 1), ['notFuture'], 'a minute in the future'],
  ])('given at %s → %j (%s)', (givenAt, expected) => {
    expect(rules(givenAt)).toEqual(expected);
  });

  it('refuses a dose after the death', () => {
    expect(rules(after(3), after(2))).toEqual(['beforeDeath']);
    expect(rules(after(2), after(2))).toEqual([]);
  });
});
