import type { RiskColour } from './risk-colour';

/**
 * The national risk-factor catalogue (国卫办妇幼发〔2017〕35号, 孕产妇妊娠风险评估表), kept as data
 * because provinces publish their own lists (DOMAIN.md §4). Codes are stable identifiers stored
 * with every assessment: never rename one, add a new code instead.
 */
// derived = computed from recorded data at each assessment; ticked = the clinician ticks it.
export type FactorOrigin = 'derived' | 'ticked';

export interface CatalogueFactor {
  code: string;
  colour: RiskColour | null; // null only for purple-only factors
  purple: boolean;
  origin: FactorOrigin;
  descriptionZh: string;
  descriptionEn: string;
}

export const NATIONAL_CATALOGUE_VERSION = 'CN-2017';

type Entry = [code: string, descriptionZh: string, descriptionEn: string];

const coloured =
  (colour: Exclude<RiskColour, 'green'>, origin: FactorOrigin) =>
  ([code, descriptionZh, descriptionEn]: Entry): CatalogueFactor => ({
    code,
    colour,
    purple: false,
    origin,
    descriptionZh,
    descriptionEn,
  });

const purple =
  (origin: FactorOrigin) =>
  ([code, descriptionZh, descriptionEn]: Entry): CatalogueFactor => ({
    code,
    colour: null,
    purple: true,
    origin,
    descriptionZh,
    descriptionEn,
  });

const YELLOW_DERIVED: Entry[] = [
  ['AGE_35_PLUS', '年龄≥35岁', 'Age 35 or over'],
  ['AGE_18_OR_UNDER', '年龄≤18岁', 'Age 18 or under'],
  ['BMI_OVER_25', 'BMI>25', 'BMI over 25'],
  ['BMI_UNDER_18_5', 'BMI<18.5', 'BMI under 18.5'],
  ['HEIGHT_145_OR_UNDER', '身高≤145cm', 'Height 145 cm or under'],
  ['ANAEMIA_HB_60_110', '妊娠合并贫血（Hb 60-110g/L）', 'Anaemia, Hb 60–110 g/L'],
  [
    'PLATELETS_50_100',
    '妊娠合并血小板减少（PLT 50-100×10⁹/L）',
    'Thrombocytopenia, platelets 50–100 ×10⁹/L',
  ],
  ['BP_140_90', '妊娠期高血压（血压≥140/90mmHg）', 'Hypertension in pregnancy, BP ≥ 140/90'],
  ['ONE_PREVIOUS_CAESAREAN', '瘢痕子宫（剖宫产1次）', 'Scarred uterus, one previous caesarean'],
  ['MULTIPLE_PREGNANCY', '多胎妊娠（双胎及以上）', 'Multiple pregnancy (twins or more)'],
  ['IVF_PREGNANCY', '辅助生殖妊娠', 'Assisted reproduction (IVF) pregnancy'],
];

const YELLOW_TICKED: Entry[] = [
  ['RH_NEGATIVE', 'Rh血型阴性', 'Rh negative'],
  ['THREE_PLUS_MISCARRIAGES', '不良孕产史：各类流产≥3次', '3 or more previous miscarriages'],
  ['PREVIOUS_PRETERM_BIRTH', '不良孕产史：早产', 'Previous preterm birth'],
  ['PREVIOUS_PERINATAL_DEATH', '不良孕产史：围产儿死亡', 'Previous perinatal death'],
  ['PREVIOUS_BIRTH_DEFECT', '不良孕产史：出生缺陷', 'Previous birth defect'],
  ['PREVIOUS_ECTOPIC', '不良孕产史：异位妊娠', 'Previous ectopic pregnancy'],
  ['FIBROID_OR_CYST_5CM', '子宫肌瘤或卵巢囊肿≥5cm', 'Uterine fibroid or ovarian cyst ≥ 5 cm'],
  [
    'THYROID_OR_DIABETES_NO_MEDICATION',
    '无需药物治疗的糖尿病、甲状腺疾病',
    'Diabetes or thyroid disease, no medication',
  ],
  [
    'MILD_HEART_DISEASE',
    '心脏病（经心内科诊治无需药物治疗、心功能正常）',
    'Heart disease, no medication, normal function',
  ],
  [
    'HBSAG_CARRIER_NORMAL_LIVER',
    '肝炎病毒携带（表面抗原阳性、肝功能正常）',
    'HBsAg carrier, normal liver function',
  ],
];

