import { overdueFromGaDays } from '../antenatal/rules/visit-schedule';
import { defaultScanMethod } from '../women/rules/dating-scans';
import { redatingThresholdDays } from '../women/rules/gestational-age';
import { ageInYears } from '../women/rules/registration-checks';
import type { Day } from './calendar';
import {
  bool,
  type CohortContext,
  type FacilityPlan,
  instant,
  iso,
  servingCentre,
} from './context';
import {
  AGREEING_SCAN_SHARE,
  ANTENATAL_PLAN_GA_DAYS,
  CENTRE_REGISTRATION_SHARE,
  COMMUNITY_LEVEL_ADDRESS_SHARE,
  datingMethod,
  deliveryGa,
  documentType,
  earlierLosses,
  education,
  GESTATIONAL_HYPERTENSION_SHARE,
  HAEMOGLOBIN_FIRST_VISIT_GL,
  HAEMOGLOBIN_LATE_DROP_GL,
  HBSAG_CARRIER_TICKED_SHARE,
  HEIGHT_CM,
  HOSPITAL_REGISTERED_DELIVERING_ELSEWHERE,
  LOW_PLATELETS_SHARE,
  maternalAge,
  MIGRANT_HUKOU_IN_OTHER_PROVINCE,
  MIGRANT_SHARE,
  migrantDaysLived,
  outcome as outcomeDistribution,
  OWN_DISTRICT_HOSPITAL_WEIGHT,
  parity as parityDistribution,
  PLATELETS_E9L,
  POSTPARTUM_AT_HUKOU_SHARE,
  POSTPARTUM_ELSEWHERE_IN_CITY_SHARE,
  PRE_PREGNANCY_BMI,
  PREVIOUS_CAESAREAN_IF_PAROUS,
  registrationGa,
  REPEAT_PREGNANCY_AFTER_LOSS,
  screeningDelay,
  SECOND_CAESAREAN_IF_TWO_BIRTHS,
  TICKED_FACTORS,
  TWIN_SHARE,
  TWIN_SHARE_IVF,
  TWINS_WITH_POLYHYDRAMNIOS_SHARE,
  twinDeliveryGa,
  VISIT_JITTER_DAYS,
  visitAttendance,
} from './distributions';
import { planBirth, writeBirth, writePostpartum } from './births';
import { planNotice, writeNotice, writeParticipants } from './episode';
import {
  OCCUPATIONS,
  otherDocumentNumber,
  otherProvinceCodes,
  phoneNumber,
  sameProvinceElsewhere,
  streetAddress,
  villageAddress,
  womanName,
} from './people';
import {
  type DatingPlan,
  type OutcomeKind,
  type PregnancyPlan,
  prePregnancyWeightOf,
  type VisitPlan,
  type WomanPlan,
} from './pregnancy-plan';
import {
  pmtctTruth,
  writeClasses,
  writeContactAttempts,
  writeExposedInfants,
  writeFolicAcid,
  writePmtct,
} from './prevention';
import { Weighted } from './random';
import { gradeHistory } from './risk-grading';
import { servesArea } from './setup';

/** GA today of the youngest pregnancy in the cohort: nobody registers before 5–6 weeks. */
const MIN_GA_TODAY_DAYS = 42;
/** The first GA-0 day is this long before the window, so births fill the window from its start. */
const LEAD_DAYS = 273;
const MAX_GA_DAYS = 294; // 42+0: no pregnancy is still open past it
const LAST_MISCARRIAGE_GA = 195; // 27+6
const END_REASONS: Readonly<Record<string, string>> = {
  miscarriage: '自然流产',
  termination: '治疗性引产',
  ectopic: '异位妊娠',
  transferred_out: '转至外院产检',
  lost_to_follow_up: '多次联系未果，失访',
  maternal_death: '孕产妇死亡',
};

const NO_DATING: DatingPlan = {
  source: 'lmp',
  lmp: null,
  scanDay: null,
  scanGa: null,
  transferDay: null,
  embryoAge: null,
  redated: null,
};

