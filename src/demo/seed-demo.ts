import { periodContaining, previousPeriod } from '../indicators/periods';
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { performance } from 'node:perf_hooks';
import { DataSource, In } from 'typeorm';
import { appConfig, loadDotEnv } from '../../config';
import { RecordContactDto, WorklistQueryDto } from '../antenatal/dto/schedule.dto';
import { RecordVisitDto } from '../antenatal/dto/visit.dto';
import { ScheduleService } from '../antenatal/schedule.service';
import { daysPastDueDate, isPastDueDateWithoutOutcome } from '../antenatal/rules/past-due-date';
import { VisitsService } from '../antenatal/visits.service';
import { AppModule } from '../app.module';
import { ClassesService } from '../classes/classes.service';
import type { Actor, FacilityRole } from '../core/auth/actor';
import { adminScopeOf, type AdminScope } from '../core/auth/facility-scope';
import { DomainError } from '../core/errors/domain.error';
import { FacilitiesService } from '../core/facilities/facilities.service';
import { CreateFacilityDto } from '../core/facilities/dto/facility.dto';
import { Facility, FACILITY_LEVEL_NAMES } from '../core/facilities/facility.entity';
import { MAX_PAGE_SIZE, PageQueryDto } from '../core/http/pagination';
import { runInRequestContext } from '../core/request-context/request-context';
import {
  addDays,
  daysBetween,
  type IsoDate,
  startOfDayIn,
  todayIn,
} from '../core/time/calendar-date';
import { CreateUserDto } from '../core/users/dto/user.dto';
import type { User } from '../core/users/user.entity';
import { UsersService } from '../core/users/users.service';
import { BreastfeedingService } from '../breastfeeding/breastfeeding.service';
import { PostpartumService } from '../breastfeeding/postpartum.service';
import { PostpartumWorklistsService } from '../breastfeeding/postpartum-worklists.service';
import { BirthDoseWorklistService } from '../delivery/birth-dose-worklist.service';
import { DeliveryService } from '../delivery/delivery.service';
import { FolicAcidService } from '../folic-acid/folic-acid.service';
import { PmtctService } from '../pmtct/pmtct.service';
import { PmtctWorklistsService } from '../pmtct/pmtct-worklists.service';
import {
  AddNoteDto,
  AddReferralDto,
  AssessRiskDto,
  CaseQueryDto,
  FollowUpReferralDto,
  RecordReportDto,
  ReportQueryDto,
  UpdateCaseDto,
} from '../risk/dto/risk.dto';
import { HighRiskCase } from '../risk/high-risk-case.entity';
import { HighRiskCasesService } from '../risk/high-risk-cases.service';
import { RiskAssessmentService } from '../risk/risk-assessment.service';
import { RiskReport } from '../risk/risk-report.entity';
import { RiskReportsService } from '../risk/risk-reports.service';
import { generateSyntheticCohort } from '../synthetic/generate';
import { caseAutoCloseDue } from '../risk/rules/case-closure';
import { REPORT_WINDOW_HOURS } from '../risk/rules/report-deadline';
import { RISK_COLOURS } from '../risk/rules/risk-colour';
import { AddScanDto, RedatingDto, StatusChangeDto } from '../women/dto/pregnancy-commands.dto';
import type { MaternalDeathCause } from '../women/rules/maternal-death';
import { type DatingInputDto, RegistrationDto } from '../women/dto/registration.dto';
import { EddChange } from '../women/edd-change.entity';
import { PossibleDuplicate } from '../women/possible-duplicate.entity';
import { PregnanciesService } from '../women/pregnancies.service';
import { Pregnancy } from '../women/pregnancy.entity';
import { defaultScanMethod } from '../women/rules/dating-scans';
import { RegistrationService } from '../women/registration.service';
import {
  dateByBestEvidence,
  type EddSource,
  formatGestationalAge,
  gestationalAgeDays,
  PREGNANCY_LENGTH_DAYS,
  redatingThresholdDays,
  trimesterOf,
} from '../women/rules/gestational-age';
import {
  type EndOutcome,
  PREGNANCY_STATUSES,
  type PregnancyStatus,
} from '../women/rules/pregnancy-status';
import type { ObstetricHistory } from '../women/rules/registration-checks';
import { Woman } from '../women/woman.entity';
import {
  type CarePlan,
  CarePlanner,
  type CareRole,
  type CareStory,
  type CareSubject,
  type FacilityKey,
  type PlannedAssessment,
  type PlannedVisit,
} from './demo-care';
import { type RecentBirth, seedOf } from './demo-delivery';
import { MaternityDemo, type MaternityRiskInputs, type MaternitySubject } from './demo-maternity';
import { PeopleFactory, type PersonInput, Rng } from './demo-people';
import { PreventionDemo, type PreventionPregnancy, type WomanRecord } from './demo-prevention';
import {
  type EventKind,
  inContext,
  printTable,
  REQUEST_ID,
  settleAll,
  type Staff,
  step,
  type TimelineEvent,
  validated,
} from './demo-support';

// `npm run demo` loads this after the migrations. Everything is written through the services the
// API uses, inside a request context, so each row has the audit rows the API would have written.

const SEED = 20261122;

interface DemoFacility extends CreateFacilityDto {
  key: FacilityKey;
  migrantShare: number;
  /** The district MCH institute (区妇幼保健院) its ORANGE and RED gradings are reported to. */
  district: string;
  /** Surname of the demo user of each role, for display names such as 王护士. */
  staff: Record<FacilityRole, string>;
}

const DEMO_FACILITIES: readonly DemoFacility[] = [
  {
    key: 'f1',
    code: 'DEMO-F1',
    name: '北京市妇幼保健院',
    level: 3,
    regionCode: '110105',
    migrantShare: 0.35,
    district: '朝阳区妇幼保健院',
    staff: { nurse: '王', mch_staff: '李', statistician: '张', admin: '赵' },
  },
  {
    key: 'f2',
    code: 'DEMO-F2',
    name: '北京市海淀区第三人民医院',
    level: 2,
    regionCode: '110108',
    migrantShare: 0.5,
    district: '海淀区妇幼保健院',
    staff: { nurse: '刘', mch_staff: '陈', statistician: '杨', admin: '周' },
  },
];

const DEMO_ROLES: readonly {
  role: FacilityRole;
  login: string;
  password: string;
  title: string;
}[] = [
  { role: 'nurse', login: 'nurse', password: 'Demo-Nurse-2026', title: '护士' },
  { role: 'mch_staff', login: 'mch', password: 'Demo-Mch-2026', title: '妇幼专干' },
  { role: 'statistician', login: 'stats', password: 'Demo-Stats-2026', title: '统计员' },
  { role: 'admin', login: 'admin', password: 'Demo-Admin-2026', title: '管理员' },
];

/** Manages facilities, catalogues and every facility's users; reads no patient record. */
const SYSTEM_ADMIN = {
  username: 'system.admin',
  password: 'Demo-System-2026',
  displayName: '系统管理员',
} as const;

const usernameOf = (login: string, facility: FacilityKey) => `${login}.${facility}`;

// ---------------------------------------------------------------------------------------------
// The plan: who registers where and when, with which evidence, and what happens afterwards.

type Dating = Pick<DatingInputDto, 'lmp' | 'ultrasound' | 'ivf'>;
type DatingKind = 'lmp' | 'lmpScanAgrees' | 'lmpScanRedates' | 'scanOnly' | 'ivf';
/** A first scan after an LMP-only booking, an LMP correction, or a late scan that is only kept. */
type LaterRedating = 'scanRedates' | 'scanAgrees' | 'lmpCorrected' | 'lateScanKept';
type ClosedStatus = Exclude<PregnancyStatus, 'open' | 'merged'>;

interface StatusStep {
  status: ClosedStatus;
  date: IsoDate;
  reason: string;
  endOutcome?: EndOutcome;
  /** A maternal death: the minute of `date` (hospital time) she died, and the cause. */
  death?: { minuteOfDay: number; cause: MaternalDeathCause };
}

interface RedatingPlan {
  kind: LaterRedating;
  /** The day the new evidence is entered: the scan's date, or two weeks after registration. */
  on: IsoDate;
  evidence: Dating;
  reason: string;
  expectedSource: EddSource;
  expectEddChange: boolean;
}

interface EpisodePlan {
  facility: FacilityKey;
  person: PersonInput;
  registrationDate: IsoDate;
  dating: Dating;
  expectedSource: EddSource;
  history: ObstetricHistory;
  fetusCount: number;
  steps: StatusStep[];
  redating?: RedatingPlan;
  /** Set on a planned possible duplicate: the reason the service should flag. */
  expectedDuplicate?: PossibleDuplicate['reason'];
  /** Set on the two registrations of a woman F2 refers to F1. */
  story?: CareStory;
  /** A birth of the last hours a PMTCT or feeding story needs. */
  recentBirth?: RecentBirth;
  /** Delivered over 42 days ago; her 42-day check referred her on. */
  referredAt42?: boolean;
  /** Set by the run: the pregnancy id and version after registration. */
  pregnancyId?: number;
  version?: number;
}

type PastOutcome =
  | 'delivered'
  | 'closed'
  | 'day42Referred'
  | 'day42Due'
  | 'day42Overdue'
  | 'bornHbsagDue'
  | 'bornHbsagLate'
  | 'bornNoFirstFeed'
  | 'miscarriage'
  | 'termination'
  | 'ectopic'
  | 'transferredOut'
  | 'transferredOutPostpartum'
  | 'lost'
  | 'lostPostpartum'
  | 'maternalDeath';

interface FacilityStories {
  open: number;
  /** Earlier closed (or miscarried) pregnancy and a current open one; the last one moved here. */
  twoPregnancies: number;
  past: Partial<Record<PastOutcome, number>>;
  ivf: number;
  scanOnly: number;
  lmpScanAgrees: number;
  lmpScanRedates: number;
  later: LaterRedating[];
  /** Open, 15–20 days past the EDD with no outcome: the past-due-date worklist. */
  pastDueDate: number;
  passports: { name: string; number: string }[];
}

const STORIES: Record<FacilityKey, FacilityStories> = {
  f1: {
    open: 52,
    twoPregnancies: 6,
    past: {
      delivered: 9,
      closed: 11,
      day42Referred: 1,
      day42Due: 1,
      day42Overdue: 1,
      bornHbsagDue: 1,
      bornHbsagLate: 1,
      bornNoFirstFeed: 1,
      miscarriage: 3,
      termination: 2,
      ectopic: 2,
      transferredOut: 3,
      transferredOutPostpartum: 1,
      lost: 3,
      lostPostpartum: 1,
      maternalDeath: 1,
    },
    ivf: 4,
    scanOnly: 3,
    lmpScanAgrees: 6,
    lmpScanRedates: 6,
    later: ['scanRedates', 'scanRedates', 'scanAgrees', 'lmpCorrected', 'lateScanKept'],
    pastDueDate: 2,
    passports: [
      { name: 'KIM MINJI', number: 'M47215836' },
      { name: 'IVANOVA ANNA', number: '758213406' },
    ],
  },
  f2: {
    open: 52,
    twoPregnancies: 6,
    past: {
      delivered: 9,
      closed: 11,
      day42Referred: 1,
      day42Due: 1,
      day42Overdue: 1,
      bornHbsagDue: 1,
      bornHbsagLate: 1,
      bornNoFirstFeed: 1,
      miscarriage: 3,
      termination: 2,
      ectopic: 1,
      transferredOut: 2,
      transferredOutPostpartum: 1,
      lost: 4,
      lostPostpartum: 1,
    },
    ivf: 2,
    scanOnly: 3,
    lmpScanAgrees: 6,
    lmpScanRedates: 6,
    later: ['scanRedates', 'scanAgrees', 'lmpCorrected', 'lateScanKept'],
    pastDueDate: 1,
    passports: [{ name: 'NGUYEN THI HOA', number: 'C6034417' }],
  },
};

