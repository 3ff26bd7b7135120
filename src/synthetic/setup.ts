import type { ScheduleWindow } from '../antenatal/rules/visit-schedule';
import { ROLES } from '../core/auth/actor';
import type { FacilityKind } from '../core/facilities/facility.entity';
import { type Day, MINUTE_MS } from './calendar';
import { type CohortContext, type FacilityPlan, instant, iso, type SessionPlan } from './context';
import {
  CENTRE_REGISTRATION_SHARE,
  CLASS_ATTENDANCE_SHARE,
  CLASSES_ATTENDED,
  FACILITY_SIZE_BY_LEVEL,
  hospitalLevel,
  STREETS_PER_CENTRE,
} from './distributions';
import { districtCodes, STAFF_SURNAMES } from './people';

const LEVEL_NAMES: Readonly<Record<1 | 2 | 3, string>> = {
  1: '社区卫生服务中心',
  2: '区妇幼保健院',
  3: '人民医院',
};

/** Seats in a class room, and how full the generator plans sessions to be on average. */
const SESSION_CAPACITY = [30, 40, 50, 60] as const;
const PLANNED_FILL = 0.45;
const SESSION_MINUTES = [60, 90] as const;
const SESSION_START_MINUTES = [9 * 60, 14 * 60 + 30] as const;
const PLACES = ['孕妇学校第一教室', '孕妇学校第二教室', '门诊楼三楼会议室'] as const;
/** Sessions planned this many days ahead of today (nobody has attended them yet). */
const SESSIONS_PLANNED_AHEAD_DAYS = 14;
/** Districts: about one for every four facilities, at most the 12 districtCodes gives. */
const FACILITIES_PER_DISTRICT = 4;
const MAX_DISTRICTS = 12;

/**
 * The cohort's district structure for `count` facilities: its districts, and how many of the
 * facilities are community centres (half, at least one a district; none when there is a single
 * facility, which must be a hospital to deliver anyone). The others are hospitals.
 */
export function districtPlan(
  cityCode: string,
  count: number,
): { districts: string[]; centres: number } {
  const districts = districtCodes(
    cityCode,
    Math.max(1, Math.min(MAX_DISTRICTS, Math.floor(count / FACILITIES_PER_DISTRICT))),
  );
  const centres =
    count < 2 ? 0 : Math.min(count - 1, Math.max(districts.length, Math.round(count / 2)));
  return { districts, centres };
}

/**
 * Facilities and their staff, a district's hospitals and community centres: the hospitals first
 * (the first of level 3), then the centres, each district taking them in turn so that every
 * district has a centre. A centre serves 街道 codes of its district not served already; a woman
 * lives in one. At least one user of every role per facility, more nurses in bigger facilities.
 * One password hash, computed once, serves every user.
 */
