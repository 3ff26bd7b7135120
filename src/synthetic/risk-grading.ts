import { reportDueAt } from '../risk/rules/report-deadline';
import { bmiWeight, deriveFactors } from '../risk/rules/derived-factors';
import {
  autoCloseReason,
  CASE_AUTO_CLOSE_DAYS,
  DAY42_CHECK_CLOSE_REASON,
} from '../risk/rules/case-closure';
import { colourRank, grade, isHighRisk, type RiskColour } from '../risk/rules/risk-colour';
import { type Day, HOUR_MS, MINUTE_MS } from './calendar';
import {
  bool,
  type CatalogueEntry,
  type CohortContext,
  type FacilityPlan,
  instant,
  iso,
} from './context';
import {
  CASE_REFERRAL_SHARE,
  CASE_WITH_CLINICIAN_SHARE,
  REFERRAL_FOLLOWED_UP_SHARE,
  REFERRAL_IN_COHORT_SHARE,
  reportTimeliness,
  TICKED_FACTORS,
} from './distributions';
import { gaOn, type PregnancyPlan, prePregnancyWeightOf, type VisitPlan } from './pregnancy-plan';

type Kind = 'registration_screening' | 'visit' | 'postpartum_visit' | 'day42_check' | 'automatic';

interface GradingEvent {
  day: Day;
  order: number; // same day: visit, screening, clinician, test result, postpartum, 42-day
  kind: 'visit' | 'screening' | 'clinician' | 'result' | 'postpartum_visit' | 'day42_check';
  visitIndex: number;
  code: string | null; // clinician: the factor found
}

interface Finding {
  factor: CatalogueEntry;
  evidence: string | null;
  sourceRecord: string | null;
}

export interface RiskOutcome {
  colour: RiskColour | null;
  purple: boolean;
}

const CHRONIC_CODES = new Set(TICKED_FACTORS.filter((f) => f.chronic).map((f) => f.code));
const PLANS = ['每2周产检一次，监测血压、血糖', '转诊三级医院产科会诊', '每周随访，住院分娩'];
const NOTES = [
  '电话随访，孕妇无不适',
  '已预约下次产检',
  '已告知危险信号及就诊途径',
  '复查指标好转',
];
const REFERRAL_TARGETS = ['省妇幼保健院', '市第一人民医院', '医科大学附属医院'];

/**
 * Replays the risk module over the pregnancy's history, day by day, as if every record had been
 * entered on its date: the screening; after each visit a re-grading from the new measurements
 * that is kept only when the colour or PURPLE changes; a clinician's re-grading when a new factor
 * is found; PURPLE on a confirmed positive result; the postpartum and 42-day assessments. Each
 * kept grading may open the high-risk case and, rising to ORANGE or RED, is reported.
 */
