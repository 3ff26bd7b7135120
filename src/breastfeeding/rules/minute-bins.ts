import {
  EARLY_INITIATION_MINUTES,
  EARLY_SKIN_TO_SKIN_START_MINUTES,
} from '../../delivery/rules/feeding-flags';

/**
 * A histogram bin of minutes after birth: more than `from`, at most `to` (the first bin takes 0
 * too); the last bin has no `to` and holds everything later. `within` says whether the bin lies
 * on the indicator's side of its limit.
 */
export interface MinuteBin {
  from: number;
  to: number | null;
  count: number;
  within: boolean;
}

export interface MinuteDistribution {
  /** The indicator's limit in minutes: the bins' edge the chart marks. */
  limitMinutes: number;
  bins: MinuteBin[];
  /** Babies counted with a time: `within` of them inside the limit. */
  recorded: number;
  within: number;
  /** Babies of the population with no time recorded (a blank is never a success). */
  notRecorded: number;
}

interface Binning {
  limitMinutes: number;
  widthMinutes: number;
  /** Bins of `widthMinutes` up to this many minutes; then one bin for anything later. */
  lastEdgeMinutes: number;
}

/**
 * BF-02 reads whole minutes, floored (60 min 59 s is 60 and counts): 10-minute bins with an
 * edge at 60, so the bin (50, 60] is the last inside the limit.
 */
export const FIRST_BREASTFEED_BINNING: Binning = {
  limitMinutes: EARLY_INITIATION_MINUTES,
  widthMinutes: 10,
  lastEdgeMinutes: 180,
};

/**
 * BF-01's start counts to the second (5:00 counts, 5:01 does not): 1-minute bins of seconds, so
 * 5:00 falls in (4, 5] and 5:01 in (5, 6].
 */
export const SKIN_TO_SKIN_START_BINNING: Binning = {
  limitMinutes: EARLY_SKIN_TO_SKIN_START_MINUTES,
  widthMinutes: 1,
  lastEdgeMinutes: 30,
};

/**
 * The distribution of times after birth, in minutes (fractions allowed: seconds ÷ 60), null
 * where none was recorded. A time at or before birth falls in the first bin.
 */
export function distributionOf(times: readonly (number | null)[], b: Binning): MinuteDistribution {
  if (b.limitMinutes % b.widthMinutes !== 0 || b.lastEdgeMinutes % b.widthMinutes !== 0) {
    throw new RangeError('The limit and the last edge must fall on bin edges');
  }
  const edges = b.lastEdgeMinutes / b.widthMinutes;
  const bins: MinuteBin[] = [];
  for (let i = 0; i <= edges; i++) {
    const from = i * b.widthMinutes;
    bins.push({
      from,
      to: i < edges ? from + b.widthMinutes : null,
      count: 0,
      within: i < edges && from + b.widthMinutes <= b.limitMinutes,
    });
  }
  let notRecorded = 0;
  for (const minutes of times) {
    if (minutes === null) {
      notRecorded += 1;
      continue;
    }
    const index = Math.max(0, Math.ceil(minutes / b.widthMinutes) - 1);
    bins[Math.min(index, edges)].count += 1;
  }
  const recorded = times.length - notRecorded;
  const within = bins.filter((bin) => bin.within).reduce((sum, bin) => sum + bin.count, 0);
  return { limitMinutes: b.limitMinutes, bins, recorded, within, notRecorded };
}
