import type { CompanionType } from '../classes/class.entities';
import { addDays, daysBetween, type IsoDate } from '../core/time/calendar-date';
import type { FacilityKey } from './demo-care';
import type { Rng } from './demo-people';

// The prenatal school (孕妇学校) of each demo facility: its calendar over the last two years and
// the next weeks, and who came to which session. Pure planning; the seed writes it through
// ClassesService and reads the per-woman summaries back.

/** The topics the migration seeds; breastfeeding counts towards BFHI step 3. */
export type TopicCode =
  | 'breastfeeding'
  | 'nutrition'
  | 'danger_signs'
  | 'labour_delivery'
  | 'newborn_care'
  | 'postpartum_recovery';

const OTHER_TOPICS: readonly TopicCode[] = [
  'nutrition',
  'danger_signs',
  'labour_delivery',
  'newborn_care',
  'postpartum_recovery',
];

/** Gestational age (days) at which a pregnant woman usually comes to each topic. */
const TOPIC_GA: Record<TopicCode, readonly [number, number]> = {
  nutrition: [56, 224],
  danger_signs: [84, 245],
  breastfeeding: [168, 276],
  labour_delivery: [196, 276],
  newborn_care: [196, 276],
  postpartum_recovery: [210, 276],
};

const DURATION_MINUTES: Record<TopicCode, number> = {
  breastfeeding: 90,
  nutrition: 90,
  danger_signs: 60,
  labour_delivery: 120,
  newborn_care: 90,
  postpartum_recovery: 60,
};

interface School {
  /** Weekdays (0 = Sunday) the school teaches on. */
  weekdays: readonly number[];
  instructors: Record<TopicCode, readonly string[]>;
  rooms: readonly { place: string; capacity: number }[];
}

const SCHOOLS: Record<FacilityKey, School> = {
  f1: {
    weekdays: [2, 6],
    instructors: {
      breastfeeding: ['张助产士', '李护士长', '国际认证泌乳顾问孙老师'],
      nutrition: ['王营养师', '营养科刘主治医师'],
      danger_signs: ['产科陈主任', '李护士长'],
      labour_delivery: ['张助产士', '产房黄助产士'],
      newborn_care: ['新生儿科周护士', '李护士长'],
      postpartum_recovery: ['康复科赵治疗师', '张助产士'],
    },
    rooms: [
      { place: '门诊楼3层孕妇学校教室', capacity: 40 },
      { place: '住院部5层产科示教室', capacity: 30 },
    ],
  },
  f2: {
    weekdays: [4, 6],
    instructors: {
      breastfeeding: ['吴助产士', '周护士长'],
      nutrition: ['郑营养师'],
      danger_signs: ['产科何主治医师', '周护士长'],
      labour_delivery: ['吴助产士', '马助产士'],
      newborn_care: ['儿科冯护士', '周护士长'],
      postpartum_recovery: ['中医科韩医师', '马助产士'],
    },
    rooms: [
      { place: '门诊楼2层健康教育室', capacity: 30 },
      { place: '产科病区示教室', capacity: 20 },
    ],
  },
};

/** How the nurse records the register: the list in one request, one by one, or a late arrival. */
export type CheckInMode = 'bulk' | 'single' | 'bulkThenLate';

export interface Attendance<W> {
  woman: W;
  companion: CompanionType | null;
}

export interface SessionPlan<W> {
  facility: FacilityKey;
  date: IsoDate;
  /** The day the session is put on the calendar. */
  scheduledOn: IsoDate;
  topic: TopicCode;
  instructor: string;
  place: string;
  capacity: number;
  durationMinutes: number;
  register: Attendance<W>[];
  checkIn: CheckInMode;
  /** Set by the run. */
  id?: number;
}

/** Someone who may come to classes at a facility between two days. */
export interface ClassGoer<W> {
  /** The same object for the same woman's record: she is on a session's register once. */
  woman: W;
  facility: FacilityKey;
  from: IsoDate;
  to: IsoDate;
  /** Her LMP while pregnant, to pick topics for her stage; null before a pregnancy. */
  lmp: IsoDate | null;
  sessions: number;
  /** Comes to one breastfeeding session; the others never do. */
  breastfeeding: boolean;
}

const PAST_DAYS = 730;

