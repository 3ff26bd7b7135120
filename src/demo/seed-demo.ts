import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { performance } from 'node:perf_hooks';
import { DataSource, In } from 'typeorm';
import { appConfig, loadDotEnv } from '../../config';
import { AppModule } from '../app.module';
import type { Actor, Role } from '../core/auth/actor';
import { DomainError } from '../core/errors/domain.error';
import { FacilitiesService } from '../core/facilities/facilities.service';
import { CreateFacilityDto } from '../core/facilities/dto/facility.dto';
import { Facility, FACILITY_LEVEL_NAMES } from '../core/facilities/facility.entity';
import { createValidationPipe } from '../core/http/validation';
import { runInRequestContext } from '../core/request-context/request-context';
import { addDays, daysBetween, type IsoDate, todayIn } from '../core/time/calendar-date';
import { CreateUserDto } from '../core/users/dto/user.dto';
import type { User } from '../core/users/user.entity';
import { UsersService } from '../core/users/users.service';
import { RedatingDto, StatusChangeDto } from '../women/dto/pregnancy-commands.dto';
import { type DatingInputDto, RegistrationDto } from '../women/dto/registration.dto';
import { EddChange } from '../women/edd-change.entity';
import { PossibleDuplicate } from '../women/possible-duplicate.entity';
import { PregnanciesService } from '../women/pregnancies.service';
import { Pregnancy } from '../women/pregnancy.entity';
import { RegistrationService } from '../women/registration.service';
import {
  type EddSource,
  formatGestationalAge,
  gestationalAgeDays,
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
import { PeopleFactory, type PersonInput, Rng } from './demo-people';

// `npm run demo` loads this after the migrations. Everything is written through the services the
// API uses, inside a request context, so each row has the audit rows the API would have written.

const SEED = 20261122;
const REQUEST_ID = 'demo-seed';

type FacilityKey = 'f1' | 'f2';

interface DemoFacility extends CreateFacilityDto {
  key: FacilityKey;
  migrantShare: number;
  /** Surname of the demo user of each role, for display names such as 王护士. */
  staff: Record<Role, string>;
}

const DEMO_FACILITIES: readonly DemoFacility[] = [
  {
    key: 'f1',
    code: 'DEMO-F1',
    name: '北京市妇幼保健院',
    level: 3,
    regionCode: '110105',
    migrantShare: 0.35,
    staff: { nurse: '王', mch_staff: '李', statistician: '张', admin: '赵' },
  },
  {
    key: 'f2',
    code: 'DEMO-F2',
    name: '北京市海淀区第三人民医院',
    level: 2,
    regionCode: '110108',
    migrantShare: 0.5,
    staff: { nurse: '刘', mch_staff: '陈', statistician: '杨', admin: '周' },
  },
];

const DEMO_ROLES: readonly { role: Role; login: string; password: string; title: string }[] = [
  { role: 'nurse', login: 'nurse', password: 'Demo-Nurse-2026', title: '护士' },
  { role: 'mch_staff', login: 'mch', password: 'Demo-Mch-2026', title: '妇幼专干' },
  { role: 'statistician', login: 'stats', password: 'Demo-Stats-2026', title: '统计员' },
  { role: 'admin', login: 'admin', password: 'Demo-Admin-2026', title: '管理员' },
];

const usernameOf = (login: string, facility: FacilityKey) => `${login}.${facility}`;

// ---------------------------------------------------------------------------------------------
// The plan: who registers where and when, with which evidence, and what happens afterwards.

type Dating = Pick<DatingInputDto, 'lmp' | 'ultrasound' | 'ivf'>;
type DatingKind = 'lmp' | 'lmpScanAgrees' | 'lmpScanRedates' | 'scanOnly' | 'ivf';
type LaterRedating = 'scanRedates' | 'scanAgrees' | 'lmpCorrected';
type ClosedStatus = Exclude<PregnancyStatus, 'open'>;

interface StatusStep {
  status: ClosedStatus;
  date: IsoDate;
  reason: string;
  endOutcome?: EndOutcome;
}

interface RedatingPlan {
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
  /** Set by the run: the pregnancy id and version after registration. */
  pregnancyId?: number;
  version?: number;
}

type PastOutcome =
  | 'delivered'
  | 'closed'
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
  passports: { name: string; number: string }[];
}

