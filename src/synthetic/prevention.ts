import { followUpScheduleFor } from '../pmtct/rules/follow-up-schedule';
import {
  coursesRequired,
  HBV_ANTIVIRAL_FROM_DNA_IU_PER_ML,
  NEEDS_CONFIRMATION,
} from '../pmtct/rules/pmtct-rules';
import { type Day, MINUTE_MS } from './calendar';
import { bool, type CohortContext, instant, iso, type SessionPlan } from './context';
import {
  CLASS_ATTENDANCE_SHARE,
  classesAttended,
  companion,
  contactOutcome,
  FOLIC_ACID,
  HBV_ANTIVIRAL_SHARE,
  INFANT_FOLLOW_UP_KEPT,
  INFANT_INTERVENTION_ON_TIME,
  PMTCT,
  PMTCT_DECLINED_ANTENATAL,
  TRACING_GAP_DAYS,
} from './distributions';
import { type Disease, facilityOn, type PregnancyPlan } from './pregnancy-plan';
import { checkInTime } from './setup';

const DISEASES: readonly Disease[] = ['hbsag', 'syphilis', 'hiv'];
const CONFIRMATORY_METHOD: Readonly<Record<Disease, string>> = {
  hbsag: 'chemiluminescence',
  syphilis: 'non_treponemal',
  hiv: 'western_blot',
};
const LABORATORY = '本院检验科';

export interface PmtctTruth {
  positive: Record<Disease, boolean>;
}

/** Who is infected: decided first, because the clinician ticks a known HBsAg carrier. */
export function pmtctTruth(ctx: CohortContext): PmtctTruth {
  const { random } = ctx;
  const positive = { hbsag: false, syphilis: false, hiv: false };
  for (const disease of DISEASES)
    positive[disease] = random.chance(PMTCT[disease].confirmedPrevalence);
  return { positive };
}

/**
 * Counselling, then HIV, syphilis and HBsAg screening at the first examination (or a rapid test at
 * admission in labour, setting `labour`, for the few who declined); a positive HIV or syphilis
 * screening is confirmed, a positive HBsAg screening is the indication itself (with HBV DNA and
 * HBeAg on it, which decide the antiviral); a positive gets post-test counselling and treatment.
 * Results later than yesterday are pending.
 */