interface RepeatPlan {
  woman: WomanPlan;
  start: Day;
}

/**
 * Generates pregnancies one after another, each with every record the modules keep. Pregnancy
 * `index` of `total` starts (GA 0) at a day that grows with the index, so ids follow time and
 * the indexes on (facility, date) are filled near their ends.
 */
export class CohortGenerator {
  /** Where women live: the centres serving areas, by size; null when the cohort has none. */
  private readonly centrePicker: Weighted<FacilityPlan> | null;
  /** Where the others register: the rest of the facilities, by size. */
  private readonly otherPicker: Weighted<FacilityPlan> | null;
  private readonly hospitals: FacilityPlan[];
  /** The hospitals by births, those of the district first, by district. */
  private readonly birthPickers = new Map<string, Weighted<FacilityPlan>>();
  /** The other hospitals by births, by hospital. */
  private readonly elsewherePickers = new Map<FacilityPlan, Weighted<FacilityPlan>>();
  private readonly byId: Map<number, FacilityPlan>;
  private readonly firstStart: Day;
  private readonly span: number;
  private repeat: RepeatPlan | null = null;
  generated = 0;

  constructor(
    private readonly ctx: CohortContext,
    private readonly total: number,
  ) {
    const picker = (list: FacilityPlan[]) =>
      list.length === 0 ? null : new Weighted(list.map((f) => [f, f.size] as const));
    const centres = ctx.facilities.filter(servesArea);
    const others = ctx.facilities.filter((f) => !servesArea(f));
    this.centrePicker = picker(centres);
    this.otherPicker = picker(others);
    this.hospitals = ctx.facilities.filter((f) => f.births > 0);
    this.byId = new Map(ctx.facilities.map((f) => [f.id, f]));
    this.firstStart = ctx.clock.windowStart - LEAD_DAYS;
    this.span = ctx.clock.today - MIN_GA_TODAY_DAYS - this.firstStart;
  }

  /** Writes pregnancies [from, to) of the cohort. */
  generate(from: number, to: number): void {
    for (let index = from; index < to; index++) this.pregnancy(index);
  }