export function gradeHistory(ctx: CohortContext, plan: PregnancyPlan): RiskOutcome {
  const { clock, random, ids, sink, catalogue } = ctx;
  const events = gradingEvents(plan);
  const pregnancyId = plan.id;
  const facility = plan.facility;
  const terminalDay = plan.status === 'open' || plan.status === 'delivered' ? null : plan.statusDay;
  // A delivered woman with no 42-day check: the nightly job closes her case on day 56.
  const autoClosedDay =
    plan.status === 'delivered' &&
    plan.outcomeDay !== null &&
    plan.outcomeDay + CASE_AUTO_CLOSE_DAYS <= clock.lastDay
      ? plan.outcomeDay + CASE_AUTO_CLOSE_DAYS
      : null;

  let colour: RiskColour | null = null;
  let purple = false;
  let ticked: string[] = [];
  let latestId: number | null = null;
  let caseId: number | null = null;
  let seen = 0; // visits recorded so far

  const store = (day: Day, kind: Kind, findings: Finding[], sourceVisitId: number | null) => {
    const grading = grade(findings.map((f) => f.factor));
    const id = ids.take('risk_assessment');
    const assessedAt = clock.days.startOf(day);
    const ended = plan.outcomeDay !== null && day > plan.outcomeDay;
    // The postpartum visit's assessment is the visitor's, like the visit.
    const assessor = kind === 'postpartum_visit' ? plan.postpartumVisitor! : facility;
    sink.add('risk_assessment', [
      id,
      pregnancyId,
      assessor.id,
      kind,
      instant(assessedAt),
      iso(day),
      ended ? null : gaOn(plan, day),
      grading.colour,
      bool(grading.purple),
      catalogue.id,
      random.pick(assessor.mchStaff),
      sourceVisitId,
    ]);
    for (const finding of findings) {
      sink.add('risk_assessment_factor', [
        ids.take('risk_assessment_factor'),
        id,
        finding.factor.code,
        finding.factor.colour,
        bool(finding.factor.purple),
        finding.factor.origin,
        finding.evidence,
        finding.sourceRecord,
      ]);
    }
    const previous = colour;
    colour = grading.colour;
    purple = grading.purple;
    latestId = id;
    ticked = findings.filter((f) => f.factor.origin === 'ticked').map((f) => f.factor.code);

    const active = terminalDay === null || day <= terminalDay;
    // The 42-day check ends case management: it opens no case.
    if (isHighRisk(grading) && active && caseId === null && kind !== 'day42_check') {
      caseId = openCase(ctx, plan, id, assessedAt, day, terminalDay, autoClosedDay, grading);
    }
    const reportable = grading.colour === 'orange' || grading.colour === 'red';
    if (reportable && (previous === null || colourRank(grading.colour) > colourRank(previous))) {
      writeReport(ctx, plan, id, grading.colour as 'orange' | 'red', assessedAt);
    }
    return id;
  };

  const findingsOn = (day: Day, tickedCodes: readonly string[]): Finding[] => [
    ...tickedCodes.map((code) => ({
      factor: factorOf(catalogue.factors, code),
      evidence: null,
      sourceRecord: null,
    })),
    ...derivedFindings(ctx, plan, seen, day),
  ];

  // The automatic re-grading: kept only when the colour or PURPLE changes.
  const regrade = (day: Day, sourceVisitId: number | null) => {
    const findings = findingsOn(day, ticked);
    const grading = grade(findings.map((f) => f.factor));
    if (grading.colour !== colour || grading.purple !== purple) {
      store(day, 'automatic', findings, sourceVisitId);
    }
  };
  // After birth the clinician keeps the chronic factors only.
  const postpartum = (day: Day, kind: 'postpartum_visit' | 'day42_check') =>
    store(
      day,
      kind,
      findingsOn(
        day,
        ticked.filter((code) => CHRONIC_CODES.has(code)),
      ),
      null,
    );

  for (const event of events) {
    switch (event.kind) {
      case 'visit':
        seen = event.visitIndex + 1;
        // Not screened yet: the visit is left to the clinician's screening.
        if (latestId !== null) regrade(event.day, plan.visits[event.visitIndex].id);
        break;
      case 'result':
        regrade(event.day, null);
        break;
      case 'screening':
        store(
          event.day,
          'registration_screening',
          findingsOn(event.day, plan.tickedAtScreening),
          null,
        );
        break;
      case 'clinician':
        if (!ticked.includes(event.code!)) {
          store(event.day, 'visit', findingsOn(event.day, [...ticked, event.code!]), null);
        }
        break;
      case 'postpartum_visit':
        plan.postpartumAssessmentId = postpartum(event.day, 'postpartum_visit');
        break;
      case 'day42_check':
        plan.day42AssessmentId = postpartum(event.day, 'day42_check');
        break;
    }
  }
  return { colour, purple };
}

function gradingEvents(plan: PregnancyPlan): GradingEvent[] {
  const events: GradingEvent[] = plan.visits.map((visit, visitIndex) => ({
    day: visit.day,
    order: 0,
    kind: 'visit',
    visitIndex,
    code: null,
  }));
  if (plan.screeningDay !== null) {
    events.push({
      day: plan.screeningDay,
      order: 1,
      kind: 'screening',
      visitIndex: -1,
      code: null,
    });
  }
  for (const late of plan.lateFactors) {
    // Found at the first visit on or after the GA it shows up, if she still comes.
    const visit = plan.visits.find((v) => v.ga >= late.foundGa);
    if (visit && plan.screeningDay !== null && visit.day >= plan.screeningDay) {
      events.push({ day: visit.day, order: 2, kind: 'clinician', visitIndex: -1, code: late.code });
    }
  }
  for (const day of Object.values(plan.confirmed)) {
    if (day !== null) events.push({ day, order: 3, kind: 'result', visitIndex: -1, code: null });
  }
  if (plan.postpartumVisitDay !== null) {
    events.push({
      day: plan.postpartumVisitDay,
      order: 4,
      kind: 'postpartum_visit',
      visitIndex: -1,
      code: null,
    });
  }
  if (plan.day42Day !== null) {
    events.push({ day: plan.day42Day, order: 5, kind: 'day42_check', visitIndex: -1, code: null });
  }
  return events.sort((a, b) => a.day - b.day || a.order - b.order);
}

function factorOf(factors: ReadonlyMap<string, CatalogueEntry>, code: string): CatalogueEntry {
  const factor = factors.get(code);
  if (!factor) throw new Error(`Risk factor ${code} is not in the catalogue`);
  return factor;
}

