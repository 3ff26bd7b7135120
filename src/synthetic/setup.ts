import type { ScheduleWindow } from '../antenatal/rules/visit-schedule';
import { ROLES } from '../core/auth/actor';
import { type Day, MINUTE_MS } from './calendar';
import { type CohortContext, type FacilityPlan, instant, iso, type SessionPlan } from './context';
import {
  CLASS_ATTENDANCE_SHARE,
  CLASSES_ATTENDED,
  FACILITY_SIZE_BY_LEVEL,
  facilityLevel,
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

/**
 * Facilities and their staff: at least one user of every role per facility, more nurses in
 * bigger hospitals. One password hash, computed once, serves every user.
 */
export function planFacilities(
  ctx: CohortContext,
  count: number,
  codePrefix: string,
  passwordHash: string,
): FacilityPlan[] {
  const { random, ids, sink } = ctx;
  const regions = districtCodes(ctx.cityCode, Math.min(count, 12));
  const facilities: FacilityPlan[] = [];
  for (let index = 0; index < count; index++) {
    const level = index === 0 ? 3 : facilityLevel.sample(random);
    const number = String(index + 1).padStart(3, '0');
    const plan: FacilityPlan = {
      id: ids.take('facility'),
      index,
      code: `${codePrefix}${number}`,
      name: `合成第${index + 1}${LEVEL_NAMES[level]}`,
      level,
      regionCode: regions[index % regions.length],
      size: FACILITY_SIZE_BY_LEVEL[level] * (0.6 + 0.8 * random.next()),
      nurses: [],
      mchStaff: [],
      statistician: 0,
      admin: 0,
      sessions: [],
      schedule: ctx.nationalSchedule,
    };
    sink.add('facility', [plan.id, plan.code, plan.name, level, plan.regionCode, 1]);
    const username = (role: string, k: number) =>
      `${codePrefix}${number}.${role}${k}`.toLowerCase();
    const user = (role: (typeof ROLES)[number], k: number, title: string): number => {
      const id = ids.take('app_user');
      const displayName = `${random.pick(STAFF_SURNAMES)}${title}`;
      sink.add('app_user', [id, plan.id, username(role, k), displayName, role, passwordHash, 1, 1]);
      return id;
    };
    const nurses = Math.max(2, Math.round(plan.size * 3));
    for (let k = 1; k <= nurses; k++) plan.nurses.push(user('nurse', k, '护士'));
    for (let k = 1; k <= 2; k++) plan.mchStaff.push(user('mch_staff', k, '医生'));
    plan.statistician = user('statistician', 1, '统计员');
    plan.admin = user('admin', 1, '管理员');
    facilities.push(plan);
  }
  return facilities;
}

export interface ExistingFacility {
  id: number;
  code: string;
  name: string;
  level: 1 | 2 | 3;
  regionCode: string;
  /** Its active users; their ids record the history. */
  staff: readonly { id: number; role: (typeof ROLES)[number] }[];
  /** Its visit schedule: its own, else the national one. */
  schedule: readonly ScheduleWindow[];
}

/**
 * Facilities already in the database, their own staff recording the generated history. Their
 * share of the cohort follows their level, as for new facilities.
 */
export function planExistingFacilities(
  ctx: CohortContext,
  existing: readonly ExistingFacility[],
): FacilityPlan[] {
  return existing.map((facility, index) => {
    const of = (role: (typeof ROLES)[number]) =>
      facility.staff.filter((user) => user.role === role).map((user) => user.id);
    const nurses = of('nurse');
    const mchStaff = of('mch_staff');
    if (nurses.length === 0 || mchStaff.length === 0) {
      throw new Error(
        `Facility ${facility.code} needs an active nurse and MCH staff member to record the history`,
      );
    }
    return {
      id: facility.id,
      index,
      code: facility.code,
      name: facility.name,
      level: facility.level,
      regionCode: facility.regionCode,
      size: FACILITY_SIZE_BY_LEVEL[facility.level] * (0.6 + 0.8 * ctx.random.next()),
      nurses,
      mchStaff,
      statistician: of('statistician')[0] ?? mchStaff[0],
      admin: of('admin')[0] ?? mchStaff[0],
      sessions: [],
      schedule: facility.schedule,
    };
  });
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