/** F2 (level 2) refers high-risk women to F1 (level 3), where they register again. */
const REFERRALS_F2_TO_F1 = 2;
/** F1 women registered again at F2: by passport, by another resident ID, by a shared phone. */
const DUPLICATE_PAIRS = 3;

const OPEN_GA_MIN = 38; // 5+3: the earliest a woman usually comes to book
const OPEN_GA_MAX = 293; // 41+6: a few are overdue, none past 42+0

class Planner {
  private readonly people: PeopleFactory;
  private readonly gaPools: Record<FacilityKey, number[]>;
  private episodeCount = 0;

  constructor(
    private readonly rng: Rng,
    private readonly today: IsoDate,
    /** The days of the stories' births of the last hours. */
    private readonly recentBirths: Record<RecentBirth, IsoDate>,
  ) {
    this.people = new PeopleFactory(rng, today);
    this.gaPools = { f1: [], f2: [] };
  }

  plan(): EpisodePlan[][] {
    const women: EpisodePlan[][] = [];
    for (const facility of DEMO_FACILITIES) {
      const stories = STORIES[facility.key];
      const openCount =
        stories.open +
        stories.twoPregnancies +
        (facility.key === 'f1' ? DUPLICATE_PAIRS + REFERRALS_F2_TO_F1 : 0);
      this.gaPools[facility.key] = this.spreadGas(openCount);
    }
    // The narrowest GA ranges are taken first, so every story finds one.
    const referralGas = Array.from({ length: REFERRALS_F2_TO_F1 }, () =>
      this.takeGa('f1', 160, 250),
    );
    const f1 = this.facilityWomen('f1');
    women.push(...f1.women);
    women.push(...this.facilityWomen('f2').women);
    women.push(...this.duplicatePairs(f1.duplicateOriginals));
    women.push(...this.referrals(referralGas));
    return women;
  }

  /** Women who come before any pregnancy, recorded with POST /women. */
  preconceptionPeople(key: FacilityKey, count: number): PersonInput[] {
    const facility = DEMO_FACILITIES.find((f) => f.key === key)!;
    return Array.from({ length: count }, () =>
      this.people.residentIdWoman({
        homeDistrict: facility.regionCode,
        migrantShare: facility.migrantShare,
        minAge: 22,
        maxAge: 38,
      }),
    );
  }

  /** Open GAs spread evenly over every week from booking to overdue, in random order. */
  private spreadGas(count: number): number[] {
    const span = OPEN_GA_MAX - OPEN_GA_MIN;
    const gas = Array.from({ length: count }, (_, i) =>
      Math.min(OPEN_GA_MAX, OPEN_GA_MIN + Math.floor(((i + this.rng.next()) * span) / count)),
    );
    return this.rng.shuffle(gas);
  }

  private takeGa(facility: FacilityKey, min: number, max: number): number {
    const pool = this.gaPools[facility];
    const index = pool.findIndex((ga) => ga >= min && ga <= max);
    if (index < 0) throw new Error(`Demo plan: no open GA left in ${min}..${max} at ${facility}`);
    return pool.splice(index, 1)[0];
  }

  private facilityWomen(key: FacilityKey): {
    women: EpisodePlan[][];
    duplicateOriginals: EpisodePlan[];
  } {
    const facility = DEMO_FACILITIES.find((f) => f.key === key)!;
    const stories = STORIES[key];
    const personOptions = {
      homeDistrict: facility.regionCode,
      migrantShare: facility.migrantShare,
    };
    const specialPeople: PersonInput[] = [
      ...stories.passports.map((p) => this.people.passportWoman(p.name, p.number, personOptions)),
      this.people.residentIdWoman({ ...personOptions, oddSequence: true }),
    ];
    const nextPerson = (minAge = 19) =>
      specialPeople.shift() ?? this.people.residentIdWoman({ ...personOptions, minAge });
    const women: EpisodePlan[][] = [];
    const duplicateGas =
      key === 'f1' ? Array.from({ length: DUPLICATE_PAIRS }, () => this.takeGa(key, 84, 250)) : [];

    // Constrained open pregnancies first, so each finds a GA where its evidence is possible.
    const openKinds: { kind: DatingKind; later?: LaterRedating }[] = [
      ...stories.later.map((later) => ({
        // The late scan is kept beside an early one that dated her.
        kind: later === 'lateScanKept' ? ('lmpScanAgrees' as const) : ('lmp' as const),
        later,
      })),
      ...Array.from({ length: stories.ivf }, () => ({ kind: 'ivf' as const })),
      ...Array.from({ length: stories.scanOnly }, () => ({ kind: 'scanOnly' as const })),
      ...Array.from({ length: stories.lmpScanAgrees }, () => ({ kind: 'lmpScanAgrees' as const })),
      ...Array.from({ length: stories.lmpScanRedates }, () => ({
        kind: 'lmpScanRedates' as const,
      })),
    ];
    while (openKinds.length < stories.open) openKinds.push({ kind: 'lmp' });
    for (const { kind, later } of openKinds) {
      const [min, max] =
        later === 'lateScanKept' ? [205, 270] : later ? [63, 270] : GA_RANGE_FOR[kind];
      const ga = this.takeGa(key, min, max);
      women.push([this.openEpisode(key, nextPerson(), ga, kind, later)]);
    }

    // Past 42+0 with no delivery or ending recorded: beyond the open GAs of the pool.
    for (let i = 0; i < stories.pastDueDate; i++) {
      const ga = this.rng.int(PREGNANCY_LENGTH_DAYS + 15, PREGNANCY_LENGTH_DAYS + 20);
      women.push([this.openEpisode(key, nextPerson(), ga, 'lmp')]);
    }

    const pastOutcomes = Object.entries(stories.past).flatMap(([outcome, count]) =>
      Array.from({ length: count }, () => outcome as PastOutcome),
    );
    for (const outcome of this.rng.shuffle(pastOutcomes)) {
      women.push([this.pastEpisode(key, nextPerson(), outcome)]);
    }

    for (let i = 0; i < stories.twoPregnancies; i++) {
      // The last one had her first baby at the other hospital, then moved.
      const firstAt: FacilityKey = i === stories.twoPregnancies - 1 ? otherFacility(key) : key;
      women.push(this.twoPregnancies(key, firstAt, nextPerson(24)));
    }

    const duplicateOriginals = duplicateGas.map((ga) =>
      this.openEpisode(key, nextPerson(), ga, 'lmp'),
    );
    women.push(...duplicateOriginals.map((episode) => [episode]));
    return { women, duplicateOriginals };
  }

  private openEpisode(
    facility: FacilityKey,
    person: PersonInput,
    ga: number,
    kind: DatingKind,
    later?: LaterRedating,
  ): EpisodePlan {
    const lmp = addDays(this.today, -ga);
    const booking = bookingGa(this.rng);
    // Those re-dated later booked early, before their dating scan.
    const registrationGa = later
      ? this.rng.int(42, 56)
      : booking <= ga
        ? booking
        : this.rng.int(Math.min(35, ga), ga);
    const { dating, expectedSource } = this.dating(kind, lmp, registrationGa, ga, 9);
    const episode = this.episode(facility, person, lmp, registrationGa, dating, expectedSource);
    if (later) episode.redating = this.laterRedating(later, lmp, registrationGa, ga);
    return episode;
  }

  private pastEpisode(
    facility: FacilityKey,
    person: PersonInput,
    outcome: PastOutcome,
    agoRange?: [number, number],
  ): EpisodePlan {
    const { rng } = this;
    const [eventGa, steps] = this.pastEvents(outcome, person, agoRange);
    const lmp = addDays(steps[0].date, -eventGa);
    const booking = bookingGa(rng);
    const recentBirth = RECENT_BIRTH_OUTCOMES[outcome];
    // The PMTCT stories of the last hours booked early, so their tests and treatment fit.
    const latest = recentBirth ? 100 : eventGa - 7;
    const registrationGa = booking <= latest ? booking : rng.int(35, latest);
    const kind = rng.weighted(PAST_DATING_KINDS);
    // Past redatings stay just past the threshold, so births stay at plausible GAs.
    const { dating, expectedSource } = this.dating(kind, lmp, registrationGa, eventGa, 3);
    return {
      ...this.episode(facility, person, lmp, registrationGa, dating, expectedSource),
      steps,
      // The stories of the last hours are about one baby.
      ...(recentBirth ? { recentBirth, fetusCount: 1 } : {}),
      ...(outcome === 'day42Referred' ? { referredAt42: true } : {}),
    };
  }

  /** GA at the first event and the status changes, dated `agoRange` days back when given. */
  private pastEvents(
    outcome: PastOutcome,
    person: PersonInput,
    agoRange?: [number, number],
  ): [number, StatusStep[]] {
    const { rng, today } = this;
    const ago = (min: number, max: number) =>
      addDays(today, -rng.int(agoRange?.[0] ?? min, agoRange?.[1] ?? max));
    const event = (
      status: ClosedStatus,
      gaRange: [number, number],
      agoDays: [number, number],
      reason: string | ((ga: number) => string),
      endOutcome?: EndOutcome,
    ): [number, StatusStep[]] => {
      const ga = rng.int(...gaRange);
      const text = typeof reason === 'string' ? reason : reason(ga);
      const date = ago(...agoDays);
      return [ga, [{ status, date, reason: text, ...(endOutcome ? { endOutcome } : {}) }]];
    };
    const delivery = (agoDays: [number, number]): [number, StatusStep[]] => {
      const reason = rng.chance(0.35) ? '本院剖宫产分娩' : '本院阴道分娩';
      return [deliveryGa(rng), [{ status: 'delivered', date: ago(...agoDays), reason }]];
    };
    const then = (
      [ga, steps]: [number, StatusStep[]],
      status: ClosedStatus,
      days: [number, number],
      reason: string,
    ): [number, StatusStep[]] => [
      ga,
      [...steps, { status, date: addDays(steps[0].date, rng.int(...days)), reason }],
    ];

    const recent = (birth: RecentBirth): [number, StatusStep[]] => [
      rng.int(266, 285),
      [{ status: 'delivered', date: this.recentBirths[birth], reason: '本院阴道分娩' }],
    ];
    switch (outcome) {
      case 'delivered':
        return delivery([0, 40]);
      // Closed by the 42-day check (PostpartumService), 42 to 50 days after the birth.
      case 'closed':
        return then(delivery([51, 330]), 'closed', [42, 50], '产后42天检查：已恢复，结案');
      case 'day42Referred':
        return delivery([51, 75]);
      case 'day42Due':
        return delivery([43, 54]);
      case 'day42Overdue':
        return delivery([58, 80]);
      case 'bornHbsagDue':
        return recent('hbsagDue');
      case 'bornHbsagLate':
        return recent('hbsagLate');
      case 'bornNoFirstFeed':
        return recent('noFirstFeed');
      case 'miscarriage':
        return event('ended', [49, 130], [5, 330], rng.pick(MISCARRIAGE_REASONS), 'miscarriage');
      case 'termination':
        return event('ended', [50, 180], [5, 330], terminationReason, 'termination');
      case 'ectopic':
        return event('ended', [45, 60], [5, 330], '输卵管妊娠，行腹腔镜手术', 'ectopic');
      case 'transferredOut':
        return event(
          'transferred_out',
          [90, 250],
          [3, 150],
          person.householdType === 'migrant'
            ? '回户籍地待产，转当地妇幼保健机构'
            : '随家属迁居外省，转出',
        );
      case 'transferredOutPostpartum':
        return then(
          delivery([15, 120]),
          'transferred_out',
          [3, 14],
          '产后回户籍地休养，转当地社区随访',
        );
      case 'lost':
        return event('lost_to_follow_up', [70, 230], [30, 250], '多次电话及上门随访未联系上');
      case 'lostPostpartum':
        return then(
          delivery([60, 220]),
          'lost_to_follow_up',
          [28, 42],
          '产后访视及42天检查均未到，电话停机',
        );
      case 'maternalDeath': {
        const [ga, steps] = then(
          delivery([20, 150]),
          'maternal_death',
          [1, 3],
          '产后出血致失血性休克，抢救无效死亡',
        );
        const death = steps[steps.length - 1];
        // The minute from the day itself: the plan's random stream stays as it was.
        death.death = {
          minuteOfDay: seedOf(death.date) % (24 * 60),
          cause: 'obstetric_haemorrhage',
        };
        return [ga, steps];
      }
    }
  }

