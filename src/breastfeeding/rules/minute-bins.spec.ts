import {
  distributionOf,
  FIRST_BREASTFEED_BINNING,
  SKIN_TO_SKIN_START_BINNING,
  type MinuteDistribution,
} from './minute-bins';

/** The bin a single time lands in, by its edges, and whether it is inside the limit. */
function binOf(distribution: MinuteDistribution) {
  const bin = distribution.bins.find((b) => b.count === 1)!;
  return { from: bin.from, to: bin.to, within: bin.within, withinCount: distribution.within };
}

describe('first breastfeed (whole minutes, the limit 60 counts)', () => {
  it.each([
    [0, { from: 0, to: 10, within: true, withinCount: 1 }],
    [10, { from: 0, to: 10, within: true, withinCount: 1 }],
    [11, { from: 10, to: 20, within: true, withinCount: 1 }],
    [59, { from: 50, to: 60, within: true, withinCount: 1 }],
    [60, { from: 50, to: 60, within: true, withinCount: 1 }],
    [61, { from: 60, to: 70, within: false, withinCount: 0 }],
    [180, { from: 170, to: 180, within: false, withinCount: 0 }],
    [181, { from: 180, to: null, within: false, withinCount: 0 }],
    [2000, { from: 180, to: null, within: false, withinCount: 0 }],
  ])('%p minutes', (minutes, expected) => {
    expect(binOf(distributionOf([minutes], FIRST_BREASTFEED_BINNING))).toEqual(expected);
  });
});

describe('skin-to-skin start (seconds ÷ 60, 5:00 counts and 5:01 does not)', () => {
  it.each([
    [0, { from: 0, to: 1, within: true, withinCount: 1 }],
    [60, { from: 0, to: 1, within: true, withinCount: 1 }],
    [61, { from: 1, to: 2, within: true, withinCount: 1 }],
    [299, { from: 4, to: 5, within: true, withinCount: 1 }],
    [300, { from: 4, to: 5, within: true, withinCount: 1 }],
    [301, { from: 5, to: 6, within: false, withinCount: 0 }],
    [1800, { from: 29, to: 30, within: false, withinCount: 0 }],
    [1801, { from: 30, to: null, within: false, withinCount: 0 }],
  ])('%p seconds', (seconds, expected) => {
    expect(binOf(distributionOf([seconds / 60], SKIN_TO_SKIN_START_BINNING))).toEqual(expected);
  });
});

describe('distributionOf', () => {
  it('counts blanks apart, never as inside the limit', () => {
    const d = distributionOf([null, 30, null, 75], FIRST_BREASTFEED_BINNING);
    expect([d.recorded, d.within, d.notRecorded]).toEqual([2, 1, 2]);
    expect(d.bins.reduce((sum, b) => sum + b.count, 0)).toBe(2);
  });

  it('puts a time recorded before birth in the first bin', () => {
    expect(binOf(distributionOf([-1], FIRST_BREASTFEED_BINNING)).from).toBe(0);
  });

  it('has edges on the limit: the bins inside end exactly at it', () => {
    const inside = distributionOf([], FIRST_BREASTFEED_BINNING).bins.filter((b) => b.within);
    expect(inside.at(-1)!.to).toBe(60);
    expect(
      distributionOf([], SKIN_TO_SKIN_START_BINNING).bins.filter((b) => b.within),
    ).toHaveLength(5);
  });

  it('refuses a limit between edges', () => {
    expect(() =>
      distributionOf([], { limitMinutes: 5, widthMinutes: 10, lastEdgeMinutes: 60 }),
    ).toThrow(RangeError);
  });
});
