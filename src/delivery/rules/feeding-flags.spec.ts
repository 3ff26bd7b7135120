import {
  breastfeedingAtDischarge,
  DISCHARGE_FEEDING,
  EARLY_INITIATION_MINUTES,
  EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES,
  EARLY_SKIN_TO_SKIN_START_MINUTES,
  earlyInitiation,
  earlySkinToSkin,
  exclusiveDuringStay,
  type FlagResult,
  firstFeedOverdue,
  type Interval,
  ROOMING_IN_MAX_SEPARATION_MINUTES,
  roomingIn,
  type Separation,
  type Supplement,
} from './feeding-flags';

// Born at 23:50 Beijing time, so the first hour crosses midnight.
const BORN_AT = new Date('2026-03-15T15:50:00Z');
const at = (minutes: number, seconds = 0, bornAt: Date = BORN_AT): Date =>
  new Date(bornAt.getTime() + (minutes * 60 + seconds) * 1000);
const contact = (startMinutes: number, lastingMinutes: number, startSeconds = 0): Interval => ({
  start: at(startMinutes, startSeconds),
  end: at(startMinutes + lastingMinutes, startSeconds),
});
const MET: FlagResult = { met: true, reason: null };
const LATE = at(24 * 60); // "now" a day after birth, well past every window

describe('constants', () => {
  it('are 5, 60, 60 and 60 minutes', () => {
    expect(EARLY_SKIN_TO_SKIN_START_MINUTES).toBe(5);
    expect(EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES).toBe(60);
    expect(EARLY_INITIATION_MINUTES).toBe(60);
    expect(ROOMING_IN_MAX_SEPARATION_MINUTES).toBe(60);
  });
});

describe('earlySkinToSkin', () => {
  // The start is counted to the second: 5:00 is early, 5:01 is not.
  it.each([
    [0, 0, true, 'at birth'],
    [4, 59, true, '4:59'],
    [5, 0, true, '5:00'],
    [5, 1, false, '5:01'],
    [6, 0, false, '6:00'],
  ])('starting %d min %d s after birth, 60 min long → met %s (%s)', (min, sec, met) => {
    expect(earlySkinToSkin(BORN_AT, [contact(min, 60, sec)], LATE).met).toBe(met);
  });

  it('names the start when too late', () => {
    expect(earlySkinToSkin(BORN_AT, [contact(7, 90)], LATE)).toEqual({
      met: false,
      reason: 'skin-to-skin started 7:00 after birth',
    });
  });

  it.each([
    [59, 0, false],
    [59, 59, false], // 59 min 59 s is 59 whole minutes
    [60, 0, true],
    [180, 0, true],
  ])('lasting %d min %d s → met %s', (minutes, seconds, met) => {
    const interval = { start: at(2), end: at(2 + minutes, seconds) };
    expect(earlySkinToSkin(BORN_AT, [interval], LATE).met).toBe(met);
  });

  it('says how long it lasted when too short', () => {
    expect(earlySkinToSkin(BORN_AT, [contact(2, 59)], LATE)).toEqual({
      met: false,
      reason: 'skin-to-skin lasted 59 min without interruption (needs 60)',
    });
  });

  it('does not add up an interrupted contact: two of 40 min each', () => {
    const contacts = [contact(2, 40), contact(50, 40)];
    expect(earlySkinToSkin(BORN_AT, contacts, LATE)).toEqual({
      met: false,
      reason: 'skin-to-skin lasted 40 min without interruption (needs 60)',
    });
  });

  it('is met by any one contact that qualifies, in any order', () => {
    expect(earlySkinToSkin(BORN_AT, [contact(90, 30), contact(4, 75)], LATE)).toEqual(MET);
  });

  it('runs an open contact to now', () => {
    const open = [{ start: at(3), end: null }];
    expect(earlySkinToSkin(BORN_AT, open, at(62))).toEqual({
      met: false,
      reason: 'skin-to-skin lasted 59 min without interruption so far (needs 60)',
    });
    expect(earlySkinToSkin(BORN_AT, open, at(63))).toEqual(MET);
  });

  it('is not met without any contact', () => {
    expect(earlySkinToSkin(BORN_AT, [], LATE)).toEqual({
      met: false,
      reason: 'no skin-to-skin recorded',
    });
  });

  it('rejects a contact that ends before it starts, or starts before birth', () => {
    expect(() => earlySkinToSkin(BORN_AT, [{ start: at(10), end: at(9) }], LATE)).toThrow(
      RangeError,
    );
    expect(() => earlySkinToSkin(BORN_AT, [contact(0, 60, -1)], LATE)).toThrow(RangeError);
    expect(() => earlySkinToSkin(BORN_AT, [{ start: at(10), end: null }], at(9))).toThrow(
      RangeError,
    );
  });
});