  private twoPregnancies(
    current: FacilityKey,
    firstAt: FacilityKey,
    person: PersonInput,
  ): EpisodePlan[] {
    const ga = this.takeGa(current, OPEN_GA_MIN, OPEN_GA_MAX);
    const miscarriage = this.rng.chance(0.3);
    const first = miscarriage
      ? this.pastEpisode(firstAt, person, 'miscarriage', [ga + 90, ga + 500])
      : this.pastEpisode(firstAt, person, 'closed', [420, 1000]);
    const delivered = first.steps[0].status === 'delivered';
    const caesarean = first.steps[0].reason.includes('剖宫产');
    // At her second registration she brings a new phone or job now and then.
    const again: PersonInput = {
      ...person,
      ...(this.rng.chance(0.3) ? { phone: this.people.newPhone() } : {}),
      ...(this.rng.chance(0.3) ? { occupation: this.people.occupation() ?? '家务' } : {}),
    };
    const second = this.openEpisode(current, again, ga, 'lmp');
    second.history = {
      gravidity: first.history.gravidity + 1,
      parity: first.history.parity + (delivered ? 1 : 0),
      previousCaesareans: first.history.previousCaesareans + (caesarean ? 1 : 0),
    };
    return [first, second];
  }

  /** The same pregnancies registered at F2 by another document, or another woman's phone. */
  private duplicatePairs(originals: EpisodePlan[]): EpisodePlan[][] {
    const f2 = DEMO_FACILITIES.find((f) => f.key === 'f2')!;
    const [byPassport, byOtherId, byPhone] = originals;
    // Registered after the original, so the second registration is the one flagged.
    const after = (original: EpisodePlan): IsoDate => {
      const date = addDays(original.registrationDate, this.rng.int(7, 30));
      return date < this.today ? date : this.today;
    };
    const again = (original: EpisodePlan, person: PersonInput): EpisodePlan => ({
      ...original,
      facility: 'f2',
      person,
      registrationDate: after(original),
    });
    const phoneSharer = this.openEpisode(
      'f2',
      this.people.sharingPhone(byPhone.person, {
        homeDistrict: f2.regionCode,
        migrantShare: f2.migrantShare,
      }),
      this.rng.int(60, 250),
      'lmp',
    );
    if (phoneSharer.registrationDate <= byPhone.registrationDate) {
      phoneSharer.registrationDate = after(byPhone);
    }
    const passport = this.people.sameNameAndBirthPassport(byPassport.person, 'E81426573');
    const otherId = this.people.sameNameAndBirthOtherResidentId(byOtherId.person, f2.regionCode);
    return [
      [{ ...again(byPassport, passport), expectedDuplicate: 'same_name_and_birth_date' }],
      [{ ...again(byOtherId, otherId), expectedDuplicate: 'same_name_and_birth_date' }],
      [{ ...phoneSharer, expectedDuplicate: 'same_phone' }],
    ];
  }

  /** Red-risk women F2 transfers out and F1 registers again, same pregnancy, days later. */
  private referrals(gasToday: number[]): EpisodePlan[][] {
    const f2 = DEMO_FACILITIES.find((f) => f.key === 'f2')!;
    return gasToday.map((gaToday) => {
      const person = this.people.residentIdWoman({
        homeDistrict: f2.regionCode,
        migrantShare: f2.migrantShare,
        minAge: 28,
      });
      const transferredDaysAgo = this.rng.int(1, 20);
      const lmp = addDays(this.today, -gaToday);
      const registrationGa = this.rng.int(42, 84);
      const { dating, expectedSource } = this.dating('lmp', lmp, registrationGa, gaToday, 0);
      const transferDate = addDays(this.today, -transferredDaysAgo);
      const atF2 = this.episode('f2', person, lmp, registrationGa, dating, expectedSource);
      atF2.history = { gravidity: 2, parity: 1, previousCaesareans: 1 };
      atF2.steps = [
        {
          status: 'transferred_out',
          date: transferDate,
          reason:
            '妊娠风险评估红色（凶险性前置胎盘：瘢痕子宫合并前置胎盘），转诊至北京市妇幼保健院',
        },
      ];
      atF2.story = 'referredOut';
      const atF1: EpisodePlan = {
        ...atF2,
        story: 'referredIn',
        facility: 'f1',
        registrationDate: addDays(transferDate, this.rng.int(0, Math.min(3, transferredDaysAgo))),
        steps: [],
      };
      return [atF2, atF1];
    });
  }

  private episode(
    facility: FacilityKey,
    person: PersonInput,
    lmp: IsoDate,
    registrationGa: number,
    dating: Dating,
    expectedSource: EddSource,
  ): EpisodePlan {
    return {
      facility,
      person,
      registrationDate: addDays(lmp, registrationGa),
      dating,
      expectedSource,
      history: obstetricHistory(this.rng, dating.ivf != null),
      // Twins in about 2 % of pregnancies.
      fetusCount: ++this.episodeCount % 50 === 25 ? 2 : 1,
      steps: [],
    };
  }

  /**
   * Evidence for a pregnancy whose LMP is `lmp`, registered at `registrationGa` and seen until
   * `latestGa`. A scan that should redate is off by more than the ACOG threshold for its GA by
   * LMP, by up to `extraDays` more; one that should not is within it.
   */
  private dating(
    kind: DatingKind,
    lmp: IsoDate,
    registrationGa: number,
    latestGa: number,
    extraDays: number,
  ): { dating: Dating; expectedSource: EddSource } {
    const { rng } = this;
    switch (kind) {
      case 'lmp':
        return { dating: { lmp }, expectedSource: 'lmp' };
      case 'lmpScanAgrees':
      case 'lmpScanRedates': {
        if (latestGa < 49) return this.dating('lmp', lmp, registrationGa, latestGa, extraDays);
        const redates = kind === 'lmpScanRedates';
        const ultrasound = scanAgainstLmp(rng, lmp, rng.int(49, Math.min(97, latestGa)), {
          redates,
          extraDays,
        });
        return { dating: { lmp, ultrasound }, expectedSource: redates ? 'ultrasound' : 'lmp' };
      }
      case 'scanOnly': {
        if (latestGa < 42) return this.dating('lmp', lmp, registrationGa, latestGa, extraDays);
        const scanGa = rng.int(42, Math.min(100, latestGa));
        return {
          dating: { ultrasound: { scanDate: addDays(lmp, scanGa), gaDays: scanGa } },
          expectedSource: 'ultrasound',
        };
      }
      case 'ivf': {
        const embryoAgeDays = rng.pick([3, 5]);
        // Conception is GA 2+0, so a day-n embryo goes in at GA 14 + n days.
        const transferGa = 14 + embryoAgeDays;
        if (latestGa < transferGa || registrationGa < transferGa) {
          return this.dating('lmp', lmp, registrationGa, latestGa, extraDays);
        }
        return {
          dating: { ivf: { transferDate: addDays(lmp, transferGa), embryoAgeDays } },
          expectedSource: 'ivf',
        };
      }
    }
  }

  private laterRedating(
    later: LaterRedating,
    lmp: IsoDate,
    registrationGa: number,
    ga: number,
  ): RedatingPlan {
    const { rng } = this;
    if (later === 'lateScanKept') {
      // A growth scan at 28–32 weeks, 22–26 days behind: beyond even ACOG's 21-day row, but her
      // early scan dated the pregnancy, so it is kept and the EDD stays.
      const scanGa = rng.int(196, Math.min(ga, 224));
      const offBy = rng.int(22, 26);
      return {
        kind: later,
        on: addDays(lmp, scanGa),
        evidence: { ultrasound: { scanDate: addDays(lmp, scanGa), gaDays: scanGa - offBy } },
        reason: `孕晚期B超双顶径、腹围相当于孕${formatGestationalAge(scanGa - offBy)}周，较孕周小${offBy}天，按早孕期B超核定的预产期不变，转产科评估胎儿生长`,
        expectedSource: 'lmp',
        expectEddChange: false,
      };
    }
    if (later === 'lmpCorrected') {
      const shift = rng.pick([-1, 1]) * rng.int(5, 12);
      const twoWeeksLater = addDays(lmp, registrationGa + 14);
      return {
        kind: later,
        on: twoWeeksLater < this.today ? twoWeeksLater : this.today,
        evidence: { lmp: addDays(lmp, shift) },
        reason: '孕妇查阅就诊记录后更正末次月经日期',
        expectedSource: 'lmp',
        expectEddChange: true,
      };
    }
    const scanGa = rng.int(Math.max(registrationGa, 56), Math.min(ga, 97));
    const redates = later === 'scanRedates';
    const ultrasound = scanAgainstLmp(rng, lmp, scanGa, { redates, extraDays: 8 });
    const offBy = Math.abs(ultrasound.gaDays - scanGa);
    return {
      kind: later,
      on: ultrasound.scanDate,
      evidence: { ultrasound },
      reason: redates
        ? `早孕期B超头臀长相当于孕${formatGestationalAge(ultrasound.gaDays)}周，与末次月经推算相差${offBy}天，按B超核对预产期`
        : `早孕期B超核对孕周，与末次月经推算相差${offBy}天，不改预产期`,
      expectedSource: redates ? 'ultrasound' : 'lmp',
      expectEddChange: redates,
    };
  }
}

const RECENT_BIRTH_OUTCOMES: Partial<Record<PastOutcome, RecentBirth>> = {
  bornHbsagDue: 'hbsagDue',
  bornHbsagLate: 'hbsagLate',
  bornNoFirstFeed: 'noFirstFeed',
};

const GA_RANGE_FOR: Record<DatingKind, [number, number]> = {
  lmp: [OPEN_GA_MIN, OPEN_GA_MAX],
  lmpScanAgrees: [56, 270],
  lmpScanRedates: [56, 270],
  scanOnly: [49, 270],
  ivf: [56, OPEN_GA_MAX],
};

