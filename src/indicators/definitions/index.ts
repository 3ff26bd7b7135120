import { BABY_FRIENDLY_INDICATORS } from './baby-friendly.indicators';
import { CLASSES_INDICATORS } from './classes.indicators';
import { FOLIC_ACID_INDICATORS } from './folic-acid.indicators';
import type { IndicatorDefinition } from './indicator-definition';
import { PMTCT_INDICATORS } from './pmtct.indicators';
import { RISK_INDICATORS } from './risk.indicators';
import { SYSTEM_MANAGEMENT_INDICATORS } from './system-management.indicators';

/** Every indicator of DOMAIN.md §9, in report order. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  ...BABY_FRIENDLY_INDICATORS,
  ...SYSTEM_MANAGEMENT_INDICATORS,
  ...PMTCT_INDICATORS,
  ...FOLIC_ACID_INDICATORS,
  ...CLASSES_INDICATORS,
  ...RISK_INDICATORS,
];
