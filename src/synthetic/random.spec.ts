import { Banded, Random, Weighted } from './random';

describe('Random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) =>
      Array.from({ length: 5 }, () => new Random(seed)).map((r) => r.next());
    const a = new Random(7);
    const b = new Random(7);
    const c = new Random(8);
    const first = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(first);
    expect(draw(1)).toEqual(draw(1));
  });

  it('stays in [0, 1) and int() in its bounds, both ends reached', () => {
    const random = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
      seen.add(random.int(3, 6));
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws normal values with the asked mean and spread', () => {
    const random = new Random(2);
    const values = Array.from({ length: 50_000 }, () => random.normal(124, 10));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(124, 0);
    expect(Math.abs(sd - 10)).toBeLessThan(0.2);
  });

  it('rejects a seed that is not a whole number', () => {
    expect(() => new Random(1.5)).toThrow(RangeError);
  });
});

describe('Weighted', () => {
  it('lands within 1 point of its weights on 100 000 draws', () => {
    const weighted = new Weighted([
      ['a', 70],
      ['b', 20],
      ['c', 10],
    ] as const);
    const random = new Random(3);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 100_000; i++) counts[weighted.sample(random)]++;
    expect(Math.abs(counts.a / 1000 - 70)).toBeLessThan(1);
    expect(Math.abs(counts.b / 1000 - 20)).toBeLessThan(1);
    expect(Math.abs(counts.c / 1000 - 10)).toBeLessThan(1);
  });

  it('never picks a zero weight and refuses no weight at all', () => {
    const weighted = new Weighted([
      ['never', 0],
      ['always', 1],
    ] as const);
    const random = new Random(4);
    for (let i = 0; i < 1000; i++) expect(weighted.sample(random)).toBe('always');
    expect(() => new Weighted([['x', 0]])).toThrow(RangeError);
  });
});

describe('Banded', () => {
  it('samples inside the bands and reports the share up to a limit', () => {
    const banded = new Banded([
      [0, 9, 50],
      [10, 19, 50],
    ]);
    expect(banded.shareAtMost(9)).toBeCloseTo(0.5);
    expect(banded.shareAtMost(14)).toBeCloseTo(0.75);
    const random = new Random(5);
    let low = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = banded.sample(random);
      expect(value >= 0 && value <= 19).toBe(true);
      if (value <= 9) low++;
    }
    expect(Math.abs(low / 20_000 - 0.5)).toBeLessThan(0.02);
  });
});