/** The factors the risk module derives from the records seen by `day` (its derivedFindings). */
function derivedFindings(
  ctx: CohortContext,
  plan: PregnancyPlan,
  seen: number,
  day: Day,
): Finding[] {
  const visits = plan.visits;
  const first: VisitPlan | undefined = seen > 0 ? visits[0] : undefined;
  // The BMI weight as the risk module picks it: pre-pregnancy, else weighed by 13+6, each
  // visit's GA by the EDD the pregnancy has on the grading day.
  const redated = plan.dating.redated;
  const start = redated !== null && day < redated.on ? redated.lmpStart : plan.start;
  const weight = bmiWeight(
    prePregnancyWeightOf(plan),
    visits.slice(0, seen).map((v) => ({ id: v.id, weightKg: v.weightKg, gaDays: v.day - start })),
  );
  const latest: VisitPlan | undefined = seen > 0 ? visits[seen - 1] : undefined;
  const confirmedBy = (d: Day | null) => d !== null && d <= day;
  const sources: Record<string, string> = {
    AGE: `woman:${plan.woman.id}`,
    BMI: weight?.visitId ? `visit:${weight.visitId}` : `pregnancy:${plan.id}`,
    HEIGHT: `visit:${first?.id}`,
    ANAEMIA: `visit:${latest?.id}`,
    SEVERE: `visit:${latest?.id}`,
    HB: `visit:${latest?.id}`,
    PLATELETS: `visit:${latest?.id}`,
    BP: `visit:${latest?.id}`,
  };
  const derived = deriveFactors({
    ageAtRegistration: plan.ageAtRegistration,
    heightCm: first?.heightCm ?? null,
    weightKg: weight?.weightKg ?? null,
    haemoglobinGL: latest?.haemoglobin ?? null,
    plateletsE9L: latest?.platelets ?? null,
    systolicMmHg: latest?.systolic ?? null,
    diastolicMmHg: latest?.diastolic ?? null,
    previousCaesareans: plan.previousCaesareans,
    fetusCount: plan.fetusCount,
    ivf: plan.ivf,
    confirmedPositive: {
      hiv: confirmedBy(plan.confirmed.hiv),
      syphilis: confirmedBy(plan.confirmed.syphilis),
      hbsag: confirmedBy(plan.confirmed.hbsag),
    },
  });
  const findings: Finding[] = [];
  for (const factor of derived) {
    const entry = ctx.catalogue.factors.get(factor.code);
    if (!entry) continue;
    const prefix = factor.code.split('_')[0];
    const source =
      sources[prefix] ??
      (prefix === 'HIV' || prefix === 'SYPHILIS' || prefix === 'HBSAG'
        ? `pmtct_test:${plan.confirmationTestIds[prefix.toLowerCase() as 'hiv']}`
        : `pregnancy:${plan.id}`);
    findings.push({ factor: entry, evidence: factor.evidence, sourceRecord: source });
  }
  return findings;
}

function openCase(
  ctx: CohortContext,
  plan: PregnancyPlan,
  assessmentId: number,
  openedAt: number,
  openedDay: Day,
  terminalDay: Day | null,
  autoClosedDay: Day | null,
  grading: { colour: string; purple: boolean },
): number {
  const { random, ids, sink, clock } = ctx;
  const facility = plan.facility;
  const id = ids.take('high_risk_case');
  const closedAt =
    terminalDay !== null
      ? clock.days.at(terminalDay, random.int(9 * 60, 17 * 60))
      : autoClosedDay !== null
        ? clock.days.at(autoClosedDay, 60 + random.int(0, 59)) // the nightly run, after 01:00
        : null;
  const closeReason =
    terminalDay !== null
      ? plan.status === 'closed'
        ? DAY42_CHECK_CLOSE_REASON
        : `pregnancy ${plan.status}`
      : plan.outcomeDay !== null
        ? autoCloseReason(iso(plan.outcomeDay))
        : null;
  const clinician = random.chance(CASE_WITH_CLINICIAN_SHARE)
    ? random.pick(facility.mchStaff)
    : null;
  sink.add('high_risk_case', [
    id,
    plan.id,
    facility.id,
    closedAt === null ? 'open' : 'closed',
    assessmentId,
    instant(openedAt),
    clinician,
    clinician === null ? null : random.pick(PLANS),
    closedAt === null ? null : instant(closedAt),
    closedAt === null ? null : closeReason,
    1,
  ]);
  const until = closedAt ?? clock.historyEnd;
  const notes = random.int(0, 2);
  for (let n = 0; n < notes; n++) {
    const notedAt = openedAt + random.next() * (until - openedAt);
    sink.add('high_risk_case_note', [
      ids.take('high_risk_case_note'),
      id,
      instant(Math.floor(notedAt / MINUTE_MS) * MINUTE_MS),
      clinician ?? random.pick(facility.mchStaff),
      random.pick(NOTES),
    ]);
  }
  if (random.chance(CASE_REFERRAL_SHARE)) {
    const referredOn = openedDay + random.int(0, 7);
    const lastDay = terminalDay ?? autoClosedDay ?? clock.lastDay;
    if (referredOn <= lastDay) writeReferral(ctx, plan, id, referredOn, lastDay, grading);
  }
  return id;
}

