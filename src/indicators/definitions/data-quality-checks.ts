import { LIVE_BIRTHS_COHORT } from '../cohorts/live-births.cohort';
import { OTHER_MILK_AT_DISCHARGE, sqlList } from './baby-friendly.indicators';
import { BORN_HERE_SQL, type Criterion } from './indicator-definition';

/**
 * A disagreement between records of one baby's stay that an indicator cannot settle alone: each
 * is listed for the MCH staff to correct (GET /indicator-data-quality). A boolean SQL expression
 * over the live-births cohort (alias `c`), as the indicators are, so the list and the numbers
 * read the same rows.
 */
export interface DataQualityCheck extends Criterion {
  code: string;
  /** The indicators whose value it touches. */
  indicators: readonly string[];
}

export const DATA_QUALITY_COHORT = LIVE_BIRTHS_COHORT;

/** The babies checked: live-born at the facility in the period (the Baby-Friendly stay cohort). */
export const DATA_QUALITY_POPULATION: Criterion = {
  description: 'Live-born babies born at the facility in the period',
  descriptionZh: '本期在本机构出生的活产儿',
  sql: `c.vital_status = 'live_birth' AND ${BORN_HERE_SQL}`,
};

export const DATA_QUALITY_CHECKS: readonly DataQualityCheck[] = [
  {
    code: 'DISCHARGE_OTHER_MILK_WITHOUT_SUPPLEMENT',
    description:
      'Discharged on formula or mixed feeding, but no supplement is recorded during the stay: ' +
      'BF-04 counts the baby as not exclusively breastfed; record the supplements given.',
    descriptionZh:
      '出院时混合喂养或人工喂养，但住院期间未记录任何添加：BF-04按非纯母乳喂养计；请补录住院期间的添加',
    sql: `c.discharge_feeding IN ${sqlList(OTHER_MILK_AT_DISCHARGE)} AND c.supplements_in_stay = 0`,
    indicators: ['BF-04', 'BF-04M'],
  },
  {
    code: 'DISCHARGE_NO_FEEDING_WITHOUT_CONTRAINDICATION',
    description:
      'Feeding at discharge recorded as none, with no documented contraindication to ' +
      'breastfeeding: check the discharge record or record the contraindication.',
    descriptionZh:
      '出院时喂养方式记为未喂养，但无母乳喂养医学禁忌证记录：请核对出院记录或补录禁忌证',
    sql: "c.discharge_feeding = 'none' AND c.contraindication IS NULL",
    indicators: ['BF-04', 'BF-04M', 'BF-05'],
  },
  {
    code: 'SKIN_TO_SKIN_WITHOUT_END',
    description:
      'The stay is complete but a skin-to-skin contact has no end recorded: BF-01 cannot count ' +
      'its duration; record when it ended.',
    descriptionZh:
      '住院已结束，但有皮肤接触未记录结束时间：BF-01无法计算其持续时间；请补录结束时间',
    sql: 'c.stay_complete = 1 AND c.skin_to_skin_without_end > 0',
    indicators: ['BF-01'],
  },
];

/** The cohort columns shown beside each listed baby. */
export const DATA_QUALITY_FIELDS = [
  'birth_order',
  'discharge_feeding',
  'supplements_in_stay',
  'supplements_without_medical_reason',
  'skin_to_skin_without_end',
  'stay_complete',
] as const;
