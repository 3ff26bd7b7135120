import type { DataSource } from 'typeorm';
import type { BreastfeedingService } from '../breastfeeding/breastfeeding.service';
import {
  BreastfeedingFollowUpDto,
  PostpartumContactDto,
  ReferralOutcomeDto,
} from '../breastfeeding/dto/breastfeeding.dto';
import type { PostpartumService } from '../breastfeeding/postpartum.service';
import type { PostpartumWorklistsService } from '../breastfeeding/postpartum-worklists.service';
import { classifyRecall } from '../breastfeeding/rules/feeding-recall';
import type { Actor } from '../core/auth/actor';
import { addDays, daysBetween, type IsoDate, todayIn } from '../core/time/calendar-date';
import type { BirthDoseWorklistService } from '../delivery/birth-dose-worklist.service';
import type { DeliveryService } from '../delivery/delivery.service';
import {
  BirthDoseInputDto,
  ContraindicationDto,
  EndEventDto,
  FeedingEventDto,
  RecordDeliveryDto,
  UpdateDeliveryDto,
  UpdateNewbornDto,
} from '../delivery/dto/delivery.dto';
import {
  CounsellingDto,
  CreateInfantDto,
  DoseDto,
  FollowUpDto,
  RecordResultDto,
  RecordTestDto,
  RecordTreatmentDto,
  UpdateInfantDto,
} from '../pmtct/dto/pmtct.dto';
import { Newborn } from '../delivery/delivery.entities';
import { ExposedInfant } from '../pmtct/pmtct.entities';
import type { PmtctService } from '../pmtct/pmtct.service';
import type { PmtctWorklistsService } from '../pmtct/pmtct-worklists.service';
import type { Disease } from '../pmtct/rules/pmtct-rules';
import { Pregnancy } from '../women/pregnancy.entity';
import { isPreterm } from '../delivery/rules/newborn-outcomes';
import { gestationalAgeDays } from '../women/rules/gestational-age';
import { ENDS_PREGNANCY, type PregnancyStatus } from '../women/rules/pregnancy-status';
import type { FacilityKey, PlannedGrading, PurpleCode } from './demo-care';
import {
  type BirthStory,
  type BirthSubject,
  isNicuStay,
  type PlannedBirth,
  planBirth,
  RECENT_BIRTH_MINUTES_AGO,
  type RecentBirth,
  recordedFeeding,
} from './demo-delivery';
import { MaternityCheck } from './demo-maternity-check';
import { Rng } from './demo-people';
import {
  indicatedFor,
  followUpsDone,
  latestOverdueCandidate,
  type PmtctPlan,
  PmtctPlanner,
  type PmtctSubject,
  SYPHILIS_DOSE,
  SYPHILIS_DRUG,
} from './demo-pmtct';
import {
  type PlannedFollowUp,
  type PostpartumPlan,
  PostpartumPlanner,
  type PostpartumSubject,
} from './demo-postpartum';
import {
  type EventKind,
  FACILITY_KEYS,
  type Staff,
  step,
  type TimelineEvent,
  validated,
} from './demo-support';

// PMTCT, births, the stay, postpartum care and breastfeeding in the demo: the plans of
// demo-pmtct, demo-delivery and demo-postpartum woven into the seed's timeline, then read back
// through the services and their worklists and compared with what the pure rules predict.

export interface MaternityServices {
  pmtct: PmtctService;
  pmtctWorklists: PmtctWorklistsService;
  delivery: DeliveryService;
  postpartum: PostpartumService;
  breastfeeding: BreastfeedingService;
  postpartumWorklists: PostpartumWorklistsService;
  birthDoseWorklist: BirthDoseWorklistService;
  dataSource: DataSource;
}

/** What this part needs to know about one planned registration. */
export interface MaternitySubject {
  facility: FacilityKey;
  /** Her document: a stable text for the random streams. */
  key: string;
  registrationDate: IsoDate;
  edd: IsoDate;
  fetusCount: number;
  previousCaesareans: number;
  steps: readonly { status: PregnancyStatus; date: IsoDate; reason: string }[];
  /** An ordinary single pregnancy of a woman with one registration: may tell a story. */
  ordinary: boolean;
  recentBirth: RecentBirth | null;
  /** Delivered more than 42 days ago and referred on at her 42-day check. */
  referredAt42: boolean;
  pregnancyId: () => number;
}

/** What the seed's care plan must know: the gradings PMTCT and postpartum care cause. */
export interface MaternityRiskInputs {
  confirmations: { on: IsoDate; code: PurpleCode }[];
  postpartumGradings: { on: IsoDate; kind: 'postpartum_visit' | 'day42_check' }[];
}

