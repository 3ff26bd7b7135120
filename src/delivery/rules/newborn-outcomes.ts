import { daysBetween, type IsoDate } from '../../core/time/calendar-date';

/** Newborn outcomes (DOMAIN.md §2, §8; §9 SM-10, SM-11). Weights in grams, GA in whole days. */
export const LOW_BIRTH_WEIGHT_BELOW_G = 2500;
export const MACROSOMIA_FROM_G = 4000;
export const PRETERM_BELOW_GA_DAYS = 259; // < 37+0
export const POST_TERM_FROM_GA_DAYS = 294; // ≥ 42+0

// Age at death = calendar days from the birth date to the death date (born and died the same day
// = 0). DOMAIN.md and SM-11 count deaths at ≤ 7 and ≤ 28 days; WHO's "first 7 / 28 days" is
// 0–6 / 0–27 completed days, so a province following WHO changes these two numbers only.
export const EARLY_NEONATAL_DEATH_MAX_DAYS = 7;
export const NEONATAL_DEATH_MAX_DAYS = 28;

// The 28-week threshold of live birth and of the perinatal period; birth weight stands in for it
// only when GA is unknown.
const VIABILITY_FROM_GA_DAYS = 196; // 28+0
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

export interface NeonatalDeathVerdict {
  earlyNeonatal: boolean; // died at age ≤ 7 days
  neonatal: boolean; // died at age ≤ 28 days (includes the early ones)
  ageDays: number | null; // null when alive
}

export function neonatalDeath(birthDate: IsoDate, deathDate: IsoDate | null): NeonatalDeathVerdict {
  if (deathDate === null) return { earlyNeonatal: false, neonatal: false, ageDays: null };
  const ageDays = daysBetween(birthDate, deathDate);
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
