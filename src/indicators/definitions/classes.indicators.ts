import { CLASS_SESSIONS_COHORT } from '../cohorts/class-sessions.cohort';
import { BORN_HERE_SQL, type IndicatorDefinition } from './indicator-definition';

const heldSessions = {
  description:
    'Sessions of the facility in the period that have started (by now during the period, by its end once it has passed)',
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
    denominator: {
      description:
        'Women who delivered at the facility in the period (born at the facility: births at home, ' +
        'en route or at another facility that the facility recorded are not counted)',
      sql: BORN_HERE_SQL,
    },
    numerator: {
      description: 'Attended at least one prenatal class (any topic) before the delivery',
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
    denominator: heldSessions,
    numerator: {
      description:
        'Attendances of those sessions (women on the register; a companion is not counted)',
      sql: 'c.held = 1',
    },
    numeratorWeight: 'c.attendances',
    target: null,
    version: 1,
  },
];
