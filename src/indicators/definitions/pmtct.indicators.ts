import type { IndicatorDefinition } from './indicator-definition';

export const PMTCT_INDICATORS: readonly IndicatorDefinition[] = [];
