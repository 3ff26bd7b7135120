import type { CaesareanIndication } from '../delivery/rules/caesarean-indications';
import { classifyRecall, type Recall } from '../breastfeeding/rules/feeding-recall';
import { phoneFollowUpDate } from '../breastfeeding/rules/postpartum-schedule';
import { type Day, dayOf, HOUR_MS, MINUTE_MS } from './calendar';
import { bool, type CohortContext, type FacilityPlan, instant, iso } from './context';
import {
  ASSISTED_VAGINAL_SHARE,
  afterExclusive,
  BCG_FROM_WEIGHT_G,
  BCG_IN_HOSPITAL,
  BREASTFEEDING_PROBLEM_SHARE,
  CAESAREAN,
  DAY42_CHECK_MISSED,
  DAY42_NOT_RECOVERED,
  DAY42_REFERRED,
  day42CheckDelay,
  deliveryPlace,
  dischargeFeedingAfterSupplement,
  dischargeFeedingNoSupplement,
  exclusiveUntilAgeDays,
  EXCLUSIVE_BREASTFEEDING_BY_AGE_DAYS,
  FIRST_FEED_WITHIN_HOUR,
  HEPB_BIRTH_DOSE_FROM_WEIGHT_G,
  HEPB_BIRTH_DOSE_ON_TIME,
  HIV_REPLACEMENT_FEEDING_SHARE,
  MALE_SHARE,
  maternalDeathCause,
  NEONATAL_DEATH_SHARE,
  NICU_SHARE_PRETERM,
  NICU_SHARE_TERM,
  PHONE_FOLLOW_UP_REACHED,
  POSTPARTUM_VISIT_MISSED,
  postpartumVisitDelay,
  SEPARATION_SHARE,
  SKIN_TO_SKIN,
  stayHoursCaesarean,
  stayHoursVaginal,
  STILLBIRTH_SHARE,
  STILLBIRTH_SHARE_PRETERM,
  SUPPLEMENT_MEDICAL_SHARE,
  SUPPLEMENT_SHARE,
  TERM_BIRTH_WEIGHT_G,
} from './distributions';
import { attributionCells } from './episode';
import type { BabyPlan, PregnancyPlan } from './pregnancy-plan';

const PRETERM_BELOW_GA_DAYS = 259;
const INDICATIONS: CaesareanIndication[] = [
  'fetal_distress',
  'cephalopelvic_disproportion',
  'cephalopelvic_disproportion',
  'macrosomia',
  'placenta_praevia',
  'severe_preeclampsia',
];
const COMPLICATIONS = ['产后出血', '胎膜早破', '会阴裂伤', '妊娠期高血压'];
const NICU_REASONS = ['新生儿窒息', '新生儿黄疸', '新生儿肺炎', '新生儿低血糖'];
const PROBLEMS = ['sore_or_cracked_nipples', 'engorgement', 'perceived_low_supply', 'not_latching'];
const GUIDANCE = ['指导正确含接姿势', '按需哺乳，增加哺乳次数', '乳房护理指导'];
const POSTPARTUM_FINDINGS = ['子宫复旧良好，恶露正常', '伤口愈合良好', '乳汁分泌充足'];

/**
 * Decides the birth's timing before anything is written: the delivery instant, mode, the
 * mother's discharge, the postpartum contacts that fall in the history, and the status they give.
 */