/** After the care plan: the lane the pregnancy's events run in, and its predicted gradings. */
export interface MaternityCare {
  lane: object;
  gradings: readonly PlannedGrading[];
  /** The MCH officer takes the high-risk case a grading just opened. */
  caseOpened: () => Promise<void>;
}

export interface Mother {
  subject: MaternitySubject;
  finalStatus: PregnancyStatus;
  deliveredOn: IsoDate | null;
  /** The day the pregnancy ended (delivery, loss, death), as the service sets it. */
  outcomeDate: IsoDate | null;
  pmtct: PmtctPlan;
  birthStory: BirthStory | null;
  birth: PlannedBirth | null;
  postpartum: PostpartumPlan | null;
  infantFollowUps: { code: string; doneOn: IsoDate; result: string }[];
  care: MaternityCare | null;
  // What the run learns.
  tests: ({ id: number; version: number } | null)[];
  deliveryVersion: number;
  deliveryId: number | null;
  newborns: { id: number; version: number }[];
  infant: { id: number; version: number } | null;
  followUpIds: Map<PlannedFollowUp, number>;
  openEvents: Map<object, { id: number; version: number }>;
}

const DISEASE_CODE: Record<Disease, PurpleCode> = {
  hiv: 'HIV_POSITIVE',
  syphilis: 'SYPHILIS_POSITIVE',
  hbsag: 'HBSAG_POSITIVE',
};

// Timeline order within a day: a delivery (0) before the stay's events; PMTCT after the visits
// (3) and gradings (4) of the day, so the re-grading sees the visit; then postpartum care.
const ORDER = { pmtct: 6, postpartum: 6, stay: 7, infant: 8, followUp: 8 } as const;

export class MaternityDemo {
  private mothers: Mother[] = [];
  private checker: MaternityCheck | null = null;

  constructor(
    private readonly services: MaternityServices,
    private readonly staff: Staff,
    private readonly today: IsoDate,
    private readonly timeZone: string,
    /** The seed's start: what happened before it is written, the rest left for later. */
    private readonly now: Date,
  ) {}

  /** The stories' births of the last hours: their day, for the seed's planner. */
  static recentBirthDates(now: Date, timeZone: string): Record<RecentBirth, IsoDate> {
    const dateOf = (birth: RecentBirth) => todayIn(timeZone, recentBirthTime(now, birth));
    return {
      hbsagDue: dateOf('hbsagDue'),
      hbsagLate: dateOf('hbsagLate'),
      noFirstFeed: dateOf('noFirstFeed'),
    };
  }

  // -------------------------------------------------------------------------------------------
  // The plan.

  plan(subjects: readonly MaternitySubject[], seed: number): MaternityRiskInputs[] {
    const { today } = this;
    const rng = new Rng(seed);
    const pmtct = new PmtctPlanner(new Rng(seed + 1), today).plan(
      subjects.map((s): PmtctSubject => {
        const first = s.steps[0] ?? null;
        return {
          facility: s.facility,
          registrationDate: s.registrationDate,
          edd: s.edd,
          firstChange: first ? { status: first.status, date: first.date } : null,
          deliveredOn: deliveredOn(s),
          finalStatus: finalStatus(s),
          ordinary: s.ordinary && s.fetusCount === 1,
          recentBirth: s.recentBirth,
        };
      }),
    );
    this.mothers = subjects.map((subject, i) => {
      const first = subject.steps[0];
      return {
        subject,
        finalStatus: finalStatus(subject),
        deliveredOn: deliveredOn(subject),
        outcomeDate: first && ENDS_PREGNANCY.includes(first.status) ? first.date : null,
        pmtct: pmtct[i],
        birthStory: subject.recentBirth === 'noFirstFeed' ? 'noFirstFeed' : null,
        birth: null,
        postpartum: null,
        infantFollowUps: [],
        care: null,
        tests: [],
        deliveryVersion: 0,
        deliveryId: null,
        newborns: [],
        infant: null,
        followUpIds: new Map(),
        openEvents: new Map(),
      };
    });
    for (const facility of FACILITY_KEYS) this.birthStories(facility, rng);
    const modes = this.deliveryModes(rng);
    const propensities = this.feedingPropensities(rng);
    for (const mother of this.mothers) {
      const { subject } = mother;
      if (!mother.deliveredOn) continue;
      const isolated = mother.pmtct.confirmations.some((c) => c.on <= mother.deliveredOn!);
      mother.birth = planBirth(
        {
          key: `${subject.key} ${mother.deliveredOn}`,
          date: mother.deliveredOn,
          bornAt: subject.recentBirth ? recentBirthTime(this.now, subject.recentBirth) : null,
          gaDays: gestationalAgeDays(subject.edd, mother.deliveredOn),
          fetusCount: subject.fetusCount,
          ...modes.get(mother)!,
          previousCaesareans: subject.previousCaesareans,
          propensities: propensities.get(mother)!,
          isolationRoom: isolated,
          replacementFeeding: mother.pmtct.infant?.feedingChoice === 'replacement',
          haemorrhage: subject.steps.some((s) => s.status === 'maternal_death'),
          story: mother.birthStory,
          stillbirthTiming: subject.facility === 'f1' ? 'antepartum' : 'intrapartum',
        },
        this.timeZone,
        this.now,
      );
    }
    for (const facility of FACILITY_KEYS) this.infantFollowUps(facility, rng);
    const postpartum = this.mothers.filter((m) => m.birth !== null);
    const plans = new PostpartumPlanner(new Rng(seed + 2), today).plan(
      postpartum.map((m) => this.postpartumSubject(m, rng)),
    );
    postpartum.forEach((m, i) => (m.postpartum = plans[i]));
    return this.mothers.map((m) => ({
      confirmations: m.pmtct.confirmations.map((c) => ({
        on: c.on,
        code: DISEASE_CODE[c.disease],
      })),
      postpartumGradings: [m.postpartum?.visit, m.postpartum?.day42].flatMap((c) =>
        c ? [{ on: c.on, kind: c.kind }] : [],
      ),
    }));
  }

