import { earlierRegistration, planMerge, SAME_PREGNANCY_EDD_DAYS } from './merge-pairing';

const pregnancy = (id: number, edd: string, outcomeDate: string | null = null) => ({
  id,
  edd,
  registrationDate: '2026-03-01',
  outcomeDate,
});

describe('planMerge', () => {
  it(`pairs EDDs ${SAME_PREGNANCY_EDD_DAYS} days apart and moves one ${SAME_PREGNANCY_EDD_DAYS + 1} days apart`, () => {
    const kept = [pregnancy(1, '2026-10-01')];
    expect(planMerge(kept, [pregnancy(2, '2026-11-12')])).toEqual({
      pairs: [{ survivor: kept[0], absorbed: pregnancy(2, '2026-11-12') }],
      moved: [],
    });
    expect(planMerge(kept, [pregnancy(2, '2026-11-13')])).toEqual({
      pairs: [],
      moved: [pregnancy(2, '2026-11-13')],
    });
    expect(planMerge(kept, [pregnancy(2, '2026-08-20')]).pairs).toHaveLength(1);
    expect(planMerge(kept, [pregnancy(2, '2026-08-19')]).moved).toHaveLength(1);
  });

  it('keeps the kept woman’s record unless only the duplicate knows how the pregnancy ended', () => {
    const open = pregnancy(1, '2026-10-01');
    const delivered = pregnancy(2, '2026-10-05', '2026-10-03');
    expect(planMerge([open], [delivered]).pairs).toEqual([{ survivor: delivered, absorbed: open }]);
    const keptDelivered = pregnancy(1, '2026-10-01', '2026-09-30');
    expect(planMerge([keptDelivered], [delivered]).pairs).toEqual([
      { survivor: keptDelivered, absorbed: delivered },
    ]);
    expect(planMerge([open], [pregnancy(2, '2026-10-05')]).pairs[0].survivor).toBe(open);
  });

  it('pairs each kept pregnancy once, with the closest EDD, and moves earlier pregnancies whole', () => {
    const earlier = pregnancy(1, '2024-05-01', '2024-04-28');
    const current = pregnancy(2, '2026-10-01');
    const plan = planMerge(
      [earlier, current],
      [pregnancy(3, '2026-10-20'), pregnancy(4, '2026-10-03'), pregnancy(5, '2022-01-01')],
    );
    expect(plan.pairs.map(({ survivor, absorbed }) => [survivor.id, absorbed.id])).toEqual([
      [2, 4],
    ]);
    expect(plan.moved.map((p) => p.id)).toEqual([5, 3]);
  });
});

describe('earlierRegistration', () => {
  it('takes the earlier registration, the first on a tie', () => {
    const a = { ...pregnancy(1, '2026-10-01'), registrationDate: '2026-03-02' };
    const b = { ...pregnancy(2, '2026-10-01'), registrationDate: '2026-03-01' };
    expect(earlierRegistration(a, b)).toBe(b);
    expect(earlierRegistration(b, a)).toBe(b);
    expect(earlierRegistration(a, { ...b, registrationDate: '2026-03-02' })).toBe(a);
  });
});