export function planBirth(ctx: CohortContext, plan: PregnancyPlan, deliveryDay: Day): void {
  const { random, clock, ids } = ctx;
  const deliveredAt = clock.days.at(deliveryDay, random.int(0, 23 * 60));
  const lastVisit = plan.visits[plan.visits.length - 1];
  const caesareanChance =
    plan.previousCaesareans > 0
      ? CAESAREAN.afterPreviousCaesarean
      : plan.fetusCount > 1
        ? CAESAREAN.twins
        : lastVisit?.breech
          ? CAESAREAN.breech
          : CAESAREAN.base;
  const caesarean = random.chance(caesareanChance);
  const maternalDeath = plan.outcome === 'maternal_death';
  const stayHours = (caesarean ? stayHoursCaesarean : stayHoursVaginal).sample(random);
  const discharge = deliveredAt + stayHours * HOUR_MS;
  const motherDischargedAt = maternalDeath || discharge >= clock.historyEnd ? null : discharge;
  plan.delivery = {
    id: ids.take('delivery'),
    deliveredAt,
    recordedBy: random.pick(plan.deliveringFacility.nurses),
    caesarean,
    motherDischargedAt,
    maternalDeath,
    mode: caesarean ? 'caesarean' : 'spontaneous_vaginal',
    hivReplacement: false,
    livingBabies: [],
    babies: [],
  };
  plan.outcomeDay = deliveryDay;
  if (maternalDeath) {
    plan.status = 'maternal_death';
    plan.statusDay = Math.min(deliveryDay + random.int(0, 2), clock.lastDay);
    return;
  }
  if (motherDischargedAt !== null && !random.chance(POSTPARTUM_VISIT_MISSED)) {
    const day = clock.days.dayOfInstant(motherDischargedAt) + postpartumVisitDelay.sample(random);
    if (day <= clock.lastDay) plan.postpartumVisitDay = day;
  }
  plan.status = 'delivered';
  plan.statusDay = deliveryDay;
  if (!random.chance(DAY42_CHECK_MISSED)) {
    const day = deliveryDay + day42CheckDelay.sample(random);
    if (day <= clock.lastDay) {
      plan.day42Day = day;
      plan.day42Recovered = !random.chance(DAY42_NOT_RECOVERED);
      plan.day42Closes = !random.chance(DAY42_REFERRED);
      if (plan.day42Closes) {
        plan.status = 'closed';
        plan.statusDay = day;
      }
    }
  }
}

/**
 * The delivery row (with the region she is counted in), one newborn per baby, and the timed
 * feeding events of each live baby's stay: the delivering facility's records.
 */