  private pregnancy(index: number): void {
    const { ctx } = this;
    const { random, clock, ids } = ctx;
    const repeat = this.repeat;
    this.repeat = null;
    const plannedStart =
      this.firstStart + Math.floor(((index + random.next()) * this.span) / this.total);
    const start = repeat?.start ?? plannedStart;
    const method = datingMethod.sample(random);
    const ivf = method === 'ivf';
    const fetusCount = random.chance(ivf ? TWIN_SHARE_IVF : TWIN_SHARE) ? 2 : 1;
    const regGa = this.registrationGa(clock.lastDay - start);
    const registration = start + regGa;
    const woman = repeat?.woman ?? this.newWoman(index, registration);
    const facility = woman.facility;
    const pregnancyId = ids.take('pregnancy');
    const postpartum = this.postpartumPlace(woman);
    const plan: PregnancyPlan = {
      id: pregnancyId,
      woman,
      facility,
      deliveringFacility: this.deliveringFacility(woman),
      postpartumRegionCode: postpartum?.regionCode ?? null,
      postpartumAddress: postpartum?.address ?? null,
      notice: null,
      postpartumVisitor: facility,
      referral: null,
      start,
      edd: start + 280,
      registration,
      ageAtRegistration: ageInYears(iso(woman.birthDay), iso(registration)),
      fetusCount,
      ivf,
      previousCaesareans: woman.previousCaesareans,
      outcome: 'delivery',
      outcomeDay: null,
      careEnd: clock.lastDay,
      status: 'open',
      statusDay: null,
      visits: [],
      screeningDay: null,
      tickedAtScreening: [],
      lateFactors: [],
      confirmed: { hiv: null, syphilis: null, hbsag: null },
      confirmationTestIds: { hiv: null, syphilis: null, hbsag: null },
      screenedPositive: false,
      delivery: null,
      postpartumVisitDay: null,
      day42Day: null,
      day42Recovered: true,
      day42Closes: false,
      postpartumAssessmentId: null,
      day42AssessmentId: null,
      dating: NO_DATING,
    };

    // How and when it ends.
    let gaAtBirth = (fetusCount > 1 ? twinDeliveryGa : deliveryGa).sample(random);
    gaAtBirth = Math.min(MAX_GA_DAYS, Math.max(gaAtBirth, regGa + 7));
    const kind = this.outcomeKind(regGa);
    plan.outcome = kind;
    let deliveryDay: Day | null = null;
    if (kind === 'delivery' || kind === 'maternal_death') {
      const day = start + gaAtBirth;
      plan.careEnd = Math.min(day - 1, clock.lastDay);
      if (day <= clock.lastDay) deliveryDay = day;
    } else if (kind === 'transferred_out' || kind === 'lost_to_follow_up') {
      const careEndGa = random.int(regGa, Math.max(regGa, gaAtBirth - 14));
      plan.careEnd = Math.min(start + careEndGa, clock.lastDay);
      const wait = kind === 'transferred_out' ? random.int(0, 7) : random.int(30, 60);
      const statusDay = Math.min(start + careEndGa + wait, start + gaAtBirth - 1);
      if (statusDay <= clock.lastDay) {
        plan.status = kind;
        plan.statusDay = statusDay;
      }
    } else {
      const endGa =
        kind === 'ectopic'
          ? regGa + random.int(1, 14)
          : random.int(regGa + 3, Math.min(LAST_MISCARRIAGE_GA, regGa + 70));
      const day = start + endGa;
      plan.careEnd = Math.min(day - 1, clock.lastDay);
      if (day <= clock.lastDay) {
        plan.status = 'ended';
        plan.statusDay = day;
        plan.outcomeDay = day;
      }
    }

    plan.dating = this.planDating(plan, method);
    const hypertensionOnset = this.planVisits(plan);
    const truth = pmtctTruth(ctx);
    this.planRisk(plan, truth.positive.hbsag, hypertensionOnset);
    if (deliveryDay !== null) {
      planBirth(ctx, plan, deliveryDay);
      planNotice(ctx, plan, (id) => this.byId.get(id));
    }
    writePmtct(ctx, plan, truth, deliveryDay);
    if (plan.delivery !== null) writeBirth(ctx, plan, gaAtBirth);
    writeExposedInfants(ctx, plan);
    writeNotice(ctx, plan);
    const risk = gradeHistory(ctx, plan);
    writePostpartum(ctx, plan);
    writeFolicAcid(ctx, plan);
    writeClasses(ctx, plan);
    writeContactAttempts(ctx, plan);
    this.writeVisits(plan);
    this.writePregnancy(plan, risk.colour, risk.purple);
    this.generated++;

    // A loss early in the window: some women are pregnant again within it, under the same record.
    if (plan.status === 'ended' && random.chance(REPEAT_PREGNANCY_AFTER_LOSS)) {
      const nextStart = plan.outcomeDay! + random.int(45, 200);
      if (nextStart <= clock.today - MIN_GA_TODAY_DAYS) {
        this.repeat = {
          woman: { ...woman, earlierLosses: woman.earlierLosses + 1 },
          start: nextStart,
        };
      }
    }
  }

  private registrationGa(maxGa: number): number {
    for (let attempt = 0; attempt < 20; attempt++) {
      const ga = registrationGa.sample(this.ctx.random);
      if (ga <= maxGa) return ga;
    }
    return Math.min(maxGa, 35);
  }

  private outcomeKind(regGa: number): OutcomeKind {
    let kind = outcomeDistribution.sample(this.ctx.random) as OutcomeKind;
    if (kind === 'ectopic' && regGa > 63) kind = 'miscarriage';
    if ((kind === 'miscarriage' || kind === 'termination') && regGa + 3 > LAST_MISCARRIAGE_GA) {
      kind = 'delivery';
    }
    return kind;
  }