  /** The seed's care plan is made: each pregnancy's lane and predicted gradings. */
  attachCare(index: number, care: MaternityCare): void {
    this.mothers[index].care = care;
  }

  /** A stillbirth, a NICU admission or two and, at F1, an early neonatal death. */
  private birthStories(facility: FacilityKey, rng: Rng): void {
    const { today } = this;
    const candidates = this.mothers.filter(
      (m) =>
        m.subject.facility === facility &&
        m.deliveredOn !== null &&
        m.subject.ordinary &&
        m.subject.fetusCount === 1 &&
        m.subject.recentBirth === null &&
        m.pmtct.story === null &&
        m.birthStory === null &&
        ['delivered', 'closed'].includes(m.finalStatus) &&
        !m.subject.steps.some((s) => s.status === 'maternal_death'),
    );
    const ga = (m: Mother) => gestationalAgeDays(m.subject.edd, m.deliveredOn!);
    const ago = (m: Mother) => daysBetween(m.deliveredOn!, today);
    const take = (story: BirthStory, list: Mother[]) => {
      const chosen = list.find((m) => m.birthStory === null);
      if (chosen) chosen.birthStory = story;
      return chosen;
    };
    const vaginal = candidates.filter((m) => !plannedCaesarean(m) && ga(m) >= 196 && ago(m) >= 3);
    if (!take('stillbirth', rng.shuffle(vaginal))) {
      throw new Error(`Demo plan: no delivery at ${facility} for the stillbirth`);
    }
    const byGa = candidates.filter((m) => ago(m) >= 10).sort((a, b) => ga(a) - ga(b));
    // The earliest-born baby of F1 dies in the NICU (early neonatal death).
    if (facility === 'f1') take('neonatalDeath', byGa);
    if (!take('nicu', byGa))
      throw new Error(`Demo plan: no delivery at ${facility} for a NICU stay`);
    if (byGa.some((m) => m.birthStory === null && isPreterm(ga(m)))) take('nicu', byGa);
  }

  /**
   * Caesareans as planned (about a third), a quarter of them without a medical indication; an
   * assisted vaginal birth in about 3 % of deliveries, at least one per facility.
   */
  private deliveryModes(rng: Rng): Map<Mother, DeliveryMode> {
    const modes = new Map<Mother, DeliveryMode>();
    for (const facility of FACILITY_KEYS) {
      const own = this.mothers.filter((m) => m.subject.facility === facility && m.deliveredOn);
      const caesareans = rng.shuffle(own.filter(plannedCaesarean));
      caesareans.forEach((m, i) =>
        modes.set(m, { mode: 'caesarean', indicated: i >= Math.round(caesareans.length / 4) }),
      );
      const vaginal = rng.shuffle(own.filter((m) => !modes.has(m)));
      const assisted = new Set(
        vaginal
          .filter((m) => m.birthStory === null && m.subject.recentBirth === null)
          .slice(0, Math.max(1, Math.round(own.length * 0.03))),
      );
      for (const m of vaginal) {
        modes.set(m, {
          mode: assisted.has(m) ? 'assisted_vaginal' : 'spontaneous_vaginal',
          indicated: false,
        });
      }
    }
    return modes;
  }