export function writeBirth(ctx: CohortContext, plan: PregnancyPlan, deliveryGa: number): void {
  const { random, sink, ids } = ctx;
  const delivery = plan.delivery!;
  const facility = plan.deliveringFacility;
  const caesarean = delivery.caesarean;
  const mode = caesarean
    ? 'caesarean'
    : random.chance(ASSISTED_VAGINAL_SHARE)
      ? 'assisted_vaginal'
      : 'spontaneous_vaginal';
  const indication: CaesareanIndication | null = !caesarean
    ? null
    : random.chance(CAESAREAN.withoutIndication)
      ? null
      : plan.previousCaesareans > 0
        ? 'scarred_uterus'
        : plan.fetusCount > 1
          ? 'multiple_pregnancy'
          : plan.visits[plan.visits.length - 1]?.breech
            ? 'malpresentation'
            : random.pick(INDICATIONS);
  const complicated = delivery.maternalDeath || random.chance(0.08);
  const bloodLoss = caesarean ? random.int(250, 600) : random.int(150, 450);
  delivery.mode = mode;
  const deliveryRow = [
    delivery.id,
    plan.id,
    facility.id,
    instant(delivery.deliveredAt),
    deliveryPlace.sample(random),
    mode,
    indication,
    bool(plan.screenedPositive),
    complicated ? random.pick(COMPLICATIONS) : null,
    complicated ? bloodLoss + random.int(300, 900) : bloodLoss,
    delivery.maternalDeath ? 'death' : complicated ? 'complications' : 'well',
    delivery.motherDischargedAt === null ? null : instant(delivery.motherDischargedAt),
    ...attributionCells(ctx, plan, plan.outcomeDay!),
    delivery.recordedBy,
    1,
  ];
  sink.add('delivery', deliveryRow);
  if (delivery.maternalDeath && plan.statusDay !== null) {
    // Her death, its time on the status day (after the delivery), and its cause.
    const diedAt = Math.max(
      delivery.deliveredAt + HOUR_MS,
      ctx.clock.days.at(plan.statusDay, random.int(0, 23 * 60)),
    );
    const cause = maternalDeathCause.sample(random);
    sink.add('maternal_death', [
      ids.take('maternal_death'),
      plan.id,
      facility.id,
      instant(Math.min(diedAt, ctx.clock.historyEnd - MINUTE_MS)),
      cause,
      cause === 'obstetric_haemorrhage' ? '产后出血' : null,
      random.pick(facility.nurses),
    ]);
  }
  const preterm = deliveryGa < PRETERM_BELOW_GA_DAYS;
  const hivReplacement =
    plan.confirmed.hiv !== null &&
    plan.confirmed.hiv <= ctx.clock.days.dayOfInstant(delivery.deliveredAt) &&
    random.chance(HIV_REPLACEMENT_FEEDING_SHARE);
  delivery.hivReplacement = hivReplacement;
  let bornAt = delivery.deliveredAt;
  for (let order = 1; order <= plan.fetusCount; order++) {
    if (order > 1) bornAt += random.int(2, 20) * MINUTE_MS;
    const newbornId = ids.take('newborn');
    const stillborn = random.chance(preterm ? STILLBIRTH_SHARE_PRETERM : STILLBIRTH_SHARE);
    const weight = Math.round(
      Math.min(
        5400,
        Math.max(
          450,
          random.normal(
            TERM_BIRTH_WEIGHT_G.mean + (deliveryGa - 273) * 26 - (plan.fetusCount > 1 ? 550 : 0),
            TERM_BIRTH_WEIGHT_G.sd,
          ),
        ),
      ),
    );
    const lengthCm = Math.round((50 + (weight - 3300) / 250) * 10) / 10;
    const nicu = !stillborn && random.chance(preterm ? NICU_SHARE_PRETERM : NICU_SHARE_TERM);
    const nicuAt = nicu ? bornAt + random.int(10, 360) * MINUTE_MS : null;
    let diedAt: number | null = null;
    if (!stillborn && random.chance(preterm ? NEONATAL_DEATH_SHARE * 10 : NEONATAL_DEATH_SHARE)) {
      diedAt = bornAt + random.int(60, 6 * 1440) * MINUTE_MS;
      if (diedAt >= ctx.clock.historyEnd) diedAt = null;
    }
    const apgar1 = stillborn ? null : random.chance(0.95) ? random.int(8, 10) : random.int(3, 7);
    const apgar5 = apgar1 === null ? null : Math.min(10, apgar1 + random.int(0, 2));
    const vitalStatus = stillborn ? 'stillbirth' : 'live_birth';
    delivery.babies.push({ vitalStatus, birthWeightG: weight, apgar1, apgar5, exposed: false });
    const doses = stillborn
      ? { hepB: null, bcg: null }
      : birthDoses(ctx, plan, bornAt, weight, nicuAt !== null, diedAt);
    sink.add('newborn', [
      newbornId,
      delivery.id,
      plan.id,
      facility.id,
      order,
      instant(bornAt),
      random.chance(MALE_SHARE) ? 'male' : 'female',
      weight,
      lengthCm,
      apgar1,
      apgar5,
      vitalStatus,
      stillborn ? (random.chance(0.7) ? 'antepartum' : 'intrapartum') : null,
      nicuAt === null ? null : instant(nicuAt),
      nicuAt === null ? null : preterm ? '早产儿' : random.pick(NICU_REASONS),
      diedAt === null ? null : instant(diedAt),
      diedAt === null ? null : preterm ? '早产儿并发症' : '新生儿窒息',
      ...doseCells(doses.hepB),
      ...doseCells(doses.bcg),
      1,
    ]);
    if (stillborn) continue;
    const baby: BabyPlan = {
      newbornId,
      birthOrder: order,
      bornAt,
      dischargedAt: null,
      diedAt,
      exclusiveAtDischarge: false,
    };
    writeStay(ctx, plan, baby, nicuAt, hivReplacement);
    delivery.livingBabies.push(baby);
  }
}

interface GivenDose {
  at: number;
  batch: string;
  givenBy: string;
}