  /**
   * A new woman, registering on `registration`: where she lives (in a street a centre of the
   * cohort serves), who registers her (mostly that centre), her 户籍 (her district when local,
   * elsewhere for a migrant) and, for a migrant, since when she has lived there.
   */
  private newWoman(index: number, registration: Day): WomanPlan {
    const { random, ids, sink, residentIds } = this.ctx;
    let facility: FacilityPlan;
    let residence: string;
    if (this.centrePicker !== null) {
      const centre = this.centrePicker.sample(random);
      residence = this.addressIn(centre);
      facility =
        this.otherPicker === null || random.chance(CENTRE_REGISTRATION_SHARE)
          ? centre
          : this.otherPicker.sample(random);
    } else {
      facility = this.otherPicker!.sample(random);
      residence = facility.regionCode;
    }
    const age = maternalAge.sample(random);
    const approximateStart = this.firstStart + Math.floor((index * this.span) / this.total);
    let birthDay = approximateStart - Math.floor((age + random.next()) * 365.2425);
    const id = ids.take('woman');
    const type = documentType.sample(random);
    const mainland = type === 'resident_id';
    const migrant = !mainland || random.chance(MIGRANT_SHARE);
    const city = residence.slice(0, 4);
    const hukou = !mainland
      ? null
      : !migrant
        ? residence.slice(0, 6)
        : random.chance(MIGRANT_HUKOU_IN_OTHER_PROVINCE)
          ? random.pick(otherProvinceCodes(city))
          : sameProvinceElsewhere(random, city);
    let number: string | null = null;
    if (hukou !== null) {
      while (number === null) {
        number = residentIds.issue(hukou, iso(birthDay));
        if (number === null) birthDay--;
      }
    } else {
      number = otherDocumentNumber(type, id);
    }
    const residenceSince = migrant ? registration - migrantDaysLived.sample(random) : null;
    const hukouAddress = migrant && hukou !== null ? villageAddress(random) : null;
    const heightCm = random.measure(HEIGHT_CM.mean, HEIGHT_CM.sd, HEIGHT_CM.min, HEIGHT_CM.max, 1);
    const bmi = random.measure(
      PRE_PREGNANCY_BMI.mean,
      PRE_PREGNANCY_BMI.sd,
      PRE_PREGNANCY_BMI.min,
      PRE_PREGNANCY_BMI.max,
      1,
    );
    // Young women have had fewer pregnancies.
    const young = age < 22;
    const parity = young
      ? Math.min(1, parityDistribution.sample(random))
      : parityDistribution.sample(random);
    const losses = young ? Math.min(1, earlierLosses.sample(random)) : earlierLosses.sample(random);
    let previousCaesareans = 0;
    if (parity >= 1 && random.chance(PREVIOUS_CAESAREAN_IF_PAROUS)) previousCaesareans = 1;
    if (parity >= 2 && previousCaesareans === 1 && random.chance(SECOND_CAESAREAN_IF_TWO_BIRTHS)) {
      previousCaesareans = 2;
    }
    sink.add('woman', [
      id,
      type,
      number,
      womanName(random),
      iso(birthDay),
      phoneNumber(id),
      residence,
      streetAddress(random),
      residenceSince === null ? null : iso(residenceSince),
      hukou,
      hukouAddress,
      migrant ? 'migrant' : 'local',
      education.sample(random),
      random.pick(OCCUPATIONS),
      facility.id,
      0,
      1,
      null,
      null,
    ]);
    return {
      id,
      birthDay,
      heightCm,
      preWeightKg: Math.round(bmi * (heightCm / 100) ** 2 * 10) / 10,
      facility,
      documentType: type,
      migrant,
      residenceRegionCode: residence,
      hukouRegionCode: hukou,
      hukouAddress,
      residenceSince,
      parity,
      earlierLosses: losses,
      previousCaesareans,
    };
  }