describe('earlyInitiation', () => {
  it.each([
    [0, 0, true],
    [60, 0, true],
    [60, 59, true], // floored to 60 min
    [61, 0, false],
  ])('first breastfeed %d min %d s after birth → met %s', (minutes, seconds, met) => {
    expect(earlyInitiation(BORN_AT, at(minutes, seconds)).met).toBe(met);
  });

  it('names the delay', () => {
    expect(earlyInitiation(BORN_AT, at(61))).toEqual({
      met: false,
      reason: 'first breastfeed 61 min after birth',
    });
  });

  it('is not met when no first breastfeed is recorded', () => {
    expect(earlyInitiation(BORN_AT, null)).toEqual({
      met: false,
      reason: 'no first breastfeed recorded',
    });
  });

  it('rejects a first breastfeed before birth', () => {
    expect(() => earlyInitiation(BORN_AT, at(0, -1))).toThrow(RangeError);
  });
});

describe('roomingIn', () => {
  const DISCHARGE = at(3 * 24 * 60);
  const separation = (startMinutes: number, minutes: number, medical = false): Separation => ({
    start: at(startMinutes),
    end: at(startMinutes + minutes),
    medical,
  });

  it.each([
    [60, true],
    [61, false],
  ])('a separation of %d min → met %s', (minutes, met) => {
    expect(roomingIn([separation(120, minutes)], DISCHARGE, DISCHARGE).met).toBe(met);
  });

  it('is met with no separation', () => {
    expect(roomingIn([], DISCHARGE, DISCHARGE)).toEqual(MET);
  });

  it('names the longest separation and whether it was medical', () => {
    const separations = [separation(120, 61), separation(600, 240, true)];
    expect(roomingIn(separations, DISCHARGE, DISCHARGE)).toEqual({
      met: false,
      reason: 'separated from mother for 240 min (medical)',
    });
  });

  it('fails on a medical separation too; drop those to report the other way (DOMAIN §9)', () => {
    const separations = [separation(120, 30), separation(600, 240, true)];
    expect(roomingIn(separations, DISCHARGE, DISCHARGE).met).toBe(false);
    expect(
      roomingIn(
        separations.filter((s) => !s.medical),
        DISCHARGE,
        DISCHARGE,
      ),
    ).toEqual(MET);
  });

  it('measures an open separation to discharge, not to now', () => {
    const open: Separation = { start: at(3 * 24 * 60 - 61), end: null, medical: false };
    expect(roomingIn([open], DISCHARGE, at(10 * 24 * 60))).toEqual({
      met: false,
      reason: 'separated from mother for 61 min (non-medical)',
    });
    const shorter: Separation = { ...open, start: at(3 * 24 * 60 - 60) };
    expect(roomingIn([shorter], DISCHARGE, at(10 * 24 * 60))).toEqual(MET);
  });

  it('measures an open separation to now while still in hospital', () => {
    const open: Separation = { start: at(120), end: null, medical: false };
    expect(roomingIn([open], null, at(180)).met).toBe(true);
    expect(roomingIn([open], null, at(181)).met).toBe(false);
  });

  it('counts only the part of a separation before discharge', () => {
    const overlapping = separation(3 * 24 * 60 - 30, 120);
    const afterDischarge = separation(3 * 24 * 60 + 10, 600);
    expect(roomingIn([overlapping, afterDischarge], DISCHARGE, LATE)).toEqual(MET);
  });

  it('rejects a separation that ends before it starts', () => {
    const backwards: Separation = { start: at(120), end: at(119), medical: false };
    expect(() => roomingIn([backwards], DISCHARGE, DISCHARGE)).toThrow(RangeError);
  });
});