const ORANGE_DERIVED: Entry[] = [
  ['AGE_40_PLUS', '年龄≥40岁', 'Age 40 or over'],
  ['BMI_28_PLUS', 'BMI≥28', 'BMI 28 or over'],
  ['SEVERE_ANAEMIA_HB_40_60', '重度贫血（Hb 40-60g/L）', 'Severe anaemia, Hb 40–60 g/L'],
  ['PLATELETS_30_50', '血小板减少（PLT 30-50×10⁹/L）', 'Thrombocytopenia, platelets 30–50 ×10⁹/L'],
  [
    'TWO_PLUS_UTERINE_OPERATIONS',
    '各类子宫手术史（如剖宫产、子宫肌瘤挖除术等）≥2次',
    '2 or more uterine operations',
  ],
];

const ORANGE_TICKED: Entry[] = [
  [
    'DIABETES_OR_THYROID_ON_MEDICATION',
    '需药物治疗的糖尿病、甲状腺疾病',
    'Diabetes or thyroid disease on medication',
  ],
  ['SEVERE_PRE_ECLAMPSIA', '重度子痫前期', 'Severe pre-eclampsia'],
  [
    'CHRONIC_HYPERTENSION_WITH_PRE_ECLAMPSIA',
    '慢性高血压合并子痫前期',
    'Chronic hypertension with pre-eclampsia',
  ],
  ['HEART_FUNCTION_II', '心功能II级', 'Heart function class II'],
  [
    'MILD_PULMONARY_HYPERTENSION',
    '轻度肺动脉高压（<50mmHg）',
    'Mild pulmonary hypertension (< 50 mmHg)',
  ],
  ['ASTHMA', '哮喘', 'Asthma'],
  ['TWINS_WITH_POLYHYDRAMNIOS', '双胎、羊水过多', 'Twins with polyhydramnios'],
];

const RED_DERIVED: Entry[] = [
  ['HB_UNDER_40', '重度贫血（Hb<40g/L）', 'Hb under 40 g/L'],
  ['PLATELETS_UNDER_30', '血小板减少（PLT<30×10⁹/L）', 'Platelets under 30 ×10⁹/L'],
];

const RED_TICKED: Entry[] = [
  [
    'PULMONARY_HYPERTENSION_50_PLUS',
    '各种原因引起的肺动脉高压（≥50mmHg）',
    'Pulmonary hypertension ≥ 50 mmHg',
  ],
  [
    'COMPLEX_CONGENITAL_HEART_DISEASE',
    '复杂先心（法洛氏四联症、艾森曼格综合征等）',
    'Complex congenital heart disease',
  ],
  ['HEART_FUNCTION_III_IV', '心功能III-IV级', 'Heart function class III–IV'],
  ['DECOMPENSATED_CIRRHOSIS', '肝硬化失代偿', 'Decompensated cirrhosis'],
  [
    'CKD_SEVERE_HYPERTENSION_OR_RENAL_FAILURE',
    '慢性肾脏疾病伴严重高血压、肾功能不全',
    'Chronic kidney disease with severe hypertension or renal failure',
  ],
  ['APLASTIC_ANAEMIA_OR_LEUKAEMIA', '再生障碍性贫血、白血病', 'Aplastic anaemia or leukaemia'],
  ['PERNICIOUS_PLACENTA_PRAEVIA', '凶险性前置胎盘', 'Pernicious placenta praevia'],
];

const PURPLE_DERIVED: Entry[] = [
  ['HIV_POSITIVE', 'HIV感染及艾滋病', 'HIV infection'],
  ['SYPHILIS_POSITIVE', '梅毒', 'Syphilis'],
  ['HBSAG_POSITIVE', '病毒性肝炎（乙肝表面抗原阳性）', 'Hepatitis B (HBsAg positive)'],
];

const PURPLE_TICKED: Entry[] = [
  ['OTHER_VIRAL_HEPATITIS', '病毒性肝炎（乙肝以外）', 'Viral hepatitis other than B'],
  ['TUBERCULOSIS', '结核病', 'Tuberculosis'],
  ['SEVERE_INFECTIOUS_PNEUMONIA', '重症感染性肺炎', 'Severe infectious pneumonia'],
  // H1N7 is as printed on the 2017 form.
  [
    'SPECIAL_VIRAL_INFECTION',
    '特殊病毒感染（H1N7、寨卡等）',
    'Special viral infection (e.g. Zika)',
  ],
];

export const NATIONAL_FACTORS: readonly CatalogueFactor[] = [
  ...YELLOW_DERIVED.map(coloured('yellow', 'derived')),
  ...YELLOW_TICKED.map(coloured('yellow', 'ticked')),
  ...ORANGE_DERIVED.map(coloured('orange', 'derived')),
  ...ORANGE_TICKED.map(coloured('orange', 'ticked')),
  ...RED_DERIVED.map(coloured('red', 'derived')),
  ...RED_TICKED.map(coloured('red', 'ticked')),
  ...PURPLE_DERIVED.map(purple('derived')),
  ...PURPLE_TICKED.map(purple('ticked')),
];