const PAST_DATING_KINDS: readonly (readonly [DatingKind, number])[] = [
  ['lmp', 70],
  ['lmpScanAgrees', 12],
  ['lmpScanRedates', 8],
  ['scanOnly', 5],
  ['ivf', 3],
];

const MISCARRIAGE_REASONS = ['稽留流产，行清宫术', '难免流产', '不全流产，行清宫术'];

function terminationReason(ga: number): string {
  return ga < 70 ? '本人要求终止妊娠，行人工流产术' : '产前诊断胎儿严重畸形，引产';
}

function otherFacility(key: FacilityKey): FacilityKey {
  return key === 'f1' ? 'f2' : 'f1';
}

/** A scan at `scanGa` days by LMP, within the ACOG threshold or beyond it. */
function scanAgainstLmp(
  rng: Rng,
  lmp: IsoDate,
  scanGa: number,
  { redates, extraDays }: { redates: boolean; extraDays: number },
): { scanDate: IsoDate; gaDays: number } {
  const threshold = redatingThresholdDays(scanGa);
  const offBy = redates ? threshold + rng.int(1, Math.max(1, extraDays)) : rng.int(0, threshold);
  // A smaller fetus than dates is as common as a larger one; the API refuses scans under 35 days.
  const direction = scanGa - offBy >= 35 && rng.chance(0.5) ? -1 : 1;
  return { scanDate: addDays(lmp, scanGa), gaDays: scanGa + direction * offBy };
}

/** GA in days at booking (建册): mostly in the first trimester, some late. */
function bookingGa(rng: Rng): number {
  const [min, max] = rng.weighted<[number, number]>([
    [[42, 90], 76],
    [[91, 139], 16],
    [[140, 195], 6],
    [[196, 240], 2],
  ]);
  return rng.int(min, max);
}

function deliveryGa(rng: Rng): number {
  // About 7 % preterm, as in Chinese hospital births.
  const [min, max] = rng.weighted<[number, number]>([
    [[259, 286], 86],
    [[287, 293], 7],
    [[238, 258], 5],
    [[203, 237], 2],
  ]);
  return rng.int(min, max);
}

function obstetricHistory(rng: Rng, ivf: boolean): ObstetricHistory {
  if (ivf) return { gravidity: rng.int(1, 2), parity: 0, previousCaesareans: 0 };
  const gravidity = rng.weighted([
    [1, 42],
    [2, 30],
    [3, 16],
    [4, 8],
    [5, 4],
  ] as const);
  const parity =
    gravidity === 1
      ? 0
      : rng.weighted(
          (
            [
              [0, 3],
              [1, 6],
              [2, 1],
            ] as const
          ).filter(([p]) => p <= gravidity - 1),
        );
  const previousCaesareans = parity > 0 && rng.chance(0.35) ? rng.int(1, parity) : 0;
  return { gravidity, parity, previousCaesareans };
}

// ---------------------------------------------------------------------------------------------
// The run.

interface Services {
  facilities: FacilitiesService;
  users: UsersService;
  registration: RegistrationService;
  pregnancies: PregnanciesService;
  visits: VisitsService;
  schedule: ScheduleService;
  risk: RiskAssessmentService;
  cases: HighRiskCasesService;
  reports: RiskReportsService;
  classes: ClassesService;
  folicAcid: FolicAcidService;
  delivery: DeliveryService;
  pmtct: PmtctService;
  pmtctWorklists: PmtctWorklistsService;
  postpartum: PostpartumService;
  breastfeeding: BreastfeedingService;
  postpartumWorklists: PostpartumWorklistsService;
  birthDoseWorklist: BirthDoseWorklistService;
  dataSource: DataSource;
  timeZone: string;
}

/** One registration with its care plan, and what the run learns about it. */
interface DemoPregnancy {
  episode: EpisodePlan;
  care: CarePlan;
  caseId: number | null;
  /** Her record: the same object for every registration with her document. */
  woman: WomanRecord;
}

const EVENT_KINDS: readonly EventKind[] = [
  'status',
  'registration',
  'redating',
  'visit',
  'assessment',
  'woman',
  'session',
  'checkIn',
  'dispensing',
  'intakeReport',
  'survey',
  'pmtct',
  'delivery',
  'stay',
  'postpartum',
  'followUp',
];

function documentKey(person: PersonInput): string {
  return `${person.documentType}:${person.documentNumber}`;
}

/** What the classes and folic-acid part needs of a registration. */
function preventionPregnancy(demo: DemoPregnancy): PreventionPregnancy {
  const { episode, care } = demo;
  const evidence = datingEvidenceOf(episode);
  const edd = finalEdd(episode);
  return {
    lane: demo,
    facility: episode.facility,
    person: episode.person,
    woman: demo.woman,
    registrationDate: episode.registrationDate,
    edd,
    lmp: evidence.lmp ?? addDays(edd, -PREGNANCY_LENGTH_DAYS),
    steps: episode.steps,
    visits: care.visits.map((v) => v.date),
    secondRecord: episode.expectedDuplicate !== undefined || episode.story === 'referredIn',
    // A woman another registration is flagged against comes no earlier than the plan says.
    mayComeBefore:
      !episode.story &&
      episode.expectedDuplicate === undefined &&
      episode.person.documentType === 'resident_id' &&
      !episode.person.confirmOddSequence &&
      care.role === null,
    pregnancyId: () => episode.pregnancyId!,
  };
}

function actorOf(user: User): Actor {
  return { userId: user.id, username: user.username, facilityId: user.facilityId, role: user.role };
}

async function createStaff(services: Services): Promise<Staff> {
  const facilityIds = {} as Record<FacilityKey, number>;
  const admins = {} as Record<FacilityKey, Actor>;
  const staff = { f1: {}, f2: {} } as Staff;
  const createUser = async (
    facility: DemoFacility,
    role: (typeof DEMO_ROLES)[number],
    scope: AdminScope,
  ) => {
    const input = await validated(CreateUserDto, {
      username: usernameOf(role.login, facility.key),
      displayName: `${facility.staff[role.role]}${role.title}`,
      role: role.role,
      facilityId: facilityIds[facility.key],
      password: role.password,
    });
    return actorOf(await step(`user ${input.username}`, () => services.users.create(input, scope)));
  };
  const createFacility = async (facility: DemoFacility) => {
    const { code, name, level, regionCode } = facility;
    const input = await validated(CreateFacilityDto, { code, name, level, regionCode });
    const created = await step(`facility ${code}`, () => services.facilities.create(input));
    facilityIds[facility.key] = created.id;
  };
  const [first, ...others] = DEMO_FACILITIES;
  const adminRole = DEMO_ROLES.find((r) => r.role === 'admin')!;

  // Nobody can log in yet: the first facility and the system admin are written with no acting
  // user, as an installation would; the system admin then sets up the facilities and their admins.
  const systemAdmin = await runInRequestContext({ requestId: REQUEST_ID }, async () => {
    await createFacility(first);
    const input = await validated(CreateUserDto, {
      ...SYSTEM_ADMIN,
      role: 'system_admin',
      facilityId: facilityIds[first.key],
    });
    return actorOf(
      await step(`user ${input.username}`, () => services.users.create(input, 'every-facility')),
    );
  });
  await inContext(systemAdmin, async () => {
    for (const facility of others) await createFacility(facility);
    for (const facility of DEMO_FACILITIES) {
      admins[facility.key] = await createUser(facility, adminRole, adminScopeOf(systemAdmin));
    }
  });
  // Password hashing is slow and off the main thread: the other users are created together, each
  // by the admin of their facility.
  await settleAll(
    DEMO_FACILITIES.flatMap((facility) =>
      DEMO_ROLES.filter((r) => r.role !== 'admin').map((role) =>
        inContext(admins[facility.key], async () => {
          const actor = await createUser(facility, role, adminScopeOf(admins[facility.key]));
          if (role.role === 'nurse') staff[facility.key].nurse = actor;
          if (role.role === 'mch_staff') staff[facility.key].mch = actor;
        }),
      ),
    ),
  );
  return staff;
}

function describe(episode: EpisodePlan): string {
  const { person } = episode;
  return `${episode.facility} ${person.name} (${person.documentType} ${person.documentNumber}), registered ${episode.registrationDate}`;
}

/**
 * The evidence the pregnancy ends up dated by: a corrected LMP replaces the LMP; of the scans
 * only the earliest takes part (a later one is kept, never used for dating).
 */
function datingEvidenceOf(episode: EpisodePlan): Dating {
  const later = episode.redating?.evidence ?? {};
  const scans = [episode.dating.ultrasound, later.ultrasound].filter((scan) => scan != null);
  return {
    lmp: 'lmp' in later ? later.lmp : episode.dating.lmp,
    ivf: episode.dating.ivf,
    ultrasound: scans.sort((a, b) => a.scanDate.localeCompare(b.scanDate))[0] ?? null,
  };
}

/** The EDD the pregnancy ends up with, once any planned re-dating is entered. */
function finalEdd(episode: EpisodePlan): IsoDate {
  const dating = dateByBestEvidence(datingEvidenceOf(episode));
  if (!dating) throw new Error(`Demo plan: ${describe(episode)} has no dating evidence`);
  return dating.edd;
}

function careSubject(episode: EpisodePlan, maternity: MaternityRiskInputs): CareSubject {
  const [first] = episode.steps;
  return {
    ...maternity,
    facility: episode.facility,
    birthDate: episode.person.birthDate,
    registrationDate: episode.registrationDate,
    edd: finalEdd(episode),
    end: first ? { date: first.date, status: first.status } : null,
    finalStatus: episode.steps[episode.steps.length - 1]?.status ?? 'open',
    history: episode.history,
    fetusCount: episode.fetusCount,
    ivf: episode.dating.ivf != null,
    ...(episode.story ? { story: episode.story } : {}),
  };
}

function expectEdd(episode: EpisodePlan, edd: IsoDate, when: string): void {
  const expected = finalEdd(episode);
  if (edd !== expected) {
    throw new Error(`Demo plan: ${describe(episode)} has EDD ${edd} ${when}, expected ${expected}`);
  }
}

async function registerEpisode(services: Services, staff: Staff, demo: DemoPregnancy) {
  const { episode } = demo;
  const { person, history } = episode;
  const input = await validated(RegistrationDto, {
    woman: { ...person },
    pregnancy: {
      registrationDate: episode.registrationDate,
      ...episode.dating,
      ...history,
      fetusCount: episode.fetusCount,
      ...(demo.care.prePregnancyWeightKg !== null
        ? { prePregnancyWeightKg: demo.care.prePregnancyWeightKg }
        : {}),
    },
  });
  const result = await step(`registration of ${describe(episode)}`, () =>
    services.registration.register(input, staff[episode.facility].nurse),
  );
  const { pregnancy, possibleDuplicates } = result;
  if (pregnancy.eddSource !== episode.expectedSource) {
    throw new Error(
      `Demo plan: ${describe(episode)} was dated by ${pregnancy.eddSource}, expected ${episode.expectedSource}: ${JSON.stringify(episode.dating)}`,
    );
  }
  if (!episode.redating) expectEdd(episode, pregnancy.edd, 'at registration');
  const flagged = possibleDuplicates.map((d) => d.reason);
  const expected = episode.expectedDuplicate ? [episode.expectedDuplicate] : [];
  if (JSON.stringify(flagged) !== JSON.stringify(expected)) {
    throw new Error(
      `Demo plan: ${describe(episode)} flagged as duplicate ${JSON.stringify(flagged)}, expected ${JSON.stringify(expected)}`,
    );
  }
  // Her record exists if an earlier registration or a pre-pregnancy visit created it.
  if (result.existingWoman !== (demo.woman.id !== null)) {
    throw new Error(
      `Demo plan: ${describe(episode)} was ${result.existingWoman ? 'a known' : 'a new'} woman, expected otherwise`,
    );
  }
  demo.woman.id = result.woman.id;
  episode.pregnancyId = pregnancy.id;
  episode.version = pregnancy.version;
}