export function planFacilities(
  ctx: CohortContext,
  count: number,
  codePrefix: string,
  passwordHash: string,
): FacilityPlan[] {
  const { random, ids, sink } = ctx;
  const { districts, centres } = districtPlan(ctx.cityCode, count);
  const hospitals = count - centres;
  const streets = new StreetCodes(ctx.serviceAreas.keys());
  const facilities: FacilityPlan[] = [];
  const scales: number[] = [];
  for (let index = 0; index < count; index++) {
    const centre = index >= hospitals;
    const level = centre ? 1 : index === 0 ? 3 : hospitalLevel.sample(random);
    const regionCode = districts[(centre ? index - hospitals : index) % districts.length];
    const number = String(index + 1).padStart(3, '0');
    const scale = FACILITY_SIZE_BY_LEVEL[level] * (0.6 + 0.8 * random.next());
    scales.push(scale);
    facilities.push({
      id: ids.take('facility'),
      index,
      code: `${codePrefix}${number}`,
      name: `合成第${index + 1}${LEVEL_NAMES[level]}`,
      level,
      kind: centre ? 'community_centre' : 'hospital',
      regionCode,
      serviceAreas: centre
        ? streets.take(regionCode, random.int(STREETS_PER_CENTRE[0], STREETS_PER_CENTRE[1]))
        : [],
      size: scale,
      births: centre ? 0 : scale,
      nurses: [],
      mchStaff: [],
      statistician: 0,
      admin: 0,
      sessions: [],
      schedule: ctx.nationalSchedule,
    });
  }
  shareRegistrations(facilities);
  for (const plan of facilities) {
    const { level, kind, regionCode } = plan;
    sink.add('facility', [plan.id, plan.code, plan.name, level, kind, regionCode, 1]);
    for (const area of plan.serviceAreas) {
      sink.add('facility_service_area', [area, plan.id]);
      ctx.serviceAreas.set(area, plan.id);
    }
    const number = plan.code.slice(codePrefix.length);
    const username = (role: string, k: number) =>
      `${codePrefix}${number}.${role}${k}`.toLowerCase();
    const user = (role: (typeof ROLES)[number], k: number, title: string): number => {
      const id = ids.take('app_user');
      const displayName = `${random.pick(STAFF_SURNAMES)}${title}`;
      sink.add('app_user', [id, plan.id, username(role, k), displayName, role, passwordHash, 1, 1]);
      return id;
    };
    const nurses = Math.max(2, Math.round(scales[plan.index] * 3));
    for (let k = 1; k <= nurses; k++) plan.nurses.push(user('nurse', k, '护士'));
    for (let k = 1; k <= 2; k++) plan.mchStaff.push(user('mch_staff', k, '医生'));
    plan.statistician = user('statistician', 1, '统计员');
    plan.admin = user('admin', 1, '管理员');
  }
  return facilities;
}

/**
 * 街道 codes (district + 3 digits) for new centres, numbered from 001 in each district, skipping
 * any under which a service area already exists, so no code is served twice and none of the
 * database's 社区 areas is a longer match for a woman of the cohort.
 */
class StreetCodes {
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();

  constructor(existing: Iterable<string>) {
    for (const code of existing) if (code.length >= 9) this.taken.add(code.slice(0, 9));
  }

  take(district: string, count: number): string[] {
    const codes: string[] = [];
    let k = this.next.get(district) ?? 1;
    while (codes.length < count) {
      if (k > 999) throw new Error(`Every 街道 code of district ${district} is served already`);
      const code = `${district}${String(k++).padStart(3, '0')}`;
      if (!this.taken.has(code)) codes.push(code);
    }
    this.next.set(district, k);
    return codes;
  }
}

/** A community centre with 街道 to serve: the women of its areas live there. */
export function servesArea(facility: FacilityPlan): boolean {
  return facility.kind === 'community_centre' && facility.serviceAreas.length > 0;
}

/**
 * Each facility's `size` becomes its share of registrations: CENTRE_REGISTRATION_SHARE for the
 * centres serving areas (by their size), the rest for the other facilities (by theirs), as the
 * generator picks them. Left as they are when either side is empty.
 */
function shareRegistrations(facilities: FacilityPlan[]): void {
  const centres = facilities.filter(servesArea);
  const others = facilities.filter((f) => !servesArea(f));
  if (centres.length === 0 || others.length === 0) return;
  const total = (list: FacilityPlan[]) => list.reduce((sum, f) => sum + f.size, 0);
  const [centreTotal, otherTotal] = [total(centres), total(others)];
  for (const f of centres) f.size = (CENTRE_REGISTRATION_SHARE * f.size) / centreTotal;
  for (const f of others) f.size = ((1 - CENTRE_REGISTRATION_SHARE) * f.size) / otherTotal;
}

export interface ExistingFacility {
  id: number;
  code: string;
  name: string;
  level: 1 | 2 | 3;
  kind: FacilityKind;
  regionCode: string;
  /** Its service areas, when it is a community centre. */
  serviceAreas: string[];
  /** Its active users; their ids record the history. */
  staff: readonly { id: number; role: (typeof ROLES)[number] }[];
  /** Its visit schedule: its own, else the national one. */
  schedule: readonly ScheduleWindow[];
}

/**
 * Facilities already in the database, their own staff recording the generated history. Their
 * share of the cohort follows their level, as for new facilities, and their kind: centres with
 * service areas register the women living there, hospitals deliver.
 */
