import { BASIC_SCHEDULE } from '../antenatal/rules/visit-schedule';
import { type AttributionRules, parseAttributionRules } from '../episodes/rules/residence';
import { NATIONAL_FACTORS } from '../risk/rules/national-catalogue';
import { CohortGenerator } from './cohort';
import { type CohortContext, historyClock, type TopicInfo } from './context';
import { ResidentIdIssuer } from './people';
import { Random } from './random';
import { planClassSessions, planFacilities } from './setup';
import { IdSequences, MemorySink } from './tables';

export interface InMemoryOptions {
  pregnancies: number;
  facilities: number;
  seed: number;
  today: string;
  timeZone?: string;
  cityCode?: string;
  /** Default: config/.env.example's, under which Zhejiang counts 常住 residents of 6 months. */
  attribution?: AttributionRules;
}

export const EXAMPLE_ATTRIBUTION = parseAttributionRules('*:hukou,33:resident:6', 'example-2026');

/** The migrations' class topics, with the ids a fresh database gives them. */
const TOPICS: TopicInfo[] = [
  { id: 1, code: 'breastfeeding', breastfeeding: true },
  { id: 2, code: 'nutrition', breastfeeding: false },
  { id: 3, code: 'danger_signs', breastfeeding: false },
  { id: 4, code: 'labour_delivery', breastfeeding: false },
  { id: 5, code: 'newborn_care', breastfeeding: false },
  { id: 6, code: 'postpartum_recovery', breastfeeding: false },
];

/**
 * The same cohort the loader writes, kept in memory with the national catalogue from code: for
 * specs and dry runs. Ids start at 1 as in an empty database.
 */
export function generateInMemory(options: InMemoryOptions): {
  sink: MemorySink;
  ctx: CohortContext;
} {
  const sink = new MemorySink();
  const ctx: CohortContext = {
    random: new Random(options.seed),
    clock: historyClock(options.today, options.timeZone ?? 'Asia/Shanghai'),
    sink,
    ids: new IdSequences(),
    residentIds: new ResidentIdIssuer(),
    catalogue: { id: 1, factors: new Map(NATIONAL_FACTORS.map((f) => [f.code, f])) },
    topics: TOPICS,
    facilities: [],
    cityCode: options.cityCode ?? '3301',
    serviceAreas: new Map(),
    attribution: options.attribution ?? EXAMPLE_ATTRIBUTION,
    nationalSchedule: BASIC_SCHEDULE,
  };
  ctx.facilities = planFacilities(ctx, options.facilities, 'MEM-', 'scrypt$hash');
  planClassSessions(ctx, ctx.facilities, options.pregnancies, ctx.clock.windowStart - 300);
  new CohortGenerator(ctx, options.pregnancies).generate(0, options.pregnancies);
  return { sink, ctx };
}