const doseCells = (dose: GivenDose | null) =>
  dose === null ? [null, null, null] : [instant(dose.at), dose.batch, dose.givenBy];

/**
 * The hepatitis B birth dose, mostly within its window (12 h when the mother is HBsAg-positive,
 * else 24 h), deferred for small babies of negative mothers; BCG for babies of 2500 g or more
 * outside the NICU. Neither after a death nor after the end of the history.
 */
function birthDoses(
  ctx: CohortContext,
  plan: PregnancyPlan,
  bornAt: number,
  weight: number,
  nicu: boolean,
  diedAt: number | null,
): { hepB: GivenDose | null; bcg: GivenDose | null } {
  const { random, clock } = ctx;
  const exposed = plan.confirmed.hbsag !== null;
  const window = exposed ? 12 * 60 : 24 * 60;
  const until = Math.min(diedAt ?? Infinity, clock.historyEnd);
  const batch = (prefix: string) =>
    `${prefix}${instant(bornAt).slice(2, 4)}${String(random.int(1, 60)).padStart(3, '0')}`;
  const given = (minutes: number, prefix: string): GivenDose | null => {
    const at = bornAt + minutes * MINUTE_MS;
    return at < until
      ? { at, batch: batch(prefix), givenBy: `产科护士${random.int(1, 12)}号` }
      : null;
  };
  const hepB =
    exposed || weight >= HEPB_BIRTH_DOSE_FROM_WEIGHT_G
      ? given(
          random.chance(HEPB_BIRTH_DOSE_ON_TIME)
            ? random.int(15, window)
            : random.int(window + 1, window * 3),
          'HB',
        )
      : null;
  const bcg =
    !nicu && weight >= BCG_FROM_WEIGHT_G && random.chance(BCG_IN_HOSPITAL)
      ? given(random.int(60, 36 * 60), 'BCG')
      : null;
  return { hepB, bcg };
}

/** Skin-to-skin, first feed, separations, supplements and discharge: times in order, none after
 *  the discharge, the death or the end of the history. */
