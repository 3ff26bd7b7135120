import { CLASS_SESSIONS_COHORT } from '../cohorts/class-sessions.cohort';
import { BORN_HERE_SQL, type IndicatorDefinition } from './indicator-definition';

const heldSessions = {
  description:
    'Sessions of the facility in the period that have started (by now during the period, by its end once it has passed)',
  descriptionZh: '本机构本期已开课的孕妇学校课次（统计期内截至当前，统计期结束后截至期末）',
  sql: 'c.held = 1',
};

/** Prenatal classes (孕妇学校), DOMAIN.md §5. */
export const CLASSES_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'CL-01',
    nameZh: '孕妇学校参加率',
    nameEn: 'Prenatal class attendance before delivery',
    group: 'CL',
    unit: 'percent',
    cohort: 'deliveries',
    attribution: 'delivery day, hospital time zone',
    attributionZh: '按分娩日期归属（医院时区）',
    denominator: {
      description:
        'Women who delivered at the facility in the period (born at the facility: births at home, ' +
        'en route or at another facility that the facility recorded are not counted)',
      descriptionZh:
        '本期在本机构分娩的产妇（在本机构出生；本机构记录的家中、途中或其他机构分娩不计）',
      sql: BORN_HERE_SQL,
    },
    numerator: {
      description: 'Attended at least one prenatal class (any topic) before the delivery',
      descriptionZh: '分娩前参加过至少1次孕妇学校课程（任何主题）',
      sql: 'c.attended_class_before_delivery = 1',
    },
    target: null,
    // 2: the denominator is the births at the facility, no longer every delivery it recorded.
    version: 2,
  },
  {
    code: 'CL-02a',
    nameZh: '孕妇学校授课次数',
    nameEn: 'Prenatal class sessions held',
    group: 'CL',
    unit: 'count',
    cohort: CLASS_SESSIONS_COHORT.code,
    attribution: 'session day, hospital time zone',
    attributionZh: '按授课日期归属（医院时区）',
    denominator: heldSessions,
    numerator: heldSessions,
    target: null,
    version: 1,
  },
  {
    code: 'CL-02b',
    nameZh: '孕妇学校每次课平均听课人次',
    nameEn: 'Attendances per prenatal class session',
    group: 'CL',
    unit: 'ratio',
    cohort: CLASS_SESSIONS_COHORT.code,
    attribution: 'session day, hospital time zone',
    attributionZh: '按授课日期归属（医院时区）',
    denominator: heldSessions,
    numerator: {
      description:
        'Attendances of those sessions (women on the register; a companion is not counted)',
      descriptionZh: '上述课次的听课人次（按登记的孕产妇计，陪同家属不计）',
      sql: 'c.held = 1',
    },
    numeratorWeight: 'c.attendances',
    target: null,
    version: 1,
  },
];
