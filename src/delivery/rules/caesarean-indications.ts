/**
 * Caesarean indications (剖宫产指征), coded. The list follows the indications of 《剖宫产手术的专家
 * 共识（2014）》 (中华医学会妇产科学分会产科学组, 中华妇产科杂志 2014;49(10):721-724), grouped as the
 * 爱婴医院 and 卫统 registers group them; 孕妇要求 / 社会因素 is recorded but is not a medical
 * indication (BF-06 counts it, with the caesareans recorded without any indication). "other" needs
 * its text; a text that says "none" is no indication and is refused.
 */
export const CAESAREAN_INDICATIONS = {
  fetal_distress: { zh: '胎儿窘迫', medical: true },
  cephalopelvic_disproportion: { zh: '头盆不称/产程停滞', medical: true },
  malpresentation: { zh: '胎位异常', medical: true },
  scarred_uterus: { zh: '瘢痕子宫', medical: true },
  placenta_praevia: { zh: '前置胎盘/前置血管', medical: true },
  placental_abruption: { zh: '胎盘早剥', medical: true },
  cord_prolapse: { zh: '脐带脱垂', medical: true },
  severe_preeclampsia: { zh: '重度子痫前期/子痫', medical: true },
  multiple_pregnancy: { zh: '多胎妊娠', medical: true },
  macrosomia: { zh: '巨大儿', medical: true },
  maternal_disease: { zh: '妊娠合并症/并发症', medical: true },
  birth_canal_abnormality: { zh: '产道异常', medical: true },
  maternal_request: { zh: '社会因素/孕妇要求', medical: false },
  other: { zh: '其他', medical: true },
} as const;

export type CaesareanIndication = keyof typeof CAESAREAN_INDICATIONS;
export const CAESAREAN_INDICATION_CODES = Object.keys(
  CAESAREAN_INDICATIONS,
) as CaesareanIndication[];

/** Recorded indications that are not medical ones: BF-06 counts them as without indication. */
export const NON_MEDICAL_CAESAREAN_INDICATIONS = CAESAREAN_INDICATION_CODES.filter(
  (code) => !CAESAREAN_INDICATIONS[code].medical,
);

/** Texts that mean "no indication" on the old free-text field and on the paper forms. */
const MEANS_NONE = new Set([
  '',
  '-',
  '--',
  '—',
  '/',
  '无',
  '没有',
  '否',
  '无指征',
  '无医学指征',
  'none',
  'no',
  'nil',
  'n/a',
  'na',
  'null',
]);

export function meansNoIndication(text: string | null | undefined): boolean {
  return text == null || MEANS_NONE.has(text.trim().toLowerCase());
}

/** A caesarean with no medical indication (BF-06): none recorded, or only a non-medical one. */
export function caesareanWithoutMedicalIndication(
  mode: string,
  indication: CaesareanIndication | null,
): boolean {
  return (
    mode === 'caesarean' && (indication === null || !CAESAREAN_INDICATIONS[indication].medical)
  );
}