export function writePmtct(
  ctx: CohortContext,
  plan: PregnancyPlan,
  truth: PmtctTruth,
  deliveryDay: Day | null,
): void {
  const { random, sink, ids, clock } = ctx;
  const facility = plan.facility;
  const counsellor = () => random.pick(facility.mchStaff);
  const declined = random.chance(PMTCT_DECLINED_ANTENATAL);
  sink.add('pmtct_counselling', [
    ids.take('pmtct_counselling'),
    plan.id,
    facility.id,
    'pre_test',
    iso(plan.registration),
    bool(!declined),
    null,
    counsellor(),
    declined ? '拒绝检测' : null,
  ]);
  const inLabour = declined;
  const sampleDay = inLabour ? deliveryDay : plan.registration;
  if (sampleDay === null) return;
  // Tested at admission in labour, and confirmed from the birth on, by the delivering facility.
  const tester = facilityOn(plan, sampleDay, deliveryDay);
  for (const disease of DISEASES) {
    const settings = PMTCT[disease];
    const infected = truth.positive[disease];
    const falsePositiveChance =
      (settings.confirmedPrevalence * (1 / settings.confirmShare - 1)) /
      (1 - settings.confirmedPrevalence);
    // HBsAg needs no confirmation: a positive is taken as infected, so no false positives here.
    const screenPositive =
      infected || (NEEDS_CONFIRMATION[disease] && random.chance(falsePositiveChance));
    const resultDay = inLabour ? sampleDay : sampleDay + random.int(0, 3);
    const resulted = resultDay <= clock.lastDay;
    const screeningId = ids.take('pmtct_test');
    const hbv =
      disease === 'hbsag' && screenPositive && resulted
        ? hbvMarkers(ctx)
        : { dna: null, hbeag: null };
    sink.add('pmtct_test', [
      screeningId,
      plan.id,
      tester.id,
      'woman',
      disease,
      'screening',
      inLabour ? 'rapid' : settings.method,
      iso(sampleDay),
      inLabour ? 'labour' : 'antenatal',
      resulted ? (screenPositive ? 'positive' : 'negative') : null,
      resulted ? iso(resultDay) : null,
      null,
      LABORATORY,
      hbv.dna,
      hbv.hbeag,
      random.pick(tester.nurses),
      1,
    ]);
    if (!screenPositive || !resulted) continue;
    plan.screenedPositive = true;
    if (!NEEDS_CONFIRMATION[disease]) {
      positiveFound(ctx, plan, disease, resultDay, screeningId, sampleDay, deliveryDay, hbv);
      continue;
    }
    const confirmSample = resultDay + random.int(1, 7);
    if (confirmSample > clock.lastDay) continue;
    const confirmDay = confirmSample + random.int(1, 7);
    const confirmed = confirmDay <= clock.lastDay;
    const testId = ids.take('pmtct_test');
    const setting =
      deliveryDay !== null && confirmSample > deliveryDay
        ? 'postpartum'
        : deliveryDay === confirmSample
          ? 'labour'
          : 'antenatal';
    const confirmer = facilityOn(plan, confirmSample, deliveryDay);
    sink.add('pmtct_test', [
      testId,
      plan.id,
      confirmer.id,
      'woman',
      disease,
      'confirmatory',
      CONFIRMATORY_METHOD[disease],
      iso(confirmSample),
      setting,
      confirmed ? (infected ? 'positive' : 'negative') : null,
      confirmed ? iso(confirmDay) : null,
      disease === 'syphilis' && confirmed && infected
        ? random.pick(['1:2', '1:4', '1:8', '1:16'])
        : null,
      LABORATORY,
      null,
      null,
      random.pick(confirmer.nurses),
      1,
    ]);
    if (!confirmed || !infected) continue;
    positiveFound(ctx, plan, disease, confirmDay, testId, sampleDay, deliveryDay, hbv);
  }
}

interface HbvMarkers {
  dna: number | null;
  hbeag: 'positive' | 'negative' | null;
}

/** HBV DNA and HBeAg on a positive HBsAg test: high replication in HBV_ANTIVIRAL_SHARE of them. */
function hbvMarkers(ctx: CohortContext): HbvMarkers {
  const { random } = ctx;
  const high = random.chance(HBV_ANTIVIRAL_SHARE);
  return high
    ? {
        dna: HBV_ANTIVIRAL_FROM_DNA_IU_PER_ML * random.int(1, 500),
        hbeag: random.chance(0.7) ? 'positive' : 'negative',
      }
    : {
        dna: random.chance(0.8) ? random.int(20, HBV_ANTIVIRAL_FROM_DNA_IU_PER_ML - 1) : null,
        hbeag: 'negative',
      };
}

/** The result that makes her positive: post-test counselling, then her treatment. */
function positiveFound(
  ctx: CohortContext,
  plan: PregnancyPlan,
  disease: Disease,
  day: Day,
  testId: number,
  sampleDay: Day,
  deliveryDay: Day | null,
  hbv: HbvMarkers,
): void {
  const { random, sink, ids } = ctx;
  const facility = facilityOn(plan, day, deliveryDay);
  plan.confirmed[disease] = day;
  plan.confirmationTestIds[disease] = testId;
  sink.add('pmtct_counselling', [
    ids.take('pmtct_counselling'),
    plan.id,
    facility.id,
    'post_test',
    iso(day),
    1,
    testId,
    random.pick(facility.mchStaff),
    null,
  ]);
  const antiviral = hbv.hbeag === 'positive' || (hbv.dna ?? 0) >= HBV_ANTIVIRAL_FROM_DNA_IU_PER_ML;
  writeTreatment(ctx, plan, disease, day, sampleDay - plan.start, deliveryDay, antiviral);
}

