import type { IndicatorDefinition } from './indicator-definition';

export const RISK_INDICATORS: readonly IndicatorDefinition[] = [];
