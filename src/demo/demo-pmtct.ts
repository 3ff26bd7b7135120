import { addDays, daysBetween, type IsoDate } from '../core/time/calendar-date';
import type { TEST_METHODS, TreatmentKind } from '../pmtct/pmtct.entities';
import { followUpScheduleFor } from '../pmtct/rules/follow-up-schedule';
import {
  type Disease,
  DISEASES,
  diseaseStatus,
  type DiseaseStatus,
  hbvAntiviralIndicated,
  indicatedDiseases,
  isEarlyTest,
  syphilisTreatment,
  type TestKind,
  type TestRecord,
  type TestResult,
} from '../pmtct/rules/pmtct-rules';
import type { PregnancyStatus } from '../women/rules/pregnancy-status';
import { gestationalAgeDays, PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import type { FacilityKey } from './demo-care';
import type { RecentBirth } from './demo-delivery';
import { Rng } from './demo-people';

// HIV, syphilis and hepatitis B in the demo (预防母婴传播): every pregnancy counselled and tested
// at booking, most negative; a few positive mothers of each disease per facility, confirmed,
// treated and delivered in the isolation room; their babies' first hours and follow-ups. Pure
// planning, and the predictions the run compares with what the services say.

/** The women the worklists and the status page should show, beside the negative majority. */
export type PmtctStory =
  | 'untestedDeclined'
  | 'untestedMissed'
  | 'untestedDelivered'
  | 'pending'
  | 'hbsagDue'
  | 'hbsagLate'
  | 'hbsagDelivered'
  | 'hbsagOpen'
  | 'hbsagAntiviral'
  | 'syphilisAwaiting'
  | 'syphilisFalsePositive'
  | 'labourReactive'
  | 'syphilisEarly'
  | 'syphilisMid'
  | 'hiv';

export interface PmtctSubject {
  facility: FacilityKey;
  registrationDate: IsoDate;
  edd: IsoDate;
  /** The day of the first status change, if any. */
  firstChange: { status: PregnancyStatus; date: IsoDate } | null;
  deliveredOn: IsoDate | null;
  finalStatus: PregnancyStatus;
  /** An ordinary single pregnancy of a woman with one registration: may tell a story. */
  ordinary: boolean;
  recentBirth: RecentBirth | null;
}

type Method = (typeof TEST_METHODS)[number];

export interface PlannedTest {
  subject: 'woman' | 'partner';
  disease: Disease;
  kind: TestKind;
  method: Method;
  /** Antenatal unless said; `labour`: the rapid test at admission in labour. */
  setting?: 'antenatal' | 'labour';
  sampleDate: IsoDate;
  /** The result as of today; null (and no result date) while the laboratory has not answered. */
  result: TestResult | null;
  resultDate: IsoDate | null;
  titre?: string;
  laboratory: string;
  /** HBsAg: the markers that decide an antiviral. */
  hbvDnaIuPerMl?: number;
  hbeag?: 'positive' | 'negative';
  /** Entered when sampled, the result entered on its day (PATCH /pmtct-tests/{id}/result). */
  enteredBeforeResult: boolean;
}

export interface PlannedCounselling {
  stage: 'pre_test' | 'post_test';
  on: IsoDate;
  accepted: boolean;
  note: string;
  /** Index in `tests` of the result she was told. */
  test: number | null;
}

export interface PlannedTreatment {
  kind: TreatmentKind;
  startedOn: IsoDate;
  regimen: string;
  /** Syphilis: the doses given, the first on the start day. */
  doses: IsoDate[];
}

export interface PlannedInfant {
  /** Planned before the birth, on this day; null: recorded after the birth with its time. */
  plannedOn: IsoDate | null;
  hivProphylaxis: { minutes: number; regimen: string } | null;
  hbigMinutes: number | null;
  vaccineMinutes: number;
  syphilisProphylaxisMinutes: number | null;
  feedingChoice: 'breastfeeding' | 'replacement';
}

export interface PmtctPlan {
  story: PmtctStory | null;
  counselling: PlannedCounselling[];
  tests: PlannedTest[];
  treatments: PlannedTreatment[];
  infant: PlannedInfant | null;
  /** Confirmed positive by result day (the risk module sets PURPLE then). */
  confirmations: { disease: Disease; on: IsoDate }[];
  /** Index in `tests` of the result that made her positive (for HBsAg, the screening). */
  confirmingTest: number | null;
}

export const SYPHILIS_DRUG = '苄星青霉素';
export const SYPHILIS_DOSE = '240万U';

const LABORATORY: Record<FacilityKey, string> = { f1: '本院检验科', f2: '本院检验科' };
/** HIV is confirmed by the district CDC's confirmation laboratory. */
const HIV_CONFIRMATION_LABORATORY: Record<FacilityKey, string> = {
  f1: '朝阳区疾病预防控制中心艾滋病确证实验室',
  f2: '海淀区疾病预防控制中心艾滋病确证实验室',
};

const SCREENING_METHOD: Record<Disease, Method> = {
  hiv: 'chemiluminescence',
  syphilis: 'treponemal',
  hbsag: 'chemiluminescence',
};

const LABOUR_NOTE = '临产入院，孕期未检测，知情同意后行艾滋病、梅毒、乙肝快速检测';
const PRE_TEST_NOTE = '已告知艾滋病、梅毒、乙肝检测的意义及母婴传播风险，孕妇知情同意检测';
const DECLINED_NOTE = '孕妇拒绝检测，已告知风险，下次产检再次动员';
const POST_TEST_NOTE: Record<Disease, string> = {
  hiv: '已告知HIV确证阳性结果、母婴阻断措施及喂养选择，转介感染科，纳入高危专案管理',
  syphilis: '已告知梅毒确诊结果及规范治疗的重要性，动员配偶检测，纳入高危专案管理',
  hbsag: '已告知乙肝表面抗原阳性结果，查HBV DNA及肝功能，告知新生儿12小时内免疫预防',
};

/** Stories each facility tells; the hardest to place first. */
const STORY_ORDER: readonly PmtctStory[] = [
  'hbsagDue',
  'hbsagLate',
  'hiv',
  'syphilisEarly',
  'syphilisMid',
  'hbsagDelivered',
  'hbsagDelivered',
  'hbsagAntiviral',
  'hbsagOpen',
  'syphilisAwaiting',
  'syphilisFalsePositive',
  'labourReactive',
  'untestedDeclined',
  'untestedMissed',
  'untestedDelivered',
];

export class PmtctPlanner {
  constructor(
    private readonly rng: Rng,
    private readonly today: IsoDate,
  ) {}

  plan(subjects: readonly PmtctSubject[]): PmtctPlan[] {
    const stories = new Map<PmtctSubject, PmtctStory>();
    for (const facility of ['f1', 'f2'] as const) {
      const own = subjects.filter((s) => s.facility === facility);
      for (const story of STORY_ORDER) {
        const free = own.filter((s) => s.ordinary && !stories.has(s));
        const chosen = this.candidates(story, free)[0];
        if (!chosen)
          throw new Error(`Demo plan: no pregnancy at ${facility} for the PMTCT story ${story}`);
        stories.set(chosen, story);
      }
      // The most recent bookings: results not back yet.
      const recent = own
        .filter(
          (s) =>
            s.ordinary &&
            !stories.has(s) &&
            s.finalStatus === 'open' &&
            daysBetween(s.registrationDate, this.today) <= 10,
        )
        .sort((a, b) => daysBetween(a.registrationDate, b.registrationDate))
        .slice(0, 2);
      for (const s of recent) stories.set(s, 'pending');
    }
    return subjects.map((s) => this.planOne(s, stories.get(s) ?? null));
  }

  /** Who can tell a story, best first. */
  private candidates(story: PmtctStory, free: PmtctSubject[]): PmtctSubject[] {
    const { today, rng } = this;
    const ago = (date: IsoDate | null) => (date === null ? -1 : daysBetween(date, today));
    const gaAt = (s: PmtctSubject, date: IsoDate) => gestationalAgeDays(s.edd, date);
    const registeredGa = (s: PmtctSubject) => gaAt(s, s.registrationDate);
    const open = (s: PmtctSubject) => s.finalStatus === 'open';
    const plain = (s: PmtctSubject) => s.recentBirth === null;
    const shuffled = (list: PmtctSubject[]) => rng.shuffle([...list]);
    const preferring = (list: PmtctSubject[], best: (s: PmtctSubject) => boolean) =>
      shuffled(list).sort((a, b) => Number(best(b)) - Number(best(a)));
    switch (story) {
      case 'hbsagDue':
      case 'hbsagLate':
        return free.filter((s) => s.recentBirth === story);
      case 'hiv':
        return preferring(
          free.filter(
            (s) =>
              plain(s) &&
              s.finalStatus === 'closed' &&
              ago(s.deliveredOn) >= 100 &&
              ago(s.deliveredOn) <= 330 &&
              daysBetween(s.registrationDate, s.deliveredOn!) >= 60,
          ),
          (s) => ago(s.deliveredOn) >= 120 && ago(s.deliveredOn) <= 250,
        );
      case 'syphilisEarly':
        return preferring(
          free.filter(
            (s) =>
              plain(s) &&
              ['closed', 'delivered'].includes(s.finalStatus) &&
              ago(s.deliveredOn) >= 105 &&
              registeredGa(s) <= 80,
          ),
          (s) => ago(s.deliveredOn) >= 200 && ago(s.deliveredOn) <= 265,
        );
      case 'syphilisMid': {
        const span = (s: PmtctSubject) =>
          daysBetween(s.registrationDate, s.deliveredOn ?? s.firstChange?.date ?? today);
        return preferring(
          free.filter(
            (s) =>
              plain(s) &&
              (open(s) || ['closed', 'delivered'].includes(s.finalStatus)) &&
              registeredGa(s) >= 98 &&
              registeredGa(s) <= 200 &&
              span(s) >= 50,
          ),
          open,
        );
      }
      case 'hbsagDelivered':
        return preferring(
          free.filter(
            (s) =>
              plain(s) &&
              ['closed', 'delivered'].includes(s.finalStatus) &&
              ago(s.deliveredOn) >= 10 &&
              daysBetween(s.registrationDate, s.deliveredOn!) >= 30,
          ),
          (s) => s.finalStatus === 'delivered',
        );
      case 'hbsagAntiviral':
        return shuffled(
          free.filter((s) => open(s) && gaAt(s, today) >= 200 && registeredGa(s) <= 150),
        );
      case 'hbsagOpen':
        return shuffled(
          free.filter((s) => open(s) && gaAt(s, today) >= 120 && ago(s.registrationDate) >= 21),
        );
      case 'labourReactive':
        // Declined testing, tested in labour: delivered long enough ago for the confirmation.
        return shuffled(
          free.filter(
            (s) =>
              plain(s) &&
              ['closed', 'delivered'].includes(s.finalStatus) &&
              ago(s.deliveredOn) >= 8 &&
              ago(s.deliveredOn) <= 200,
          ),
        );
      case 'syphilisAwaiting':
        // The most recent booking of at least two days ago.
        return free
          .filter((s) => open(s) && ago(s.registrationDate) >= 2)
          .sort((a, b) => daysBetween(a.registrationDate, b.registrationDate));
      case 'syphilisFalsePositive':
        return shuffled(free.filter((s) => open(s) && ago(s.registrationDate) >= 14));
      case 'untestedDeclined':
      case 'untestedMissed':
        return shuffled(
          free.filter((s) => open(s) && gaAt(s, today) >= 100 && ago(s.registrationDate) >= 14),
        );
      case 'untestedDelivered':
        return shuffled(free.filter((s) => plain(s) && s.finalStatus === 'delivered'));
      case 'pending':
        return [];
    }
  }

  private planOne(subject: PmtctSubject, story: PmtctStory | null): PmtctPlan {
    const { rng } = this;
    const plan: PmtctPlan = {
      story,
      counselling: [],
      tests: [],
      treatments: [],
      infant: null,
      confirmations: [],
      confirmingTest: null,
    };
    const lastDay = this.lastDay(subject);
    // Blood is taken at booking, now and then at the next visit a few days later.
    const delay = rng.chance(0.9) ? 0 : rng.int(1, 5);
    let sample = addDays(subject.registrationDate, story === null ? delay : 0);
    if (sample > lastDay) sample = subject.registrationDate;
    if (story === 'untestedMissed') return plan;
    if (story === 'labourReactive') return this.labourReactive(subject, plan);
    if (story === 'untestedDeclined' || story === 'untestedDelivered') {
      plan.counselling.push({
        stage: 'pre_test',
        on: subject.registrationDate,
        accepted: false,
        note: DECLINED_NOTE,
        test: null,
      });
      return plan;
    }
    plan.counselling.push({
      stage: 'pre_test',
      on: sample,
      accepted: true,
      note: PRE_TEST_NOTE,
      test: null,
    });
    const lab = LABORATORY[subject.facility];
    const positive: Disease | null =
      story === null || story === 'pending' || story === 'syphilisFalsePositive'
        ? null
        : story === 'hiv'
          ? 'hiv'
          : story.startsWith('syphilis')
            ? 'syphilis'
            : 'hbsag';
    for (const disease of DISEASES) {
      if (disease === positive || (disease === 'syphilis' && story === 'syphilisFalsePositive'))
        continue;
      const resultDate =
        story === 'pending'
          ? null
          : addDays(
              sample,
              rng.weighted([
                [1, 60],
                [2, 30],
                [3, 10],
              ] as const),
            );
      plan.tests.push(
        this.asOfToday({
          subject: 'woman',
          disease,
          kind: 'screening',
          method: SCREENING_METHOD[disease],
          sampleDate: sample,
          result: 'negative',
          resultDate,
          laboratory: lab,
          enteredBeforeResult: false,
        }),
      );
    }
    if (positive === null && story !== 'syphilisFalsePositive') return plan;

    // A positive screening, entered when sampled; the confirmation sample the day she is told.
    const disease = positive ?? 'syphilis';
    const screenedOn = addDays(sample, rng.int(1, 2));
    plan.tests.push({
      subject: 'woman',
      disease,
      kind: 'screening',
      method: SCREENING_METHOD[disease],
      sampleDate: sample,
      result: 'positive',
      resultDate: screenedOn,
      laboratory: lab,
      enteredBeforeResult: true,
      ...(disease === 'hbsag' ? hbvMarkers(story!, rng) : {}),
    });
    // A positive HBsAg needs no confirmatory test: it is the indication, PURPLE on its day.
    const confirmed =
      disease === 'hbsag'
        ? { tests: [], on: screenedOn }
        : this.confirmatoryTests(
            subject,
            story!,
            disease,
            addDays(screenedOn, story === 'syphilisAwaiting' ? 0 : rng.int(0, 2)),
          );
    plan.tests.push(...confirmed.tests);
    if (story === 'syphilisAwaiting' || story === 'syphilisFalsePositive' || !confirmed.on) {
      if (story === 'syphilisFalsePositive') {
        plan.counselling.push({
          stage: 'post_test',
          on: confirmed.on!,
          accepted: true,
          note: '确证试验阴性，初筛为假阳性，已向孕妇解释',
          test: plan.tests.length - 1,
        });
      }
      plan.tests = plan.tests.map((t) => this.asOfToday(t));
      this.checkDates(subject, plan);
      return plan;
    }
    const confirmedOn = confirmed.on;
    plan.confirmations.push({ disease, on: confirmedOn });
    plan.confirmingTest = plan.tests.findIndex(
      (t) =>
        t.disease === disease &&
        (t.kind === 'confirmatory' || disease === 'hbsag') &&
        t.result === 'positive' &&
        t.resultDate === confirmedOn,
    );
    plan.counselling.push({
      stage: 'post_test',
      on: confirmedOn,
      accepted: true,
      note: POST_TEST_NOTE[disease],
      test: plan.confirmingTest,
    });
    if (disease !== 'hbsag') {
      // Her partner is offered the test the day she is told.
      const partnerResult =
        disease === 'syphilis' && story === 'syphilisMid' ? 'positive' : 'negative';
      plan.tests.push({
        subject: 'partner',
        disease,
        kind: 'screening',
        method: SCREENING_METHOD[disease],
        sampleDate: confirmedOn,
        result: partnerResult,
        resultDate: addDays(confirmedOn, 1),
        laboratory: lab,
        enteredBeforeResult: false,
      });
    }
    plan.treatments = this.treatments(subject, story!, confirmedOn);
    plan.infant = this.infant(subject, story!, confirmedOn);
    plan.tests = plan.tests.map((t) => this.asOfToday(t));
    this.checkDates(subject, plan);
    return plan;
  }

  /** Confirmatory tests and the day the last result came back (null: still pending). */
  private confirmatoryTests(
    subject: PmtctSubject,
    story: PmtctStory,
    disease: Disease,
    on: IsoDate,
  ): { tests: PlannedTest[]; on: IsoDate | null } {
    const { rng } = this;
    const lab = LABORATORY[subject.facility];
    const test = (
      method: Method,
      days: number,
      result: TestResult,
      extra: Partial<PlannedTest> = {},
    ) => ({
      subject: 'woman' as const,
      disease,
      kind: 'confirmatory' as const,
      method,
      sampleDate: on,
      result: story === 'syphilisAwaiting' ? null : result,
      resultDate: story === 'syphilisAwaiting' ? null : addDays(on, days),
      laboratory: lab,
      enteredBeforeResult: true,
      ...extra,
    });
    if (disease === 'syphilis' && story === 'syphilisFalsePositive') {
      // The treponemal screening was a false positive: TPPA negative.
      const tppa = test('treponemal', rng.int(1, 3), 'negative');
      return { tests: [tppa], on: tppa.resultDate };
    }
    if (disease === 'syphilis') {
      // Treponemal (TPPA) and non-treponemal (TRUST) with its titre.
      const tppa = test('treponemal', 2, 'positive');
      const trust = test('non_treponemal', 1, 'positive', {
        titre: story === 'syphilisMid' ? '1:16' : rng.pick(['1:4', '1:8']),
      });
      // Either positive confirmatory result confirms it: the first one back.
      return { tests: [trust, tppa], on: trust.resultDate };
    }
    if (disease === 'hiv') {
      const days = rng.int(5, 9);
      const blot = test('western_blot', days, 'positive', {
        laboratory: HIV_CONFIRMATION_LABORATORY[subject.facility],
      });
      return { tests: [blot], on: blot.resultDate };
    }
    throw new Error(`Demo plan: no confirmatory test for ${disease}`);
  }

  /**
   * Declined testing at booking; at admission in labour rapid tests for all three, HIV reactive:
   * her baby is treated as exposed (prophylaxis within hours), until the confirmation, negative
   * three days later, stops further doses.
   */
  private labourReactive(subject: PmtctSubject, plan: PmtctPlan): PmtctPlan {
    const { rng } = this;
    const lab = LABORATORY[subject.facility];
    const on = subject.deliveredOn!;
    plan.counselling.push(
      {
        stage: 'pre_test',
        on: subject.registrationDate,
        accepted: false,
        note: DECLINED_NOTE,
        test: null,
      },
      { stage: 'pre_test', on, accepted: true, note: LABOUR_NOTE, test: null },
    );
    for (const disease of DISEASES) {
      plan.tests.push({
        subject: 'woman',
        disease,
        kind: 'screening',
        method: 'rapid',
        setting: 'labour',
        sampleDate: on,
        result: disease === 'hiv' ? 'positive' : 'negative',
        resultDate: on,
        laboratory: lab,
        enteredBeforeResult: false,
      });
    }
    plan.tests.push({
      subject: 'woman',
      disease: 'hiv',
      kind: 'confirmatory',
      method: 'western_blot',
      setting: 'labour',
      sampleDate: on,
      result: 'negative',
      resultDate: addDays(on, 3),
      laboratory: HIV_CONFIRMATION_LABORATORY[subject.facility],
      enteredBeforeResult: true,
    });
    plan.infant = {
      plannedOn: null,
      hivProphylaxis: { minutes: rng.int(40, 300), regimen: 'NVP 每日1次' },
      hbigMinutes: null,
      vaccineMinutes: rng.int(60, 600),
      syphilisProphylaxisMinutes: null,
      feedingChoice: 'replacement',
    };
    // The confirmation comes back after the delivery, by design: no checkDates() here.
    plan.tests = plan.tests.map((t) => this.asOfToday(t));
    return plan;
  }

  private treatments(
    subject: PmtctSubject,
    story: PmtctStory,
    confirmedOn: IsoDate,
  ): PlannedTreatment[] {
    const { rng } = this;
    const lastDay = this.lastDay(subject);
    const course = (start: IsoDate, doses: number): PlannedTreatment => ({
      kind: 'syphilis_course',
      startedOn: start,
      regimen: `${SYPHILIS_DRUG} ${SYPHILIS_DOSE} 肌注 每周1次×3`,
      doses: Array.from({ length: doses }, (_, i) => addDays(start, 7 * i)).filter(
        (d) => d <= lastDay,
      ),
    });
    switch (story) {
      case 'hiv':
        return [{ kind: 'art', startedOn: confirmedOn, regimen: 'TDF+3TC+LPV/r', doses: [] }];
      case 'syphilisEarly':
        return [course(addDays(confirmedOn, rng.int(0, 2)), 3)];
      case 'syphilisMid': {
        // Found in mid pregnancy: two courses; she missed the last dose of the second.
        const first = course(addDays(confirmedOn, rng.int(0, 1)), 3);
        const gap = Math.min(
          rng.int(14, 28),
          daysBetween(addDays(first.startedOn, 14), lastDay) - 8,
        );
        return [first, course(addDays(first.startedOn, 14 + Math.max(gap, 1)), 2)];
      }
      case 'hbsagDue':
      case 'hbsagAntiviral': {
        // High viral load: tenofovir from 24–28 weeks to stop transmission.
        const lmp = addDays(subject.edd, -PREGNANCY_LENGTH_DAYS);
        const from = addDays(lmp, rng.int(168, 196));
        const start = from > confirmedOn ? from : addDays(confirmedOn, 1);
        return start <= lastDay
          ? [{ kind: 'hbv_antiviral', startedOn: start, regimen: 'TDF 300mg qd', doses: [] }]
          : [];
      }
      default:
        return [];
    }
  }

  private infant(
    subject: PmtctSubject,
    story: PmtctStory,
    confirmedOn: IsoDate,
  ): PlannedInfant | null {
    const { rng } = this;
    if (!subject.deliveredOn) return null;
    const plannedBefore = (days: number) => {
      const on = addDays(subject.deliveredOn!, -days);
      return on > confirmedOn ? on : confirmedOn;
    };
    const base = {
      hivProphylaxis: null,
      hbigMinutes: null,
      syphilisProphylaxisMinutes: null,
      feedingChoice: 'breastfeeding' as const,
    };
    switch (story) {
      case 'hbsagDue':
        // Due six hours after birth: not yet given when the seed runs, four hours after it.
        return {
          ...base,
          plannedOn: plannedBefore(rng.int(7, 21)),
          hbigMinutes: 360,
          vaccineMinutes: 360,
        };
      case 'hbsagLate':
        return {
          ...base,
          plannedOn: null,
          hbigMinutes: 13 * 60 + 5,
          vaccineMinutes: rng.int(60, 150),
        };
      case 'hbsagDelivered':
        return {
          ...base,
          plannedOn: plannedBefore(rng.int(7, 30)),
          hbigMinutes: rng.int(20, 120),
          vaccineMinutes: rng.int(20, 180),
        };
      case 'hiv':
        return {
          ...base,
          plannedOn: plannedBefore(rng.int(14, 40)),
          hivProphylaxis: { minutes: rng.int(40, 240), regimen: 'NVP 每日1次，共4周' },
          vaccineMinutes: rng.int(120, 600),
          feedingChoice: 'replacement',
        };
      case 'syphilisEarly':
      case 'syphilisMid':
        return {
          ...base,
          plannedOn: null,
          syphilisProphylaxisMinutes: rng.int(120, 720),
          vaccineMinutes: rng.int(60, 600),
        };
      default:
        return null;
    }
  }

  /** A result due after today is still pending. */
  private asOfToday(test: PlannedTest): PlannedTest {
    if (test.resultDate !== null && test.resultDate <= this.today) return test;
    return { ...test, result: null, resultDate: null, titre: undefined };
  }

  /** The last day of the pregnancy in our care: its delivery or first status change, or today. */
  private lastDay(subject: PmtctSubject): IsoDate {
    const end = subject.deliveredOn ?? subject.firstChange?.date ?? this.today;
    return end < this.today ? end : this.today;
  }

  private checkDates(subject: PmtctSubject, plan: PmtctPlan): void {
    const last = this.lastDay(subject);
    const late = [
      ...plan.tests.filter((t) => t.subject === 'woman').map((t) => t.resultDate ?? t.sampleDate),
      ...plan.confirmations.map((c) => c.on),
      ...plan.treatments.flatMap((t) => [t.startedOn, ...t.doses]),
    ].filter((date) => date > last);
    if (late.length > 0) {
      throw new Error(
        `Demo plan: PMTCT story ${plan.story} registered ${subject.registrationDate} has dates after ${last}: ${late.join(', ')}`,
      );
    }
  }
}

/**
 * HBV DNA and HBeAg on her positive HBsAg test: high replication for the stories that take (or are
 * due) an antiviral, a carrier's low viral load for the others.
 */
function hbvMarkers(story: PmtctStory, rng: Rng): Pick<PlannedTest, 'hbvDnaIuPerMl' | 'hbeag'> {
  return ['hbsagDue', 'hbsagAntiviral', 'hbsagOpen'].includes(story)
    ? { hbvDnaIuPerMl: rng.int(2, 90) * 100_000 * 10, hbeag: 'positive' }
    : { hbvDnaIuPerMl: rng.int(1, 90) * 1_000, hbeag: 'negative' };
}

/** The follow-ups of an exposed child done by today, leaving out `skip`. */
export function followUpsDone(
  positive: readonly Disease[],
  birthDate: IsoDate,
  today: IsoDate,
  skip: string | null,
  rng: Rng,
): { code: string; doneOn: IsoDate; result: string }[] {
  return followUpScheduleFor(positive).flatMap((visit) => {
    if (visit.code === skip) return [];
    const doneOn = addDays(birthDate, visit.dueAfterBirthDays + rng.int(0, 10));
    if (doneOn > today) return [];
    const result = visit.code.startsWith('HIV')
      ? visit.dueAfterBirthDays >= 365
        ? 'HIV抗体阴性'
        : 'HIV核酸检测阴性'
      : '非梅毒螺旋体抗体阴性，无先天梅毒表现';
    return [{ code: visit.code, doneOn, result }];
  });
}

/** The latest follow-up already past its grace period: left undone, it is overdue. */
export function latestOverdueCandidate(
  positive: readonly Disease[],
  birthDate: IsoDate,
  today: IsoDate,
): string | null {
  const past = followUpScheduleFor(positive).filter(
    (visit) => daysBetween(addDays(birthDate, visit.dueAfterBirthDays + 14), today) >= 3,
  );
  return past[past.length - 1]?.code ?? null;
}

// ---------------------------------------------------------------------------------------------
// What the services must say, from the plan and the pure rules.

export function testRecords(plan: PmtctPlan): TestRecord[] {
  return plan.tests.map((t) => ({
    disease: t.disease,
    kind: t.kind,
    sampleDate: t.sampleDate,
    result: t.result,
    partner: t.subject === 'partner',
    setting: t.setting ?? 'antenatal',
    resultDate: t.resultDate,
  }));
}

/** The diseases her baby's doses and follow-ups are for (confirmed, or reactive unanswered). */
export function indicatedFor(plan: PmtctPlan): Disease[] {
  return indicatedDiseases(testRecords(plan));
}

/** HBsAg-positive and an antiviral indicated by her markers. */
export function hbvAntiviralDue(plan: PmtctPlan): boolean {
  return hbvAntiviralIndicated(
    plan.tests
      .filter((t) => t.subject === 'woman' && t.disease === 'hbsag' && t.result !== null)
      .map((t) => ({ hbvDnaIuPerMl: t.hbvDnaIuPerMl ?? null, hbeag: t.hbeag ?? null })),
  );
}

export function statusOf(plan: PmtctPlan, disease: Disease): DiseaseStatus {
  return diseaseStatus(testRecords(plan), disease);
}

export function confirmedDiseases(plan: PmtctPlan): Disease[] {
  return DISEASES.filter((d) => statusOf(plan, d) === 'confirmed_positive');
}

/** GET /pregnancies/{id}/pmtct per disease, as the pure rules see the plan. */
export function expectedDiseaseLines(
  plan: PmtctPlan,
  edd: IsoDate,
  outcomeDate: IsoDate | null,
): string[] {
  return DISEASES.map((disease) => {
    const own = plan.tests.filter(
      (t) => t.subject === 'woman' && t.disease === disease && t.result !== null,
    );
    const inPregnancy = own.filter((t) => outcomeDate === null || t.sampleDate <= outcomeDate);
    const status = statusOf(plan, disease);
    let adequate: boolean | null = null;
    if (disease === 'syphilis' && status === 'confirmed_positive') {
      const firstPositive = plan.tests.find(
        (t) => t.subject === 'woman' && t.disease === 'syphilis' && t.result === 'positive',
      )!;
      const courses = plan.treatments
        .filter((t) => t.kind === 'syphilis_course')
        .map((t) => ({
          doses: t.doses.map((givenOn) => ({ givenOn, drug: SYPHILIS_DRUG, dose: SYPHILIS_DOSE })),
        }));
      adequate = syphilisTreatment(
        courses,
        Math.max(0, gestationalAgeDays(edd, firstPositive.sampleDate)),
        outcomeDate,
      ).adequate;
    }
    const early = inPregnancy.some((t) => isEarlyTest(gestationalAgeDays(edd, t.sampleDate)));
    return `${disease} ${status} tested ${inPregnancy.length > 0} early ${early} adequate ${adequate}`;
  });
}
