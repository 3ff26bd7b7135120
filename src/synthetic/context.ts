import type { ScheduleWindow } from '../antenatal/rules/visit-schedule';
import type { FacilityKind } from '../core/facilities/facility.entity';
import { servingFacility } from '../episodes/rules/delivery-notices';
import type { AttributionRules } from '../episodes/rules/residence';
import type { RiskColour } from '../risk/rules/risk-colour';
import type { FactorOrigin } from '../risk/rules/national-catalogue';
import { type Day, dayOf, formatInstant, HospitalDays, isoOf } from './calendar';
import type { ResidentIdIssuer } from './people';
import type { Random } from './random';
import type { IdSequences, RowSink } from './tables';

export interface SessionPlan {
  id: number;
  day: Day;
  startsAt: number; // ms
  breastfeeding: boolean;
  capacity: number;
  seatsTaken: number;
}

export interface FacilityPlan {
  id: number;
  index: number;
  code: string;
  name: string;
  level: 1 | 2 | 3;
  kind: FacilityKind;
  regionCode: string; // its district (县/区)
  /** A community centre's 街道 codes, where the women it serves live; empty for the others. */
  serviceAreas: string[];
  size: number; // relative number of pregnancies it registers
  births: number; // relative number of births it records: 0 for a community centre
  nurses: number[];
  mchStaff: number[];
  statistician: number;
  admin: number;
  sessions: SessionPlan[]; // by day
  /** The visit schedule the facility follows (its own, else the national one), in order. */
  schedule: readonly ScheduleWindow[];
}

export interface CatalogueEntry {
  code: string;
  colour: RiskColour | null;
  purple: boolean;
  origin: FactorOrigin;
}

export interface CatalogueInfo {
  id: number;
  factors: ReadonlyMap<string, CatalogueEntry>;
}

export interface TopicInfo {
  id: number;
  code: string;
  breastfeeding: boolean;
}

/** The clock of the generated history: it ends when today begins, so nothing is in the future
 *  and a run on the same day (or with the same `today`) gives the same rows. */
export interface HistoryClock {
  today: Day;
  lastDay: Day; // yesterday: the last day with recorded events
  historyEnd: number; // ms, the start of today in the hospital's time zone
  windowStart: Day; // 1 October that opens the earlier of the two statistical years
  days: HospitalDays;
}

export interface CohortContext {
  random: Random;
  clock: HistoryClock;
  sink: RowSink;
  ids: IdSequences;
  residentIds: ResidentIdIssuer;
  catalogue: CatalogueInfo;
  topics: readonly TopicInfo[];
  facilities: FacilityPlan[];
  cityCode: string;
  /**
   * Every service area a delivery notice routes by, region code → facility id: the cohort's
   * centres' and, when adding to a database, those already there.
   */
  serviceAreas: Map<string, number>;
  /** The province rules that decide the region a delivery is counted in (RESIDENCE_RULES). */
  attribution: AttributionRules;
  /** The national minimum visit schedule, as the migrations seed it. */
  nationalSchedule: readonly ScheduleWindow[];
}

/**
 * The centre serving a region code, as the delivery notice service finds it: the service area
 * that is its longest prefix; null when none does.
 */
export function servingCentre(ctx: CohortContext, regionCode: string): number | null {
  const areas: { regionCode: string; facilityId: number }[] = [];
  for (const length of [6, 9, 12]) {
    if (length > regionCode.length) break;
    const prefix = regionCode.slice(0, length);
    const facilityId = ctx.serviceAreas.get(prefix);
    if (facilityId !== undefined) areas.push({ regionCode: prefix, facilityId });
  }
  return servingFacility(regionCode, areas);
}

/** Date and instant formatting, shared by every writer. */
export const iso = isoOf;
export const instant = formatInstant;

export function bool(value: boolean): number {
  return value ? 1 : 0;
}

/** The first of October that opens the statistical year two years before the current one. */
export function statisticalWindowStart(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const currentStartYear = month >= 10 ? year : year - 1;
  return `${currentStartYear - 2}-10-01`;
}

/** The history ends when `today` begins in the hospital's time zone. */
export function historyClock(today: string, timeZone: string): HistoryClock {
  const days = new HospitalDays(timeZone);
  const day = dayOf(today);
  return {
    today: day,
    lastDay: day - 1,
    historyEnd: days.startOf(day),
    windowStart: dayOf(statisticalWindowStart(today)),
    days,
  };
}