  /**
   * How long each baby is breastfed exclusively, spread evenly within each facility's births of
   * about the same age, so every contact's rate comes out near the planned share.
   */
  private feedingPropensities(rng: Rng): Map<Mother, number[]> {
    const propensities = new Map<Mother, number[]>();
    for (const facility of FACILITY_KEYS) {
      const own = this.mothers
        .filter((m) => m.subject.facility === facility && m.deliveredOn)
        .sort((a, b) => daysBetween(b.deliveredOn!, a.deliveredOn!));
      const slots = own.flatMap((m) => Array.from({ length: m.subject.fetusCount }, () => m));
      const GROUP = 8;
      for (let from = 0; from < slots.length; from += GROUP) {
        const group = slots.slice(from, from + GROUP);
        const ranks = rng.shuffle(group.map((_, i) => i));
        group.forEach((m, i) => {
          const value = (ranks[i] + rng.next()) / group.length;
          propensities.set(m, [...(propensities.get(m) ?? []), value]);
        });
      }
    }
    return propensities;
  }

  /** Exposed children's follow-ups: all done on time but one, left overdue. */
  private infantFollowUps(facility: FacilityKey, rng: Rng): void {
    const { today } = this;
    const exposed = this.mothers.filter(
      (m) => m.subject.facility === facility && m.pmtct.infant && m.birth,
    );
    const birthDate = (m: Mother) => todayIn(this.timeZone, m.birth!.babies[0].bornAt);
    const overdueIn = (m: Mother) =>
      latestOverdueCandidate(indicatedFor(m.pmtct), birthDate(m), today);
    const skipIn =
      exposed.find((m) => m.pmtct.story === 'syphilisEarly' && overdueIn(m)) ??
      exposed.find((m) => overdueIn(m));
    for (const m of exposed) {
      m.infantFollowUps = followUpsDone(
        indicatedFor(m.pmtct),
        birthDate(m),
        today,
        m === skipIn ? overdueIn(m) : null,
        rng,
      );
    }
  }