/** ART, benzathine penicillin courses (two when found from 13+0) with weekly doses, tenofovir. */
function writeTreatment(
  ctx: CohortContext,
  plan: PregnancyPlan,
  disease: Disease,
  confirmDay: Day,
  gaAtDiagnosis: number,
  deliveryDay: Day | null,
  hbvAntiviral: boolean,
): void {
  const { random, sink, ids, clock } = ctx;
  const endOfCare = Math.min(clock.lastDay, deliveryDay ?? plan.outcomeDay ?? clock.lastDay);
  let facility = plan.facility;
  const treatment = (kind: string, startedOn: Day, regimen: string): number => {
    const id = ids.take('maternal_treatment');
    facility = facilityOn(plan, startedOn, deliveryDay);
    sink.add('maternal_treatment', [
      id,
      plan.id,
      facility.id,
      disease,
      kind,
      iso(startedOn),
      regimen,
      0,
      random.pick(facility.mchStaff),
    ]);
    return id;
  };
  if (disease === 'hiv') {
    const start = confirmDay + random.int(0, 7);
    if (start <= clock.lastDay) treatment('art', start, 'TDF+3TC+DTG');
    return;
  }
  if (disease === 'hbsag') {
    const start = Math.max(confirmDay, plan.start + random.int(168, 196));
    if (hbvAntiviral && start <= endOfCare) {
      treatment('hbv_antiviral', start, 'TDF 300mg qd');
    }
    return;
  }
  let start = confirmDay + random.int(0, 5);
  const courses = coursesRequired(Math.max(0, gaAtDiagnosis));
  for (let course = 1; course <= courses && start <= endOfCare; course++) {
    const id = treatment('syphilis_course', start, '苄星青霉素 240万U 每周1次×3');
    for (let dose = 0; dose < 3; dose++) {
      const givenOn = start + dose * 7;
      if (givenOn > clock.lastDay) break;
      sink.add('treatment_dose', [
        ids.take('treatment_dose'),
        id,
        iso(givenOn),
        'benzathine penicillin',
        '2.4 MU',
        random.pick(facility.nurses),
      ]);
    }
    // The second course at least 14 days after the first ended (day 14), in late pregnancy.
    start = Math.max(start + 28, plan.start + 196);
  }
}

/**
 * Exposed babies of confirmed-positive mothers: planned (no birth yet) while the pregnancy is
 * open, linked to the newborn once born, with prophylaxis times mostly inside their windows, and
 * the HIV and syphilis children's follow-up visits.
 */
export function writeExposedInfants(ctx: CohortContext, plan: PregnancyPlan): void {
  const { random, sink, ids, clock } = ctx;
  const positive = (Object.keys(plan.confirmed) as Disease[]).filter(
    (d) => plan.confirmed[d] !== null,
  );
  if (positive.length === 0) return;
  const delivery = plan.delivery;
  // Planned by her own facility while she is pregnant; the facility that delivers the babies
  // records them, their prophylaxis and the children's follow-up.
  const facility = delivery === null ? plan.facility : plan.deliveringFacility;
  if (delivery === null) {
    if (plan.status !== 'open') return;
    for (let order = 1; order <= plan.fetusCount; order++) {
      sink.add('exposed_infant', [
        ids.take('exposed_infant'),
        plan.id,
        facility.id,
        order,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        positive.includes('hiv') ? 'replacement' : null,
        1,
      ]);
    }
    return;
  }
  const schedule = followUpScheduleFor(positive);
  for (const baby of delivery.livingBabies) {
    const within = (minutes: number) => {
      const onTime = random.chance(INFANT_INTERVENTION_ON_TIME);
      const at =
        baby.bornAt +
        (onTime ? random.int(15, minutes) : random.int(minutes + 1, minutes * 3)) * MINUTE_MS;
      return at < clock.historyEnd ? instant(at) : null;
    };
    const hiv = positive.includes('hiv');
    const hbsag = positive.includes('hbsag');
    const infantId = ids.take('exposed_infant');
    sink.add('exposed_infant', [
      infantId,
      plan.id,
      facility.id,
      baby.birthOrder,
      baby.newbornId,
      instant(baby.bornAt),
      hiv ? within(6 * 60) : null,
      hiv ? 'AZT+3TC+NVP' : null,
      hbsag ? within(12 * 60) : null,
      // The first vaccine dose is the newborn's hepatitis B birth dose (writeBirth).
      null,
      positive.includes('syphilis') ? within(24 * 60) : null,
      hiv ? (delivery.hivReplacement ? 'replacement' : 'breastfeeding') : 'breastfeeding',
      1,
    ]);
    const birthDay = clock.days.dayOfInstant(baby.bornAt);
    for (const visit of schedule) {
      const doneOn = birthDay + visit.dueAfterBirthDays + random.int(0, 14);
      if (doneOn > clock.lastDay || !random.chance(INFANT_FOLLOW_UP_KEPT)) continue;
      if (baby.diedAt !== null && doneOn >= clock.days.dayOfInstant(baby.diedAt)) continue;
      sink.add('infant_follow_up', [
        ids.take('infant_follow_up'),
        infantId,
        visit.code,
        iso(doneOn),
        visit.code.startsWith('HIV') ? 'HIV检测阴性' : 'RPR阴性，随访中',
        random.pick(facility.mchStaff),
      ]);
    }
  }
}

