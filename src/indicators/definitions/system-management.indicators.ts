import type { IndicatorDefinition } from './indicator-definition';

export const SYSTEM_MANAGEMENT_INDICATORS: readonly IndicatorDefinition[] = [];
