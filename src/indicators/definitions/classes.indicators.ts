import type { IndicatorDefinition } from './indicator-definition';

export const CLASSES_INDICATORS: readonly IndicatorDefinition[] = [];