/**
 * Free folic acid: dispensed from before conception for some, at registration for others, with
 * refills that keep the supply going for the adherent; a self-report at a mid-pregnancy visit for
 * some, and a knowledge survey of some women who delivered.
 */
export function writeFolicAcid(ctx: CohortContext, plan: PregnancyPlan): void {
  const { random, sink, ids, clock } = ctx;
  const facility = plan.facility;
  const womanId = plan.woman.id;
  if (random.chance(FOLIC_ACID.uptake)) {
    const before = random.chance(FOLIC_ACID.startedBeforeLmp);
    const adherent = before && random.chance(FOLIC_ACID.adherentIfStartedBefore);
    const start = before
      ? plan.start - random.int(20, 120)
      : Math.max(plan.registration - random.int(0, 7), plan.start + 14);
    const doseMg = random.chance(FOLIC_ACID.highDoseShare) ? 0.8 : 0.4;
    const endOfMonth3 = plan.start + 90;
    const stop = Math.min(endOfMonth3, clock.lastDay, plan.outcomeDay ?? clock.lastDay);
    let day = start;
    let lastSupplied = start - 1;
    while (day <= stop) {
      const bottles = random.int(1, 3);
      const covered = Math.floor(
        (bottles * FOLIC_ACID.tabletsPerBottle) / (doseMg === 0.8 ? 2 : 1),
      );
      sink.add('folic_acid_dispensing', [
        ids.take('folic_acid_dispensing'),
        womanId,
        facility.id,
        iso(day),
        doseMg.toFixed(1),
        bottles,
        FOLIC_ACID.tabletsPerBottle,
        `FA${iso(day).slice(0, 4)}${String(random.int(1, 40)).padStart(3, '0')}`,
        random.pick(facility.nurses),
      ]);
      lastSupplied = day + covered - 1;
      day = adherent ? lastSupplied + 1 - random.int(0, 3) : lastSupplied + 1 + random.int(15, 60);
    }
    const reportVisit = plan.visits.find((v) => v.ga >= 91);
    if (reportVisit && start <= endOfMonth3 && random.chance(FOLIC_ACID.intakeReportShare)) {
      const reportedOn = reportVisit.day;
      const stoppedOn = Math.min(Math.max(lastSupplied, start), endOfMonth3, reportedOn);
      const span = stoppedOn - start + 1;
      sink.add('folic_acid_intake_report', [
        ids.take('folic_acid_intake_report'),
        womanId,
        facility.id,
        iso(reportedOn),
        iso(start),
        iso(stoppedOn),
        Math.min(span, adherent ? random.int(0, 10) : random.int(10, 40)),
        null,
        random.pick(facility.nurses),
      ]);
    }
  }
  if (plan.delivery !== null && random.chance(FOLIC_ACID.surveyShare)) {
    const askedOn = plan.postpartumVisitDay ?? plan.outcomeDay! + 1;
    if (askedOn <= clock.lastDay) {
      const aware = random.chance(FOLIC_ACID.surveyAware);
      sink.add('folic_acid_survey', [
        ids.take('folic_acid_survey'),
        womanId,
        facility.id,
        iso(askedOn),
        bool(aware || random.chance(0.5)),
        bool(aware),
        random.pick(facility.nurses),
      ]);
    }
  }
}