/** The minute of a hospital day she died; a death today at most a minute ago. */
function diedAt(date: IsoDate, minuteOfDay: number, timeZone: string): Date {
  const at = new Date(startOfDayIn(date, timeZone).getTime() + minuteOfDay * 60_000);
  const aMinuteAgo = new Date(Date.now() - 60_000);
  return at < aMinuteAgo
    ? at
    : new Date(Math.max(startOfDayIn(date, timeZone).getTime(), aMinuteAgo.getTime()));
}

/** A status change the plan makes (deliveries and 42-day closures are the maternity part's). */
async function changeStatus(
  services: Services,
  staff: Staff,
  { episode }: DemoPregnancy,
  change: StatusStep,
) {
  const nurse = staff[episode.facility].nurse;
  // The delivery and the postpartum care changed it since the seed last saw it.
  const current = await services.pregnancies.findOne(episode.pregnancyId!, nurse);
  const input = await validated(StatusChangeDto, {
    version: current.version,
    status: change.status,
    effectiveDate: change.date,
    reason: change.reason,
    ...(change.endOutcome ? { endOutcome: change.endOutcome } : {}),
    ...(change.death
      ? {
          diedAt: diedAt(change.date, change.death.minuteOfDay, services.timeZone),
          deathCause: change.death.cause,
          deathCauseDetail: change.reason,
        }
      : {}),
  });
  const changed = await step(`${change.status} on ${change.date} for ${describe(episode)}`, () =>
    services.pregnancies.changeStatus(episode.pregnancyId!, input, nurse),
  );
  episode.version = changed.version;
}

async function redateEpisode(services: Services, staff: Staff, { episode }: DemoPregnancy) {
  const plan = episode.redating!;
  const nurse = staff[episode.facility].nurse;
  const before = await services.pregnancies.findOne(episode.pregnancyId!, nurse);
  const scan = plan.evidence.ultrasound;
  let after: Pregnancy;
  if (scan) {
    const input = await validated(AddScanDto, {
      scanDate: scan.scanDate,
      gaDays: scan.gaDays,
      method: defaultScanMethod(scan.gaDays),
      note: plan.reason,
    });
    const added = await step(`scan of ${describe(episode)}`, () =>
      services.pregnancies.addScan(episode.pregnancyId!, input, nurse),
    );
    // Only a first scan takes part in the dating; the late one is kept, not used.
    if (added.scan.usedForDating !== (plan.kind !== 'lateScanKept')) {
      throw new Error(
        `Demo plan: the scan of ${describe(episode)} is ${added.scan.usedForDating ? '' : 'not '}used for dating`,
      );
    }
    after = added.pregnancy;
  } else {
    const input = await validated(RedatingDto, {
      version: episode.version!,
      reason: plan.reason,
      ...plan.evidence,
    });
    after = await step(`re-dating of ${describe(episode)}`, () =>
      services.pregnancies.redate(episode.pregnancyId!, input, nurse),
    );
  }
  const eddChanged = after.edd !== before.edd;
  if (after.eddSource !== plan.expectedSource || eddChanged !== plan.expectEddChange) {
    throw new Error(
      `Demo plan: re-dating ${describe(episode)} gave ${after.eddSource} ${before.edd}→${after.edd}, expected ${plan.expectedSource} with${plan.expectEddChange ? '' : 'out'} an EDD change`,
    );
  }
  expectEdd(episode, after.edd, 'after re-dating');
  episode.version = after.version;
}

async function recordVisit(
  services: Services,
  staff: Staff,
  demo: DemoPregnancy,
  visit: PlannedVisit,
) {
  const { episode } = demo;
  const input = await validated(RecordVisitDto, { visitDate: visit.date, ...visit.values });
  const recorded = await step(`visit on ${visit.date} for ${describe(episode)}`, () =>
    services.visits.record(episode.pregnancyId!, input, staff[episode.facility].nurse),
  );
  const regraded = recorded.regrading?.colour ?? null;
  if (regraded !== visit.regrading) {
    throw new Error(
      `Demo plan: the visit on ${visit.date} for ${describe(episode)} re-graded to ${regraded ?? 'nothing'}, expected ${visit.regrading ?? 'nothing'}`,
    );
  }
  if (visit.opensCase) await takeCase(services, staff, demo);
}

async function assess(
  services: Services,
  staff: Staff,
  demo: DemoPregnancy,
  assessment: PlannedAssessment,
) {
  const { episode } = demo;
  const input = await validated(AssessRiskDto, {
    kind: assessment.kind,
    assessedOn: assessment.date,
    factorCodes: assessment.ticked,
  });
  const graded = await step(
    `${assessment.kind} on ${assessment.date} for ${describe(episode)}`,
    () => services.risk.assess(episode.pregnancyId!, input, staff[episode.facility].nurse),
  );
  if (graded.colour !== assessment.colour) {
    throw new Error(
      `Demo plan: the ${assessment.kind} on ${assessment.date} for ${describe(episode)} graded ${graded.colour} (${graded.factors.map((f) => f.code).join(', ')}), expected ${assessment.colour}`,
    );
  }
  if (assessment.opensCase) await takeCase(services, staff, demo);
}

/** The case a grading just opened: the MCH officer names the clinician and writes the plan. */
async function takeCase(services: Services, staff: Staff, demo: DemoPregnancy) {
  const { episode, care } = demo;
  const opened = await services.dataSource
    .getRepository(HighRiskCase)
    .findOneBy({ pregnancyId: episode.pregnancyId!, status: 'open' });
  if (!opened) throw new Error(`Demo plan: no high-risk case opened for ${describe(episode)}`);
  demo.caseId = opened.id;
  const work = care.caseWork;
  if (!work) return;
  const { mch } = staff[episode.facility];
  await inContext(mch, async () => {
    const update = await validated(UpdateCaseDto, {
      version: opened.version,
      responsibleClinicianId: staff[episode.facility][work.clinician].userId,
      plan: work.plan,
    });
    await step(`case plan for ${describe(episode)}`, () =>
      services.cases.update(opened.id, update, mch),
    );
    const note = await validated(AddNoteDto, { text: work.note });
    await step(`case note for ${describe(episode)}`, () =>
      services.cases.addNote(opened.id, note, mch),
    );
  });
}

/** Everything that happened to the demo pregnancies, in the order it happened. */
function timeline(services: Services, staff: Staff, demos: DemoPregnancy[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const demo of demos) {
    const { episode, care } = demo;
    const add = (
      on: IsoDate,
      order: number,
      kind: EventKind,
      run: (services: Services, staff: Staff) => Promise<void>,
    ) =>
      events.push({
        on,
        order,
        kind,
        lane: demo,
        createsWoman: kind === 'registration',
        actor: staff[episode.facility].nurse,
        run: () => run(services, staff),
      });
    add(episode.registrationDate, 1, 'registration', (s, staff) => registerEpisode(s, staff, demo));
    for (const change of episode.steps) {
      // A delivery is recorded, and the 42-day check closes the case, in the maternity part.
      if (change.status === 'delivered' || change.status === 'closed') continue;
      add(change.date, 0, 'status', (s, staff) => changeStatus(s, staff, demo, change));
    }
    if (episode.redating) {
      add(episode.redating.on, 2, 'redating', (s, staff) => redateEpisode(s, staff, demo));
    }
    for (const visit of care.visits) {
      add(visit.date, 3, 'visit', (s, staff) => recordVisit(s, staff, demo, visit));
    }
    for (const assessment of care.assessments) {
      add(assessment.date, 4, 'assessment', (s, staff) => assess(s, staff, demo, assessment));
    }
  }
  return events;
}

function inDateOrder(events: TimelineEvent[]): TimelineEvent[] {
  return events.sort((a, b) => daysBetween(b.on, a.on) || a.order - b.order);
}

/** Pregnancies written at the same time, at most; the services' transactions use the pool. */
const CONCURRENT_LANES = 6;
/** Events are run in batches of this many days, so ids and audit rows keep roughly to date order. */
const BATCH_DAYS = 28;

/**
 * Pregnancies that must be written one after the other: the same woman's, and those the
 * possible-duplicate check compares (same document, phone, or name and birth date).
 */
function lanesOf<T extends { episode: EpisodePlan }>(demos: T[]): Map<T, number> {
  const laneOfKey = new Map<string, number>();
  const lanes = new Map<T, number>();
  const merged = new Map<number, number>();
  const root = (lane: number): number => {
    let current = lane;
    while (merged.has(current)) current = merged.get(current)!;
    return current;
  };
  demos.forEach((demo, index) => {
    const { person } = demo.episode;
    const keys = [
      `document:${person.documentType}:${person.documentNumber}`,
      `phone:${person.phone}`,
      `person:${person.name}|${person.birthDate}`,
    ];
    for (const key of keys) {
      const other = laneOfKey.get(key);
      if (other !== undefined && root(other) !== root(index)) merged.set(root(other), root(index));
      laneOfKey.set(key, index);
    }
    lanes.set(demo, index);
  });
  for (const [demo, lane] of lanes) lanes.set(demo, root(lane));
  return lanes;
}

/**
 * Runs the timeline (in date order): batch by batch; within a batch each lane's events in order,
 * several lanes at once. A barrier event ends the batch before it and runs alone. Lanes not in
 * `lanes` (a class calendar, a woman with no pregnancy) get their own. The first failure stops
 * every lane, then stops the seed.
 */
async function runTimeline(
  events: TimelineEvent[],
  lanes: Map<object, number>,
  run: (event: TimelineEvent) => Promise<void>,
): Promise<void> {
  const laneNumbers = new Map(lanes);
  const laneOf = (lane: object): number => {
    if (!laneNumbers.has(lane)) laneNumbers.set(lane, -1 - laneNumbers.size);
    return laneNumbers.get(lane)!;
  };
  const batches: Map<number, TimelineEvent[]>[] = [];
  let batch = new Map<number, TimelineEvent[]>();
  let batchNumber = -1;
  const close = () => {
    if (batch.size > 0) batches.push(batch);
    batch = new Map<number, TimelineEvent[]>();
  };
  for (const event of events) {
    const number = Math.floor(daysBetween(events[0].on, event.on) / BATCH_DAYS);
    if (event.barrier || number !== batchNumber) close();
    batchNumber = number;
    const lane = laneOf(event.lane);
    batch.set(lane, [...(batch.get(lane) ?? []), event]);
    if (event.barrier) close();
  }
  close();
  let failed = false;
  for (const byLane of batches) {
    const queue = [...byLane.values()];
    const worker = async () => {
      for (let laneEvents = queue.shift(); laneEvents && !failed; laneEvents = queue.shift()) {
        for (const event of laneEvents) {
          if (failed) return;
          try {
            await run(event);
          } catch (error) {
            failed = true;
            throw error;
          }
        }
      }
    };
    await settleAll(Array.from({ length: Math.min(CONCURRENT_LANES, queue.length) }, worker));
  }
}