  /** A 街道 the centre serves, or half the time one of its 社区 (12 digits) that no other serves. */
  private addressIn(centre: FacilityPlan): string {
    const { random } = this.ctx;
    const street = random.pick(centre.serviceAreas);
    if (!random.chance(COMMUNITY_LEVEL_ADDRESS_SHARE)) return street;
    const community = `${street}${String(random.int(1, 30)).padStart(3, '0')}`;
    return servingCentre(this.ctx, community) === centre.id ? community : street;
  }

  /**
   * The hospital that delivers her: her own when a hospital registered her (a few go to another),
   * else one of the city's, those of her district likelier. With no hospital in the cohort, her
   * own facility.
   */
  private deliveringFacility(woman: WomanPlan): FacilityPlan {
    const { random } = this.ctx;
    const own = woman.facility;
    if (this.hospitals.length === 0) return own;
    if (own.births > 0) {
      if (this.hospitals.length === 1 || !random.chance(HOSPITAL_REGISTERED_DELIVERING_ELSEWHERE)) {
        return own;
      }
      let elsewhere = this.elsewherePickers.get(own);
      if (elsewhere === undefined) {
        const others = this.hospitals.filter((f) => f !== own);
        elsewhere = new Weighted(others.map((f) => [f, f.births] as const));
        this.elsewherePickers.set(own, elsewhere);
      }
      return elsewhere.sample(random);
    }
    const district = woman.residenceRegionCode.slice(0, 6);
    let picker = this.birthPickers.get(district);
    if (picker === undefined) {
      picker = new Weighted(
        this.hospitals.map(
          (f) =>
            [f, f.births * (f.regionCode === district ? OWN_DISTRICT_HOSPITAL_WEIGHT : 1)] as const,
        ),
      );
      this.birthPickers.set(district, picker);
    }
    return picker.sample(random);
  }

  /**
   * 产休地, when not where she lives: a migrant may go home to her 户籍 for the month; others may
   * spend it at another address of the city (served by a centre of the cohort).
   */
  private postpartumPlace(woman: WomanPlan): { regionCode: string; address: string } | null {
    const { random } = this.ctx;
    const { hukouRegionCode, hukouAddress } = woman;
    if (woman.migrant && hukouRegionCode !== null && random.chance(POSTPARTUM_AT_HUKOU_SHARE)) {
      return { regionCode: hukouRegionCode, address: hukouAddress ?? villageAddress(random) };
    }
    if (this.centrePicker === null || !random.chance(POSTPARTUM_ELSEWHERE_IN_CITY_SHARE)) {
      return null;
    }
    const code = this.addressIn(this.centrePicker.sample(random));
    return code === woman.residenceRegionCode
      ? null
      : { regionCode: code, address: streetAddress(random) };
  }

  /** The first examination at registration, then the guideline's visits she keeps. */
  private planVisits(plan: PregnancyPlan): number {
    const { random, ids } = this.ctx;
    const visitEnd = plan.careEnd;
    const hypertensionFrom = random.chance(GESTATIONAL_HYPERTENSION_SHARE)
      ? random.int(140, 252)
      : Infinity;
    if (plan.registration > visitEnd) return hypertensionFrom;
    const attendance = visitAttendance.sample(random);
    const days: number[] = [plan.registration];
    for (const planned of ANTENATAL_PLAN_GA_DAYS) {
      const day = plan.start + planned + random.int(-VISIT_JITTER_DAYS, VISIT_JITTER_DAYS);
      if (day <= days[days.length - 1] + 6 || day > visitEnd) continue;
      if (random.chance(attendance)) days.push(day);
    }
    const hbFirst = random.measure(
      HAEMOGLOBIN_FIRST_VISIT_GL.mean,
      HAEMOGLOBIN_FIRST_VISIT_GL.sd,
      HAEMOGLOBIN_FIRST_VISIT_GL.min,
      HAEMOGLOBIN_FIRST_VISIT_GL.max,
    );
    const hbDrop = random.measure(
      HAEMOGLOBIN_LATE_DROP_GL.mean,
      HAEMOGLOBIN_LATE_DROP_GL.sd,
      HAEMOGLOBIN_LATE_DROP_GL.min,
      HAEMOGLOBIN_LATE_DROP_GL.max,
    );
    const platelets = random.chance(LOW_PLATELETS_SHARE)
      ? random.int(55, 99)
      : random.measure(PLATELETS_E9L.mean, PLATELETS_E9L.sd, PLATELETS_E9L.min, PLATELETS_E9L.max);
    const gainPerWeek = 0.35 + random.next() * 0.2;
    const breech = random.chance(0.04);
    plan.visits = days.map((day, i): VisitPlan => {
      const ga = day - plan.start;
      const late = Math.min(1, Math.max(0, (ga - 84) / 140));
      const gain = ga <= 91 ? 0.5 + ga / 91 : 1.5 + ((ga - 91) / 7) * gainPerWeek;
      return {
        id: ids.take('antenatal_visit'),
        day,
        ga,
        weightKg: Math.round((plan.woman.preWeightKg + gain) * 10) / 10,
        heightCm: i === 0 ? plan.woman.heightCm : null,
        systolic: 0,
        diastolic: 0,
        haemoglobin: Math.round(hbFirst - hbDrop * late),
        platelets,
        breech: breech && ga >= 196,
      };
    });
    return hypertensionFrom;
  }

