/**
 * WHO/UNICEF 24-hour recall (DOMAIN.md §8; BF-08..BF-10): what the baby received yesterday,
 * day and night. ORS, drops and medicine syrups never change the class.
 */
export interface Recall {
  breastMilk: boolean; // incl. expressed breast milk
  water: boolean;
  formulaOrOtherMilk: boolean;
  otherLiquids: boolean; // non-milk: juice, tea, sugar water, …
  solids: boolean; // solid or semi-solid food
  orsDropsMedicine: boolean;
}

export type RecallClass = 'exclusive' | 'predominant' | 'mixed' | 'none';

/**
 * none: no breast milk. mixed: breast milk with formula/other milk or solids. predominant:
 * breast milk with water or other non-milk liquids only. exclusive: breast milk only.
 */
export function classifyRecall(recall: Recall): RecallClass {
  if (!recall.breastMilk) return 'none';
  if (recall.formulaOrOtherMilk || recall.solids) return 'mixed';
  if (recall.water || recall.otherLiquids) return 'predominant';
  return 'exclusive';
}