export function planExistingFacilities(
  ctx: CohortContext,
  existing: readonly ExistingFacility[],
): FacilityPlan[] {
  const facilities = existing.map((facility, index): FacilityPlan => {
    const of = (role: (typeof ROLES)[number]) =>
      facility.staff.filter((user) => user.role === role).map((user) => user.id);
    const nurses = of('nurse');
    const mchStaff = of('mch_staff');
    if (nurses.length === 0 || mchStaff.length === 0) {
      throw new Error(
        `Facility ${facility.code} needs an active nurse and MCH staff member to record the history`,
      );
    }
    const size = FACILITY_SIZE_BY_LEVEL[facility.level] * (0.6 + 0.8 * ctx.random.next());
    return {
      id: facility.id,
      index,
      code: facility.code,
      name: facility.name,
      level: facility.level,
      kind: facility.kind,
      regionCode: facility.regionCode,
      serviceAreas: facility.serviceAreas,
      size,
      births: facility.kind === 'community_centre' ? 0 : size,
      nurses,
      mchStaff,
      statistician: of('statistician')[0] ?? mchStaff[0],
      admin: of('admin')[0] ?? mchStaff[0],
      sessions: [],
      schedule: facility.schedule,
    };
  });
  shareRegistrations(facilities);
  return facilities;
}

/**
 * The prenatal school's sessions of every facility from before the first pregnancy of the
 * cohort to two weeks ahead, as many a week as its expected attendance needs: a breastfeeding
 * class every other session, the other topics in turn.
 */
export function planClassSessions(
  ctx: CohortContext,
  facilities: FacilityPlan[],
  pregnancies: number,
  from: Day,
): void {
  const { random, ids, sink, clock, topics } = ctx;
  const breastfeeding = topics.filter((t) => t.breastfeeding);
  const others = topics.filter((t) => !t.breastfeeding);
  if (breastfeeding.length === 0 || others.length === 0) {
    throw new Error('The class topics must include a breastfeeding topic and another one');
  }
  const to = clock.today + SESSIONS_PLANNED_AHEAD_DAYS;
  const weeks = (to - from) / 7;
  const totalSize = facilities.reduce((sum, f) => sum + f.size, 0);
  const meanClasses =
    CLASSES_ATTENDED.reduce((sum, [n, w]) => sum + n * w, 0) /
    CLASSES_ATTENDED.reduce((sum, [, w]) => sum + w, 0);
  const meanCapacity = SESSION_CAPACITY.reduce((a, b) => a + b, 0) / SESSION_CAPACITY.length;
  for (const facility of facilities) {
    const attendances =
      (pregnancies * facility.size * CLASS_ATTENDANCE_SHARE * meanClasses * 1.5) / totalSize;
    const perWeek = Math.max(1, Math.ceil(attendances / weeks / (meanCapacity * PLANNED_FILL)));
    const spacing = 7 / perWeek;
    let other = 0;
    for (let k = 0; from + k * spacing <= to; k++) {
      const day = from + Math.floor(k * spacing);
      const topic = k % 2 === 0 ? random.pick(breastfeeding) : others[other++ % others.length];
      const startMinutes = random.pick(SESSION_START_MINUTES);
      const session: SessionPlan = {
        id: ids.take('class_session'),
        day,
        startsAt: clock.days.at(day, startMinutes),
        breastfeeding: topic.breastfeeding,
        capacity: random.pick(SESSION_CAPACITY),
        seatsTaken: 0,
      };
      facility.sessions.push(session);
      sink.add('class_session', [
        session.id,
        facility.id,
        topic.id,
        instant(session.startsAt),
        iso(day),
        random.pick(SESSION_MINUTES),
        `${random.pick(STAFF_SURNAMES)}老师`,
        random.pick(PLACES),
        session.capacity,
        random.pick(facility.mchStaff),
        1,
      ]);
    }
  }
}

/** The check-in time of a session: up to 20 minutes before it starts, never before its day. */
export function checkInTime(session: SessionPlan, dayStart: number, minutesEarly: number): number {
  return Math.max(dayStart, session.startsAt - minutesEarly * MINUTE_MS);
}