  /** The screening's day and ticked factors, factors found later, and blood pressures to match. */
  private planRisk(plan: PregnancyPlan, hbsagCarrier: boolean, hypertensionOnset: number): void {
    const { random, clock } = this.ctx;
    const screening = plan.registration + screeningDelay.sample(random);
    if (screening <= Math.min(plan.careEnd, clock.lastDay)) plan.screeningDay = screening;
    const ticked = new Set<string>();
    if (plan.woman.earlierLosses >= 3) ticked.add('THREE_PLUS_MISCARRIAGES');
    if (hbsagCarrier && random.chance(HBSAG_CARRIER_TICKED_SHARE))
      ticked.add('HBSAG_CARRIER_NORMAL_LIVER');
    let hypertensionFrom = hypertensionOnset;
    for (const factor of TICKED_FACTORS) {
      if (!random.chance(factor.prevalence)) continue;
      if (factor.fromGaDays === null) {
        ticked.add(factor.code);
        if (factor.code === 'CHRONIC_HYPERTENSION_WITH_PRE_ECLAMPSIA') hypertensionFrom = 0;
      } else {
        const foundGa = random.int(factor.fromGaDays, factor.toGaDays!);
        plan.lateFactors.push({ code: factor.code, foundGa });
        if (factor.code.includes('ECLAMPSIA'))
          hypertensionFrom = Math.min(hypertensionFrom, foundGa - 7);
      }
    }
    if (plan.fetusCount > 1 && random.chance(TWINS_WITH_POLYHYDRAMNIOS_SHARE)) {
      plan.lateFactors.push({ code: 'TWINS_WITH_POLYHYDRAMNIOS', foundGa: random.int(168, 224) });
    }
    plan.tickedAtScreening = [...ticked];
    for (const visit of plan.visits) {
      const high = visit.ga >= hypertensionFrom;
      visit.systolic = high ? random.int(140, 165) : random.int(100, 134);
      visit.diastolic = high ? random.int(90, 108) : random.int(60, 84);
    }
  }

  private writeVisits(plan: PregnancyPlan): void {
    const { random, sink, clock } = this.ctx;
    const visits = plan.visits;
    const continuing = plan.status === 'open' && plan.careEnd >= clock.lastDay;
    for (let i = 0; i < visits.length; i++) {
      const v = visits[i];
      const next = visits[i + 1];
      const nextAppointment = next
        ? next.day
        : continuing
          ? v.day + (v.ga < 196 ? 28 : v.ga < 252 ? 14 : 7)
          : null;
      const hypertensive = v.systolic >= 140;
      sink.add('antenatal_visit', [
        v.id,
        plan.id,
        plan.facility.id,
        iso(v.day),
        0,
        v.weightKg.toFixed(1),
        v.heightCm === null ? null : v.heightCm.toFixed(1),
        v.systolic,
        v.diastolic,
        v.ga >= 140 ? (v.ga / 7 + random.int(-2, 2)).toFixed(1) : null,
        v.ga >= 84 ? random.int(120, 160) : null,
        v.ga >= 196 ? (v.breech ? 'breech' : 'cephalic') : null,
        v.ga >= 224 && random.chance(0.15) ? 'mild' : 'none',
        v.haemoglobin,
        v.platelets,
        hypertensive && random.chance(0.5) ? '1+' : random.chance(0.97) ? 'negative' : 'trace',
        random.chance(0.97) ? 'negative' : 'trace',
        null,
        nextAppointment === null ? null : iso(nextAppointment),
        random.pick(plan.facility.nurses),
        1,
      ]);
    }
  }