function writeStay(
  ctx: CohortContext,
  plan: PregnancyPlan,
  baby: BabyPlan,
  nicuAt: number | null,
  hivReplacement: boolean,
): void {
  const { random, sink, ids, clock } = ctx;
  const facility = plan.deliveringFacility;
  const delivery = plan.delivery!;
  const caesarean = delivery.caesarean;
  const bornAt = baby.bornAt;
  const minutes = (n: number) => bornAt + n * MINUTE_MS;
  // The stay ends at discharge (a NICU baby later than the mother), at death, or is still going.
  let discharge: number | null = delivery.motherDischargedAt;
  let nicuEnd: number | null = null;
  if (nicuAt !== null) {
    nicuEnd = nicuAt + random.int(1, 7) * 1440 * MINUTE_MS;
    discharge = nicuEnd + random.int(1, 24) * HOUR_MS;
  }
  if (discharge === null && delivery.maternalDeath)
    discharge = bornAt + random.int(3, 6) * 1440 * MINUTE_MS;
  if (discharge !== null && discharge >= clock.historyEnd) discharge = null;
  const limit = Math.min(
    baby.diedAt ?? Infinity,
    discharge ?? Infinity,
    clock.historyEnd - MINUTE_MS,
  );
  const recorder = () => random.pick(facility.nurses);
  const event = (
    kind: string,
    start: number,
    end: number | null,
    detail: string | null,
    medicalReason: string | null,
    dischargeFeeding: string | null,
  ) => {
    if (start > limit) return false;
    const cappedEnd = end === null || end > limit ? null : end;
    sink.add('feeding_event', [
      ids.take('feeding_event'),
      baby.newbornId,
      facility.id,
      kind,
      instant(start),
      cappedEnd === null ? null : instant(cappedEnd),
      detail,
      medicalReason,
      dischargeFeeding,
      recorder(),
      1,
    ]);
    return true;
  };

  const immediateNicu = nicuAt !== null && nicuAt - bornAt < 60 * MINUTE_MS;
  if (!immediateNicu) {
    const early = random.chance(
      caesarean ? SKIN_TO_SKIN.earlyStartCaesarean : SKIN_TO_SKIN.earlyStartVaginal,
    );
    const start = minutes(early ? random.int(0, 5) : random.int(6, 90));
    const length = random.chance(SKIN_TO_SKIN.atLeastHour)
      ? random.int(60, 150)
      : random.int(15, 59);
    event('skin_to_skin', start, start + length * MINUTE_MS, null, null, null);
  }
  if (!hivReplacement) {
    const withinHour = random.chance(
      caesarean ? FIRST_FEED_WITHIN_HOUR.caesarean : FIRST_FEED_WITHIN_HOUR.vaginal,
    );
    const at = immediateNicu
      ? minutes(random.int(120, 2880))
      : minutes(withinHour ? random.int(10, 60) : random.int(61, 600));
    event('first_breastfeed', at, null, null, null, null);
  } else {
    writeContraindication(ctx, plan, baby, 'maternal_hiv_replacement_feeding', '产科医生');
  }
  if (nicuAt !== null) {
    event('separation', nicuAt, nicuEnd, '转新生儿科（NICU）', '新生儿科住院治疗', null);
    if (random.chance(0.1))
      writeContraindication(ctx, plan, baby, 'nicu_parenteral_nutrition', '新生儿科医生');
  } else if (random.chance(SEPARATION_SHARE)) {
    const start = minutes(random.int(120, 1440));
    event('separation', start, start + random.int(70, 240) * MINUTE_MS, '婴儿室观察', null, null);
  }
  const stayMinutes = Math.floor(((discharge ?? limit) - bornAt) / MINUTE_MS);
  const supplemented = hivReplacement || random.chance(SUPPLEMENT_SHARE);
  if (supplemented && stayMinutes > 120) {
    const medical = hivReplacement || random.chance(SUPPLEMENT_MEDICAL_SHARE);
    const reason = hivReplacement ? '母亲HIV感染，人工喂养' : medical ? '新生儿低血糖' : null;
    event(
      'supplement',
      minutes(random.int(60, Math.min(2880, stayMinutes - 30))),
      null,
      '配方奶',
      reason,
      null,
    );
  }
  if (discharge !== null && (baby.diedAt === null || baby.diedAt > discharge)) {
    const feeding = hivReplacement
      ? 'formula_only'
      : (supplemented ? dischargeFeedingAfterSupplement : dischargeFeedingNoSupplement).sample(
          random,
        );
    if (event('discharge', discharge, null, null, null, feeding)) {
      baby.dischargedAt = discharge;
      baby.exclusiveAtDischarge = feeding === 'exclusive';
    }
  }
  if (!hivReplacement && random.chance(0.002)) {
    writeContraindication(ctx, plan, baby, 'maternal_medication', '产科医生');
  }
}

function writeContraindication(
  ctx: CohortContext,
  plan: PregnancyPlan,
  baby: BabyPlan,
  kind: string,
  decidedBy: string,
): void {
  const { sink, ids, clock, random } = ctx;
  sink.add('feeding_contraindication', [
    ids.take('feeding_contraindication'),
    baby.newbornId,
    kind,
    decidedBy,
    iso(clock.days.dayOfInstant(baby.bornAt)),
    null,
    random.pick(plan.deliveringFacility.nurses),
  ]);
}

/**
 * The postpartum visit (by the centre that took her notice, else her own facility) and the 42-day
 * check (by her own facility), each with its risk assessment, and every live baby's breastfeeding
 * follow-ups: at those contacts by whoever made them, by phone by the hospital that delivered her;
 * exclusive feeding falling with age.
 */
