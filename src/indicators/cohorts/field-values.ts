import type { FOLLOW_UP_CONTACTS } from '../../breastfeeding/breastfeeding.entities';
import type { RecallClass } from '../../breastfeeding/rules/feeding-recall';
import {
  CAESAREAN_INDICATIONS,
  type CaesareanIndication,
} from '../../delivery/rules/caesarean-indications';
import type {
  CONTRAINDICATIONS,
  DELIVERY_MODES,
  DELIVERY_PLACES,
  VITAL_STATUSES,
} from '../../delivery/delivery.entities';
import type { DISCHARGE_FEEDING } from '../../delivery/rules/feeding-flags';
import type { AssessmentKind } from '../../risk/risk-assessment.entity';
import type { RiskColour } from '../../risk/rules/risk-colour';
import {
  MATERNAL_DEATH_CAUSE_NAMES,
  type MaternalDeathCause,
} from '../../women/rules/maternal-death';

/* The Chinese of the coded values the drill-down shows, one table per coded field. */

type Values<T extends readonly string[]> = Record<T[number], string>;

export const VITAL_STATUS_ZH: Values<typeof VITAL_STATUSES> = {
  live_birth: '活产',
  stillbirth: '死产',
};

export const DELIVERY_PLACE_ZH: Values<typeof DELIVERY_PLACES> = {
  this_facility: '本院',
  other_facility: '外院',
  en_route: '途中',
  home: '家中',
};

export const DELIVERY_MODE_ZH: Values<typeof DELIVERY_MODES> = {
  spontaneous_vaginal: '自然分娩',
  assisted_vaginal: '阴道助产',
  caesarean: '剖宫产',
};

/** `withheld`: a contraindication that states a result, shown so to the roles not clinical. */
export const CONTRAINDICATION_ZH: Values<typeof CONTRAINDICATIONS> & { withheld: string } = {
  galactosemia: '新生儿半乳糖血症',
  maternal_hiv_replacement_feeding: '母亲艾滋病感染，选择人工喂养',
  nicu_parenteral_nutrition: '新生儿重症监护、肠外营养',
  maternal_medication: '母亲用药禁忌',
  withheld: '医学禁忌证（不显示）',
};

export const DISCHARGE_FEEDING_ZH: Values<typeof DISCHARGE_FEEDING> = {
  exclusive: '纯母乳喂养',
  mixed: '混合喂养',
  formula_only: '人工喂养',
  none: '未喂养',
};

export const CAESAREAN_INDICATION_ZH = Object.fromEntries(
  Object.entries(CAESAREAN_INDICATIONS).map(([code, { zh }]) => [code, zh]),
) as Record<CaesareanIndication, string>;

export const COLOUR_ZH: Record<RiskColour | 'purple', string> = {
  green: '绿色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
  purple: '紫色',
};

export const RECALL_BASIS_ZH = { birth: '本期出生', follow_up: '本期回顾' } as const;

export const FOLLOW_UP_CONTACT_ZH: Values<typeof FOLLOW_UP_CONTACTS> = {
  postpartum_visit: '产后访视',
  day42_check: '产后42天检查',
  phone_4m: '4月龄电话随访',
  phone_6m: '6月龄电话随访',
  other: '其他随访',
};

export const RECALL_CLASS_ZH: Record<RecallClass, string> = {
  exclusive: '纯母乳喂养',
  predominant: '基本纯母乳喂养',
  complementary: '母乳加辅食',
  mixed: '混合喂养',
  none: '无母乳',
};

export const MORTALITY_ROW_ZH = { live_birth: '活产', maternal_death: '孕产妇死亡' } as const;

export const DEATH_RECORDED_AS_ZH = {
  'pregnancy status': '妊娠状态',
  'delivery outcome': '分娩结局',
} as const;

export const DEATH_CAUSE_ZH: Record<MaternalDeathCause, string> = MATERNAL_DEATH_CAUSE_NAMES;

export const ASSESSMENT_KIND_ZH: Record<AssessmentKind, string> = {
  registration_screening: '建册筛查',
  visit: '产检评估',
  postpartum_visit: '产后访视评估',
  day42_check: '产后42天检查评估',
  automatic: '自动重评',
};

export const REPORT_STATE_ZH = {
  reported_on_time: '按时上报',
  reported_late: '逾期上报',
  due: '待上报（未到期）',
  late: '逾期未报',
} as const;