/** Dated work that needs the whole history first: referrals, calls, the district reports. */
async function followUpCases(
  services: Services,
  staff: Staff,
  demos: DemoPregnancy[],
  timeZone: string,
): Promise<void> {
  for (const demo of demos) {
    const { episode, care } = demo;
    const { nurse, mch } = staff[episode.facility];
    if (care.referral) {
      const referral = care.referral;
      if (demo.caseId === null) throw new Error(`Demo plan: ${describe(episode)} has no case`);
      await inContext(mch, async () => {
        const input = await validated(AddReferralDto, {
          referredOn: referral.referredOn,
          toFacilityName: referral.toFacilityName,
          reason: referral.reason,
        });
        const referred = await step(`referral of ${describe(episode)}`, () =>
          services.cases.addReferral(demo.caseId!, input, mch),
        );
        if (!referral.followUp) return;
        const followUp = await validated(FollowUpReferralDto, {
          followedUpOn: referral.followUp.on,
          result: referral.followUp.result,
        });
        await step(`referral follow-up of ${describe(episode)}`, () =>
          services.cases.followUpReferral(referred.id, followUp, mch),
        );
      });
    }
    if (care.contact) {
      const contact = care.contact;
      await inContext(nurse, async () => {
        const input = await validated(RecordContactDto, contact);
        await step(`call to ${describe(episode)}`, () =>
          services.schedule.recordContact(episode.pregnancyId!, input, nurse),
        );
      });
    }
  }
  await sendReports(services, staff, demos, timeZone);
}

const HOUR_MS = 3_600_000;

/**
 * The MCH officer reports each ORANGE/RED grading to the district in working hours, within its
 * deadline, except the reports the stories keep back or send days late.
 */
async function sendReports(
  services: Services,
  staff: Staff,
  demos: DemoPregnancy[],
  timeZone: string,
): Promise<void> {
  const rng = new Rng(SEED + 2);
  const byPregnancy = new Map(demos.map((demo) => [demo.episode.pregnancyId!, demo]));
  const facilityIds = DEMO_FACILITIES.map((f) => staff[f.key].mch.facilityId);
  const reports = await services.dataSource.getRepository(RiskReport).find({
    where: { facilityId: In(facilityIds) },
    order: { id: 'ASC' },
  });
  for (const demo of demos) {
    const made = reports
      .filter((r) => r.pregnancyId === demo.episode.pregnancyId)
      .map((r) => `${todayIn(timeZone, r.gradedAt)} ${r.colour}`);
    const planned = demo.care.reports.map((r) => `${r.date} ${r.colour}`);
    if (JSON.stringify(made) !== JSON.stringify(planned)) {
      throw new Error(
        `Demo plan: ${describe(demo.episode)} has district reports [${made.join(', ')}], expected [${planned.join(', ')}]`,
      );
    }
  }
  for (const report of reports) {
    const demo = byPregnancy.get(report.pregnancyId)!;
    const handling = demo.care.reportHandling;
    if (handling === 'unsent') continue;
    const facility = DEMO_FACILITIES.find((f) => f.key === demo.episode.facility)!;
    const { mch } = staff[facility.key];
    const hours =
      handling === 'late'
        ? 96 + rng.int(9, 17)
        : report.colour === 'red'
          ? rng.int(9, 17)
          : 24 * rng.int(0, 2) + rng.int(9, 17);
    const at = new Date(report.gradedAt.getTime() + hours * HOUR_MS);
    await inContext(mch, async () => {
      const input = await validated(RecordReportDto, {
        // A grading of this morning is reported now.
        ...(at.getTime() < Date.now() ? { reportedAt: at } : {}),
        reportedTo: facility.district,
      });
      const sent = await step(`report ${report.id} of ${describe(demo.episode)}`, () =>
        services.reports.record(report.id, input, mch),
      );
      const expected = handling === 'late' ? 'reported_late' : 'reported_on_time';
      if (sent.state !== expected) {
        throw new Error(
          `Demo plan: report ${report.id} of ${describe(demo.episode)} is ${sent.state}, expected ${expected}`,
        );
      }
    });
  }
}

interface LoadedDemo {
  staff: Staff;
  demos: DemoPregnancy[];
  prevention: PreventionDemo;
  maternity: MaternityDemo;
}

/** What the maternity part needs of a registration; `ordinary` when nobody shares her lane. */
function maternitySubject(
  episode: EpisodePlan,
  ordinary: boolean,
  pregnancyId: () => number,
): MaternitySubject {
  return {
    facility: episode.facility,
    key: documentKey(episode.person),
    registrationDate: episode.registrationDate,
    edd: finalEdd(episode),
    fetusCount: episode.fetusCount,
    previousCaesareans: episode.history.previousCaesareans,
    steps: episode.steps,
    ordinary: ordinary && !episode.story && episode.expectedDuplicate === undefined,
    recentBirth: episode.recentBirth ?? null,
    referredAt42: episode.referredAt42 ?? false,
    pregnancyId,
  };
}

async function loadDemoData(
  services: Services,
  today: IsoDate,
  timeZone: string,
  now: Date,
): Promise<LoadedDemo> {
  const staff = await createStaff(services);
  console.log(`[demo] ${DEMO_FACILITIES.length} facilities and their staff created`);

  const planner = new Planner(new Rng(SEED), today, MaternityDemo.recentBirthDates(now, timeZone));
  const women = planner.plan();
  const episodes = women.flat().sort((a, b) => daysBetween(b.registrationDate, a.registrationDate));
  // PMTCT results and postpartum contacts re-grade the risk: planned first, for the care plan.
  const maternity = new MaternityDemo(services, staff, today, timeZone, now);
  const sharedLanes = [...lanesOf(episodes.map((episode) => ({ episode }))).values()];
  const maternityRisk = maternity.plan(
    episodes.map((episode, i) =>
      maternitySubject(
        episode,
        sharedLanes.filter((lane) => lane === sharedLanes[i]).length === 1,
        () => episode.pregnancyId!,
      ),
    ),
    SEED + 4,
  );
  const plans = new CarePlanner(new Rng(SEED + 1), today).plan(
    episodes.map((episode, i) => careSubject(episode, maternityRisk[i])),
  );
  const records = new Map<string, WomanRecord>();
  const demos = episodes.map((episode, i): DemoPregnancy => {
    const key = documentKey(episode.person);
    const woman = records.get(key) ?? { id: null };
    records.set(key, woman);
    return { episode, care: plans[i], caseId: null, woman };
  });
  demos.forEach((demo, i) =>
    maternity.attachCare(i, {
      lane: demo,
      gradings: demo.care.otherGradings,
      caseOpened: () => takeCase(services, staff, demo),
    }),
  );
  const prevention = new PreventionDemo(services, staff, today, timeZone);
  prevention.plan(
    demos.map(preventionPregnancy),
    (facility, count) => planner.preconceptionPeople(facility, count),
    SEED + 3,
  );

  const counts = Object.fromEntries(EVENT_KINDS.map((kind) => [kind, 0])) as Record<
    EventKind,
    number
  >;
  // Registration finds or creates the woman with SELECT … FOR UPDATE, a gap lock when she is new:
  // two new women registered at once deadlock, so women are recorded one at a time.
  let registering: Promise<unknown> = Promise.resolve();
  const oneAtATime = (work: () => Promise<void>): Promise<void> => {
    const done = registering.then(work);
    registering = done.catch(() => undefined);
    return done;
  };
  const events = inDateOrder([
    ...timeline(services, staff, demos),
    ...prevention.events(),
    ...maternity.events(),
  ]);
  await runTimeline(events, lanesOf(demos), async (event) => {
    const work = () => inContext(event.actor, event.run);
    await (event.createsWoman ? oneAtATime(work) : work());
    counts[event.kind] += 1;
    const registered = counts.registration;
    if (event.kind === 'registration' && (registered % 50 === 0 || registered === demos.length)) {
      console.log(
        `[demo] ${registered}/${demos.length} pregnancies registered (${women.length} women), up to ${event.on}`,
      );
    }
  });
  console.log(
    [
      `[demo] ${counts.redating} pregnancies re-dated, ${counts.status} status changes, ${counts.visit} antenatal visits, ${counts.assessment} clinician gradings`,
      `[demo] ${counts.woman} women recorded before a pregnancy, ${counts.session} class sessions, ${counts.checkIn} registers, ${counts.dispensing} folic-acid dispensings, ${counts.intakeReport} intake reports, ${counts.survey} surveys`,
      `[demo] ${counts.delivery} deliveries, ${counts.stay} events of the stay, ${counts.pmtct} PMTCT records, ${counts.postpartum} postpartum contacts, ${counts.followUp} breastfeeding follow-ups`,
    ].join('\n'),
  );
  await followUpCases(services, staff, demos, timeZone);
  // The nightly job's work: cases of women delivered 56 days ago with no 42-day check.
  // Whether a high-risk mother reaches day 56 without her 42-day check depends on the day the
  // demo is loaded; the closure itself is checked by the risk and synthetic end-to-end specs.
  const { closed } = await services.cases.closeExpired(today);
  console.log(`[demo] ${closed} high-risk cases closed automatically 56 days after delivery`);
  await checkAsPlanned(services, staff, demos, timeZone);
  await prevention.check();
  await maternity.check();
  return { staff, demos, prevention, maternity };
}

// ---------------------------------------------------------------------------------------------
// The stories, read back through the services the API uses.

const RISK_ORDER: Record<string, number> = { red: 0, orange: 1, yellow: 2, none: 3, green: 4 };

const EXPECTED_NEXT_ACTION: Partial<Record<CareRole, string>> = {
  redReportLate: 'report_late',
  orangeReportLate: 'report_late',
  orangeReportDue: 'report_due',
  severeAnaemia: 'assign_clinician',
  referralFollowUpLate: 'referral_follow_up_late',
  referralPending: 'referral_follow_up_due',
};

