import type { IndicatorDefinition } from './indicator-definition';

export const BABY_FRIENDLY_INDICATORS: readonly IndicatorDefinition[] = [];
