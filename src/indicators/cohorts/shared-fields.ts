import type { CohortField } from './cohort-definition';
import { DELIVERY_MODE_ZH, DELIVERY_PLACE_ZH, VITAL_STATUS_ZH } from './field-values';

/* Decision columns that several cohorts select under one name and meaning, labelled once. */

export const ATTRIBUTED_REGION_FIELD: CohortField = {
  column: 'attributed_region',
  label: 'region she is counted in by district indicators',
  labelZh: '辖区指标归属地区',
};

export const BIRTH_ORDER_FIELD: CohortField = {
  column: 'birth_order',
  label: 'birth order (twins: 1, 2)',
  labelZh: '出生顺序（双胎：1、2）',
};

export const VITAL_STATUS_FIELD: CohortField = {
  column: 'vital_status',
  label: 'live birth or stillbirth',
  labelZh: '活产/死产',
  valuesZh: VITAL_STATUS_ZH,
};

export const DELIVERY_PLACE_FIELD: CohortField = {
  column: 'delivery_place',
  label: 'place of delivery',
  labelZh: '分娩地点',
  valuesZh: DELIVERY_PLACE_ZH,
};

export const DELIVERY_MODE_FIELD: CohortField = {
  column: 'delivery_mode',
  label: 'mode of delivery',
  labelZh: '分娩方式',
  valuesZh: DELIVERY_MODE_ZH,
};

export const GA_AT_DELIVERY_FIELD: CohortField = {
  column: 'ga_days',
  label: 'gestational age at delivery, days',
  labelZh: '分娩孕周（天）',
};

export const BIRTH_WEIGHT_FIELD: CohortField = {
  column: 'birth_weight_g',
  label: 'birth weight, g',
  labelZh: '出生体重（克）',
};
