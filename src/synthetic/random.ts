/**
 * A seeded PRNG for the synthetic cohort: mulberry32 (Tommy Ettinger, public domain), 32 bits of
 * state, fast and good enough for sampling. The same seed gives the same sequence, so the same
 * command line gives the same rows.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`The seed must be a whole number: ${seed}`);
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Normal(mean, sd) by Box–Muller; one draw per call keeps the stream simple. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Normal, clamped to [min, max] and rounded to `decimals`. */
  measure(mean: number, sd: number, min: number, max: number, decimals = 0): number {
    const value = Math.min(max, Math.max(min, this.normal(mean, sd)));
    const scale = 10 ** decimals;
    return Math.round(value * scale) / scale;
  }
}

/**
 * A discrete distribution, prepared once: `sample` is a binary search over cumulative weights.
 * Weights need not add up to 1.
 */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new RangeError('A distribution needs at least one value');
    this.values = entries.map(([value]) => value);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new RangeError(`Weights must be ≥ 0: ${weight}`);
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new RangeError('The weights add up to 0');
    this.total = sum;
  }

  sample(random: Random): T {
    const roll = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle] > roll) high = middle;
      else low = middle + 1;
    }
    return this.values[low];
  }

  /** The probability of each value, in the order given. */
  probabilities(): { value: T; probability: number }[] {
    return this.values.map((value, i) => ({
      value,
      probability: (this.cumulative[i] - (i === 0 ? 0 : this.cumulative[i - 1])) / this.total,
    }));
  }
}

/** A range [from, to] of whole numbers with a weight, sampled uniformly inside the band. */
export type Band = readonly [from: number, to: number, weight: number];

export class Banded {
  private readonly bands: Weighted<readonly [number, number]>;

  constructor(bands: readonly Band[]) {
    this.bands = new Weighted(bands.map(([from, to, weight]) => [[from, to] as const, weight]));
  }

  sample(random: Random): number {
    const [from, to] = this.bands.sample(random);
    return random.int(from, to);
  }

  /** P(value ≤ limit), for specs and for the documentation of a constant. */
  shareAtMost(limit: number): number {
    return this.bands.probabilities().reduce((sum, { value: [from, to], probability }) => {
      if (limit >= to) return sum + probability;
      if (limit < from) return sum;
      return sum + (probability * (limit - from + 1)) / (to - from + 1);
    }, 0);
  }
}