describe('exclusiveDuringStay', () => {
  const DISCHARGE = at(2 * 24 * 60);
  const formula = (minutes: number, medicalReason: string | null): Supplement => ({
    at: at(minutes),
    what: 'formula',
    medicalReason,
  });

  it('is met both ways with no supplement', () => {
    expect(exclusiveDuringStay([], BORN_AT, DISCHARGE)).toEqual({
      strict: MET,
      exceptMedical: MET,
    });
  });

  it('fails both ways on a supplement without a medical reason', () => {
    const reason = 'given formula 300 min after birth (no medical reason)';
    expect(exclusiveDuringStay([formula(300, null)], BORN_AT, DISCHARGE)).toEqual({
      strict: { met: false, reason },
      exceptMedical: { met: false, reason },
    });
  });

  it('fails only strictly on a supplement with a medical reason', () => {
    const supplements = [formula(300, 'hypoglycaemia')];
    expect(exclusiveDuringStay(supplements, BORN_AT, DISCHARGE)).toEqual({
      strict: {
        met: false,
        reason: 'given formula 300 min after birth (medical reason: hypoglycaemia)',
      },
      exceptMedical: MET,
    });
  });

  it('treats a blank medical reason as none', () => {
    const result = exclusiveDuringStay([formula(300, '  ')], BORN_AT, DISCHARGE);
    expect(result.exceptMedical.met).toBe(false);
  });

  it('names the first supplement and counts the others', () => {
    const supplements = [formula(900, null), formula(300, 'hypoglycaemia'), formula(600, null)];
    expect(exclusiveDuringStay(supplements, BORN_AT, DISCHARGE)).toEqual({
      strict: {
        met: false,
        reason: 'given formula 300 min after birth (medical reason: hypoglycaemia) and 2 more',
      },
      exceptMedical: {
        met: false,
        reason: 'given formula 600 min after birth (no medical reason) and 1 more',
      },
    });
  });

  it('ignores supplements after discharge, counts one at discharge', () => {
    const afterDischarge = formula(2 * 24 * 60 + 1, null);
    expect(exclusiveDuringStay([afterDischarge], BORN_AT, DISCHARGE).strict).toEqual(MET);
    const atDischarge = formula(2 * 24 * 60, null);
    expect(exclusiveDuringStay([atDischarge], BORN_AT, DISCHARGE).strict.met).toBe(false);
  });

  it('counts every supplement while not yet discharged', () => {
    expect(exclusiveDuringStay([formula(10 * 24 * 60, null)], BORN_AT, null).strict.met).toBe(
      false,
    );
  });

  it('rejects a supplement or a discharge before birth', () => {
    expect(() => exclusiveDuringStay([formula(-1, null)], BORN_AT, DISCHARGE)).toThrow(RangeError);
    expect(() => exclusiveDuringStay([], BORN_AT, at(-1))).toThrow(RangeError);
  });

  it('fails both ways for a discharge on formula or mixed feeding, whatever was recorded', () => {
    for (const feeding of ['formula_only', 'mixed'] as const) {
      const result = exclusiveDuringStay([], BORN_AT, DISCHARGE, feeding);
      expect(result.strict).toEqual({ met: false, reason: `feeding at discharge: ${feeding}` });
      expect(result.exceptMedical.met).toBe(false);
    }
    expect(exclusiveDuringStay([], BORN_AT, DISCHARGE, 'exclusive').strict).toEqual(MET);
  });
});

describe('breastfeedingAtDischarge', () => {
  it.each([
    ['exclusive', MET],
    ['mixed', MET],
    ['formula_only', { met: false, reason: 'feeding at discharge: formula_only' }],
    ['none', { met: false, reason: 'feeding at discharge: none' }],
  ] as const)('%s → %o', (feeding, expected) => {
    expect(breastfeedingAtDischarge(feeding)).toEqual(expected);
  });

  it('covers every discharge feeding', () => {
    expect(DISCHARGE_FEEDING).toEqual(['exclusive', 'mixed', 'formula_only', 'none']);
  });

  it('is not met when not recorded', () => {
    expect(breastfeedingAtDischarge(null)).toEqual({
      met: false,
      reason: 'no feeding at discharge recorded',
    });
  });
});

describe('firstFeedOverdue', () => {
  it.each([
    [0, 0, false],
    [60, 0, false],
    [60, 59, false], // still minute 60
    [61, 0, true],
  ])('nothing recorded, %d min %d s after birth → %s', (minutes, seconds, overdue) => {
    expect(firstFeedOverdue(BORN_AT, null, at(minutes, seconds))).toBe(overdue);
  });

  it('is never overdue once a first breastfeed is recorded, however late', () => {
    expect(firstFeedOverdue(BORN_AT, at(200), LATE)).toBe(false);
  });

  it('rejects a first breastfeed before birth', () => {
    expect(() => firstFeedOverdue(BORN_AT, at(-1), LATE)).toThrow(RangeError);
  });
});

describe('twins', () => {
  // Per baby: the second twin, born 20 min later, is measured from its own birth.
  const FIRST_BORN = BORN_AT;
  const SECOND_BORN = at(20);
  const skinToSkinStart = at(24); // 24 min after the first twin, 4 min after the second

  it('evaluates each baby from its own birth time', () => {
    const sameContact: Interval[] = [{ start: skinToSkinStart, end: at(90) }];
    expect(earlySkinToSkin(FIRST_BORN, sameContact, LATE)).toEqual({
      met: false,
      reason: 'skin-to-skin started 24:00 after birth',
    });
    expect(earlySkinToSkin(SECOND_BORN, sameContact, LATE)).toEqual(MET);

    const firstFeed = at(75); // 75 min after the first twin, 55 after the second
    expect(earlyInitiation(FIRST_BORN, firstFeed).met).toBe(false);
    expect(earlyInitiation(SECOND_BORN, firstFeed).met).toBe(true);
  });
});