  private postpartumSubject(m: Mother, rng: Rng): PostpartumSubject {
    const { subject, birth, deliveredOn } = m;
    const after = subject.steps.find((s) => s.status !== 'delivered' && s.status !== 'closed');
    const closed = subject.steps.find((s) => s.status === 'closed');
    const discharged = birth!.motherDischargedAt;
    let day42: PostpartumSubject['day42'] = closed
      ? { on: closed.date, disposition: 'close' }
      : null;
    if (subject.referredAt42) {
      const on = addDays(deliveredOn!, rng.int(42, 50));
      day42 = { on: on < this.today ? on : this.today, disposition: 'refer' };
    }
    return {
      facility: subject.facility,
      deliveredOn: deliveredOn!,
      caesarean: birth!.input.mode === 'caesarean',
      dischargedOn:
        discharged && discharged.getTime() <= this.now.getTime()
          ? todayIn(this.timeZone, discharged)
          : null,
      staysDelivered: m.finalStatus === 'delivered',
      day42,
      leftOn: after?.date ?? null,
      reachable: after?.status !== 'lost_to_follow_up',
      babies: birth!.babies.map((b) => ({
        bornAt: b.bornAt,
        birthDate: todayIn(this.timeZone, b.bornAt),
        followed: b.live && b.death === null,
        propensity: b.propensity,
        dischargeFeeding: b.dischargeFeeding,
      })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // The events, for the seed's timeline.

  events(): TimelineEvent[] {
    const events: TimelineEvent[] = [];
    for (const mother of this.mothers) {
      const add = (
        on: IsoDate,
        order: number,
        kind: EventKind,
        label: string,
        run: (nurse: Actor) => Promise<void>,
      ) => {
        const nurse = this.staff[mother.subject.facility].nurse;
        events.push({
          on,
          order,
          kind,
          lane: mother.care!.lane,
          actor: nurse,
          run: () =>
            step(`${label} of pregnancy ${mother.subject.pregnancyId()}`, () => run(nurse)),
        });
      };
      this.pmtctEvents(mother, add);
      if (mother.birth) {
        add(mother.deliveredOn!, 0, 'delivery', 'delivery', (nurse) =>
          this.recordDelivery(mother, nurse),
        );
        this.stayEvents(mother, add);
        this.infantEvents(mother, add);
        this.postpartumEvents(mother, add);
      }
    }
    return events;
  }

  private pmtctEvents(mother: Mother, add: AddEvent): void {
    const { pmtct: plan } = mother;
    const { pmtct } = this.services;
    const pid = () => mother.subject.pregnancyId();
    const actions: { on: IsoDate; label: string; run: (nurse: Actor) => Promise<void> }[] = [];
    const counsel = (c: PmtctPlan['counselling'][number]) =>
      actions.push({
        on: c.on,
        label: `${c.stage} counselling`,
        run: async (nurse) => {
          const input = await validated(CounsellingDto, {
            stage: c.stage,
            counselledOn: c.on,
            accepted: c.accepted,
            note: c.note,
            ...(c.test !== null ? { testId: mother.tests[c.test]!.id } : {}),
          });
          await pmtct.counsel(pid(), input, nurse);
        },
      });
    plan.counselling.filter((c) => c.stage === 'pre_test').forEach(counsel);
    const confirmation = plan.confirmations[0] ?? null;
    plan.tests.forEach((test, index) => {
      const body = {
        ...(test.subject === 'partner' ? { subject: 'partner' as const } : {}),
        disease: test.disease,
        kind: test.kind,
        method: test.method,
        sampleDate: test.sampleDate,
        setting: test.setting ?? 'antenatal',
        laboratory: test.laboratory,
      };
      const markers = {
        ...(test.hbvDnaIuPerMl !== undefined ? { hbvDnaIuPerMl: test.hbvDnaIuPerMl } : {}),
        ...(test.hbeag !== undefined ? { hbeag: test.hbeag } : {}),
      };
      const withResult = test.result !== null && !test.enteredBeforeResult;
      // The result that confirms the disease (for HBsAg the screening): PURPLE, and the case.
      const confirms = confirmation !== null && plan.confirmingTest === index;
      const afterResult = confirms ? () => this.afterConfirmation(mother, confirmation.on) : null;
      actions.push({
        on: withResult ? test.resultDate! : test.sampleDate,
        label: `${test.disease} ${test.kind} test`,
        run: async (nurse) => {
          const input = await validated(RecordTestDto, {
            ...body,
            ...(withResult
              ? {
                  result: test.result!,
                  resultDate: test.resultDate!,
                  ...(test.titre ? { titre: test.titre } : {}),
                  ...markers,
                }
              : {}),
          });
          const recorded = await pmtct.recordTest(pid(), input, nurse);
          mother.tests[index] = { id: recorded.id, version: recorded.version };
          if (withResult && afterResult) await afterResult();
        },
      });
      if (test.result !== null && test.enteredBeforeResult) {
        actions.push({
          on: test.resultDate!,
          label: `${test.disease} ${test.kind} result`,
          run: async (nurse) => {
            const recorded = mother.tests[index]!;
            const input = await validated(RecordResultDto, {
              version: recorded.version,
              result: test.result!,
              resultDate: test.resultDate!,
              ...(test.titre ? { titre: test.titre } : {}),
              ...markers,
            });
            const updated = await pmtct.recordResult(recorded.id, input, nurse);
            mother.tests[index] = { id: updated.id, version: updated.version };
            if (afterResult) await afterResult();
          },
        });
      }
    });
    plan.counselling.filter((c) => c.stage === 'post_test').forEach(counsel);
    for (const treatment of plan.treatments) {
      let id = 0;
      actions.push({
        on: treatment.startedOn,
        label: `${treatment.kind} treatment`,
        run: async (nurse) => {
          const input = await validated(RecordTreatmentDto, {
            kind: treatment.kind,
            startedOn: treatment.startedOn,
            regimen: treatment.regimen,
            ...(treatment.doses.length > 0 ? { doses: [dose(treatment.doses[0])] } : {}),
          });
          id = (await pmtct.recordTreatment(pid(), input, nurse)).id;
        },
      });
      for (const givenOn of treatment.doses.slice(1)) {
        actions.push({
          on: givenOn,
          label: 'syphilis dose',
          run: async (nurse) => {
            await pmtct.addDose(id, await validated(DoseDto, dose(givenOn)), nurse);
          },
        });
      }
    }
    const infant = plan.infant;
    if (infant?.plannedOn) {
      actions.push({
        on: infant.plannedOn,
        label: 'exposed baby planned before birth',
        run: async (nurse) => {
          const created = await pmtct.createInfant(
            pid(),
            await validated(CreateInfantDto, { birthOrder: 1 }),
            nurse,
          );
          mother.infant = { id: created.id, version: created.version };
        },
      });
    }
    // In date order; on one day in the order made (a result before the test it leads to).
    actions
      .map((action, seq) => ({ ...action, seq }))
      .sort((a, b) => daysBetween(b.on, a.on) || a.seq - b.seq)
      .forEach((a) => add(a.on, ORDER.pmtct, 'pmtct', a.label, a.run));
  }

  /** PURPLE must show, and the case it opened be taken, as the care plan predicted. */
  private async afterConfirmation(mother: Mother, on: IsoDate): Promise<void> {
    const grading = mother.care!.gradings.find((g) => g.kind === 'pmtct' && g.on === on);
    if (!grading) throw new Error(`Demo plan: no grading predicted for the confirmation on ${on}`);
    const pregnancy = await this.services.dataSource
      .getRepository(Pregnancy)
      .findOneByOrFail({ id: mother.subject.pregnancyId() });
    if (pregnancy.riskColour !== grading.colour || pregnancy.riskPurple !== grading.purple) {
      throw new Error(
        `Demo plan: pregnancy ${pregnancy.id} graded ${pregnancy.riskColour}${pregnancy.riskPurple ? '+PURPLE' : ''} after its confirmed result on ${on}, expected ${grading.colour}${grading.purple ? '+PURPLE' : ''}`,
      );
    }
    if (grading.opensCase) await mother.care!.caseOpened();
  }

  private async recordDelivery(mother: Mother, nurse: Actor): Promise<void> {
    const birth = mother.birth!;
    const input = await validated(RecordDeliveryDto, birth.input);
    const recorded = await this.services.delivery.record(
      mother.subject.pregnancyId(),
      input,
      nurse,
    );
    const expected = `${birth.input.mode} isolation ${birth.input.isolationRoom} babies ${birth.babies.length}`;
    const actual = `${recorded.mode} isolation ${recorded.isolationRoom} babies ${recorded.newborns.length}`;
    if (actual !== expected) {
      throw new Error(
        `Demo plan: delivery of pregnancy ${recorded.pregnancyId} is ${actual}, expected ${expected}`,
      );
    }
    mother.deliveryId = recorded.id;
    mother.deliveryVersion = recorded.version;
    mother.newborns = recorded.newborns.map((n) => ({ id: n.id, version: n.version }));
  }

  /** Each baby's stay, written as it happened: the ward records each event when it occurs. */
  private stayEvents(mother: Mother, add: AddEvent): void {
    const { delivery } = this.services;
    const birth = mother.birth!;
    const actions: { at: Date; label: string; run: (nurse: Actor) => Promise<void> }[] = [];
    birth.babies.forEach((baby, index) => {
      if (!baby.live) return;
      const newborn = () => mother.newborns[index];
      // The exposed baby's PMTCT record writes its first vaccine dose on the newborn too.
      const version = async () =>
        (
          await this.services.dataSource
            .getRepository(Newborn)
            .findOneByOrFail({ id: newborn().id })
        ).version;
      const updateNewborn = async (nurse: Actor, changes: Omit<UpdateNewbornDto, 'version'>) => {
        const input = await validated(UpdateNewbornDto, { version: await version(), ...changes });
        const updated = await delivery.updateNewborn(newborn().id, input, nurse);
        newborn().version = updated.version;
      };
      if (baby.nicu) {
        const { at, reason } = baby.nicu;
        actions.push({
          at,
          label: 'NICU admission',
          run: (nurse) => updateNewborn(nurse, { nicuAdmittedAt: at, nicuReason: reason }),
        });
      }
      if (baby.contraindication) {
        const contraindication = baby.contraindication;
        actions.push({
          at: new Date(baby.bornAt.getTime() + 30 * 60_000),
          label: 'feeding contraindication',
          run: async (nurse) => {
            await delivery.addContraindication(
              newborn().id,
              await validated(ContraindicationDto, { ...contraindication }),
              nurse,
            );
          },
        });
      }
      for (const event of recordedFeeding(baby, this.now)) {
        // A NICU stay is recorded when it starts and ended when the baby comes back; the others
        // once they are over.
        const endsLater = isNicuStay(baby, event);
        actions.push({
          at: endsLater || !event.endAt ? event.startAt : event.endAt,
          label: `${event.kind} event`,
          run: async (nurse) => {
            const { endAt, ...rest } = event;
            const input = await validated(FeedingEventDto, {
              ...rest,
              ...(endAt && !endsLater ? { endAt } : {}),
            });
            const recorded = await delivery.addFeedingEvent(newborn().id, input, nurse);
            if (endsLater)
              mother.openEvents.set(event, { id: recorded.id, version: recorded.version });
          },
        });
        if (endsLater && event.endAt) {
          const endAt = event.endAt;
          actions.push({
            at: endAt,
            label: 'separation end',
            run: async (nurse) => {
              const open = mother.openEvents.get(event)!;
              const input = await validated(EndEventDto, { version: open.version, endAt });
              await delivery.endFeedingEvent(open.id, input, nurse);
            },
          });
        }
      }
      // An exposed baby's hepatitis B dose goes through its PMTCT record (infantEvents).
      const exposedFirstDose = index === 0 && Boolean(mother.pmtct.infant);
      for (const [vaccine, dose] of [
        ['hep_b', exposedFirstDose ? null : baby.birthDoses.hepB],
        ['bcg', baby.birthDoses.bcg],
      ] as const) {
        if (!dose) continue;
        actions.push({
          at: dose.at,
          label: `${vaccine} birth dose`,
          run: async (nurse) => {
            const input = await validated(BirthDoseInputDto, {
              version: await version(),
              vaccine,
              givenAt: dose.at,
              batchNumber: dose.batchNumber,
              givenBy: dose.givenBy,
            });
            newborn().version = (
              await delivery.recordBirthDose(newborn().id, input, nurse)
            ).version;
          },
        });
      }
      if (baby.death) {
        const { at, cause } = baby.death;
        actions.push({
          at,
          label: 'neonatal death',
          run: (nurse) => updateNewborn(nurse, { diedAt: at, deathCause: cause }),
        });
      }
    });
    const discharged = birth.motherDischargedAt;
    if (discharged) {
      actions.push({
        at: discharged,
        label: "mother's discharge",
        run: async (nurse) => {
          const input = await validated(UpdateDeliveryDto, {
            version: mother.deliveryVersion,
            motherDischargedAt: discharged,
          });
          mother.deliveryVersion = (
            await delivery.update(mother.deliveryId!, input, nurse)
          ).version;
        },
      });
    }
    actions
      .filter((a) => a.at.getTime() <= this.now.getTime())
      .map((a, seq) => ({ ...a, seq }))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq)
      .forEach((a) => add(todayIn(this.timeZone, a.at), ORDER.stay, 'stay', a.label, a.run));
  }

  /** The exposed baby's first hours and follow-ups. */
  private infantEvents(mother: Mother, add: AddEvent): void {
    const plan = mother.pmtct.infant;
    const baby = mother.birth!.babies[0];
    if (!plan || !baby.live) return;
    const { pmtct } = this.services;
    const bornAt = baby.bornAt;
    const birthDay = todayIn(this.timeZone, bornAt);
    if (!plan.plannedOn) {
      // The delivery (or the positive result after it) made the baby's record.
      add(birthDay, ORDER.infant, 'pmtct', 'exposed baby recorded with the birth', async () => {
        const made = await this.services.dataSource
          .getRepository(ExposedInfant)
          .findOneByOrFail({ pregnancyId: mother.subject.pregnancyId(), birthOrder: 1 });
        mother.infant = { id: made.id, version: made.version };
      });
    }
    const given = (minutes: number | null) => {
      if (minutes === null) return null;
      const at = new Date(bornAt.getTime() + minutes * 60_000);
      return at.getTime() <= this.now.getTime() ? at : null;
    };
    const changes = {
      ...(plan.hivProphylaxis && given(plan.hivProphylaxis.minutes)
        ? {
            hivProphylaxisStartedAt: given(plan.hivProphylaxis.minutes)!,
            hivProphylaxisRegimen: plan.hivProphylaxis.regimen,
          }
        : {}),
      ...(given(plan.hbigMinutes) ? { hbigAt: given(plan.hbigMinutes)! } : {}),
      ...(given(plan.vaccineMinutes) ? { hepBVaccine1At: given(plan.vaccineMinutes)! } : {}),
      ...(given(plan.syphilisProphylaxisMinutes)
        ? { syphilisProphylaxisAt: given(plan.syphilisProphylaxisMinutes)! }
        : {}),
      feedingChoice: plan.feedingChoice,
    };
    const last = Math.max(
      bornAt.getTime(),
      ...Object.values(changes).flatMap((v) => (v instanceof Date ? [v.getTime()] : [])),
    );
    add(
      todayIn(this.timeZone, new Date(last)),
      ORDER.infant,
      'pmtct',
      "exposed baby's first doses",
      async (nurse) => {
        // The delivery linked the planned record, which changed its version.
        const current = await this.services.dataSource
          .getRepository(ExposedInfant)
          .findOneByOrFail({ id: mother.infant!.id });
        const input = await validated(UpdateInfantDto, { version: current.version, ...changes });
        const updated = await pmtct.updateInfant(current.id, input, nurse);
        mother.infant = { id: updated.id, version: updated.version };
      },
    );
    for (const followUp of mother.infantFollowUps) {
      add(followUp.doneOn, ORDER.infant, 'pmtct', `${followUp.code} follow-up`, async (nurse) => {
        await pmtct.recordFollowUp(
          mother.infant!.id,
          await validated(FollowUpDto, { ...followUp }),
          nurse,
        );
      });
    }
  }

  private postpartumEvents(mother: Mother, add: AddEvent): void {
    const plan = mother.postpartum!;
    const { postpartum, breastfeeding } = this.services;
    for (const contact of [plan.visit, plan.day42]) {
      if (!contact) continue;
      add(contact.on, ORDER.postpartum, 'postpartum', contact.kind, async (nurse) => {
        const input = await validated(PostpartumContactDto, {
          kind: contact.kind,
          contactDate: contact.on,
          findings: contact.findings,
          ...(contact.classification ? { classification: contact.classification } : {}),
          ...(contact.disposition ? { disposition: contact.disposition } : {}),
          factorCodes: [],
        });
        const recorded = await postpartum.record(mother.subject.pregnancyId(), input, nurse);
        const grading = mother.care!.gradings.find(
          (g) => g.kind === contact.kind && g.on === contact.on,
        );
        if (!grading || recorded.riskColour !== grading.colour) {
          throw new Error(
            `Demo plan: the ${contact.kind} on ${contact.on} graded ${recorded.riskColour}, expected ${grading?.colour ?? 'no grading'}`,
          );
        }
        // A case a 42-day check opens is closed with the pregnancy at once.
        if (grading.opensCase && contact.disposition !== 'close') await mother.care!.caseOpened();
      });
    }
    for (const followUp of plan.followUps) {
      add(
        followUp.on,
        ORDER.followUp,
        'followUp',
        `${followUp.contact} breastfeeding follow-up`,
        async (nurse) => {
          const input = await validated(BreastfeedingFollowUpDto, {
            contact: followUp.contact,
            followedUpOn: followUp.on,
            ...followUp.recall,
            problems: followUp.problems,
            ...(followUp.guidance ? { guidance: followUp.guidance } : {}),
            ...(followUp.referral ? { referral: followUp.referral } : {}),
          });
          const recorded = await breastfeeding.record(
            mother.newborns[followUp.baby].id,
            input,
            nurse,
          );
          const expected = classifyRecall(followUp.recall);
          if (recorded.classification !== expected) {
            throw new Error(
              `Demo plan: follow-up on ${followUp.on} classified ${recorded.classification}, expected ${expected}`,
            );
          }
          mother.followUpIds.set(followUp, recorded.id);
        },
      );
      const outcome = followUp.referralOutcome;
      if (outcome) {
        add(
          outcome.on,
          ORDER.followUp,
          'followUp',
          'breast clinic referral outcome',
          async (nurse) => {
            const input = await validated(ReferralOutcomeDto, { referralOutcome: outcome.text });
            await breastfeeding.setReferralOutcome(mother.followUpIds.get(followUp)!, input, nurse);
          },
        );
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Read back and printed (demo-maternity-check).

  async check(): Promise<void> {
    this.checker = new MaternityCheck(
      this.services,
      this.staff,
      this.today,
      this.timeZone,
      this.now,
      this.mothers,
    );
    await this.checker.check();
  }

  async printSummary(): Promise<void> {
    await this.checker?.printSummary();
  }

  /** Ids for the curl examples. */
  exampleIds(): { pregnancy: number | null; newborn: number | null } {
    return this.checker?.examples ?? { pregnancy: null, newborn: null };
  }
}

type AddEvent = (
  on: IsoDate,
  order: number,
  kind: EventKind,
  label: string,
  run: (nurse: Actor) => Promise<void>,
) => void;

function dose(givenOn: IsoDate): DoseDto {
  return { givenOn, drug: SYPHILIS_DRUG, dose: SYPHILIS_DOSE };
}

/** A story's birth of the last hours, on a whole minute, as a ward records it. */
function recentBirthTime(now: Date, birth: RecentBirth): Date {
  const minute = 60_000;
  return new Date(
    Math.floor(now.getTime() / minute) * minute - RECENT_BIRTH_MINUTES_AGO[birth] * minute,
  );
}

type DeliveryMode = Pick<BirthSubject, 'mode' | 'indicated'>;

/** The seed's plan says caesarean (剖宫产) in the delivery's status reason. */
function plannedCaesarean(m: Mother): boolean {
  return m.subject.steps.some((s) => s.status === 'delivered' && s.reason.includes('剖宫产'));
}

function deliveredOn(subject: MaternitySubject): IsoDate | null {
  return subject.steps.find((s) => s.status === 'delivered')?.date ?? null;
}

function finalStatus(subject: MaternitySubject): PregnancyStatus {
  return subject.steps[subject.steps.length - 1]?.status ?? 'open';
}