/** The worklist, the high-risk register and the late reports must be what the plan set up. */
async function checkAsPlanned(
  services: Services,
  staff: Staff,
  demos: DemoPregnancy[],
  timeZone: string,
): Promise<void> {
  const now = Date.now();
  for (const facility of DEMO_FACILITIES) {
    const { nurse } = staff[facility.key];
    const own = demos.filter((d) => d.episode.facility === facility.key);
    const mismatch = (what: string, actual: string[], expected: string[]) => {
      if (JSON.stringify(actual) === JSON.stringify(expected)) return;
      throw new Error(
        `Demo plan: ${facility.code} ${what} is\n  ${actual.join('\n  ')}\nexpected\n  ${expected.join('\n  ')}`,
      );
    };

    const worklist = await services.schedule.overdueWorklist(
      nurse,
      await validated(WorklistQueryDto, { page: 1, pageSize: MAX_PAGE_SIZE }),
    );
    const expectedWorklist = own
      .filter((d) => d.care.overdue)
      .sort(
        (a, b) =>
          RISK_ORDER[a.care.colour ?? 'none'] - RISK_ORDER[b.care.colour ?? 'none'] ||
          b.care.overdue!.daysOverdue - a.care.overdue!.daysOverdue ||
          a.episode.pregnancyId! - b.episode.pregnancyId!,
      )
      .map(
        (d) =>
          `${d.episode.pregnancyId} ${d.care.colour ?? 'unscreened'} ${d.care.overdue!.window} +${d.care.overdue!.daysOverdue}`,
      );
    mismatch(
      'overdue worklist',
      worklist.items.map(
        (i) =>
          `${i.pregnancyId} ${i.riskColour ?? 'unscreened'} ${i.overdueWindow} +${i.daysOverdue}`,
      ),
      expectedWorklist,
    );

    const today = todayIn(timeZone);
    const pastDue = await services.schedule.pastDueDateWorklist(
      nurse,
      await validated(PageQueryDto, { page: 1, pageSize: MAX_PAGE_SIZE }),
    );
    const expectedPastDue = own
      .filter(
        (d) =>
          d.episode.steps.length === 0 && isPastDueDateWithoutOutcome(finalEdd(d.episode), today),
      )
      .sort(
        (a, b) =>
          finalEdd(a.episode).localeCompare(finalEdd(b.episode)) ||
          a.episode.pregnancyId! - b.episode.pregnancyId!,
      )
      .map((d) => `${d.episode.pregnancyId} +${daysPastDueDate(finalEdd(d.episode), today)}`);
    mismatch(
      'past-due-date worklist',
      pastDue.items.map((i) => `${i.pregnancyId} +${i.daysPastDueDate}`),
      expectedPastDue,
    );
    if (expectedPastDue.length === 0) {
      throw new Error(`Demo plan: ${facility.code} past-due-date worklist is empty`);
    }

    const late = await services.reports.list(
      nurse,
      await validated(ReportQueryDto, { page: 1, pageSize: MAX_PAGE_SIZE, state: 'late' }),
    );
    const expectedLate = own.flatMap((d) =>
      d.care.reportHandling !== 'unsent'
        ? []
        : d.care.reports
            .filter((r) => {
              // A grading of an earlier day given without its time counts from the day's end.
              const gradedAt = startOfDayIn(addDays(r.date, 1), timeZone).getTime() - 1;
              const due = gradedAt + REPORT_WINDOW_HOURS[r.colour] * HOUR_MS;
              return r.date !== todayIn(timeZone) && due < now;
            })
            .map((r) => `${d.episode.pregnancyId} ${r.colour}`),
    );
    mismatch(
      'late-report list',
      late.items.map((r) => `${r.pregnancyId} ${r.colour}`).sort(),
      expectedLate.sort(),
    );

    const register = await services.cases.register(
      nurse,
      await validated(CaseQueryDto, { page: 1, pageSize: MAX_PAGE_SIZE }),
    );
    const stillOpen = own.filter(
      (d) => d.care.caseOpenedOn !== null && caseStaysOpen(d.care.subject, todayIn(timeZone)),
    );
    mismatch(
      'high-risk register',
      register.items.map((c) => String(c.pregnancyId)).sort(),
      stillOpen.map((d) => String(d.episode.pregnancyId)).sort(),
    );
    const withAction = own.filter((d) => d.care.role && EXPECTED_NEXT_ACTION[d.care.role]);
    mismatch(
      'next actions in the register',
      withAction.map((d) => {
        const item = register.items.find((c) => c.pregnancyId === d.episode.pregnancyId);
        return `${d.care.role} ${item?.nextAction.action ?? 'missing'}`;
      }),
      withAction.map((d) => `${d.care.role} ${EXPECTED_NEXT_ACTION[d.care.role!]}`),
    );
  }
}

/**
 * A case stays on the register while she is pregnant, and after delivery until her 42-day check
 * or 56 days after the delivery, when the nightly job closes it.
 */
function caseStaysOpen(subject: CareSubject, today: IsoDate): boolean {
  if (subject.finalStatus === 'open') return true;
  if (subject.finalStatus !== 'delivered' || !subject.end) return false;
  const checked = subject.postpartumGradings.some((g) => g.kind === 'day42_check' && g.on <= today);
  return !checked && !caseAutoCloseDue(subject.end.date, today);
}

// ---------------------------------------------------------------------------------------------
// What was loaded, and how to log in.

async function printSummary(dataSource: DataSource, today: IsoDate): Promise<void> {
  const facilities = await dataSource.getRepository(Facility).find({
    where: { code: In(DEMO_FACILITIES.map((f) => f.code)) },
    order: { code: 'ASC' },
  });
  const ids = facilities.map((f) => f.id);
  const pregnancies = await dataSource.getRepository(Pregnancy).find({
    where: { facilityId: In(ids) },
    select: {
      id: true,
      womanId: true,
      facilityId: true,
      status: true,
      edd: true,
      eddSource: true,
      fetusCount: true,
    },
  });
  const women = await dataSource.getRepository(Woman).find({
    where: { registeredFacilityId: In(ids) },
    select: {
      id: true,
      registeredFacilityId: true,
      documentType: true,
      oddSequenceConfirmed: true,
    },
  });
  const duplicates = await dataSource.getRepository(PossibleDuplicate).countBy({
    facilityId: In(ids),
  });
  const redatings = await dataSource
    .getRepository(EddChange)
    .createQueryBuilder('change')
    .where('change.reason <> :registration', { registration: 'registration' })
    .andWhere('change.pregnancyId IN (:...ids)', { ids: pregnancies.map((p) => p.id) })
    .getCount();

  const statuses = PREGNANCY_STATUSES;
  const header = ['facility', 'women', ...statuses, 'total'];
  const rows = facilities.map((facility) => {
    const own = pregnancies.filter((p) => p.facilityId === facility.id);
    return [
      facility.code,
      String(women.filter((w) => w.registeredFacilityId === facility.id).length),
      ...statuses.map((status) => String(own.filter((p) => p.status === status).length)),
      String(own.length),
    ];
  });
  console.log(`\nPregnancies by status (today ${today}):`);
  printTable([header, ...rows]);

  console.log('\nOpen pregnancies by trimester (GA today):');
  printTable([
    ['facility', 'first <13+0', 'second', 'third ≥28+0', 'overdue ≥40+1'],
    ...facilities.map((facility) => {
      const gas = pregnancies
        .filter((p) => p.facilityId === facility.id && p.status === 'open')
        .map((p) => gestationalAgeDays(p.edd, today));
      return [
        facility.code,
        ...(['first', 'second', 'third'] as const).map((t) =>
          String(gas.filter((ga) => trimesterOf(ga) === t).length),
        ),
        String(gas.filter((ga) => ga > 280).length),
      ];
    }),
  ]);

  const perWoman = new Map<number, number>();
  for (const p of pregnancies) perWoman.set(p.womanId, (perWoman.get(p.womanId) ?? 0) + 1);
  const bySource = (source: EddSource) => pregnancies.filter((p) => p.eddSource === source).length;
  console.log(
    [
      `\nEDD source: lmp ${bySource('lmp')}, ultrasound ${bySource('ultrasound')}, ivf ${bySource('ivf')}; ${redatings} re-datings after registration`,
      `Twins: ${pregnancies.filter((p) => p.fetusCount > 1).length}; women with 2 pregnancies: ${[...perWoman.values()].filter((n) => n > 1).length}`,
      `Passports: ${women.filter((w) => w.documentType === 'passport').length}; odd ID sequence accepted: ${women.filter((w) => w.oddSequenceConfirmed).length}; possible duplicates flagged: ${duplicates}`,
    ].join('\n'),
  );
}

const COLOUR_LABELS: Record<string, string> = {
  red: 'RED',
  orange: 'ORANGE',
  yellow: 'YELLOW',
  green: 'GREEN',
};

/** Antenatal care, screening and the high-risk work, as the API's services report them. */
async function printCareSummary(services: Services, staff: Staff): Promise<void> {
  const { dataSource } = services;
  const facilityIds = DEMO_FACILITIES.map((f) => staff[f.key].nurse.facilityId);
  const perFacility = async (sql: string): Promise<Map<number, Record<string, string>>> => {
    const rows = await dataSource.query<(Record<string, string> & { facility_id: number })[]>(sql, [
      facilityIds,
    ]);
    return new Map(rows.map((row) => [row.facility_id, row]));
  };
  const visits = await perFacility(
    'SELECT facility_id, COUNT(*) AS n FROM antenatal_visit WHERE facility_id IN (?) GROUP BY facility_id',
  );
  const colourRows = await dataSource.query<
    { facility_id: number; colour: string | null; purple: string; n: string; open: string }[]
  >(
    `SELECT facility_id, risk_colour AS colour, SUM(risk_purple) AS purple, COUNT(*) AS n,
            SUM(status = 'open') AS open
     FROM pregnancy WHERE facility_id IN (?) GROUP BY facility_id, risk_colour`,
    [facilityIds],
  );
  const automatic = await perFacility(
    `SELECT a.facility_id, COUNT(*) AS n,
            SUM(EXISTS (SELECT 1 FROM risk_assessment_factor f WHERE f.assessment_id = a.id
                        AND f.code IN ('ANAEMIA_HB_60_110', 'SEVERE_ANAEMIA_HB_40_60', 'HB_UNDER_40'))) AS hb
     FROM risk_assessment a WHERE a.facility_id IN (?) AND a.kind = 'automatic' GROUP BY a.facility_id`,
  );
  const unassigned = await perFacility(
    `SELECT facility_id, COUNT(*) AS n FROM high_risk_case
     WHERE facility_id IN (?) AND status = 'open' AND responsible_clinician_id IS NULL GROUP BY facility_id`,
  );
  const referrals = await perFacility(
    `SELECT facility_id, COUNT(*) AS n, SUM(result_followed_up_on IS NULL) AS pending
     FROM referral WHERE facility_id IN (?) GROUP BY facility_id`,
  );

  const screened = (id: number, colour: string) =>
    colourRows
      .filter((r) => r.facility_id === id && r.colour === colour)
      .reduce((n, r) => n + Number(r.n), 0);
  console.log(
    '\nAntenatal visits and five-colour screening (current colour of screened pregnancies):',
  );
  printTable([
    ['facility', 'visits', 'screened', ...RISK_COLOURS, 'purple', 'open, not screened'],
    ...DEMO_FACILITIES.map((facility, i) => {
      const id = facilityIds[i];
      const own = colourRows.filter((r) => r.facility_id === id);
      return [
        facility.code,
        visits.get(id)?.n ?? '0',
        String(own.filter((r) => r.colour !== null).reduce((n, r) => n + Number(r.n), 0)),
        ...RISK_COLOURS.map((colour) => String(screened(id, colour))),
        String(own.reduce((n, r) => n + Number(r.purple), 0)),
        String(own.filter((r) => r.colour === null).reduce((n, r) => n + Number(r.open), 0)),
      ];
    }),
  ]);
  const all = colourRows.filter((r) => r.colour !== null).reduce((n, r) => n + Number(r.n), 0);
  console.log(
    `  all screened (${all}): ` +
      RISK_COLOURS.map(
        (colour) =>
          `${colour} ${Math.round((100 * facilityIds.reduce((n, id) => n + screened(id, colour), 0)) / all)} %`,
      ).join(', '),
  );

  const rows: string[][] = [];
  const worklists: { facility: DemoFacility; order: string; items: string[][] }[] = [];
  for (const [i, facility] of DEMO_FACILITIES.entries()) {
    const id = facilityIds[i];
    const { nurse } = staff[facility.key];
    const reportCount = async (state: NonNullable<ReportQueryDto['state']>) =>
      (
        await services.reports.list(
          nurse,
          await validated(ReportQueryDto, { page: 1, pageSize: 1, state }),
        )
      ).total;
    const register = await services.cases.register(
      nurse,
      await validated(CaseQueryDto, { page: 1, pageSize: 1 }),
    );
    rows.push([
      facility.code,
      `${automatic.get(id)?.n ?? 0} (${automatic.get(id)?.hb ?? 0})`,
      `${register.total} (${unassigned.get(id)?.n ?? 0})`,
      `${referrals.get(id)?.n ?? 0} (${referrals.get(id)?.pending ?? 0})`,
      String(await reportCount('due')),
      String(await reportCount('late')),
      String(await reportCount('reported_on_time')),
      String(await reportCount('reported_late')),
    ]);
    const worklist = await services.schedule.overdueWorklist(
      nurse,
      await validated(WorklistQueryDto, { page: 1, pageSize: MAX_PAGE_SIZE }),
    );
    const colours = worklist.items.map((item) =>
      item.riskColour ? COLOUR_LABELS[item.riskColour] : 'not screened',
    );
    worklists.push({
      facility,
      // Runs of one colour, e.g. "RED, ORANGE, YELLOW ×5, not screened, GREEN ×3".
      order: colours
        .filter((colour, index) => colours[index - 1] !== colour)
        .map((colour) => {
          const run = colours.filter((c) => c === colour).length;
          return run > 1 ? `${colour} ×${run}` : colour;
        })
        .join(', '),
      items: worklist.items
        .slice(0, 5)
        .map((item, index) => [
          item.name,
          colours[index],
          `${item.overdueWindow} ${item.overdueWindowLabel}`,
          String(item.daysOverdue),
          item.lastContact ? item.lastContact.outcome : '',
        ]),
    });
  }
  console.log('\nHigh-risk management and district reports:');
  printTable([
    [
      'facility',
      'automatic re-gradings (Hb)',
      'open high-risk cases (no clinician)',
      'referrals (not followed up)',
      'reports due',
      'late',
      'sent on time',
      'sent late',
    ],
    ...rows,
  ]);
  for (const { facility, order, items } of worklists) {
    console.log(
      `\nOverdue-visit worklist of ${facility.code} (GET /worklists/overdue-visits): ${order}; the first ${items.length}:`,
    );
    printTable([['name', 'colour', 'overdue window', 'days overdue', 'last call'], ...items]);
  }
  const pastDue: string[][] = [];
  const scans: string[][] = [];
  for (const facility of DEMO_FACILITIES) {
    const { nurse } = staff[facility.key];
    const page = await services.schedule.pastDueDateWorklist(
      nurse,
      await validated(PageQueryDto, { page: 1, pageSize: MAX_PAGE_SIZE }),
    );
    pastDue.push(
      ...page.items.map((item) => [
        facility.code,
        item.name,
        item.edd,
        String(item.daysPastDueDate),
      ]),
    );
    const [counts] = await dataSource.query<{ used: string; kept: string; ivf: string }[]>(
      `SELECT SUM(s.used_for_dating) AS used, SUM(s.not_used_reason = 'earlier_scan_dates') AS kept,
              SUM(s.not_used_reason = 'ivf_dates') AS ivf
       FROM dating_scan s WHERE s.facility_id = ?`,
      [nurse.facilityId],
    );
    scans.push([facility.code, counts.used ?? '0', counts.kept ?? '0', counts.ivf ?? '0']);
  }
  console.log('\nUltrasounds (GET /pregnancies/{id}/scans): only the earliest dates a pregnancy:');
  printTable([['facility', 'used for dating', 'later, kept', 'IVF-dated, kept'], ...scans]);
  console.log('\nPast the due date with no outcome (GET /worklists/past-due-date):');
  printTable([['facility', 'name', 'EDD', 'days past'], ...pastDue]);
}

