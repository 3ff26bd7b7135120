import type { DataSource } from 'typeorm';
import type { ClassesService } from '../classes/classes.service';
import {
  BulkCheckInDto,
  CheckInDto,
  CreateSessionDto,
  SessionQueryDto,
} from '../classes/dto/classes.dto';
import type { Actor } from '../core/auth/actor';
import { MAX_PAGE_SIZE } from '../core/http/pagination';
import { addDays, daysBetween, type IsoDate, startOfDayIn } from '../core/time/calendar-date';
import {
  DispenseDto,
  EligibleQueryDto,
  type FolicAcidSummaryDto,
  IntakeReportDto,
  SurveyDto,
} from '../folic-acid/dto/folic-acid.dto';
import type { FolicAcidService } from '../folic-acid/folic-acid.service';
import {
  ADHERENCE_NOT_EVALUABLE,
  adherence,
  awareness,
  type IntakeReport,
  uptake,
  UPTAKE_DAYS_BEFORE_LMP,
} from '../folic-acid/rules/folic-acid';
import { WomanInputDto } from '../women/dto/registration.dto';
import type { RegistrationService } from '../women/registration.service';
import { PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import { ENDS_PREGNANCY, type PregnancyStatus } from '../women/rules/pregnancy-status';
import type { FacilityKey } from './demo-care';
import { type ClassGoer, planAttendance, sessionCalendar, type SessionPlan } from './demo-classes';
import {
  FolicAcidPlanner,
  type FolicRecords,
  type FolicSubject,
  type PlannedDispensing,
} from './demo-folic-acid';
import { type PersonInput, Rng } from './demo-people';
import {
  forEachConcurrently,
  printTable,
  share,
  type Staff,
  step,
  type TimelineEvent,
  validated,
} from './demo-support';

// The prenatal school and folic acid in the demo: sessions and their registers, women recorded
// before a pregnancy, tablets, intake reports and surveys, woven into the seed's timeline; then
// every pregnancy's folic-acid summary, the worklist and the class summaries read back and checked.

export interface PreventionServices {
  registration: RegistrationService;
  classes: ClassesService;
  folicAcid: FolicAcidService;
  dataSource: DataSource;
}

/** A woman's record; the run fills in the id when it creates or finds it. */
export interface WomanRecord {
  id: number | null;
}

/** What this part needs to know about one planned registration. */
export interface PreventionPregnancy {
  /** Its events run in this lane of the timeline. */
  lane: object;
  facility: FacilityKey;
  person: PersonInput;
  /** Shared by her registrations with the same document. */
  woman: WomanRecord;
  registrationDate: IsoDate;
  edd: IsoDate;
  /** The LMP the folic-acid service counts from: the one entered, or EDD − 280. */
  lmp: IsoDate;
  steps: readonly { status: PregnancyStatus; date: IsoDate }[];
  visits: readonly IsoDate[];
  /** The same pregnancy registered again (a referral, a duplicate): its records are elsewhere. */
  secondRecord: boolean;
  /** An ordinary story that can start with a pre-pregnancy check-up. */
  mayComeBefore: boolean;
  pregnancyId: () => number;
}

interface Attendee {
  woman: WomanRecord;
  /** The pregnancy she attends in, or null before one. */
  pregnancy: PreventionPregnancy | null;
}

/** A woman recorded with POST /women, before any pregnancy. */
interface Newcomer {
  lane: object;
  facility: FacilityKey;
  person: PersonInput;
  woman: WomanRecord;
  recordedOn: IsoDate;
  dispensings: PlannedDispensing[];
  /** The pregnancy she registers later, reusing her record; null if still planning one. */
  pregnancy: PreventionPregnancy | null;
}

/** Pre-pregnancy women per facility: those who later register, and those who have not yet. */
const LATER_PREGNANT = 3;
const STILL_PLANNING = 6;
const CLASS_ONLY: Record<FacilityKey, number> = { f1: 3, f2: 2 };

const SESSION_START_HOUR = 14;
const HOUR_MS = 3_600_000;
const FACILITIES: readonly FacilityKey[] = ['f1', 'f2'];

/** The summary per pregnancy that the check compares, as a line a person can read. */
type SummaryLine = string;

interface Outcome {
  pregnancy: PreventionPregnancy;
  summary: FolicAcidSummaryDto;
}

export class PreventionDemo {
  private pregnancies: PreventionPregnancy[] = [];
  private sessions: SessionPlan<Attendee>[] = [];
  private readonly newcomers: Newcomer[] = [];
  private readonly records = new Map<PreventionPregnancy, FolicRecords>();
  private outcomes: Outcome[] = [];
  private readonly worklists = new Map<FacilityKey, { early: number; preconception: number }>();
  private readonly breastfeedingBeforeDelivery = new Map<FacilityKey, [number, number]>();

  constructor(
    private readonly services: PreventionServices,
    private readonly staff: Staff,
    private readonly today: IsoDate,
    private readonly timeZone: string,
  ) {}

  plan(
    pregnancies: PreventionPregnancy[],
    newPeople: (facility: FacilityKey, count: number) => PersonInput[],
    seed: number,
  ): void {
    const rng = new Rng(seed);
    const { today } = this;
    this.pregnancies = pregnancies;
    this.sessions = FACILITIES.flatMap((f) => sessionCalendar<Attendee>(f, today, rng)).sort(
      (a, b) => daysBetween(b.date, a.date),
    );

    const goers: ClassGoer<Attendee>[] = [];
    for (const facility of FACILITIES) {
      // A few come to a pre-pregnancy check-up (孕前检查) first and register later.
      const candidates = pregnancies.filter(
        (p) =>
          p.facility === facility &&
          p.mayComeBefore &&
          this.earlierPregnancy(p) === null &&
          (p.steps.length === 0 || p.steps[0].status === 'delivered') &&
          daysBetween(gaLmp(p), today) >= 120,
      );
      for (const pregnancy of rng.shuffle(candidates).slice(0, LATER_PREGNANT)) {
        const newcomer: Newcomer = {
          lane: pregnancy.lane,
          facility,
          person: pregnancy.person,
          woman: pregnancy.woman,
          recordedOn: addDays(gaLmp(pregnancy), -rng.int(45, 100)),
          dispensings: [],
          pregnancy,
        };
        this.newcomers.push(newcomer);
        if (rng.chance(0.6)) {
          goers.push(this.preconceptionGoer(newcomer, addDays(gaLmp(pregnancy), -1)));
        }
      }
    }

    const folicPlanner = new FolicAcidPlanner(rng, today);
    const own = pregnancies.filter((p) => !p.secondRecord);
    const subjects = own.map((p) => this.folicSubject(p, rng));
    folicPlanner.plan(subjects).forEach((records, i) => this.records.set(own[i], records));

    for (const facility of FACILITIES) {
      const people = newPeople(facility, STILL_PLANNING);
      const recent = this.sessions.filter(
        (s) =>
          s.facility === facility &&
          s.topic !== 'breastfeeding' &&
          s.date < today &&
          daysBetween(s.date, today) <= 150,
      );
      people.forEach((person, index) => {
        // The first few were recorded at a class they came to, and have had no tablets yet.
        const classOnly = index < CLASS_ONLY[facility];
        const recordedOn = classOnly ? rng.pick(recent).date : addDays(today, -rng.int(10, 200));
        const newcomer: Newcomer = {
          lane: { newcomer: person.documentNumber },
          facility,
          person,
          woman: { id: null },
          recordedOn,
          dispensings: classOnly ? [] : folicPlanner.quarterlySupply(facility, recordedOn),
          pregnancy: null,
        };
        this.newcomers.push(newcomer);
        if (classOnly) goers.push(this.preconceptionGoer(newcomer, recordedOn));
        else if (rng.chance(0.5)) goers.push(this.preconceptionGoer(newcomer, today));
      });
    }

    goers.push(...this.pregnancyGoers(own, rng));
    planAttendance(this.sessions, goers, today, rng);
  }

  /** Her earlier registration at the same facility, if any. */
  private earlierPregnancy(p: PreventionPregnancy): PreventionPregnancy | null {
    return (
      this.pregnancies.find(
        (q) =>
          q !== p &&
          q.woman === p.woman &&
          q.facility === p.facility &&
          q.registrationDate < p.registrationDate,
      ) ?? null
    );
  }

  private folicSubject(p: PreventionPregnancy, rng: Rng): FolicSubject {
    const { today } = this;
    const newcomer = this.newcomers.find((n) => n.pregnancy === p);
    const earlier = this.earlierPregnancy(p);
    const delivered = p.steps.find((s) => s.status === 'delivered');
    const died = p.steps.some((s) => s.status === 'maternal_death');
    const closedOn = p.steps.find((s) => s.status === 'closed')?.date;
    let surveyOn: IsoDate | null = null;
    if (delivered && !died) {
      // At the 42-day check, or before she leaves the ward.
      const on = closedOn ?? addDays(delivered.date, rng.int(2, 3));
      surveyOn = on <= today ? on : null;
    }
    return {
      facility: p.facility,
      registrationDate: p.registrationDate,
      lmp: p.lmp,
      knownFrom: newcomer?.recordedOn ?? earlier?.registrationDate ?? null,
      advisedBeforeConception: newcomer !== undefined,
      notBefore: earlier ? addDays(earlier.steps[earlier.steps.length - 1].date, 7) : null,
      visits: p.visits,
      earlyOpen: p.steps.length === 0 && daysBetween(gaLmp(p), today) <= 90,
      surveyOn,
    };
  }

  private preconceptionGoer(newcomer: Newcomer, to: IsoDate): ClassGoer<Attendee> {
    return {
      woman: { woman: newcomer.woman, pregnancy: null },
      facility: newcomer.facility,
      from: newcomer.recordedOn,
      to,
      lmp: null,
      sessions: 1,
      breastfeeding: false,
    };
  }

  /**
   * About two in three come to at least one class; half the women who delivered came to a
   * breastfeeding class first, and so do half of those now in the third trimester.
   */
  private pregnancyGoers(own: PreventionPregnancy[], rng: Rng): ClassGoer<Attendee>[] {
    const { today } = this;
    const goers: ClassGoer<Attendee>[] = [];
    for (const facility of FACILITIES) {
      const delivered = rng.shuffle(
        own.filter((p) => p.facility === facility && p.steps[0]?.status === 'delivered'),
      );
      const breastfeeding = new Set(delivered.slice(0, Math.round(delivered.length / 2)));
      for (const p of own.filter((q) => q.facility === facility)) {
        const gaToday = daysBetween(gaLmp(p), today);
        const wantsBreastfeeding =
          breastfeeding.has(p) ||
          (p.steps.length === 0 && gaToday >= 200 && rng.chance(0.5)) ||
          (p.steps.length > 0 && p.steps[0].status !== 'delivered' && rng.chance(0.2));
        if (!wantsBreastfeeding && !rng.chance(0.7)) continue;
        const [end] = p.steps;
        // Lost to follow-up: she stopped coming weeks before the case was given up.
        const to = end
          ? addDays(end.date, end.status === 'lost_to_follow_up' ? -35 : -1)
          : addDays(today, -1);
        goers.push({
          woman: { woman: p.woman, pregnancy: p },
          facility,
          from: p.registrationDate,
          to,
          lmp: gaLmp(p),
          sessions: rng.weighted(
            wantsBreastfeeding
              ? ([
                  [1, 30],
                  [2, 35],
                  [3, 25],
                  [4, 10],
                ] as const)
              : ([
                  [1, 55],
                  [2, 30],
                  [3, 15],
                ] as const),
          ),
          breastfeeding: wantsBreastfeeding,
        });
      }
    }
    return rng.shuffle(goers);
  }

  // -------------------------------------------------------------------------------------------
  // The events, for the seed's timeline.

  events(): TimelineEvent[] {
    const events: TimelineEvent[] = [];
    const { services, staff } = this;
    const sessionLanes = { f1: { sessions: 'f1' }, f2: { sessions: 'f2' } };
    const { folicAcid } = services;
    for (const newcomer of this.newcomers) {
      const nurse = staff[newcomer.facility].nurse;
      events.push({
        on: newcomer.recordedOn,
        order: 1,
        kind: 'woman',
        lane: newcomer.lane,
        createsWoman: true,
        actor: nurse,
        run: () => this.recordWoman(newcomer, nurse),
      });
    }
    const holders = [
      ...this.newcomers.map((n) => ({
        ...n,
        records: { dispensings: n.dispensings, reports: [], surveys: [] },
      })),
      ...[...this.records].map(([p, records]) => ({ ...p, records })),
    ];
    for (const { facility, lane, woman, records } of holders) {
      const { nurse, mch } = staff[facility];
      for (const d of records.dispensings) {
        events.push(
          folicEvent('dispensing', d.dispensedOn, lane, woman, nurse, async (id) =>
            folicAcid.dispense(id, await validated(DispenseDto, { ...d }), nurse),
          ),
        );
      }
      for (const report of records.reports) {
        events.push(
          folicEvent('intakeReport', report.reportedOn, lane, woman, nurse, async (id) =>
            folicAcid.reportIntake(
              id,
              await validated(IntakeReportDto, withoutNulls(report)),
              nurse,
            ),
          ),
        );
      }
      for (const survey of records.surveys) {
        events.push(
          folicEvent('survey', survey.askedOn, lane, woman, mch, async (id) =>
            folicAcid.survey(id, await validated(SurveyDto, { ...survey }), mch),
          ),
        );
      }
    }
    for (const session of this.sessions) {
      const nurse = staff[session.facility].nurse;
      events.push({
        on: session.scheduledOn,
        order: 5,
        kind: 'session',
        lane: sessionLanes[session.facility],
        actor: nurse,
        run: () => this.createSession(session, nurse),
      });
      if (session.register.length === 0) continue;
      events.push({
        on: session.date,
        order: 9,
        kind: 'checkIn',
        lane: sessionLanes[session.facility],
        barrier: true,
        actor: nurse,
        run: () => this.checkIn(session, nurse),
      });
    }
    return events;
  }

  private async recordWoman(newcomer: Newcomer, nurse: Actor): Promise<void> {
    const input = await validated(WomanInputDto, { ...newcomer.person });
    const result = await step(`POST /women for ${newcomer.person.name}`, () =>
      this.services.registration.registerWoman(input, nurse),
    );
    if (result.existingWoman || result.possibleDuplicates.length > 0) {
      throw new Error(
        `Demo plan: ${newcomer.person.name} should be a new woman with no possible duplicate`,
      );
    }
    newcomer.woman.id = result.woman.id;
  }

  private async createSession(session: SessionPlan<Attendee>, nurse: Actor): Promise<void> {
    const startsAt = new Date(
      startOfDayIn(session.date, this.timeZone).getTime() + SESSION_START_HOUR * HOUR_MS,
    );
    const input = await validated(CreateSessionDto, {
      topicCode: session.topic,
      startsAt,
      durationMinutes: session.durationMinutes,
      instructor: session.instructor,
      place: session.place,
      capacity: session.capacity,
    });
    const created = await step(`${session.topic} session on ${session.date}`, () =>
      this.services.classes.createSession(input, nurse),
    );
    if (created.sessionDate !== session.date) {
      throw new Error(`Demo plan: session on ${session.date} was dated ${created.sessionDate}`);
    }
    session.id = created.id;
  }

  /** The register: the list in one request, or one by one, or the list and a late arrival. */
  private async checkIn(session: SessionPlan<Attendee>, nurse: Actor): Promise<void> {
    const { classes } = this.services;
    const lines = session.register.map((a) => ({
      womanId: a.woman.woman.id!,
      ...(a.companion ? { companion: a.companion } : {}),
    }));
    const label = `check-in to the ${session.topic} session on ${session.date}`;
    const single = async (line: CheckInDto) => {
      const input = await validated(CheckInDto, line);
      return step(label, () => classes.checkIn(session.id!, [input], nurse, () => 'womanId'));
    };
    const bulk = async (list: CheckInDto[]) => {
      const input = await validated(BulkCheckInDto, { attendees: list });
      return step(label, () =>
        classes.checkIn(
          session.id!,
          input.attendees,
          nurse,
          (index) => `attendees[${index}].womanId`,
        ),
      );
    };
    const oneByOne = async (list: CheckInDto[]) => {
      const saved = [];
      for (const line of list) saved.push(...(await single(line)));
      return saved;
    };
    const saved =
      session.checkIn === 'single'
        ? await oneByOne(lines)
        : session.checkIn === 'bulk'
          ? await bulk(lines)
          : [...(await bulk(lines.slice(0, -1))), ...(await single(lines[lines.length - 1]))];
    const expected = session.register.map(
      (a) => `${a.woman.woman.id} ${a.woman.pregnancy?.pregnancyId() ?? 'none'}`,
    );
    const actual = saved.map((a) => `${a.womanId} ${a.pregnancyId ?? 'none'}`);
    if (JSON.stringify(actual.sort()) !== JSON.stringify(expected.sort())) {
      throw new Error(
        `Demo plan: ${label} registered [${actual.join(', ')}], expected [${expected.join(', ')}]`,
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // Read back through the services and checked against the plan.

  async check(): Promise<void> {
    await this.checkSummaries();
    for (const facility of FACILITIES) {
      await this.checkWorklist(facility);
      await this.checkWomanClasses(facility);
      const nurse = this.staff[facility].nurse;
      const listed = await this.services.classes.list(
        nurse,
        await validated(SessionQueryDto, { page: 1, pageSize: 1 }),
      );
      const planned = this.sessions.filter((s) => s.facility === facility).length;
      if (listed.total !== planned) {
        throw new Error(
          `Demo plan: ${facility} lists ${listed.total} sessions, expected ${planned}`,
        );
      }
    }
  }

  private womanRecords(woman: WomanRecord): {
    dispensings: PlannedDispensing[];
    reports: IntakeReport[];
    surveys: FolicRecords['surveys'];
  } {
    const all = [...this.records].filter(([p]) => p.woman === woman).map(([, records]) => records);
    return {
      dispensings: [
        ...all.flatMap((r) => r.dispensings),
        ...this.newcomers.filter((n) => n.woman === woman).flatMap((n) => n.dispensings),
      ],
      reports: all.flatMap((r) => r.reports),
      surveys: all.flatMap((r) => r.surveys),
    };
  }

  /** What FolicAcidService.summary must say today: its record windows, the pure rules. */
  private expectedSummary(p: PreventionPregnancy): SummaryLine {
    const { today } = this;
    // The service counts from the LMP the final EDD puts it at, and stops at the pregnancy's end.
    const lmp = gaLmp(p);
    const since = addDays(lmp, -180);
    const ended = p.steps.find((step) => step.status !== 'open')?.date ?? null;
    const until = ended !== null && ended < today ? ended : today;
    const within = (date: IsoDate) => date >= since && date <= until;
    const records = this.womanRecords(p.woman);
    const dispensings = records.dispensings.filter((d) => within(d.dispensedOn));
    const reports = records.reports.filter((r) => within(r.reportedOn));
    return summaryLine({
      lmp,
      uptake: uptake(lmp, dispensings, reports),
      adherence: adherence(lmp, dispensings, reports, today),
      awareness: awareness(records.surveys.filter((s) => s.askedOn <= today)),
    });
  }

  private async checkSummaries(): Promise<void> {
    const outcomes: Outcome[] = [];
    await forEachConcurrently(this.pregnancies, 8, async (pregnancy) => {
      const nurse = this.staff[pregnancy.facility].nurse;
      const summary = await this.services.folicAcid.summary(pregnancy.pregnancyId(), nurse);
      const expected = this.expectedSummary(pregnancy);
      if (summaryLine(summary) !== expected) {
        throw new Error(
          `Demo plan: folic-acid summary of pregnancy ${pregnancy.pregnancyId()} is\n  ${summaryLine(summary)}\nexpected\n  ${expected}`,
        );
      }
      outcomes.push({ pregnancy, summary });
    });
    this.outcomes = outcomes.sort((a, b) => a.pregnancy.pregnancyId() - b.pregnancy.pregnancyId());
  }

  /** Early pregnancies with no tablets since LMP − 90 days; pre-pregnancy women with none in 90 days. */
  private async checkWorklist(facility: FacilityKey): Promise<void> {
    const { today } = this;
    const nurse = this.staff[facility].nurse;
    const worklist = await this.services.folicAcid.eligibleWithoutDispensing(
      nurse,
      await validated(EligibleQueryDto, { page: 1, pageSize: MAX_PAGE_SIZE }),
    );
    const given = (woman: WomanRecord, since: IsoDate) =>
      this.womanRecords(woman).dispensings.some((d) => d.dispensedOn >= since);
    const early = this.pregnancies.filter(
      (p) =>
        p.facility === facility &&
        p.steps.length === 0 &&
        daysBetween(gaLmp(p), today) <= 90 &&
        !given(p.woman, addDays(gaLmp(p), -UPTAKE_DAYS_BEFORE_LMP)),
    );
    const preconception = this.newcomers.filter(
      (n) =>
        n.facility === facility &&
        n.pregnancy === null &&
        !given(n.woman, addDays(today, -UPTAKE_DAYS_BEFORE_LMP)),
    );
    const expected = [
      ...early.map((p) => `${p.woman.id} pregnancy ${p.pregnancyId()}`),
      ...preconception.map((n) => `${n.woman.id} pre_conception`),
    ].sort();
    const actual = worklist.items
      .map((i) => `${i.womanId} ${i.pregnancyId ? `pregnancy ${i.pregnancyId}` : i.reason}`)
      .sort();
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(
        `Demo plan: ${facility} folic-acid worklist is [${actual.join(', ')}], expected [${expected.join(', ')}]`,
      );
    }
    this.worklists.set(facility, { early: early.length, preconception: preconception.length });
  }

  /** Per delivered pregnancy: a breastfeeding class before delivery, and how many classes. */
  private async checkWomanClasses(facility: FacilityKey): Promise<void> {
    const nurse = this.staff[facility].nurse;
    const delivered = this.pregnancies.filter(
      (p) => p.facility === facility && p.steps[0]?.status === 'delivered',
    );
    let withBreastfeeding = 0;
    await forEachConcurrently(delivered, 8, async (p) => {
      const classes = await this.services.classes.classesOfWoman(p.woman.id!, nurse);
      const found = classes.pregnancies.find((q) => q.pregnancyId === p.pregnancyId());
      const actual = found
        ? `${found.breastfeedingClassBeforeDelivery} ${found.classesBeforeDelivery}`
        : 'missing';
      const expected = this.expectedClasses(p);
      if (actual !== expected) {
        throw new Error(
          `Demo plan: classes of pregnancy ${p.pregnancyId()} are ${actual}, expected ${expected}`,
        );
      }
      if (found?.breastfeedingClassBeforeDelivery) withBreastfeeding += 1;
    });
    this.breastfeedingBeforeDelivery.set(facility, [withBreastfeeding, delivered.length]);
  }

  /** The service's rule: her sessions from the pregnancy's first day to the day before it ended. */
  private expectedClasses(p: PreventionPregnancy): string {
    const ended = p.steps.find((s) => ENDS_PREGNANCY.includes(s.status))?.date ?? null;
    const during = this.sessions.filter(
      (s) =>
        s.register.some((a) => a.woman.woman === p.woman) &&
        s.date >= gaLmp(p) &&
        (ended === null || s.date < ended),
    );
    return `${during.some((s) => s.topic === 'breastfeeding')} ${during.length}`;
  }

  // -------------------------------------------------------------------------------------------
  // The printout.

  async printSummary(): Promise<void> {
    const { today, staff } = this;
    const { dataSource } = this.services;
    const facilityIds = FACILITIES.map((f) => staff[f].nurse.facilityId);
    const count = async (sql: string) => {
      const rows = await dataSource.query<{ facility_id: number; n: string }[]>(sql, [facilityIds]);
      return (facility: FacilityKey) =>
        Number(rows.find((r) => r.facility_id === staff[facility].nurse.facilityId)?.n ?? 0);
    };
    const companions = await count(
      `SELECT s.facility_id, COUNT(a.companion) AS n FROM class_attendance a
       JOIN class_session s ON s.id = a.session_id WHERE s.facility_id IN (?) GROUP BY s.facility_id`,
    );
    const pregnanciesAttending = await count(
      `SELECT s.facility_id, COUNT(DISTINCT a.pregnancy_id) AS n FROM class_attendance a
       JOIN class_session s ON s.id = a.session_id WHERE s.facility_id IN (?) GROUP BY s.facility_id`,
    );
    const preconceptionAttending = await count(
      `SELECT s.facility_id, COUNT(DISTINCT a.woman_id) AS n FROM class_attendance a
       JOIN class_session s ON s.id = a.session_id
       WHERE s.facility_id IN (?) AND a.pregnancy_id IS NULL GROUP BY s.facility_id`,
    );
    const dispensings = await count(
      'SELECT facility_id, COUNT(*) AS n FROM folic_acid_dispensing WHERE facility_id IN (?) GROUP BY facility_id',
    );
    const dispensedWomen = await count(
      'SELECT facility_id, COUNT(DISTINCT woman_id) AS n FROM folic_acid_dispensing WHERE facility_id IN (?) GROUP BY facility_id',
    );
    const reports = await count(
      'SELECT facility_id, COUNT(*) AS n FROM folic_acid_intake_report WHERE facility_id IN (?) GROUP BY facility_id',
    );
    const surveys = await count(
      'SELECT facility_id, COUNT(*) AS n FROM folic_acid_survey WHERE facility_id IN (?) GROUP BY facility_id',
    );

    console.log(
      '\nPrenatal school (孕妇学校): sessions and attendances in the last 12 months (GET /class-sessions/monthly-stats); in brackets, over 2 years:',
    );
    const classRows: string[][] = [];
    for (const facility of FACILITIES) {
      const nurse = staff[facility].nurse;
      const months = await this.services.classes.monthlyStats(nurse, addDays(today, -364), today);
      const sum = (key: 'sessions' | 'breastfeedingSessions' | 'attendances') =>
        months.reduce((n, m) => n + m[key], 0);
      const upcoming = await this.services.classes.list(
        nurse,
        await validated(SessionQueryDto, { page: 1, pageSize: 1, from: addDays(today, 1) }),
      );
      const own = this.pregnancies.filter((p) => p.facility === facility && !p.secondRecord);
      const [withBreastfeeding, delivered] = this.breastfeedingBeforeDelivery.get(facility)!;
      const attendances = this.sessions
        .filter((s) => s.facility === facility)
        .reduce((n, s) => n + s.register.length, 0);
      classRows.push([
        facility === 'f1' ? 'DEMO-F1' : 'DEMO-F2',
        String(sum('sessions')),
        String(sum('breastfeedingSessions')),
        `${sum('attendances')} (${attendances})`,
        String(companions(facility)),
        share(pregnanciesAttending(facility), own.length),
        String(preconceptionAttending(facility)),
        share(withBreastfeeding, delivered),
        String(upcoming.total),
      ]);
    }
    printTable([
      [
        'facility',
        'sessions',
        'breastfeeding',
        'attendances',
        'companions, 2 years',
        'pregnancies attending',
        'pre-pregnancy attendees',
        'delivered: breastfeeding class first',
        'scheduled',
      ],
      ...classRows,
    ]);

    console.log(
      '\nFolic acid (增补叶酸), from GET /pregnancies/{id}/folic-acid-summary today: delivered pregnancies, and all past GA 13+0:',
    );
    const folicRows: string[][] = [];
    for (const facility of FACILITIES) {
      const own = this.outcomes.filter((o) => o.pregnancy.facility === facility);
      const delivered = own.filter((o) => o.pregnancy.steps[0]?.status === 'delivered');
      const evaluable = own.filter(
        (o) =>
          o.summary.adherence.reason !== ADHERENCE_NOT_EVALUABLE.beforeGa13 &&
          o.pregnancy.steps[0]?.status !== 'ended',
      );
      const rate = (list: Outcome[], test: (s: FolicAcidSummaryDto) => boolean) =>
        share(list.filter((o) => test(o.summary)).length, list.length);
      const surveyed = own.filter(
        (o, i, all) =>
          o.summary.awareness.surveyed &&
          all.findIndex((other) => other.pregnancy.woman === o.pregnancy.woman) === i,
      );
      const worklist = this.worklists.get(facility)!;
      folicRows.push([
        facility === 'f1' ? 'DEMO-F1' : 'DEMO-F2',
        `${dispensings(facility)} (${dispensedWomen(facility)} women)`,
        String(reports(facility)),
        String(surveys(facility)),
        rate(delivered, (s) => s.uptake.took),
        rate(delivered, (s) => s.adherence.adherent),
        rate(evaluable, (s) => s.uptake.took),
        rate(evaluable, (s) => s.adherence.adherent),
        rate(surveyed, (s) => s.awareness.aware),
        `${worklist.early + worklist.preconception} (${worklist.early} early, ${worklist.preconception} pre-pregnancy)`,
      ]);
    }
    printTable([
      [
        'facility',
        'dispensings',
        'intake reports',
        'surveys',
        'uptake (delivered)',
        'adherence (delivered)',
        'uptake (≥13+0)',
        'adherence (≥13+0)',
        'aware (surveyed)',
        'worklist',
      ],
      ...folicRows,
    ]);
    const pregnant = this.pregnancies.filter((p) => !p.secondRecord);
    const dispensed = pregnant.filter((p) => this.records.get(p)!.dispensings.length > 0);
    const reported = pregnant.filter((p) => this.records.get(p)!.reports.length > 0);
    const later = this.newcomers.filter((n) => n.pregnancy !== null).length;
    console.log(
      [
        `  pregnancies given tablets: ${share(dispensed.length, pregnant.length)}; with an intake report: ${share(reported.length, pregnant.length)}`,
        `  women recorded before a pregnancy (POST /women): ${this.newcomers.length}, of whom ${later} registered a pregnancy later`,
      ].join('\n'),
    );
  }

  /** A delivered pregnancy that started with a pre-pregnancy check-up, for the curl example. */
  examplePregnancyId(): number | null {
    const story = this.newcomers.find((n) => n.pregnancy?.steps[0]?.status === 'delivered');
    return (story ?? this.newcomers.find((n) => n.pregnancy))?.pregnancy?.pregnancyId() ?? null;
  }
}

/** A folic-acid record of hers, written on its day in her lane. */
function folicEvent(
  kind: 'dispensing' | 'intakeReport' | 'survey',
  on: IsoDate,
  lane: object,
  woman: WomanRecord,
  actor: Actor,
  write: (womanId: number) => Promise<unknown>,
): TimelineEvent {
  return {
    on,
    order: 5,
    kind,
    lane,
    actor,
    run: async () => {
      await step(`${kind} of woman ${woman.id} on ${on}`, () => write(woman.id!));
    },
  };
}

function gaLmp(p: PreventionPregnancy): IsoDate {
  return addDays(p.edd, -PREGNANCY_LENGTH_DAYS);
}

function summaryLine(
  s: Pick<FolicAcidSummaryDto, 'lmp' | 'uptake' | 'adherence' | 'awareness'>,
): SummaryLine {
  const a = s.adherence;
  return [
    `lmp ${s.lmp}`,
    `took ${s.uptake.took} from ${s.uptake.firstEvidence}`,
    `adherence ${a.evaluable ? `${a.daysTaken}/${a.daysInWindow} from ${a.startedOn}` : 'not evaluable'} ${a.adherent}`,
    `aware ${s.awareness.surveyed ? s.awareness.aware : 'not asked'}`,
  ].join(', ');
}

/** An intake report as a request body: absent fields are left out, not sent as null. */
function withoutNulls(report: IntakeReport): IntakeReportDto {
  return {
    reportedOn: report.reportedOn,
    ...(report.startedOn !== null ? { startedOn: report.startedOn } : {}),
    ...(report.stoppedOn !== null ? { stoppedOn: report.stoppedOn } : {}),
    ...(report.missedDays !== null ? { missedDays: report.missedDays } : {}),
    ...(report.estimatedDaysTaken !== null
      ? { estimatedDaysTaken: report.estimatedDaysTaken }
      : {}),
  };
}
