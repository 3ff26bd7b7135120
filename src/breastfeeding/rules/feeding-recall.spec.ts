import { classifyRecall, type Recall, type RecallClass } from './feeding-recall';

const NOTHING: Recall = {
  breastMilk: false,
  water: false,
  formulaOrOtherMilk: false,
  otherLiquids: false,
  solids: false,
  orsDropsMedicine: false,
};
const BREAST_MILK: Recall = { ...NOTHING, breastMilk: true };

describe('classifyRecall', () => {
  it.each<[string, Partial<Recall>, RecallClass]>([
    ['breast milk only', {}, 'exclusive'],
    ['breast milk with ORS, drops or medicine', { orsDropsMedicine: true }, 'exclusive'],
    ['breast milk with water alone', { water: true }, 'predominant'],
    ['breast milk with juice (other liquids)', { otherLiquids: true }, 'predominant'],
    [
      'breast milk with water, juice and ORS',
      { water: true, otherLiquids: true, orsDropsMedicine: true },
      'predominant',
    ],
    ['breast milk with formula', { formulaOrOtherMilk: true }, 'mixed'],
    // WHO 2021: solids with breast milk is complementary feeding, not mixed milk feeding.
    ['breast milk with solids', { solids: true }, 'complementary'],
    ['breast milk with solids and water', { solids: true, water: true }, 'complementary'],
    ['breast milk with water and formula', { water: true, formulaOrOtherMilk: true }, 'mixed'],
    ['breast milk with formula and solids', { formulaOrOtherMilk: true, solids: true }, 'mixed'],
  ])('%s → %s', (_case, also, expected) => {
    expect(classifyRecall({ ...BREAST_MILK, ...also })).toBe(expected);
  });

  it.each<[string, Partial<Recall>]>([
    ['formula, no breast milk', { formulaOrOtherMilk: true }],
    ['solids and water, no breast milk', { solids: true, water: true }],
    ['ORS only', { orsDropsMedicine: true }],
    ['nothing recorded', {}],
  ])('%s → none', (_case, given) => {
    expect(classifyRecall({ ...NOTHING, ...given })).toBe('none');
  });
});
