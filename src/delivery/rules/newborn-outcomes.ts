import { requireValidInstant } from '../../core/time/instants';

/** Newborn outcomes (DOMAIN.md §2, §8; §9 SM-10, SM-11). Weights in grams, GA in whole days. */
export const LOW_BIRTH_WEIGHT_BELOW_G = 2500;
export const MACROSOMIA_FROM_G = 4000;
export const PRETERM_BELOW_GA_DAYS = 259; // < 37+0
export const POST_TERM_FROM_GA_DAYS = 294; // ≥ 42+0

// Age at death in completed days (ICD-10, DOMAIN.md SM-11): whole 24-hour periods from the birth
// to the death, so the first 24 hours are day 0. Early neonatal = the first 7 days, days 0–6;
// neonatal = the first 28 days, days 0–27.
export const EARLY_NEONATAL_DEATH_MAX_DAYS = 6;
export const NEONATAL_DEATH_MAX_DAYS = 27;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

// The 28-week threshold of live birth and of the perinatal period; birth weight stands in for it
// only when GA is unknown. A birth before it is a pregnancy loss (流产), not a delivery, in the
// indicators.
export const VIABILITY_FROM_GA_DAYS = 196; // 28+0
const VIABILITY_FROM_WEIGHT_G = 1000;

export function isLowBirthWeight(grams: number): boolean {
  requirePositiveWeight(grams);
  return grams < LOW_BIRTH_WEIGHT_BELOW_G;
}

export function isMacrosomia(grams: number): boolean {
  requirePositiveWeight(grams);
  return grams >= MACROSOMIA_FROM_G;
}

export function isPreterm(gaDays: number): boolean {
  requireGaDays(gaDays);
  return gaDays < PRETERM_BELOW_GA_DAYS;
}

export function isPostTerm(gaDays: number): boolean {
  requireGaDays(gaDays);
  return gaDays >= POST_TERM_FROM_GA_DAYS;
}

/** Counts in perinatal mortality (SM-11): ≥ 28+0, or ≥ 1000 g when GA is unknown. */
export function isPerinatal(gaDays: number | null, birthWeightGrams: number): boolean {
  if (gaDays !== null) {
    requireGaDays(gaDays);
    return gaDays >= VIABILITY_FROM_GA_DAYS;
  }
  requirePositiveWeight(birthWeightGrams);
  return birthWeightGrams >= VIABILITY_FROM_WEIGHT_G;
}

/** 活产 (DOMAIN.md §2): past the 28-week threshold with any sign of life. */
export function isLiveBirthByDefinition(
  gaDays: number | null,
  birthWeightGrams: number,
  signOfLife: boolean,
): boolean {
  return signOfLife && isPerinatal(gaDays, birthWeightGrams);
}

/**
 * A delivery before 28+0 is a pregnancy loss (流产) for the indicators: it leaves the
 * delivery-based denominators, and its babies are neither live births nor perinatal deaths.
 */
export function isPregnancyLoss(gaDaysAtDelivery: number): boolean {
  requireGaDays(gaDaysAtDelivery);
  return gaDaysAtDelivery < VIABILITY_FROM_GA_DAYS;
}

export interface NeonatalDeathVerdict {
  earlyNeonatal: boolean; // died at 0–6 completed days
  neonatal: boolean; // died at 0–27 completed days (includes the early ones)
  ageDays: number | null; // completed days; null when alive
}

/** Whole 24-hour periods from the birth to the death: 6 days 23 h 59 min is 6 completed days. */
export function completedDaysOfAge(bornAt: Date, at: Date): number {
  requireValidInstant('bornAt', bornAt);
  requireValidInstant('at', at);
  return Math.floor((at.getTime() - bornAt.getTime()) / MS_PER_DAY);
}

export function neonatalDeath(bornAt: Date, diedAt: Date | null): NeonatalDeathVerdict {
  if (diedAt === null) return { earlyNeonatal: false, neonatal: false, ageDays: null };
  const ageDays = completedDaysOfAge(bornAt, diedAt);
  if (ageDays < 0) throw new RangeError('A baby cannot die before birth');
  return {
    earlyNeonatal: ageDays <= EARLY_NEONATAL_DEATH_MAX_DAYS,
    neonatal: ageDays <= NEONATAL_DEATH_MAX_DAYS,
    ageDays,
  };
}

function requirePositiveWeight(grams: number): void {
  if (!Number.isFinite(grams) || grams <= 0) {
    throw new RangeError(`Birth weight must be a number of grams > 0: ${grams}`);
  }
}

function requireGaDays(days: number): void {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`Gestational age must be a whole number of days ≥ 0: ${days}`);
  }
}
