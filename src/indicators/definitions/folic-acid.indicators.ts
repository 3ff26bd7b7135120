import type { IndicatorDefinition } from './indicator-definition';

export const FOLIC_ACID_INDICATORS: readonly IndicatorDefinition[] = [];
