/**
 * WHO/UNICEF 24-hour recall (DOMAIN.md §8; BF-08..BF-10): what the baby received yesterday,
 * day and night. ORS, drops and medicine syrups never change the class. The classes follow
 * WHO/UNICEF, Indicators for assessing infant and young child feeding practices (2021).
 */
export interface Recall {
  breastMilk: boolean; // incl. expressed breast milk
  water: boolean;
  formulaOrOtherMilk: boolean; // infant formula or animal milk
  otherLiquids: boolean; // non-milk: juice, tea, sugar water, …
  solids: boolean; // solid, semi-solid or soft food
  orsDropsMedicine: boolean;
}

/**
 * The age band of exclusive breastfeeding "under 6 months" (BF-10): 0–5 completed months. WHO
 * counts one status per child in it, from the recall nearest the reporting date.
 */
export const EXCLUSIVE_UNDER_MONTHS = 6;

export const RECALL_CLASSES = [
  'exclusive',
  'predominant',
  'complementary',
  'mixed',
  'none',
] as const;
export type RecallClass = (typeof RECALL_CLASSES)[number];

/**
 * none: no breast milk. mixed (WHO "mixed milk feeding"): breast milk with formula or animal
 * milk, whatever else. complementary: breast milk with solid, semi-solid or soft food and no other
 * milk ("breast milk with complementary food"). predominant: breast milk with water or other
 * non-milk liquids only. exclusive: breast milk only.
 */
export function classifyRecall(recall: Recall): RecallClass {
  if (!recall.breastMilk) return 'none';
  if (recall.formulaOrOtherMilk) return 'mixed';
  if (recall.solids) return 'complementary';
  if (recall.water || recall.otherLiquids) return 'predominant';
  return 'exclusive';
}