/** About 1–2 sessions a month over the last two years, breastfeeding every other month at least. */
export function sessionCalendar<W>(
  facility: FacilityKey,
  today: IsoDate,
  rng: Rng,
): SessionPlan<W>[] {
  const school = SCHOOLS[facility];
  const rotation = rng.shuffle([...OTHER_TOPICS]);
  let turn = 0;
  const nextTopic = () => rotation[turn++ % rotation.length];
  const sessions: SessionPlan<W>[] = [];
  const add = (date: IsoDate | null, topic: TopicCode, scheduledOn?: IsoDate) => {
    if (date === null || sessions.some((s) => s.date === date)) return;
    const room = rng.pick(school.rooms);
    sessions.push({
      facility,
      date,
      scheduledOn: scheduledOn ?? addDays(date, -rng.int(10, 21)),
      topic,
      instructor: rng.pick(school.instructors[topic]),
      place: room.place,
      capacity: room.capacity,
      durationMinutes: DURATION_MINUTES[topic],
      register: [],
      checkIn: 'bulk',
    });
  };
  const earliest = addDays(today, -PAST_DAYS);
  const first = earliest.slice(0, 8) + '01';
  for (let month = first, index = 0; month <= today; month = nextMonth(month), index++) {
    const main = index % 2 === 0 ? 'breastfeeding' : nextTopic();
    add(teachingDay(school, addDays(month, rng.int(3, 12)), earliest, today), main);
    if (rng.chance(0.5)) {
      const second = main !== 'breastfeeding' && rng.chance(0.3) ? 'breastfeeding' : nextTopic();
      add(teachingDay(school, addDays(month, rng.int(16, 25)), earliest, today), second);
    }
  }
  // Two on the calendar for the coming weeks: nobody can check in yet.
  const scheduledOn = addDays(today, -rng.int(1, 6));
  add(
    teachingDay(school, addDays(today, rng.int(4, 9)), today, null),
    'breastfeeding',
    scheduledOn,
  );
  add(teachingDay(school, addDays(today, rng.int(15, 24)), today, null), nextTopic(), scheduledOn);
  return sessions.sort((a, b) => daysBetween(b.date, a.date));
}

/** The first school day on or after `date`, after `after`; a past one also before `before`. */
function teachingDay(
  school: School,
  date: IsoDate,
  after: IsoDate,
  before: IsoDate | null,
): IsoDate | null {
  let day = date;
  while (!school.weekdays.includes(weekday(day))) day = addDays(day, 1);
  if (before !== null && day >= before) {
    // This month's session is still to come: take the last school day before today instead.
    day = addDays(before, -1);
    while (!school.weekdays.includes(weekday(day))) day = addDays(day, -1);
    if (day.slice(0, 7) !== date.slice(0, 7)) return null;
  }
  return day > after ? day : null;
}

function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function nextMonth(firstOfMonth: IsoDate): IsoDate {
  const [year, month] = firstOfMonth.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

const COMPANIONS: readonly (readonly [CompanionType | null, number])[] = [
  [null, 62],
  ['partner', 28],
  ['family_member', 8],
  ['other', 2],
];

/**
 * Puts each goer on the registers of sessions she could attend: her breastfeeding session first,
 * then topics for her stage of pregnancy, each topic once, never on a full session.
 */
export function planAttendance<W>(
  sessions: SessionPlan<W>[],
  goers: readonly ClassGoer<W>[],
  today: IsoDate,
  rng: Rng,
): void {
  const seatsTaken = (s: SessionPlan<W>) =>
    s.register.reduce((seats, a) => seats + (a.companion ? 2 : 1), 0);
  for (const goer of goers) {
    const open = sessions.filter(
      (s) =>
        s.facility === goer.facility &&
        s.date >= goer.from &&
        s.date <= goer.to &&
        s.date < today &&
        s.capacity - seatsTaken(s) >= 2 &&
        !s.register.some((a) => a.woman === goer.woman),
    );
    const forHerStage = (s: SessionPlan<W>) => {
      if (goer.lmp === null) return s.topic === 'nutrition' || s.topic === 'danger_signs';
      const ga = daysBetween(goer.lmp, s.date);
      const [min, max] = TOPIC_GA[s.topic];
      return ga >= min && ga <= max;
    };
    const choose = (candidates: SessionPlan<W>[]) => {
      const best = candidates.filter(forHerStage);
      return best.length > 0 ? rng.pick(best) : candidates.length > 0 ? rng.pick(candidates) : null;
    };
    const chosen: SessionPlan<W>[] = [];
    if (goer.breastfeeding) {
      const session = choose(open.filter((s) => s.topic === 'breastfeeding'));
      if (session) chosen.push(session);
    }
    while (chosen.length < goer.sessions) {
      const session = choose(
        open.filter((s) => s.topic !== 'breastfeeding' && !chosen.some((c) => c.topic === s.topic)),
      );
      if (!session) break;
      chosen.push(session);
    }
    for (const session of chosen) {
      session.register.push({ woman: goer.woman, companion: rng.weighted(COMPANIONS) });
    }
  }
  for (const session of sessions) {
    const size = session.register.length;
    session.register = rng.shuffle(session.register);
    session.checkIn =
      size === 1 || (size > 1 && rng.chance(0.12))
        ? 'single'
        : size > 2 && rng.chance(0.2)
          ? 'bulkThenLate'
          : 'bulk';
  }
}