  /**
   * The dating evidence: LMP (often with an agreeing early scan), a dating scan when the LMP is
   * unknown, an IVF transfer, or an LMP that a scan after registration disagreed with beyond
   * ACOG's threshold, so the EDD was redated to the scan. The final EDD is always start + 280.
   */
  private planDating(plan: PregnancyPlan, method: string): DatingPlan {
    const { random, clock } = this.ctx;
    const dating: DatingPlan = { ...NO_DATING, lmp: plan.start };
    // A dating scan at or before registration (an early scan needs at least GA 5+0).
    const earlyScan = () => Math.max(plan.start + 35, plan.registration - random.int(0, 14));
    const latestScan = Math.min(plan.registration + 21, clock.lastDay, plan.careEnd);
    if (method === 'lmp') {
      if (random.chance(AGREEING_SCAN_SHARE)) {
        dating.scanDay = earlyScan();
        dating.scanGa = dating.scanDay - plan.start + random.int(-3, 3);
      }
    } else if (method === 'ultrasound_no_lmp') {
      dating.source = 'ultrasound';
      dating.lmp = null;
      dating.scanDay = earlyScan();
      dating.scanGa = dating.scanDay - plan.start;
    } else if (method === 'ivf') {
      dating.source = 'ivf';
      dating.lmp = null;
      dating.embryoAge = random.chance(0.6) ? 5 : 3;
      dating.transferDay = plan.start + 14 + dating.embryoAge;
    } else if (method === 'lmp_redated_by_scan' && plan.registration < latestScan) {
      const scanDay = random.int(plan.registration + 1, latestScan);
      const scanGa = scanDay - plan.start;
      // The LMP is `offset` days off the scan; the threshold is read at the GA by LMP.
      const shift = random.chance(0.5) ? 1 : -1;
      const margin = random.int(1, 6);
      let offset = redatingThresholdDays(scanGa) + margin;
      for (let k = 0; k < 3 && offset <= redatingThresholdDays(scanGa + shift * offset); k++) {
        offset = redatingThresholdDays(scanGa + shift * offset) + margin;
      }
      const lmp = plan.start - shift * offset;
      dating.scanDay = scanDay;
      dating.scanGa = scanGa;
      if (offset > redatingThresholdDays(scanDay - lmp)) {
        dating.source = 'ultrasound';
        dating.lmp = lmp;
        dating.redated = { lmpStart: lmp, on: scanDay };
      }
    }
    return dating;
  }

