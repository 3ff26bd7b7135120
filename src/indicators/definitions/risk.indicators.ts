import { REPORT_WINDOW_HOURS } from '../../risk/rules/report-deadline';
import { RISK_COLOUR_NAMES, RISK_COLOURS } from '../../risk/rules/risk-colour';
import { OPEN_PREGNANCIES_COHORT } from '../cohorts/open-pregnancies.cohort';
import { ORANGE_RED_GRADINGS_COHORT } from '../cohorts/orange-red-gradings.cohort';
import { REGISTRATIONS_COHORT, SCREENING_WITHIN_DAYS } from '../cohorts/registrations.cohort';
import type { Criterion, IndicatorDefinition } from './indicator-definition';

const openPregnancies: Criterion = {
  description: 'Pregnancies open at the facility at the end of the period',
  descriptionZh: '统计期末本机构在管孕妇（孕产期未结案）',
  sql: 'TRUE',
};

/** RK-02: one value per colour, PURPLE and not yet screened, each a share of the open pregnancies. */
function distribution(
  suffix: string,
  zh: string,
  en: string,
  numerator: Criterion,
): IndicatorDefinition {
  return {
    code: `RK-02-${suffix}`,
    nameZh: `在管孕妇妊娠风险构成：${zh}`,
    nameEn: `Latest risk grading of open pregnancies: ${en}`,
    group: 'RK',
    unit: 'percent',
    cohort: OPEN_PREGNANCIES_COHORT.code,
    attribution: 'state at the end of the period’s last day',
    attributionZh: '按期末最后一天结束时的状态',
    denominator: openPregnancies,
    numerator,
    target: null,
    version: 1,
  };
}

/** Pregnancy risk management (妊娠风险五色管理), DOMAIN.md §4. */
export const RISK_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'RK-01',
    nameZh: '建册7天内妊娠风险筛查率',
    nameEn: `Risk screening within ${SCREENING_WITHIN_DAYS} days of registration`,
    group: 'RK',
    unit: 'percent',
    cohort: REGISTRATIONS_COHORT.code,
    attribution: 'registration day',
    attributionZh: '按建册日期归属',
    denominator: {
      description: 'Pregnancies registered at the facility in the period',
      descriptionZh: '本期在本机构建册的孕妇',
      sql: 'TRUE',
    },
    numerator: {
      description: `A registration screening on or before day ${SCREENING_WITHIN_DAYS} after registration (day 7 counts, day 8 does not)`,
      descriptionZh: `建册后${SCREENING_WITHIN_DAYS}天内完成建册时妊娠风险筛查（第${SCREENING_WITHIN_DAYS}天计入，第${SCREENING_WITHIN_DAYS + 1}天不计入）`,
      sql: `c.screening_days_after_registration <= ${SCREENING_WITHIN_DAYS}`,
    },
    exclusion: {
      description: `Not screened yet while the ${SCREENING_WITHIN_DAYS}-day window is still open today`,
      descriptionZh: `尚未筛查，且评估日仍在建册后${SCREENING_WITHIN_DAYS}天的筛查期限内`,
      sql: `c.screening_window_open = 1 AND (c.screened_on IS NULL OR c.screening_days_after_registration > ${SCREENING_WITHIN_DAYS})`,
    },
    target: null,
    version: 1,
  },
  ...RISK_COLOURS.map((colour) =>
    distribution(colour, RISK_COLOUR_NAMES[colour].zh, RISK_COLOUR_NAMES[colour].en, {
      description: `Latest grading by the end of the period is ${RISK_COLOUR_NAMES[colour].en}`,
      descriptionZh: `截至统计期末最近一次妊娠风险评估为${RISK_COLOUR_NAMES[colour].zh}`,
      sql: `c.latest_colour = '${colour}'`,
    }),
  ),
  distribution('purple', '紫色', 'PURPLE', {
    description: 'Latest grading by the end of the period carries PURPLE (beside its colour)',
    descriptionZh: '截至统计期末最近一次妊娠风险评估标注紫色（与其风险颜色并存）',
    sql: 'c.latest_purple = 1',
  }),
  distribution('unscreened', '未筛查', 'not yet screened', {
    description: 'No grading by the end of the period',
    descriptionZh: '截至统计期末尚无妊娠风险评估（未筛查）',
    sql: 'c.latest_colour IS NULL',
  }),
  {
    code: 'RK-03',
    nameZh: '橙色、红色妊娠风险按时上报率',
    nameEn: 'ORANGE and RED gradings reported to the district on time',
    group: 'RK',
    unit: 'percent',
    cohort: ORANGE_RED_GRADINGS_COHORT.code,
    attribution: 'grading day, hospital time zone',
    attributionZh: '按评估日期归属（医院时区）',
    denominator: {
      description: 'Gradings in the period that rose to ORANGE or RED (each needs a report)',
      descriptionZh: `本期升至${RISK_COLOUR_NAMES.orange.zh}或${RISK_COLOUR_NAMES.red.zh}的评估（每次均需上报）`,
      sql: 'TRUE',
    },
    numerator: {
      description: `Reported at or before the deadline: RED ${REPORT_WINDOW_HOURS.red} h, ORANGE ${REPORT_WINDOW_HOURS.orange} h after the grading`,
      descriptionZh: `在时限内上报辖区妇幼保健机构：${RISK_COLOUR_NAMES.red.zh}评估后${REPORT_WINDOW_HOURS.red}小时内，${RISK_COLOUR_NAMES.orange.zh}评估后${REPORT_WINDOW_HOURS.orange}小时内`,
      sql: "c.report_state = 'reported_on_time'",
    },
    exclusion: {
      description: 'Not reported yet, and the deadline has not passed at the time of computation',
      descriptionZh: '尚未上报，且计算时尚未超过上报时限',
      sql: "c.report_state = 'due'",
    },
    target: null,
    version: 1,
  },
];