export function writePostpartum(ctx: CohortContext, plan: PregnancyPlan): void {
  const { random, sink, ids, clock } = ctx;
  const facility = plan.facility;
  const visitor = plan.postpartumVisitor;
  if (plan.postpartumVisitDay !== null && visitor !== null) {
    sink.add('postpartum_contact', [
      ids.take('postpartum_contact'),
      plan.id,
      visitor.id,
      'postpartum_visit',
      iso(plan.postpartumVisitDay),
      random.pick(POSTPARTUM_FINDINGS),
      null,
      null,
      plan.postpartumAssessmentId,
      random.pick(visitor.nurses),
    ]);
  }
  if (plan.day42Day !== null) {
    sink.add('postpartum_contact', [
      ids.take('postpartum_contact'),
      plan.id,
      facility.id,
      'day42_check',
      iso(plan.day42Day),
      random.pick(POSTPARTUM_FINDINGS),
      plan.day42Recovered ? 'recovered' : 'not_recovered',
      plan.day42Closes ? 'close' : 'refer',
      plan.day42AssessmentId,
      random.pick(facility.mchStaff),
    ]);
  }
  for (const baby of plan.delivery?.livingBabies ?? []) {
    if (baby.diedAt !== null || baby.dischargedAt === null) continue;
    const birthDay = clock.days.dayOfInstant(baby.bornAt);
    const stopsAt = baby.exclusiveAtDischarge
      ? exclusiveUntilAgeDays(random.next() * EXCLUSIVE_BREASTFEEDING_BY_AGE_DAYS[0][1])
      : -1;
    const after = afterExclusive.sample(random);
    const contacts: [string, Day | null, FacilityPlan | null][] = [
      ['postpartum_visit', plan.postpartumVisitDay, visitor],
      ['day42_check', plan.day42Day, facility],
      ['phone_4m', phoneDay(ctx, birthDay, 4), plan.deliveringFacility],
      ['phone_6m', phoneDay(ctx, birthDay, 6), plan.deliveringFacility],
    ];
    for (const [contact, day, by] of contacts) {
      if (by === null) continue;
      if (day === null || day > clock.lastDay || day < birthDay) continue;
      const age = day - birthDay;
      const recall = recallAt(random.next(), age < stopsAt ? 'exclusive' : after, age);
      const problem = contact !== 'phone_6m' && random.chance(BREASTFEEDING_PROBLEM_SHARE);
      const referral = problem && random.chance(0.2) ? 'breast_clinic' : null;
      sink.add('breastfeeding_follow_up', [
        ids.take('breastfeeding_follow_up'),
        baby.newbornId,
        plan.id,
        by.id,
        contact,
        iso(day),
        bool(recall.breastMilk),
        bool(recall.water),
        bool(recall.formulaOrOtherMilk),
        bool(recall.otherLiquids),
        bool(recall.solids),
        bool(recall.orsDropsMedicine),
        classifyRecall(recall),
        problem ? `["${random.pick(PROBLEMS)}"]` : '[]',
        problem ? random.pick(GUIDANCE) : null,
        referral,
        referral !== null && random.chance(0.5) ? '已就诊，症状缓解' : null,
        random.pick(by.nurses),
      ]);
    }
  }
}

function phoneDay(ctx: CohortContext, birthDay: Day, months: 4 | 6): Day | null {
  if (!ctx.random.chance(PHONE_FOLLOW_UP_REACHED)) return null;
  return dayOf(phoneFollowUpDate(iso(birthDay), months)) + ctx.random.int(-7, 10);
}

/** A 24-hour recall of the given class; solids appear from about 6 months. */
function recallAt(roll: number, feeding: string, ageDays: number): Recall {
  const none: Recall = {
    breastMilk: false,
    water: false,
    formulaOrOtherMilk: false,
    otherLiquids: false,
    solids: false,
    orsDropsMedicine: roll < 0.05,
  };
  if (feeding === 'exclusive') return { ...none, breastMilk: true };
  if (feeding === 'predominant')
    return { ...none, breastMilk: true, water: true, otherLiquids: roll < 0.3 };
  const solids = ageDays >= 170 && roll < 0.6;
  if (feeding === 'mixed') return { ...none, breastMilk: true, formulaOrOtherMilk: true, solids };
  return { ...none, formulaOrOtherMilk: true, solids };
}