/**
 * A referral of the case to a higher level: most to a level-3 hospital of the cohort (the one
 * that will deliver her, when it is one), which receives her within days and takes part in her
 * care; the others to a hospital outside the system, known by name only. The result is fed back
 * once she was received.
 */
function writeReferral(
  ctx: CohortContext,
  plan: PregnancyPlan,
  caseId: number,
  referredOn: Day,
  lastDay: Day,
  grading: { colour: string; purple: boolean },
): void {
  const { random, ids, sink, clock } = ctx;
  const facility = plan.facility;
  const id = ids.take('referral');
  const referredBy = random.pick(facility.mchStaff);
  const receiver = random.chance(REFERRAL_IN_COHORT_SHARE) ? referralReceiver(ctx, plan) : null;
  let receivedAt: number | null = null;
  let receivedDay: Day | null = null;
  if (receiver !== null) {
    const day = referredOn + random.int(0, 3);
    const at = clock.days.at(day, random.int(8 * 60, 17 * 60));
    if (day <= lastDay && at < clock.historyEnd) [receivedAt, receivedDay] = [at, day];
    plan.referral = { id, receiver, referredBy, referredOn, receivedDay };
  }
  const fedBack =
    (receiver === null || receivedDay !== null) && random.chance(REFERRAL_FOLLOWED_UP_SHARE);
  const followedUp = fedBack
    ? Math.min(Math.max(referredOn + random.int(2, 16), receivedDay ?? referredOn), clock.lastDay)
    : null;
  sink.add('referral', [
    id,
    caseId,
    plan.id,
    facility.id,
    iso(referredOn),
    receiver?.name ?? random.pick(REFERRAL_TARGETS),
    '高危妊娠，需上级医院评估',
    iso(referredOn + 14),
    followedUp === null ? null : iso(followedUp),
    followedUp === null ? null : '已在上级医院就诊，继续产检',
    referredBy,
    1,
    grading.colour,
    grading.purple ? 1 : 0,
    receiver?.id ?? null,
    receivedAt === null ? null : instant(receivedAt),
    receivedAt === null ? null : random.pick(receiver!.mchStaff),
  ]);
}

/** A level-3 hospital of the cohort other than hers: the one delivering her if it is one. */
function referralReceiver(ctx: CohortContext, plan: PregnancyPlan): FacilityPlan | null {
  const deliverer = plan.deliveringFacility;
  const eligible = (f: FacilityPlan) => f.level === 3 && f.births > 0 && f !== plan.facility;
  if (eligible(deliverer)) return deliverer;
  const candidates = ctx.facilities.filter(eligible);
  return candidates.length === 0 ? null : ctx.random.pick(candidates);
}

function writeReport(
  ctx: CohortContext,
  plan: PregnancyPlan,
  assessmentId: number,
  colour: 'orange' | 'red',
  gradedAt: number,
): void {
  const { random, ids, sink, clock } = ctx;
  const due = reportDueAt(colour, new Date(gradedAt)).getTime();
  const window = due - gradedAt;
  const timeliness = reportTimeliness.sample(random);
  let reportedAt: number | null =
    timeliness === 'on_time'
      ? gradedAt + HOUR_MS + Math.floor(random.next() * (window - HOUR_MS))
      : timeliness === 'late'
        ? due + HOUR_MS + Math.floor(random.next() * 72 * HOUR_MS)
        : null;
  if (reportedAt !== null) reportedAt = Math.floor(reportedAt / MINUTE_MS) * MINUTE_MS;
  // A report after the history ends has not been made yet.
  if (reportedAt !== null && reportedAt >= clock.historyEnd) reportedAt = null;
  sink.add('risk_report', [
    ids.take('risk_report'),
    assessmentId,
    plan.id,
    plan.facility.id,
    colour,
    instant(gradedAt),
    instant(due),
    reportedAt === null ? null : instant(reportedAt),
    reportedAt === null ? null : '区妇幼保健所',
    reportedAt === null ? null : random.pick(plan.facility.mchStaff),
  ]);
}