const STORIES: Record<FacilityKey, FacilityStories> = {
  f1: {
    open: 52,
    twoPregnancies: 6,
    past: {
      delivered: 10,
      closed: 13,
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
    later: ['scanRedates', 'scanRedates', 'scanAgrees', 'lmpCorrected'],
    passports: [
      { name: 'KIM MINJI', number: 'M47215836' },
      { name: 'IVANOVA ANNA', number: '758213406' },
    ],
  },
  f2: {
    open: 52,
    twoPregnancies: 6,
    past: {
      delivered: 10,
      closed: 13,
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
    later: ['scanRedates', 'scanAgrees', 'lmpCorrected'],
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
      ...stories.later.map((later) => ({ kind: 'lmp' as const, later })),
      ...Array.from({ length: stories.ivf }, () => ({ kind: 'ivf' as const })),
      ...Array.from({ length: stories.scanOnly }, () => ({ kind: 'scanOnly' as const })),
      ...Array.from({ length: stories.lmpScanAgrees }, () => ({ kind: 'lmpScanAgrees' as const })),
      ...Array.from({ length: stories.lmpScanRedates }, () => ({
        kind: 'lmpScanRedates' as const,
      })),
    ];
    while (openKinds.length < stories.open) openKinds.push({ kind: 'lmp' });
    for (const { kind, later } of openKinds) {
      const [min, max] = later ? [63, 270] : GA_RANGE_FOR[kind];
      const ga = this.takeGa(key, min, max);
      women.push([this.openEpisode(key, nextPerson(), ga, kind, later)]);
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
    const registrationGa = booking <= eventGa - 7 ? booking : rng.int(35, eventGa - 7);
    const kind = rng.weighted(PAST_DATING_KINDS);
    // Past redatings stay just past the threshold, so births stay at plausible GAs.
    const { dating, expectedSource } = this.dating(kind, lmp, registrationGa, eventGa, 3);
    return {
      ...this.episode(facility, person, lmp, registrationGa, dating, expectedSource),
      steps,
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

    switch (outcome) {
      case 'delivered':
        return delivery([0, 40]);
      case 'closed':
        return then(delivery([50, 330]), 'closed', [42, 48], '产后42天检查：已恢复，结案');
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
      case 'maternalDeath':
        return then(
          delivery([20, 150]),
          'maternal_death',
          [1, 3],
          '产后出血致失血性休克，抢救无效死亡',
        );
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

  /** Orange-risk women F2 transfers out and F1 registers again, same pregnancy, days later. */
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
          reason: '妊娠风险评估橙色（瘢痕子宫合并前置胎盘），转诊至北京市妇幼保健院',
        },
      ];
      const atF1: EpisodePlan = {
        ...atF2,
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
    if (later === 'lmpCorrected') {
      const shift = rng.pick([-1, 1]) * rng.int(5, 12);
      return {
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
      evidence: { ultrasound },
      reason: redates
        ? `早孕期B超头臀长相当于孕${formatGestationalAge(ultrasound.gaDays)}周，与末次月经推算相差${offBy}天，按B超核对预产期`
        : `早孕期B超核对孕周，与末次月经推算相差${offBy}天，不改预产期`,
      expectedSource: redates ? 'ultrasound' : 'lmp',
      expectEddChange: redates,
    };
  }
}

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
    [[42, 90], 70],
    [[91, 139], 20],
    [[140, 195], 8],
    [[196, 240], 2],
  ]);
  return rng.int(min, max);
}

function deliveryGa(rng: Rng): number {
  const [min, max] = rng.weighted<[number, number]>([
    [[259, 286], 82],
    [[287, 293], 6],
    [[238, 258], 8],
    [[203, 237], 4],
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
  dataSource: DataSource;
}

const pipe = createValidationPipe();

/** The API's own validation, so the seed cannot write what a request could not. */
async function validated<T extends object>(dto: new () => T, value: T): Promise<T> {
  return (await pipe.transform(value, { type: 'body', metatype: dto })) as T;
}

function actorOf(user: User): Actor {
  return { userId: user.id, username: user.username, facilityId: user.facilityId, role: user.role };
}

/** Names the step a failure comes from, then lets it stop the seed. */
async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    console.error(`[demo] failed: ${label}`);
    throw error;
  }
}

async function createStaff(services: Services): Promise<Record<FacilityKey, Actor>> {
  const facilityIds = {} as Record<FacilityKey, number>;
  const admins = {} as Record<FacilityKey, Actor>;
  const nurses = {} as Record<FacilityKey, Actor>;
  const createUser = async (facility: DemoFacility, role: (typeof DEMO_ROLES)[number]) => {
    const input = await validated(CreateUserDto, {
      username: usernameOf(role.login, facility.key),
      displayName: `${facility.staff[role.role]}${role.title}`,
      role: role.role,
      facilityId: facilityIds[facility.key],
      password: role.password,
    });
    return actorOf(await step(`user ${input.username}`, () => services.users.create(input)));
  };
  const createFacility = async (facility: DemoFacility) => {
    const { code, name, level, regionCode } = facility;
    const input = await validated(CreateFacilityDto, { code, name, level, regionCode });
    const created = await step(`facility ${code}`, () => services.facilities.create(input));
    facilityIds[facility.key] = created.id;
  };
  const [first, ...others] = DEMO_FACILITIES;
  const adminRole = DEMO_ROLES.find((r) => r.role === 'admin')!;

  // Nobody can log in yet: the first facility and its admin are written with no acting user.
  await runInRequestContext({ requestId: REQUEST_ID }, async () => {
    await createFacility(first);
    admins[first.key] = await createUser(first, adminRole);
  });
  for (const facility of others) {
    await runInRequestContext({ requestId: REQUEST_ID, actor: admins[first.key] }, async () => {
      await createFacility(facility);
      admins[facility.key] = await createUser(facility, adminRole);
    });
  }
  for (const facility of DEMO_FACILITIES) {
    await runInRequestContext({ requestId: REQUEST_ID, actor: admins[facility.key] }, async () => {
      for (const role of DEMO_ROLES.filter((r) => r.role !== 'admin')) {
        const actor = await createUser(facility, role);
        if (role.role === 'nurse') nurses[facility.key] = actor;
      }
    });
  }
  return nurses;
}

function describe(episode: EpisodePlan): string {
  const { person } = episode;
  return `${episode.facility} ${person.name} (${person.documentType} ${person.documentNumber}), registered ${episode.registrationDate}`;
}

async function registerEpisode(services: Services, nurse: Actor, episode: EpisodePlan) {
  const { person, history } = episode;
  const input = await validated(RegistrationDto, {
    woman: { ...person },
    pregnancy: {
      registrationDate: episode.registrationDate,
      ...episode.dating,
      ...history,
      fetusCount: episode.fetusCount,
    },
  });
  const result = await step(`registration of ${describe(episode)}`, () =>
    services.registration.register(input, nurse),
  );
  const { pregnancy, possibleDuplicates } = result;
  if (pregnancy.eddSource !== episode.expectedSource) {
    throw new Error(
      `Demo plan: ${describe(episode)} was dated by ${pregnancy.eddSource}, expected ${episode.expectedSource}: ${JSON.stringify(episode.dating)}`,
    );
  }
  const flagged = possibleDuplicates.map((d) => d.reason);
  const expected = episode.expectedDuplicate ? [episode.expectedDuplicate] : [];
  if (JSON.stringify(flagged) !== JSON.stringify(expected)) {
    throw new Error(
      `Demo plan: ${describe(episode)} flagged as duplicate ${JSON.stringify(flagged)}, expected ${JSON.stringify(expected)}`,
    );
  }
  let version: number = pregnancy.version;
  for (const change of episode.steps) {
    const input = await validated(StatusChangeDto, {
      version,
      status: change.status,
      effectiveDate: change.date,
      reason: change.reason,
      ...(change.endOutcome ? { endOutcome: change.endOutcome } : {}),
    });
    const changed = await step(`${change.status} on ${change.date} for ${describe(episode)}`, () =>
      services.pregnancies.changeStatus(pregnancy.id, input, nurse),
    );
    version = changed.version;
  }
  episode.pregnancyId = pregnancy.id;
  episode.version = version;
}

async function redateEpisode(services: Services, nurse: Actor, episode: EpisodePlan) {
  const plan = episode.redating!;
  const before = await services.pregnancies.findOne(episode.pregnancyId!, nurse);
  const input = await validated(RedatingDto, {
    version: episode.version!,
    reason: plan.reason,
    ...plan.evidence,
  });
  const after = await step(`re-dating of ${describe(episode)}`, () =>
    services.pregnancies.redate(episode.pregnancyId!, input, nurse),
  );
  const eddChanged = after.edd !== before.edd;
  if (after.eddSource !== plan.expectedSource || eddChanged !== plan.expectEddChange) {
    throw new Error(
      `Demo plan: re-dating ${describe(episode)} gave ${after.eddSource} ${before.edd}→${after.edd}, expected ${plan.expectedSource} with${plan.expectEddChange ? '' : 'out'} an EDD change`,
    );
  }
  episode.version = after.version;
}

async function loadDemoData(services: Services, today: IsoDate): Promise<void> {
  const nurses = await createStaff(services);
  console.log(`[demo] ${DEMO_FACILITIES.length} facilities and their staff created`);

  const women = new Planner(new Rng(SEED), today).plan();
  // Registered in date order, so ids and audit rows run in the order things happened.
  const episodes = women.flat().sort((a, b) => daysBetween(b.registrationDate, a.registrationDate));
  let done = 0;
  for (const episode of episodes) {
    await runInRequestContext({ requestId: REQUEST_ID, actor: nurses[episode.facility] }, () =>
      registerEpisode(services, nurses[episode.facility], episode),
    );
    done += 1;
    if (done % 50 === 0 || done === episodes.length) {
      console.log(
        `[demo] ${done}/${episodes.length} pregnancies registered (${women.length} women)`,
      );
    }
  }
  const redatings = episodes.filter((e) => e.redating);
  for (const episode of redatings) {
    await runInRequestContext({ requestId: REQUEST_ID, actor: nurses[episode.facility] }, () =>
      redateEpisode(services, nurses[episode.facility], episode),
    );
  }
  console.log(`[demo] ${redatings.length} pregnancies re-dated`);
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

function printLogins(port: number): void {
  const rows = DEMO_FACILITIES.flatMap((facility) =>
    DEMO_ROLES.map((role) => [
      usernameOf(role.login, facility.key),
      role.password,
      role.role,
      `${facility.code} ${facility.name} (${FACILITY_LEVEL_NAMES[facility.level]})`,
    ]),
  );
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
      `API docs: http://localhost:${port}/docs`,
    ].join('\n'),
  );
}

/** Columns padded to the longest cell; the last column is not padded (it holds Chinese text). */
function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) {
    console.log(
      '  ' +
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
    );
  }
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
      dataSource: app.get(DataSource),
    };
    const known = await services.facilities.findAll();
    if (known.some((f) => f.code === DEMO_FACILITIES[0].code)) {
      console.log(`Demo data already loaded (facility ${DEMO_FACILITIES[0].code} exists).`);
      printLogins(port);
      return;
    }
    console.log(`[demo] loading demo data for ${today} (${timeZone})`);
    await loadDemoData(services, today);
    await printSummary(services.dataSource, today);
    printLogins(port);
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