  /**
   * Every scan as its own row: the dating scan on the pregnancy, and for every third pregnancy
   * with one a growth scan at 28–31 weeks that is kept but never moves the EDD. Drawn from the pregnancy id, not the random stream, so the rest of the cohort
   * stays as it was.
   */
  private writeScans(plan: PregnancyPlan, nurse: number): void {
    const { sink, ids, clock } = this.ctx;
    const { dating, facility } = plan;
    const datedByIvf = dating.source === 'ivf';
    const scan = (day: Day, gaDays: number, used: boolean, note: string | null) =>
      sink.add('dating_scan', [
        ids.take('dating_scan'),
        plan.id,
        facility.id,
        iso(day),
        defaultScanMethod(gaDays),
        gaDays,
        bool(used),
        used ? null : datedByIvf ? 'ivf_dates' : 'earlier_scan_dates',
        note,
        nurse,
        instant(clock.days.at(Math.max(day, plan.registration), 10 * 60)),
      ]);
    if (dating.scanDay !== null) scan(dating.scanDay, dating.scanGa!, !datedByIvf, null);
    if (dating.scanDay === null || plan.id % 3 !== 0) return;
    const growthDay = plan.start + 200 + (plan.id % 21);
    const lastSeen = Math.min(plan.careEnd, clock.lastDay - 1, (plan.outcomeDay ?? Infinity) - 1);
    // Later than the dating scan and her registration, while the facility still sees her.
    if (growthDay > lastSeen || growthDay < plan.registration) return;
    if (growthDay <= dating.scanDay) return;
    const measured = growthDay - plan.start + (plan.id % 15) - 7;
    scan(growthDay, measured, false, '孕晚期B超 胎儿生长评估');
  }

  /** The pregnancy row and its EDD history (one change at registration, a second on redating). */
  private writePregnancy(
    plan: PregnancyPlan,
    riskColour: string | null,
    riskPurple: boolean,
  ): void {
    const { random, sink, ids, clock } = this.ctx;
    const facility = plan.facility;
    const nurse = random.pick(facility.nurses);
    const dating = plan.dating;
    const redated =
      dating.redated === null
        ? null
        : { from: dating.redated.lmpStart + 280, on: dating.redated.on };
    const source = dating.source;
    const firstEdd = redated ? redated.from : plan.edd;
    const firstSource = redated ? 'lmp' : source;
    sink.add('edd_change', [
      ids.take('edd_change'),
      plan.id,
      null,
      iso(firstEdd),
      null,
      firstSource,
      'registration',
      nurse,
      instant(clock.days.at(plan.registration, random.int(8 * 60, 17 * 60))),
    ]);
    if (redated) {
      sink.add('edd_change', [
        ids.take('edd_change'),
        plan.id,
        iso(redated.from),
        iso(plan.edd),
        'lmp',
        'ultrasound',
        'ultrasound redating (ACOG CO 700)',
        nurse,
        instant(clock.days.at(redated.on, random.int(8 * 60, 17 * 60))),
      ]);
    }
    this.writeScans(plan, nurse);
    const woman = plan.woman;
    const gravidity = woman.parity + woman.earlierLosses + 1;
    const lastVisit = plan.visits[plan.visits.length - 1];
    const status = plan.status;
    const overdueGa =
      status === 'open' ? overdueFromGaDays(facility.schedule, lastVisit?.ga ?? null) : null;
    const reason =
      status === 'open'
        ? null
        : status === 'delivered'
          ? `delivery recorded (${plan.delivery!.mode})`
          : status === 'closed'
            ? '42天检查结案'
            : status === 'ended'
              ? END_REASONS[plan.outcome]
              : END_REASONS[status];
    sink.add('pregnancy', [
      plan.id,
      woman.id,
      facility.id,
      facility.id,
      iso(plan.registration),
      dating.lmp === null ? null : iso(dating.lmp),
      dating.scanDay === null ? null : iso(dating.scanDay),
      dating.scanGa,
      dating.transferDay === null ? null : iso(dating.transferDay),
      dating.embryoAge,
      iso(plan.edd),
      source,
      gravidity,
      woman.parity,
      woman.previousCaesareans,
      plan.fetusCount,
      prePregnancyWeightOf(plan)?.toFixed(1) ?? null,
      status,
      plan.statusDay === null ? null : iso(plan.statusDay),
      reason,
      status === 'ended' ? plan.outcome : null,
      plan.outcomeDay === null ? null : iso(plan.outcomeDay),
      riskColour,
      bool(riskPurple),
      lastVisit ? iso(lastVisit.day) : null,
      overdueGa === null ? null : iso(plan.start + overdueGa),
      plan.postpartumRegionCode,
      plan.postpartumAddress,
      nurse,
      1,
    ]);
    writeParticipants(this.ctx, plan, nurse);
  }
}
