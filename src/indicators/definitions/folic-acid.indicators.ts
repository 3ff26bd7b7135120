import {
  ADHERENCE_EVALUABLE_FROM_GA_DAYS,
  ADHERENCE_THRESHOLD,
  END_OF_MONTH_3_GA_DAYS,
  UPTAKE_DAYS_AFTER_LMP,
  UPTAKE_DAYS_BEFORE_LMP,
} from '../../folic-acid/rules/folic-acid';
import { formatGestationalAge } from '../../women/rules/gestational-age';
import { FOLIC_ACID_SURVEYS_COHORT } from '../cohorts/folic-acid-surveys.cohort';
import { REGISTRATIONS_COHORT } from '../cohorts/registrations.cohort';
import { allOf, BORN_HERE_SQL, type IndicatorDefinition } from './indicator-definition';

const REGISTRATIONS = REGISTRATIONS_COHORT.code;
const SURVEYS = FOLIC_ACID_SURVEYS_COHORT.code;

/** Folic acid (增补叶酸), DOMAIN.md §6; decided as src/folic-acid/rules/folic-acid.ts decides. */
export const FOLIC_ACID_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'FA-01',
    nameZh: '增补叶酸服用率',
    nameEn: 'Folic acid uptake',
    group: 'FA',
    unit: 'percent',
    cohort: REGISTRATIONS,
    attribution: 'registration day',
    attributionZh: '按建册日期归属',
    denominator: {
      description: 'Pregnancies registered at the facility in the period',
      descriptionZh: '本期在本机构建册的孕妇',
      sql: 'TRUE',
    },
    numerator: {
      description: `A dispensing, supplied or reported day in [LMP − ${UPTAKE_DAYS_BEFORE_LMP} d, LMP + ${UPTAKE_DAYS_AFTER_LMP} d], from her records up to today or the end of the pregnancy`,
      descriptionZh:
        `末次月经前${UPTAKE_DAYS_BEFORE_LMP}天至末次月经后${UPTAKE_DAYS_AFTER_LMP}天内有叶酸发放日、` +
        '发放药量覆盖日或自报服用日（依据截至评估日或妊娠结束时的记录）',
      sql: 'c.folic_took = 1',
    },
    target: { direction: 'at_least', value: 90 },
    version: 1,
  },
  {
    code: 'FA-02',
    nameZh: '增补叶酸依从率',
    nameEn: 'Folic acid adherence among takers',
    group: 'FA',
    unit: 'percent',
    cohort: REGISTRATIONS,
    attribution: 'registration day',
    attributionZh: '按建册日期归属',
    denominator: {
      description: 'Registered pregnancies whose mother took folic acid (FA-01 numerator)',
      descriptionZh: '已服用叶酸（FA-01分子）的建册孕妇',
      sql: 'c.folic_took = 1',
    },
    ...allOf(
      [
        {
          description: 'Started before the LMP',
          descriptionZh: '末次月经前开始服用叶酸',
          sql: 'c.folic_started_before_lmp = 1',
        },
        {
          description: `Took it on ≥ ${ADHERENCE_THRESHOLD * 100} % of the days from the start to the end of month 3 (LMP + ${END_OF_MONTH_3_GA_DAYS} d)`,
          descriptionZh: `从开始服用至孕3个月末（末次月经后${END_OF_MONTH_3_GA_DAYS}天）服用天数≥${ADHERENCE_THRESHOLD * 100}%`,
          sql: `c.folic_days_taken >= ${ADHERENCE_THRESHOLD} * c.folic_days_in_window`,
        },
      ],
      {
        description: `Started before the LMP and took it on ≥ ${ADHERENCE_THRESHOLD * 100} % of the days from the start to the end of month 3 (LMP + 90 d)`,
        descriptionZh: `末次月经前开始服用叶酸，且从开始服用至孕3个月末（末次月经后${END_OF_MONTH_3_GA_DAYS}天）服用天数≥${ADHERENCE_THRESHOLD * 100}%`,
      },
    ),
    exclusion: {
      description: `Not yet evaluable: GA below ${ADHERENCE_EVALUABLE_FROM_GA_DAYS} days (13+0) today, or no intake recorded up to the end of month 3`,
      descriptionZh: `尚不能评价：评估日孕周<${ADHERENCE_EVALUABLE_FROM_GA_DAYS}天（${formatGestationalAge(ADHERENCE_EVALUABLE_FROM_GA_DAYS)}周），或截至孕3个月末无服用记录`,
      sql: 'c.folic_evaluable = 0',
    },
    target: { direction: 'at_least', value: 70 },
    version: 1,
  },
  {
    code: 'FA-03',
    nameZh: '增补叶酸知晓率',
    nameEn: 'Folic acid awareness among surveyed women',
    group: 'FA',
    unit: 'percent',
    cohort: SURVEYS,
    attribution: 'survey day (her latest survey of the period at the facility)',
    attributionZh: '按调查日期归属（取本期在本机构的最近一次调查）',
    denominator: {
      description: 'Women surveyed at the facility in the period',
      descriptionZh: '本期在本机构接受叶酸知识调查的妇女',
      sql: 'c.surveyed = 1',
    },
    numerator: {
      description:
        'Her latest survey: knows that folic acid prevents neural-tube defects and when to take it',
      descriptionZh: '最近一次调查：知道增补叶酸可预防神经管缺陷，并知道何时服用',
      sql: 'c.aware = 1',
    },
    target: { direction: 'at_least', value: 90 },
    version: 1,
  },
  {
    code: 'FA-03b',
    nameZh: '增补叶酸知晓调查覆盖率',
    nameEn: 'Folic acid awareness survey coverage (surveyed women per mother)',
    group: 'FA',
    unit: 'percent',
    cohort: SURVEYS,
    attribution: 'survey day; delivery day for the mothers',
    attributionZh: '按调查日期归属；产妇按分娩日期',
    denominator: {
      description:
        'Mothers: women who delivered at the facility in the period (born at the facility, as ' +
        'CL-01; births elsewhere that the facility recorded are not counted)',
      descriptionZh:
        '产妇：本期在本机构分娩的妇女（在本机构出生，同CL-01；本机构记录的院外分娩不计）',
      sql: `c.delivered = 1 AND ${BORN_HERE_SQL}`,
    },
    numerator: {
      description:
        'Women surveyed at the facility in the period, whether or not they delivered in it',
      descriptionZh: '本期在本机构接受叶酸知识调查的妇女，不论是否在本期分娩',
      sql: 'c.surveyed = 1',
    },
    numeratorOutsideDenominator: true,
    target: { direction: 'at_least', value: 10 },
    // 2: the mothers are the births at the facility, no longer every delivery it recorded.
    version: 2,
  },
];