function printLogins(
  port: number,
  examples: { folicAcid: number | null; pregnancy: number | null; newborn: number | null },
): void {
  const lastMonth = previousPeriod(periodContaining('month', todayIn(appConfig().timeZone))).key;
  const rows = DEMO_FACILITIES.flatMap((facility) =>
    DEMO_ROLES.map((role) => [
      usernameOf(role.login, facility.key),
      role.password,
      role.role,
      `${facility.code} ${facility.name} (${FACILITY_LEVEL_NAMES[facility.level]})`,
    ]),
  );
  const [home] = DEMO_FACILITIES;
  rows.push([
    SYSTEM_ADMIN.username,
    SYSTEM_ADMIN.password,
    'system_admin',
    `every facility (member of ${home.code}); facilities, catalogues, users; no patient records`,
  ]);
  console.log(`\nWeb application (ward desk): http://localhost:${port}/app  (log in as nurse.f1)`);
  console.log('\nDemo logins:');
  printTable([['username', 'password', 'role', 'facility'], ...rows]);
  const [nurse] = rows;
  console.log(
    [
      '\nLog in (the token is in accessToken):',
      `  curl -s -X POST http://localhost:${port}/auth/login -H 'Content-Type: application/json' \\`,
      `    -d '{"username":"${nurse[0]}","password":"${nurse[1]}"}'`,
      'Then, for example:',
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/pregnancies?status=open&pageSize=5'`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/worklists/overdue-visits'   # who missed a visit, highest risk first`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/worklists/past-due-date'   # 14 days or more past the EDD, no outcome recorded`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/high-risk-cases'            # the high-risk register, with next actions`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/risk-reports?state=late'    # district reports past their deadline`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/pregnancies/${examples.folicAcid ?? '{id}'}/folic-acid-summary'   # folic acid: uptake, adherence, awareness`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/class-sessions?pageSize=5'  # the prenatal school, newest first (then /class-sessions/{id})`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/worklists/folic-acid'       # women to offer folic acid who have had none`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/worklists/pmtct?list=untreated'   # HIV/syphilis positives, and HBsAg positives needing an antiviral, without treatment`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/worklists/pmtct?list=no_result_in_labour'   # in labour or delivered with no HIV, syphilis or HBsAg result`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/pregnancies/${examples.pregnancy ?? '{id}'}/pmtct'   # an HBsAg-positive mother who gave birth hours ago: her baby's HBIG is due`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/newborns/${examples.newborn ?? '{id}'}'   # a baby with a NICU stay: feeding events and Baby-Friendly flags`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/worklists/postpartum?list=postpartum_visits'   # mothers due or overdue a postpartum visit`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/worklists/birth-doses'   # babies without a hepatitis B birth dose, the window closing soonest first`,
      `Indicators (computed by the worker when the API starts: the last 12 months; log in as mch.f1 or stats.f1):`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/indicator-values?period=${lastMonth}&group=BF'   # Baby-Friendly values, targets and trend`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/indicator-values/BF-02/cases?period=${lastMonth}&role=numerator'   # the babies behind early initiation`,
      `  curl -s -OJ -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/indicator-exports?period=${lastMonth}&format=xlsx'   # the month for the health bureau (409 listing what is missing or stale, unless allowStale=true)`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/indicator-values?regionCode=1101&period=${lastMonth}&group=SM'   # the city (4 digits): both demo facilities summed (stats.f1)`,
      `  curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"period":"${lastMonth}"}' 'http://localhost:${port}/indicator-periods/close'   # close the month (mch.f1): its values frozen as version 1`,
      `  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:${port}/indicator-periods?period=${lastMonth}'   # the month's versions: closed, corrected after close, computed, stale`,
      `API docs: http://localhost:${port}/docs`,
    ].join('\n'),
  );
}

/** Pregnancies of the last two statistical years behind the demo's stories, for volume. */
const DEMO_HISTORY_PREGNANCIES = 3000;

/**
 * Adds a few thousand pregnancies of the last two statistical years to the demo facilities with
 * the synthetic generator (bulk-loaded, with their demo staff and schedule), after the stories
 * written through the services. Once only: the generator writes history, not user actions, so
 * its pregnancies are the demo facilities' ones without a creation audit row.
 */
async function loadDemoHistory(dataSource: DataSource, today: IsoDate, timeZone: string) {
  const codes = DEMO_FACILITIES.map((f) => f.code);
  const [{ loaded }] = await dataSource.query<{ loaded: string }[]>(
    `SELECT COUNT(*) AS loaded FROM pregnancy p JOIN facility f ON f.id = p.facility_id
     WHERE f.code IN (?) AND NOT EXISTS (SELECT 1 FROM audit_entry a
       WHERE a.entity = 'pregnancy' AND a.entity_id = CAST(p.id AS CHAR) AND a.action = 'create')`,
    [codes],
  );
  if (Number(loaded) > 0) {
    console.log(`[demo] history already loaded: ${loaded} bulk-loaded pregnancies`);
    return;
  }
  console.log(
    `\n[demo] adding ${DEMO_HISTORY_PREGNANCIES} pregnancies of the last two statistical years (synthetic generator)`,
  );
  await generateSyntheticCohort({
    pregnancies: DEMO_HISTORY_PREGNANCIES,
    facilities: codes.length,
    seed: SEED,
    intoFacilities: codes,
    append: true,
    // The demo's own database, whatever its name.
    force: true,
    today,
    timeZone,
    log: (line) => console.log(line),
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  loadDotEnv();
  const { timeZone, port } = appConfig();
  const today = todayIn(timeZone);
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    AppModule.register(),
    { logger: ['error', 'warn'] },
  );
  try {
    const services: Services = {
      facilities: app.get(FacilitiesService),
      users: app.get(UsersService),
      registration: app.get(RegistrationService),
      pregnancies: app.get(PregnanciesService),
      visits: app.get(VisitsService),
      schedule: app.get(ScheduleService),
      risk: app.get(RiskAssessmentService),
      cases: app.get(HighRiskCasesService),
      reports: app.get(RiskReportsService),
      classes: app.get(ClassesService),
      folicAcid: app.get(FolicAcidService),
      delivery: app.get(DeliveryService),
      pmtct: app.get(PmtctService),
      pmtctWorklists: app.get(PmtctWorklistsService),
      postpartum: app.get(PostpartumService),
      breastfeeding: app.get(BreastfeedingService),
      postpartumWorklists: app.get(PostpartumWorklistsService),
      birthDoseWorklist: app.get(BirthDoseWorklistService),
      dataSource: app.get(DataSource),
      timeZone,
    };
    const known = await services.facilities.findAll();
    if (known.some((f) => f.code === DEMO_FACILITIES[0].code)) {
      console.log(`Demo data already loaded (facility ${DEMO_FACILITIES[0].code} exists).`);
      await loadDemoHistory(services.dataSource, today, timeZone);
      printLogins(port, { folicAcid: null, pregnancy: null, newborn: null });
      return;
    }
    console.log(`[demo] loading demo data for ${today} (${timeZone})`);
    const { staff, prevention, maternity } = await loadDemoData(
      services,
      today,
      timeZone,
      new Date(),
    );
    await printSummary(services.dataSource, today);
    await printCareSummary(services, staff);
    await prevention.printSummary();
    await maternity.printSummary();
    await loadDemoHistory(services.dataSource, today, timeZone);
    printLogins(port, { folicAcid: prevention.examplePregnancyId(), ...maternity.exampleIds() });
    console.log(`\nDemo data loaded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DomainError) {
    console.error(`${error.code}: ${error.message}`);
    for (const detail of error.details) {
      console.error(`  ${detail.field} [${detail.rule}] ${detail.message}`);
    }
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