/**
 * Prenatal classes during the pregnancy, at her facility: a breastfeeding class first for most,
 * seats counted (a companion takes one), never the same session twice. A class before she
 * registered is on the register without a pregnancy.
 */
export function writeClasses(ctx: CohortContext, plan: PregnancyPlan): void {
  const { random, sink, ids, clock } = ctx;
  if (!random.chance(CLASS_ATTENDANCE_SHARE)) return;
  const sessions = plan.facility.sessions;
  const end = Math.min(plan.careEnd, clock.lastDay, (plan.outcomeDay ?? Infinity) - 1);
  const from = firstSessionFrom(sessions, plan.start + 42);
  const to = firstSessionFrom(sessions, end + 1) - 1;
  if (to < from) return;
  const wanted = classesAttended.sample(random);
  const attended = new Set<number>();
  for (let k = 0; k < wanted; k++) {
    let index = random.int(from, to);
    if (k === 0 && random.chance(0.75)) {
      while (index < to && !sessions[index].breastfeeding) index++;
    }
    const who = companion.sample(random);
    const seats = who === null ? 1 : 2;
    for (let probe = 0; probe < 10 && index <= to; probe++, index++) {
      const session = sessions[index];
      if (attended.has(session.id) || session.seatsTaken + seats > session.capacity) continue;
      attended.add(session.id);
      session.seatsTaken += seats;
      const checkedInAt = checkInTime(session, clock.days.startOf(session.day), random.int(0, 20));
      sink.add('class_attendance', [
        ids.take('class_attendance'),
        session.id,
        plan.woman.id,
        session.day >= plan.registration ? plan.id : null,
        who,
        random.pick(plan.facility.nurses),
        instant(checkedInAt),
      ]);
      break;
    }
  }
}

function firstSessionFrom(sessions: readonly SessionPlan[], day: Day): number {
  let low = 0;
  let high = sessions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sessions[middle].day < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Defaulter tracing: a phone call when she has not come for weeks. */
export function writeContactAttempts(ctx: CohortContext, plan: PregnancyPlan): void {
  const { random, sink, ids, clock } = ctx;
  const visits = plan.visits;
  const call = (day: Day, outcome: string) => {
    sink.add('contact_attempt', [
      ids.take('contact_attempt'),
      plan.id,
      plan.facility.id,
      instant(clock.days.at(day, random.int(9 * 60, 17 * 60))),
      outcome,
      null,
      random.pick(plan.facility.nurses),
    ]);
  };
  for (let i = 1; i < visits.length; i++) {
    if (visits[i].day - visits[i - 1].day > TRACING_GAP_DAYS) {
      call(visits[i - 1].day + random.int(35, TRACING_GAP_DAYS - 1), contactOutcome.sample(random));
    }
  }
  const last = visits[visits.length - 1];
  const stillHers =
    plan.status === 'open' ||
    plan.status === 'transferred_out' ||
    plan.status === 'lost_to_follow_up';
  if (!last || !stillHers) return;
  const until = plan.status === 'open' ? clock.lastDay : plan.statusDay! - 1;
  if (until - last.day > TRACING_GAP_DAYS) {
    const outcome =
      plan.status === 'lost_to_follow_up'
        ? 'no_answer'
        : plan.status === 'transferred_out'
          ? 'moved_away'
          : contactOutcome.sample(random);
    call(last.day + random.int(35, TRACING_GAP_DAYS - 1), outcome);
  }
}
