import type { RecordVisitDto } from '../antenatal/dto/visit.dto';
import {
  BASIC_SCHEDULE,
  OVERDUE_AFTER_DAYS,
  type ScheduleWindow,
} from '../antenatal/rules/visit-schedule';
import { addDays, daysBetween, type IsoDate } from '../core/time/calendar-date';
import { bmiWeight, deriveFactors } from '../risk/rules/derived-factors';
import { NATIONAL_FACTORS } from '../risk/rules/national-catalogue';
import {
  colourRank,
  grade,
  type Grading,
  isHighRisk,
  type RiskColour,
} from '../risk/rules/risk-colour';
import { gestationalAgeDays, PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import type { PregnancyStatus } from '../women/rules/pregnancy-status';
import { ageInYears } from '../women/rules/registration-checks';
import { Rng } from './demo-people';

// The antenatal and risk part of the demo: which visits each pregnancy had, with what values,
// how she was screened, and the stories the worklist, the high-risk register and the report list
// should show. Pure planning: the seed writes it through the services and checks that every
// grading comes out as predicted here, with the same rules the services use.

export type FacilityKey = 'f1' | 'f2';

/** F2 sends a woman with placenta praevia over a scar to F1, where she registers again. */
export type CareStory = 'referredOut' | 'referredIn';

/** What the care plan needs to know about one registered pregnancy. */
export interface CareSubject {
  facility: FacilityKey;
  birthDate: IsoDate;
  registrationDate: IsoDate;
  /** The EDD after any planned re-dating: every window is counted from it. */
  edd: IsoDate;
  /** The first status change (delivery, end, transfer, loss); null while open. */
  end: { date: IsoDate; status: PregnancyStatus } | null;
  finalStatus: PregnancyStatus;
  history: { gravidity: number; parity: number; previousCaesareans: number };
  fetusCount: number;
  ivf: boolean;
  story?: CareStory;
  /** Confirmed positive HIV, syphilis or HBsAg results by their result day: PURPLE from then on. */
  confirmations: readonly { on: IsoDate; code: PurpleCode }[];
  /** Postpartum visit and 42-day check: each a clinician's grading with no factor ticked. */
  postpartumGradings: readonly { on: IsoDate; kind: PostpartumGradingKind }[];
}

export type PurpleCode = 'HIV_POSITIVE' | 'SYPHILIS_POSITIVE' | 'HBSAG_POSITIVE';
export type PostpartumGradingKind = 'postpartum_visit' | 'day42_check';

/** A grading outside the antenatal visits: after a confirmed positive, or after delivery. */
export interface PlannedGrading {
  on: IsoDate;
  kind: 'pmtct' | PostpartumGradingKind;
  colour: RiskColour;
  purple: boolean;
  opensCase: boolean;
}

export type VisitValues = Omit<RecordVisitDto, 'visitDate' | 'sameDayRepeat'>;

export interface PlannedVisit {
  date: IsoDate;
  values: VisitValues;
  /** The colour the service must re-grade to after this visit; null when it must not. */
  regrading: RiskColour | null;
  opensCase: boolean;
}

export interface PlannedAssessment {
  date: IsoDate;
  kind: 'registration_screening' | 'visit';
  ticked: string[];
  /** The colour the service must grade. */
  colour: RiskColour;
  opensCase: boolean;
}

export type ReportableColour = 'orange' | 'red';

/** A district report the service must create: a grading that rose to ORANGE or RED. */
export interface PlannedReport {
  date: IsoDate;
  colour: ReportableColour;
}

/** What happens to the pregnancy's district reports: sent on time, never sent, or sent late. */
export type ReportHandling = 'on_time' | 'unsent' | 'late';

export type ClinicianRole = 'nurse' | 'mch';

export interface CaseWork {
  clinician: ClinicianRole;
  plan: string;
  note: string;
}

export interface PlannedReferral {
  referredOn: IsoDate;
  toFacilityName: string;
  reason: string;
  followUp: { on: IsoDate; result: string } | null;
}

export type ContactOutcome = 'no_answer' | 'will_come' | 'called';

export interface Overdue {
  window: string;
  daysOverdue: number;
}

export type CareRole =
  | 'overdueRed'
  | 'overdueOrange'
  | 'overdueYellow'
  | 'overdueGreen'
  | 'overdueUnscreened'
  | 'overdue'
  | 'redReportLate'
  | 'orangeReportLate'
  | 'orangeReportDue'
  | 'reportedLate'
  | 'severeAnaemia'
  | 'mildAnaemia'
  | 'referralFollowedUp'
  | 'referralFollowUpLate'
  | 'referralPending'
  | 'praeviaReferredOut'
  | 'praeviaReferredIn'
  | 'preEclampsiaDelivered';

export interface CarePlan {
  subject: CareSubject;
  role: CareRole | null;
  /** 孕前体重 given at registration (two women in three); the BMI is computed from it. */
  prePregnancyWeightKg: number | null;
  visits: PlannedVisit[];
  assessments: PlannedAssessment[];
  /** The gradings a confirmed positive result and the postpartum contacts make, in date order. */
  otherGradings: PlannedGrading[];
  /** The colour the pregnancy shows at the end; null when never screened. */
  colour: RiskColour | null;
  purple: boolean;
  reports: PlannedReport[];
  reportHandling: ReportHandling;
  /** Clinician, plan and first note for the high-risk case; null leaves the case unassigned. */
  caseWork: CaseWork | null;
  caseOpenedOn: IsoDate | null;
  referral: PlannedReferral | null;
  contact: { outcome: ContactOutcome; note: string } | null;
  /** For an open pregnancy with an overdue window today: what the worklist must show. */
  overdue: Overdue | null;
}

/** One defaulter of each colour the worklist orders by, with the factor that gives it. */
const COLOURED_DEFAULTERS: readonly {
  role: CareRole;
  colour: RiskColour;
  ticked: readonly string[];
  contact: CarePlan['contact'];
}[] = [
  {
    role: 'overdueRed',
    colour: 'red',
    ticked: ['HEART_FUNCTION_III_IV'],
    contact: { outcome: 'will_come', note: '电话联系上，答应今天下午来院产检' },
  },
  {
    role: 'overdueOrange',
    colour: 'orange',
    ticked: ['DIABETES_OR_THYROID_ON_MEDICATION'],
    contact: null,
  },
  {
    role: 'overdueYellow',
    colour: 'yellow',
    ticked: ['RH_NEGATIVE'],
    contact: { outcome: 'no_answer', note: '电话无人接听，明天再打' },
  },
  { role: 'overdueGreen', colour: 'green', ticked: [], contact: null },
];

const MIN_VISIT_GAP_DAYS = 14;
/** Share of open pregnancies that missed a window and have not come since. */
const DEFAULTER_SHARE = 0.17;
const MAX_DAYS_OVERDUE = 63;

const CATALOGUE = new Map(NATIONAL_FACTORS.map((factor) => [factor.code, factor]));

const COLOUR_ZH: Record<RiskColour | 'purple', string> = {
  green: '绿色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
  purple: '紫色',
};

/** A visit a story needs on a given day, with the finding and the factor the clinician ticks. */
type ForcedKind = 'preEclampsia' | 'placentaPraevia' | 'heartFailure' | 'gdm' | 'severeAnaemia';

interface ForcedVisit {
  date: IsoDate;
  kind: ForcedKind;
}

const FORCED: Record<ForcedKind, { tick: string | null; finding: string }> = {
  preEclampsia: {
    tick: 'SEVERE_PRE_ECLAMPSIA',
    finding: '头痛、视物模糊，血压明显升高伴尿蛋白3+，诊断重度子痫前期，收住院',
  },
  placentaPraevia: {
    tick: 'PERNICIOUS_PLACENTA_PRAEVIA',
    finding: 'B超：胎盘完全覆盖宫颈内口并附着于子宫前壁瘢痕处，考虑凶险性前置胎盘',
  },
  heartFailure: {
    tick: 'HEART_FUNCTION_III_IV',
    finding: '活动后心悸气促，夜间不能平卧，心内科会诊心功能III级',
  },
  gdm: {
    tick: 'DIABETES_OR_THYROID_ON_MEDICATION',
    finding: 'OGTT异常，饮食运动控制2周后血糖仍高，内分泌科会诊，开始胰岛素治疗',
  },
  severeAnaemia: {
    tick: null,
    finding: '面色苍白、乏力，血红蛋白明显下降，诊断重度贫血，查找病因并静脉补铁',
  },
};

/** A ticked factor that replaces a milder one of the same condition. */
const REPLACES: Record<string, string> = {
  DIABETES_OR_THYROID_ON_MEDICATION: 'THYROID_OR_DIABETES_NO_MEDICATION',
  HEART_FUNCTION_III_IV: 'HEART_FUNCTION_II',
};

/** Management plans (管理方案) by the factor that made the case. */
const CASE_PLANS: Record<string, string> = {
  HEART_FUNCTION_III_IV:
    '心内科、产科联合管理；副主任医师以上评估是否继续妊娠；每周产检，监测心功能，提前入院待产，三级医院分娩',
  PERNICIOUS_PLACENTA_PRAEVIA:
    '副主任医师以上评估；MRI评估胎盘植入，备血；避免剧烈活动，出血即来院；孕34-36周多学科计划性剖宫产',
  HEART_FUNCTION_II: '心内科会诊，每2周产检，监测心功能及心衰症状，孕晚期提前入院，三级医院分娩',
  DIABETES_OR_THYROID_ON_MEDICATION:
    '内分泌科共同管理，胰岛素控制血糖，每周监测血糖谱；每2周产检，孕36周起每周产检',
  SEVERE_PRE_ECLAMPSIA: '收住院，解痉降压，监测血压、尿蛋白、肝肾功能及胎儿情况，适时终止妊娠',
  ASTHMA: '呼吸科会诊，规范吸入治疗，避免诱因；每2周产检，分娩时备药',
  AGE_40_PLUS: '高龄孕妇：产前诊断咨询，每2周产检，监测血压、血糖，三级医院分娩',
  BMI_28_PLUS: '营养门诊控制孕期体重增长，孕24-28周OGTT，监测血压，每2周产检',
  TWO_PLUS_UTERINE_OPERATIONS: '多次子宫手术史：B超评估胎盘位置及瘢痕厚度，孕36-37周入院计划分娩',
  SEVERE_ANAEMIA_HB_40_60: '查明贫血原因，静脉补铁，必要时输血；每周复查血常规，纠正后每2周产检',
  HIV_POSITIVE:
    '感染科、产科共同管理：确诊即抗病毒治疗，监测病毒载量及CD4；隔离产房分娩，新生儿6小时内预防用药，喂养方式咨询',
  SYPHILIS_POSITIVE:
    '苄星青霉素规范治疗（孕中晚期发现者2个疗程），每月复查非梅毒螺旋体抗体滴度；隔离产房分娩，新生儿预防性治疗及随访至18月龄',
  HBSAG_POSITIVE:
    '查HBV DNA及肝功能，孕24-28周评估抗病毒治疗；隔离产房分娩，新生儿12小时内注射乙肝免疫球蛋白及首针乙肝疫苗',
};
const DEFAULT_CASE_PLAN = '按高危孕产妇专案管理：每2周产检，动态评估风险，三级医院分娩';

/** Level-3 hospitals each facility refers to, by the factor that made the case. */
const REFERRAL_HOSPITALS: Record<FacilityKey, { heart: string; other: string }> = {
  f1: { heart: '首都医科大学附属北京安贞医院', other: '北京大学第一医院' },
  f2: { heart: '首都医科大学附属北京安贞医院', other: '北京市妇幼保健院' },
};

const ROUTINE_FINDINGS: Record<'first' | 'second' | 'third', readonly string[]> = {
  first: ['轻度早孕反应', '无不适', '偶有恶心，无阴道流血', '已告知孕早期注意事项及叶酸服用'],
  second: ['无不适', '自觉胎动', '偶有腰酸', '嘱补钙，适量运动', '已预约唐氏筛查'],
  third: ['胎动好', '无不适', '偶有宫缩，休息后缓解', '已告知临产征兆及胎动自数', '下肢轻度水肿'],
};

interface Profile {
  /** Each pregnancy draws from its own stream, so a changed story leaves the others alone. */
  seed: number;
  heightCm: number;
  weightBeforeKg: number;
  gainFirstTrimesterKg: number;
  gainPerWeekKg: number;
  hbBase: number;
  systolic: number;
  diastolic: number;
  platelets: number;
  ticked: string[];
  screened: boolean;
  firstVisitDelay: number;
  screeningDelay: number;
  clinician: ClinicianRole;
  role: CareRole | null;
  /** A defaulter: no visit from this GA day on (the start of the window she missed). */
  stopBeforeGa: number | null;
  /** The story's visit, after which she has had no other. */
  forced: ForcedVisit | null;
  /** Mild anaemia from the visit on this day. */
  anaemiaFrom: IsoDate | null;
  caseAssigned: boolean;
  reportHandling: ReportHandling;
  referral: { referredOn: IsoDate; followedUpOn: IsoDate | null } | null;
  contact: { outcome: ContactOutcome; note: string } | null;
}

interface Draft {
  subject: CareSubject;
  profile: Profile;
  plan: CarePlan;
}

const BMI_BANDS: readonly (readonly [[number, number], number])[] = [
  [[17.6, 18.4], 2],
  [[18.8, 23.2], 90],
  [[25.2, 27.6], 6],
  [[28.2, 30.5], 2],
];

const HB_BANDS: readonly (readonly [[number, number], number])[] = [
  [[119, 135], 92],
  [[112, 118], 3],
  [[100, 109], 5],
];

export class CarePlanner {
  constructor(
    private readonly rng: Rng,
    private readonly today: IsoDate,
  ) {}

  plan(subjects: readonly CareSubject[]): CarePlan[] {
    const drafts = subjects.map((subject): Draft => {
      const profile = this.profile(subject);
      return { subject, profile, plan: buildPlan(subject, profile, this.today) };
    });
    for (const facility of ['f1', 'f2'] as const) {
      this.assignRoles(drafts.filter((d) => d.subject.facility === facility));
    }
    return drafts.map((d) => d.plan);
  }

  private profile(subject: CareSubject): Profile {
    const { rng } = this;
    const heightCm = clamp(
      Math.round(160 + (rng.next() + rng.next() + rng.next() - 1.5) * 11),
      148,
      175,
    );
    const [bmiMin, bmiMax] = rng.weighted(BMI_BANDS);
    const bmi = bmiMin + rng.next() * (bmiMax - bmiMin);
    const [hbMin, hbMax] = rng.weighted(HB_BANDS);
    const systolic = rng.int(102, 124);
    return {
      seed: rng.int(1, 2 ** 31 - 1),
      heightCm,
      weightBeforeKg: clamp(round1(bmi * (heightCm / 100) ** 2), 45, 85),
      gainFirstTrimesterKg: rng.int(0, 15) / 10,
      gainPerWeekKg: rng.int(33, 50) / 100,
      hbBase: rng.int(hbMin, hbMax),
      systolic,
      diastolic: Math.min(rng.int(62, 80), systolic - 30),
      platelets: rng.int(150, 300),
      ticked: subject.story ? [] : this.randomTicks(subject),
      screened: rng.chance(0.96),
      firstVisitDelay: rng.chance(0.15) ? rng.int(1, 3) : 0,
      screeningDelay: rng.chance(0.2) ? rng.int(1, 4) : 0,
      clinician: rng.chance(0.5) ? 'nurse' : 'mch',
      role: null,
      stopBeforeGa: null,
      forced: null,
      anaemiaFrom: null,
      caseAssigned: true,
      reportHandling: 'on_time',
      referral: null,
      contact: null,
    };
  }

  /** Clinician-ticked factors at screening: most women none. */
  private randomTicks(subject: CareSubject): string[] {
    const { rng } = this;
    const { gravidity, parity } = subject.history;
    const ticks: string[] = [];
    if (rng.chance(0.02)) ticks.push('RH_NEGATIVE');
    if (parity > 0 && rng.chance(0.05)) ticks.push('PREVIOUS_PRETERM_BIRTH');
    if (gravidity - parity >= 4 && rng.chance(0.5)) ticks.push('THREE_PLUS_MISCARRIAGES');
    if (rng.chance(0.04)) ticks.push('THYROID_OR_DIABETES_NO_MEDICATION');
    else if (rng.chance(0.005)) ticks.push('DIABETES_OR_THYROID_ON_MEDICATION');
    if (rng.chance(0.01)) ticks.push('FIBROID_OR_CYST_5CM');
    if (rng.chance(0.005)) ticks.push('ASTHMA');
    return ticks;
  }

  // -------------------------------------------------------------------------------------------
  // The stories each facility must show; the hardest to place first.

  private assignRoles(all: Draft[]): void {
    const { rng, today } = this;
    const open = all.filter((d) => d.subject.end === null);
    // A PURPLE woman (confirmed HIV, syphilis or HBsAg) tells her own story in the PMTCT part.
    const ordinary = (d: Draft) => !d.subject.story && d.subject.confirmations.length === 0;
    const followers = () => rng.shuffle(open.filter((d) => d.profile.role === null && ordinary(d)));
    const gaToday = (d: Draft) => gestationalAgeDays(d.subject.edd, today);
    const notOverdue = (plan: CarePlan) => plan.overdue === null;

    for (const d of all.filter((draft) => draft.subject.story === 'referredIn')) {
      this.pick(
        'praeviaReferredIn',
        [d],
        (p) => {
          p.ticked = ['PERNICIOUS_PLACENTA_PRAEVIA'];
          p.screened = true;
          p.screeningDelay = 0;
        },
        (plan) => plan.colour === 'red' && plan.reports.length === 1,
      );
    }
    for (const d of all.filter((draft) => draft.subject.story === 'referredOut')) {
      this.pick(
        'praeviaReferredOut',
        [d],
        (p) => {
          p.screened = true;
          p.forced = {
            date: addDays(d.subject.end!.date, -rng.int(1, 3)),
            kind: 'placentaPraevia',
          };
        },
        (plan) => plan.reports.some((r) => r.colour === 'red'),
      );
    }

    // A report never sent: RED (24 hours) a few days ago, ORANGE (3 days) a week ago.
    const withCaesareanFirst = (drafts: Draft[]) =>
      drafts.sort(
        (a, b) =>
          Number(b.subject.history.previousCaesareans > 0) -
          Number(a.subject.history.previousCaesareans > 0),
      );
    this.storyVisit(
      'redReportLate',
      withCaesareanFirst(followers()),
      (d) => (gaToday(d) >= 210 ? addDays(today, -rng.int(2, 4)) : null),
      (d) => (d.subject.history.previousCaesareans > 0 ? 'placentaPraevia' : 'heartFailure'),
      (p) => (p.reportHandling = 'unsent'),
      'red',
    );
    this.storyVisit(
      'orangeReportLate',
      followers(),
      (d) => (gaToday(d) >= 182 ? addDays(today, -rng.int(5, 9)) : null),
      () => 'gdm',
      (p) => (p.reportHandling = 'unsent'),
      'orange',
    );
    // Graded today: the report is still due, and nobody has taken the case yet.
    this.storyVisit(
      'orangeReportDue',
      followers(),
      (d) => (gaToday(d) >= 182 ? today : null),
      () => 'preEclampsia',
      (p) => {
        p.reportHandling = 'unsent';
        p.caseAssigned = false;
      },
      'orange',
    );
    // Hb below 60 at her last visit: an automatic re-grading to ORANGE; reported, not yet assigned.
    this.storyVisit(
      'severeAnaemia',
      followers(),
      (d) => {
        const date = addDays(today, -rng.int(1, 5));
        return d.plan.visits.filter((v) => v.date < addDays(date, -7)).length >= 2 ? date : null;
      },
      () => 'severeAnaemia',
      (p) => (p.caseAssigned = false),
      'orange',
      (plan, p) => plan.visits.some((v) => v.date === p.forced!.date && v.regrading === 'orange'),
    );

    // ORANGE at screening, reported 4 days later.
    const screening = (plan: CarePlan) =>
      plan.assessments.find((a) => a.kind === 'registration_screening');
    const onlyOrangeAtScreening = (plan: CarePlan) =>
      plan.reports.length === 1 &&
      plan.reports[0].colour === 'orange' &&
      plan.reports[0].date === screening(plan)?.date;
    this.pick(
      'reportedLate',
      followers().sort(
        (a, b) => Number(onlyOrangeAtScreening(b.plan)) - Number(onlyOrangeAtScreening(a.plan)),
      ),
      (p, d) => {
        const date = screening(d.plan)?.date;
        if (!date || daysBetween(date, today) < 10 || daysBetween(date, today) > 150) return false;
        if (!onlyOrangeAtScreening(d.plan)) p.ticked = [...p.ticked, 'ASTHMA'];
        p.reportHandling = 'late';
      },
      (plan) => onlyOrangeAtScreening(plan) && notOverdue(plan),
    );

    // Referrals to a level-3 hospital: followed up in time, follow-up late today, not yet due.
    const hasCase = (plan: CarePlan) => plan.caseOpenedOn !== null;
    const referral = (
      role: CareRole,
      referredOn: (opened: IsoDate) => IsoDate,
      followedUp: boolean,
    ) =>
      this.pick(
        role,
        followers().sort((a, b) => Number(hasCase(b.plan)) - Number(hasCase(a.plan))),
        (p, d) => {
          let opened = d.plan.caseOpenedOn;
          if (!opened) {
            opened = screening(d.plan)?.date ?? null;
            p.ticked = [...p.ticked, 'HEART_FUNCTION_II'];
          }
          const on = opened ? referredOn(opened) : null;
          if (!on || on < opened! || on > today) return false;
          const followedUpOn = followedUp ? addDays(on, rng.int(6, 12)) : null;
          if (followedUpOn && followedUpOn >= today) return false;
          p.referral = { referredOn: on, followedUpOn };
        },
        (plan, p) =>
          plan.caseOpenedOn !== null &&
          plan.caseOpenedOn <= p.referral!.referredOn &&
          notOverdue(plan),
      );
    const daysAgo = (min: number, max: number) => () => addDays(today, -rng.int(min, max));
    referral('referralFollowedUp', (opened) => addDays(opened, rng.int(2, 6)), true);
    referral('referralFollowUpLate', daysAgo(15, 20), false);
    referral('referralPending', daysAgo(2, 5), false);

    // Hb below 110 at a later visit: an automatic re-grading from GREEN to YELLOW.
    for (let i = 0; i < 2; i++) {
      this.pick(
        'mildAnaemia',
        followers().filter((d) => d.plan.colour === 'green' && d.plan.visits.length >= 3),
        (p, d) => {
          p.anaemiaFrom = d.plan.visits[rng.int(1, d.plan.visits.length - 1)].date;
        },
        (plan, p) =>
          plan.visits.some((v) => v.date === p.anaemiaFrom && v.regrading === 'yellow') &&
          notOverdue(plan),
      );
    }

    // Defaulters: one of each colour the worklist orders by, one never screened, then others.
    const daysTaken = new Set(
      open.flatMap((d) => (d.plan.overdue ? [d.plan.overdue.daysOverdue] : [])),
    );
    const defaulter = (
      role: CareRole,
      change: (p: Profile, d: Draft) => void,
      colour: RiskColour | null,
      window?: string,
    ): boolean => {
      // Whoever already has the colour comes first, so the story adds no high-risk woman.
      const chosen = this.tryPick(
        role,
        followers().sort(
          (a, b) => Number(b.plan.colour === colour) - Number(a.plan.colour === colour),
        ),
        (p, d) => {
          const missed = this.missedWindow(d, daysTaken, window);
          if (!missed) return false;
          p.stopBeforeGa = missed.startDay;
          change(p, d);
        },
        (plan) =>
          plan.overdue !== null &&
          !daysTaken.has(plan.overdue.daysOverdue) &&
          (role === 'overdue' || plan.colour === colour),
      );
      if (!chosen) {
        if (role === 'overdue') return false;
        throw new Error(`Demo plan: no pregnancy can tell the story ${role}`);
      }
      daysTaken.add(chosen.plan.overdue!.daysOverdue);
      return true;
    };
    for (const story of COLOURED_DEFAULTERS) {
      defaulter(
        story.role,
        (p, d) => {
          p.screened = true;
          p.contact = story.contact;
          // Whoever has the colour already keeps her own factors.
          if (d.plan.colour === story.colour) return;
          p.ticked = [...story.ticked];
          if (story.colour === 'green') {
            p.hbBase = Math.max(p.hbBase, 124);
            p.weightBeforeKg = round1(21.5 * (p.heightCm / 100) ** 2);
          }
        },
        story.colour,
      );
    }
    defaulter('overdueUnscreened', (p) => (p.screened = false), null);
    // The others missed different windows, late pregnancy too.
    const target = Math.round(open.length * DEFAULTER_SHARE);
    const windows = ['ANC4', 'ANC2', 'ANC3'];
    for (let i = 0; open.filter((d) => d.plan.overdue !== null).length < target; i++) {
      const call =
        i === 0 ? { outcome: 'called' as const, note: '已电话提醒，说下周一来院产检' } : null;
      const told = (window?: string) =>
        defaulter('overdue', (p) => (p.contact = call), null, window);
      if (!told(windows[i % windows.length]) && !told()) {
        throw new Error('Demo plan: not enough open pregnancies to miss a visit');
      }
    }

    // Severe pre-eclampsia before a delivery: the case stays open until 42 days postpartum.
    this.storyVisit(
      'preEclampsiaDelivered',
      rng.shuffle(
        all.filter(
          (d) => d.profile.role === null && ordinary(d) && d.subject.finalStatus === 'delivered',
        ),
      ),
      (d) => {
        const deliveryGa = gestationalAgeDays(d.subject.edd, d.subject.end!.date);
        return deliveryGa >= 245 ? addDays(d.subject.end!.date, -rng.int(3, 10)) : null;
      },
      () => 'preEclampsia',
      () => undefined,
      'orange',
    );
  }

  /**
   * A window after her first visit, overdue today, unlike any other defaulter's days overdue;
   * the one asked for when given.
   */
  private missedWindow(d: Draft, daysTaken: Set<number>, wanted?: string): ScheduleWindow | null {
    const firstVisit = d.plan.visits[0];
    if (!firstVisit) return null;
    const firstGa = gestationalAgeDays(d.subject.edd, firstVisit.date);
    const gaToday = gestationalAgeDays(d.subject.edd, this.today);
    const windows = BASIC_SCHEDULE.filter((w) => {
      const days = gaToday - (w.endDay + OVERDUE_AFTER_DAYS);
      return w.startDay > firstGa && days >= 0 && days <= MAX_DAYS_OVERDUE && !daysTaken.has(days);
    });
    if (wanted) return windows.find((w) => w.code === wanted) ?? null;
    if (windows.length === 0) return null;
    // Most missed the latest window; some have stayed away since an earlier one.
    return this.rng.chance(0.65) ? windows[windows.length - 1] : this.rng.pick(windows);
  }

  /** A story told by one visit on a given day, with the clinician's grading that day. */
  private storyVisit(
    role: CareRole,
    candidates: Draft[],
    dateFor: (d: Draft) => IsoDate | null,
    kind: (d: Draft) => ForcedKind,
    change: (p: Profile) => void,
    colour: ReportableColour,
    check: (plan: CarePlan, p: Profile) => boolean = () => true,
  ): void {
    this.pick(
      role,
      candidates,
      (p, d) => {
        const date = dateFor(d);
        const screenedOn = d.plan.assessments[0]?.date;
        const first = d.plan.visits[0]?.date;
        if (!date || !first || !screenedOn || daysBetween(first, date) < MIN_VISIT_GAP_DAYS) {
          return false;
        }
        if (screenedOn >= date) return false;
        p.forced = { date, kind: kind(d) };
        change(p);
      },
      (plan, p) =>
        plan.reports.length >= 1 &&
        plan.reports[plan.reports.length - 1].date === p.forced!.date &&
        plan.reports[plan.reports.length - 1].colour === colour &&
        plan.reports.length === 1 &&
        plan.overdue === null &&
        check(plan, p),
    );
  }

  private pick(
    role: CareRole,
    candidates: Draft[],
    change: (p: Profile, d: Draft) => boolean | void,
    check: (plan: CarePlan, p: Profile) => boolean,
  ): Draft {
    const chosen = this.tryPick(role, candidates, change, check);
    if (chosen) return chosen;
    const facility = candidates[0]?.subject.facility ?? '?';
    throw new Error(`Demo plan: no pregnancy at ${facility} can tell the story ${role}`);
  }

  /** The first candidate for whom the change tells the story; the others stay as they were. */
  private tryPick(
    role: CareRole,
    candidates: Draft[],
    change: (p: Profile, d: Draft) => boolean | void,
    check: (plan: CarePlan, p: Profile) => boolean,
  ): Draft | null {
    for (const d of candidates) {
      if (d.profile.role !== null) continue;
      const trial = structuredClone(d.profile);
      if (change(trial, d) === false) continue;
      trial.role = role;
      const plan = buildPlan(d.subject, trial, this.today);
      if (check(plan, trial)) {
        d.profile = trial;
        d.plan = plan;
        return d;
      }
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// One pregnancy's plan from its profile.

function buildPlan(subject: CareSubject, profile: Profile, today: IsoDate): CarePlan {
  const rng = new Rng(profile.seed);
  const dates = visitDates(subject, profile, today, rng);
  const visits = measuredVisits(subject, profile, dates, rng);
  const assessments = plannedAssessments(subject, profile, dates, today);
  // The seed is a draw of its own: reading it changes no other story.
  const prePregnancyWeightKg = profile.seed % 3 !== 0 ? profile.weightBeforeKg : null;
  const outcome = simulate(subject, visits, assessments, prePregnancyWeightKg);
  const caseWork =
    outcome.caseFactor && profile.caseAssigned
      ? {
          clinician: profile.clinician,
          plan: CASE_PLANS[outcome.caseFactor] ?? DEFAULT_CASE_PLAN,
          note: `妊娠风险评估${COLOUR_ZH[outcome.caseColour!]}（${description(outcome.caseFactor)}），已告知孕妇及家属风险和注意事项，纳入高危专案管理`,
        }
      : null;
  return {
    subject,
    role: profile.role,
    prePregnancyWeightKg,
    visits,
    assessments,
    otherGradings: outcome.otherGradings,
    colour: outcome.colour,
    purple: outcome.purple,
    reports: outcome.reports,
    reportHandling: profile.reportHandling,
    caseWork,
    caseOpenedOn: outcome.caseOpenedOn,
    referral:
      profile.referral && outcome.caseFactor
        ? plannedReferral(subject, profile.referral, outcome.caseFactor)
        : null,
    contact: profile.contact,
    overdue: overdueToday(subject, dates, today),
  };
}

function plannedReferral(
  subject: CareSubject,
  referral: NonNullable<Profile['referral']>,
  factor: string,
): PlannedReferral {
  const hospitals = REFERRAL_HOSPITALS[subject.facility];
  const heart = factor.startsWith('HEART');
  return {
    referredOn: referral.referredOn,
    toFacilityName: heart ? hospitals.heart : hospitals.other,
    reason: `${description(factor)}，转上级医院${heart ? '心内科' : '产科'}会诊，评估妊娠风险及分娩时机`,
    followUp: referral.followedUpOn
      ? {
          on: referral.followedUpOn,
          result: heart
            ? '已在上级医院心内科就诊，心功能稳定，继续本院产检，孕晚期转上级医院分娩'
            : '已在上级医院会诊，建议继续本院产检，孕36周转诊分娩',
        }
      : null,
  };
}

/** The last day she can still have been seen: today, or before the pregnancy left our care. */
function lastVisitDay(subject: CareSubject, today: IsoDate): IsoDate {
  if (!subject.end) return today;
  // Lost to follow-up: she stopped coming weeks before the case was given up.
  const gap = subject.end.status === 'lost_to_follow_up' ? 35 : 1;
  return addDays(subject.end.date, -gap);
}

function visitDates(subject: CareSubject, p: Profile, today: IsoDate, rng: Rng): IsoDate[] {
  const lmpDay = addDays(subject.edd, -PREGNANCY_LENGTH_DAYS);
  const gaOn = (date: IsoDate) => gestationalAgeDays(subject.edd, date);
  const lastDay = lastVisitDay(subject, today);
  let first = addDays(subject.registrationDate, p.firstVisitDelay);
  if (first > lastDay) first = subject.registrationDate;
  const dates = [first];
  let previous = gaOn(first);
  for (const window of BASIC_SCHEDULE) {
    // Already past, or the previous visit was in this window.
    if (window.endDay < previous || window.startDay <= previous) continue;
    if (p.stopBeforeGa !== null && window.startDay >= p.stopBeforeGa) break;
    const from = Math.max(window.startDay, previous + MIN_VISIT_GAP_DAYS);
    if (from > window.endDay) continue;
    // Most come in the first two weeks of the window.
    const ga = rng.int(from, Math.min(window.endDay, from + 14));
    const date = addDays(lmpDay, ga);
    if (date > lastDay) break;
    dates.push(date);
    previous = ga;
    // 28-36 weeks is long: many are seen again before it closes.
    const extraFrom = previous + MIN_VISIT_GAP_DAYS;
    if (window.code === 'ANC4' && extraFrom <= window.endDay && rng.chance(0.5)) {
      const extra = rng.int(extraFrom, window.endDay);
      if (addDays(lmpDay, extra) <= lastDay) {
        dates.push(addDays(lmpDay, extra));
        previous = extra;
      }
    }
  }
  if (p.forced) {
    const { date } = p.forced;
    // Her story's visit is her last one; no other visit within a week before it.
    const kept = dates.filter((d) => d === first || daysBetween(d, date) >= 7);
    return [...kept, date];
  }
  return dates;
}

function measuredVisits(
  subject: CareSubject,
  p: Profile,
  dates: IsoDate[],
  rng: Rng,
): PlannedVisit[] {
  let previousHb: number | null = null;
  return dates.map((date, index): PlannedVisit => {
    const ga = gestationalAgeDays(subject.edd, date);
    const forced = p.forced?.date === date ? p.forced.kind : null;
    const gain =
      ga <= 91
        ? (p.gainFirstTrimesterKg * Math.max(0, ga)) / 91
        : p.gainFirstTrimesterKg + ((ga - 91) / 7) * p.gainPerWeekKg;
    const systolic = clamp(p.systolic + rng.int(-6, 6), 96, 136);
    const diastolic = Math.min(clamp(p.diastolic + rng.int(-5, 5), 58, 88), systolic - 25);
    // Hb falls a little from the second trimester (haemodilution); anaemia, once there, stays.
    let hb = p.hbBase - (ga < 84 ? 0 : Math.min(6, Math.round((ga - 84) / 18))) + rng.int(-2, 2);
    if (previousHb !== null && previousHb < 110) hb = Math.min(hb, 109);
    if (p.anaemiaFrom !== null && date >= p.anaemiaFrom) hb = Math.min(hb, rng.int(96, 107));
    if (forced === 'severeAnaemia') hb = rng.int(52, 58);
    previousHb = hb;
    const trimester = ga < 91 ? 'first' : ga < 196 ? 'second' : 'third';
    const routine = rng.chance(0.5) ? rng.pick(ROUTINE_FINDINGS[trimester]) : undefined;
    const findings = forced
      ? FORCED[forced].finding
      : hb < 110
        ? `血红蛋白${hb}g/L，轻度贫血，予口服铁剂，2周后复查`
        : routine;
    const values: VisitValues = {
      weightKg: Math.min(90, round1(p.weightBeforeKg + gain + rng.int(-3, 3) / 10)),
      ...(index === 0 ? { heightCm: p.heightCm } : {}),
      systolicMmHg: forced === 'preEclampsia' ? rng.int(160, 172) : systolic,
      diastolicMmHg: forced === 'preEclampsia' ? rng.int(108, 116) : diastolic,
      haemoglobinGL: hb,
      ...(index === 0 || rng.chance(0.25)
        ? { plateletsE9L: clamp(p.platelets + rng.int(-25, 25), 110, 400) }
        : {}),
      ...(ga >= 84 ? { fetalHeartRate: rng.int(125, 156) } : {}),
      ...(ga >= 140
        ? {
            fundalHeightCm: clamp(
              Math.round(ga / 7) + rng.int(-2, 2) + (subject.fetusCount > 1 ? 3 : 0),
              15,
              45,
            ),
          }
        : {}),
      ...(ga >= 196
        ? {
            fetalPosition: rng.weighted([
              ['cephalic', 90],
              ['breech', 8],
              ['transverse', 2],
            ] as const),
          }
        : {}),
      oedema:
        forced === 'preEclampsia' ? 'moderate' : ga >= 224 && rng.chance(0.2) ? 'mild' : 'none',
      urineProtein: forced === 'preEclampsia' ? '3+' : rng.chance(0.93) ? 'negative' : 'trace',
      urineGlucose: rng.chance(0.95) ? 'negative' : 'trace',
      ...(findings ? { findings } : {}),
      nextAppointmentDate: nextAppointment(subject, dates, index, rng),
    };
    return { date, values, regrading: null, opensCase: false };
  });
}

/** The next planned visit, or the start of the next window (weekly from 37 weeks). */
function nextAppointment(subject: CareSubject, dates: IsoDate[], index: number, rng: Rng): IsoDate {
  const date = dates[index];
  if (index + 1 < dates.length) return dates[index + 1];
  const ga = gestationalAgeDays(subject.edd, date);
  const next = BASIC_SCHEDULE.find((w) => w.startDay > ga);
  if (!next) return addDays(date, 7);
  const lmpDay = addDays(subject.edd, -PREGNANCY_LENGTH_DAYS);
  const appointment = addDays(lmpDay, next.startDay + rng.int(0, 7));
  return daysBetween(date, appointment) >= 7 ? appointment : addDays(date, 14);
}

function plannedAssessments(
  subject: CareSubject,
  p: Profile,
  dates: IsoDate[],
  today: IsoDate,
): PlannedAssessment[] {
  const assessments: PlannedAssessment[] = [];
  if (p.screened) {
    // Most are screened at the first visit; some a few days later, when the results are back.
    let date = addDays(dates[0], p.screeningDelay);
    const before = (limit: IsoDate | undefined) => limit === undefined || date < limit;
    if (!before(dates[1]) || !before(subject.end?.date)) date = dates[0];
    if (date <= today) {
      assessments.push({
        date,
        kind: 'registration_screening',
        ticked: [...p.ticked],
        colour: 'green',
        opensCase: false,
      });
    }
  }
  const tick = p.forced ? FORCED[p.forced.kind].tick : null;
  if (p.forced && tick) {
    const replaced = REPLACES[tick];
    assessments.push({
      date: p.forced.date,
      kind: 'visit',
      ticked: [...p.ticked.filter((code) => code !== replaced && code !== tick), tick],
      colour: 'green',
      opensCase: false,
    });
  }
  return assessments;
}

/** The worklist's rule: the first window overdue today with no visit in it or after it. */
function overdueToday(subject: CareSubject, dates: IsoDate[], today: IsoDate): Overdue | null {
  if (subject.end) return null;
  const gaToday = gestationalAgeDays(subject.edd, today);
  const lastGa = dates.length > 0 ? gestationalAgeDays(subject.edd, dates[dates.length - 1]) : null;
  const overdue = BASIC_SCHEDULE.filter(
    (w) => gaToday >= w.endDay + OVERDUE_AFTER_DAYS && (lastGa === null || lastGa < w.startDay),
  );
  if (overdue.length === 0) return null;
  const first = overdue[0];
  return { window: first.code, daysOverdue: gaToday - (first.endDay + OVERDUE_AFTER_DAYS) };
}

// ---------------------------------------------------------------------------------------------
// What the services will grade, with the services' own rules.

interface Simulation {
  colour: RiskColour | null;
  purple: boolean;
  reports: PlannedReport[];
  otherGradings: PlannedGrading[];
  caseOpenedOn: IsoDate | null;
  caseFactor: string | null;
  caseColour: RiskColour | 'purple' | null;
}

/**
 * Replays the visits and gradings in date order: a visit re-grades once the pregnancy has been
 * screened, and only when the colour or PURPLE changes; a confirmed positive result re-grades
 * (PURPLE), screened or not; a postpartum contact is a clinician's grading with nothing ticked.
 * A rise to ORANGE or RED needs a report; the first ORANGE/RED/PURPLE grading opens the
 * high-risk case. Fills in the expected outcomes.
 */
function simulate(
  subject: CareSubject,
  visits: PlannedVisit[],
  assessments: PlannedAssessment[],
  prePregnancyWeightKg: number | null,
): Simulation {
  type Step =
    | { date: IsoDate; order: 0; visit: PlannedVisit }
    | { date: IsoDate; order: 1; assessment: PlannedAssessment }
    | { date: IsoDate; order: 2; confirmation: PurpleCode }
    | { date: IsoDate; order: 3; postpartum: PostpartumGradingKind };
  // On one day the timeline writes visits, then gradings, then test results, then postpartum care.
  const steps: Step[] = [
    ...visits.map((visit): Step => ({ date: visit.date, order: 0, visit })),
    ...assessments.map((assessment): Step => ({ date: assessment.date, order: 1, assessment })),
    ...subject.confirmations.map((c): Step => ({ date: c.on, order: 2, confirmation: c.code })),
    ...subject.postpartumGradings.map((g): Step => ({ date: g.on, order: 3, postpartum: g.kind })),
  ].sort((a, b) => daysBetween(b.date, a.date) || a.order - b.order);
  const result: Simulation = {
    colour: null,
    purple: false,
    reports: [],
    otherGradings: [],
    caseOpenedOn: null,
    caseFactor: null,
    caseColour: null,
  };
  let ticked: string[] = [];
  const seen: PlannedVisit[] = [];
  const confirmed: PurpleCode[] = [];
  const apply = (
    date: IsoDate,
    { grading, codes }: { grading: Grading; codes: string[] },
    day42Check = false,
  ) => {
    const previous = result.colour;
    result.colour = grading.colour;
    result.purple = grading.purple;
    let opens = false;
    // The 42-day check ends case management: it opens no case.
    if (isHighRisk(grading) && result.caseOpenedOn === null && !day42Check) {
      opens = true;
      result.caseOpenedOn = date;
      const byColour = colourRank(grading.colour) >= colourRank('orange');
      result.caseColour = byColour ? grading.colour : 'purple';
      result.caseFactor = byColour
        ? codes.find((code) => CATALOGUE.get(code)?.colour === grading.colour)!
        : codes.find((code) => CATALOGUE.get(code)?.purple)!;
    }
    const reportable = grading.colour === 'orange' || grading.colour === 'red';
    if (reportable && (previous === null || colourRank(grading.colour) > colourRank(previous))) {
      result.reports.push({ date, colour: grading.colour as ReportableColour });
    }
    return opens;
  };
  const unchanged = ({ grading }: { grading: Grading }) =>
    grading.colour === result.colour && grading.purple === result.purple;
  for (const step of steps) {
    if ('visit' in step) {
      seen.push(step.visit);
      if (result.colour === null) continue;
      const now = gradeWith(subject, prePregnancyWeightKg, ticked, seen, confirmed);
      if (unchanged(now)) continue;
      step.visit.regrading = now.grading.colour;
      step.visit.opensCase = apply(step.date, now);
    } else if ('assessment' in step) {
      ticked = step.assessment.ticked;
      const now = gradeWith(subject, prePregnancyWeightKg, ticked, seen, confirmed);
      step.assessment.colour = now.grading.colour;
      step.assessment.opensCase = apply(step.date, now);
    } else if ('confirmation' in step) {
      confirmed.push(step.confirmation);
      const now = gradeWith(subject, prePregnancyWeightKg, ticked, seen, confirmed);
      if (result.colour !== null && unchanged(now)) continue;
      const opensCase = apply(step.date, now);
      result.otherGradings.push({ on: step.date, kind: 'pmtct', ...now.grading, opensCase });
    } else {
      ticked = [];
      const now = gradeWith(subject, prePregnancyWeightKg, ticked, seen, confirmed);
      const opensCase = apply(step.date, now, step.postpartum === 'day42_check');
      result.otherGradings.push({
        on: step.date,
        kind: step.postpartum,
        ...now.grading,
        opensCase,
      });
    }
  }
  return result;
}

function gradeWith(
  subject: CareSubject,
  prePregnancyWeightKg: number | null,
  ticked: readonly string[],
  visits: readonly PlannedVisit[],
  confirmed: readonly PurpleCode[],
): { grading: Grading; codes: string[] } {
  const latest = <K extends keyof VisitValues>(key: K) =>
    [...visits].reverse().find((v) => v.values[key] != null)?.values[key] ?? null;
  const pressure = [...visits]
    .reverse()
    .find((v) => v.values.systolicMmHg != null && v.values.diastolicMmHg != null)?.values;
  const derived = deriveFactors({
    ageAtRegistration: ageInYears(subject.birthDate, subject.registrationDate),
    heightCm: latest('heightCm'),
    weightKg:
      bmiWeight(
        prePregnancyWeightKg,
        visits.map((v) => ({
          id: 0,
          weightKg: v.values.weightKg ?? null,
          gaDays: gestationalAgeDays(subject.edd, v.date),
        })),
      )?.weightKg ?? null,
    haemoglobinGL: latest('haemoglobinGL'),
    plateletsE9L: latest('plateletsE9L'),
    systolicMmHg: pressure?.systolicMmHg ?? null,
    diastolicMmHg: pressure?.diastolicMmHg ?? null,
    previousCaesareans: subject.history.previousCaesareans,
    fetusCount: subject.fetusCount,
    ivf: subject.ivf,
    confirmedPositive: {
      hiv: confirmed.includes('HIV_POSITIVE'),
      syphilis: confirmed.includes('SYPHILIS_POSITIVE'),
      hbsag: confirmed.includes('HBSAG_POSITIVE'),
    },
  });
  const codes = [...ticked, ...derived.map((factor) => factor.code)];
  const factors = codes.map((code) => {
    const factor = CATALOGUE.get(code);
    if (!factor) throw new Error(`Demo plan: ${code} is not in the national catalogue`);
    return factor;
  });
  return { grading: grade(factors), codes };
}

export function description(code: string): string {
  return CATALOGUE.get(code)?.descriptionZh ?? code;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
