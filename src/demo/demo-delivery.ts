import type { CaesareanIndication } from '../delivery/rules/caesarean-indications';
import { addDays, type IsoDate, startOfDayIn, todayIn } from '../core/time/calendar-date';
import type {
  ContraindicationDto,
  FeedingEventDto,
  NewbornInputDto,
  RecordDeliveryDto,
} from '../delivery/dto/delivery.dto';
import type { DischargeFeeding } from '../delivery/rules/feeding-flags';
import { isPreterm } from '../delivery/rules/newborn-outcomes';
import { Rng } from './demo-people';

// A pregnancy becomes delivered by recording its delivery (POST /pregnancies/{id}/delivery), not
// by a status change: the births the demo plans, with plausible babies, and each live baby's stay
// as the ward records it, in times: skin-to-skin, first breastfeed, separations, supplements and
// discharge. Pure; the run writes what has happened by the time the seed runs and leaves the rest.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The stories' births of the last hours, as minutes before the seed started. */
export type RecentBirth = 'hbsagDue' | 'hbsagLate' | 'noFirstFeed';
export const RECENT_BIRTH_MINUTES_AGO: Record<RecentBirth, number> = {
  // HBsAg-positive mother: HBIG and first vaccine still due, hours left (infant_doses).
  hbsagDue: 4 * 60,
  // HBsAg-positive mother: HBIG given at 13 h, late (infant_doses, within two days of birth).
  hbsagLate: 26 * 60,
  // No first breastfeed recorded an hour and a half after birth (first_feed_missing).
  noFirstFeed: 90,
};

/** What a baby's stay shows the demo, beside ordinary stays. */
export type BirthStory = 'stillbirth' | 'nicu' | 'neonatalDeath' | 'noFirstFeed';

const CAESAREAN_INDICATIONS: CaesareanIndication[] = [
  'fetal_distress',
  'malpresentation',
  'cephalopelvic_disproportion',
  'placenta_praevia',
  'severe_preeclampsia',
];
const PRETERM_NICU_REASONS = ['早产儿，呼吸窘迫', '早产儿，低出生体重', '新生儿呼吸窘迫综合征'];
const TERM_NICU_REASONS = [
  '新生儿湿肺，呼吸急促',
  '新生儿感染待排',
  '新生儿高胆红素血症，蓝光治疗',
];

export interface BirthSubject {
  /** A stable text (her document and the day), so the same demo gives the same babies. */
  key: string;
  date: IsoDate;
  /** Set for the stories' births of the last hours. */
  bornAt: Date | null;
  gaDays: number;
  fetusCount: number;
  mode: RecordDeliveryDto['mode'];
  /** A caesarean's medical indication was recorded (about three in four have one). */
  indicated: boolean;
  previousCaesareans: number;
  /** Per baby, uniform 0..1 over the facility's births: see PlannedBaby.propensity. */
  propensities: number[];
  /** Confirmed HIV, syphilis or HBsAg positive by the birth: the isolation delivery room. */
  isolationRoom: boolean;
  /** HIV-positive mother who chose replacement feeding. */
  replacementFeeding: boolean;
  /** She died of a postpartum haemorrhage days later. */
  haemorrhage: boolean;
  story: BirthStory | null;
  stillbirthTiming: 'antepartum' | 'intrapartum';
}

export interface PlannedBaby {
  birthOrder: number;
  bornAt: Date;
  live: boolean;
  birthWeightG: number;
  nicu: { at: Date; reason: string; backAt: Date | null } | null;
  death: { at: Date; cause: string } | null;
  /** In time order, the discharge last. */
  feeding: FeedingEventDto[];
  contraindication: ContraindicationDto | null;
  /** Uniform 0..1: the lower, the longer exclusive breastfeeding lasts (the follow-ups read it). */
  propensity: number;
  dischargeFeeding: DischargeFeeding | null;
  /**
   * The birth doses the ward gives (null: not given during the stay). An exposed baby's hepatitis
   * B dose is recorded on its PMTCT record instead, which writes it here.
   */
  birthDoses: { hepB: PlannedDose | null; bcg: PlannedDose | null };
}

export interface PlannedDose {
  at: Date;
  batchNumber: string;
  givenBy: string;
}

const VACCINATORS = ['产房 王护士', '产房 李护士', '母婴同室 陈护士', '母婴同室 张护士'];

export interface PlannedBirth {
  input: RecordDeliveryDto;
  babies: PlannedBaby[];
  /** The mother's discharge: null when she died in hospital. */
  motherDischargedAt: Date | null;
}

export function planBirth(subject: BirthSubject, timeZone: string, now: Date): PlannedBirth {
  const rng = new Rng(seedOf(subject.key));
  const deliveredAt = subject.bornAt ?? birthTime(subject.date, timeZone, now, rng);
  const { mode } = subject;
  const indication =
    mode !== 'caesarean' || !subject.indicated
      ? null
      : subject.previousCaesareans > 0
        ? 'scarred_uterus'
        : rng.pick(CAESAREAN_INDICATIONS);
  const stillbirth = subject.story === 'stillbirth';
  // About 3.3 kg at term, lighter the earlier she delivered, and lighter for twins.
  const termWeight =
    3300 - Math.max(0, 280 - subject.gaDays) * 26 - (subject.fetusCount > 1 ? 600 : 0);
  const babies: PlannedBaby[] = [];
  const inputs: NewbornInputDto[] = [];
  for (let index = 0; index < subject.fetusCount; index++) {
    const bornAt =
      index === 0
        ? deliveredAt
        : new Date(
            Math.max(
              deliveredAt.getTime(),
              Math.min(deliveredAt.getTime() + rng.int(2, 15) * MINUTE_MS, now.getTime()),
            ),
          );
    const birthWeightG = Math.max(800, Math.round(termWeight + rng.int(-400, 400)));
    inputs.push({
      birthOrder: index + 1,
      ...(index > 0 ? { bornAt } : {}),
      sex: rng.chance(0.51) ? 'male' : 'female',
      birthWeightG,
      lengthCm: rng.int(46, 53),
      apgar1: stillbirth ? 0 : subject.story === 'neonatalDeath' ? rng.int(3, 5) : rng.int(8, 10),
      apgar5: stillbirth ? 0 : subject.story === 'neonatalDeath' ? rng.int(5, 7) : rng.int(9, 10),
      vitalStatus: stillbirth ? 'stillbirth' : 'live_birth',
      ...(stillbirth ? { stillbirthTiming: subject.stillbirthTiming } : {}),
    });
    const baby: PlannedBaby = {
      birthOrder: index + 1,
      bornAt,
      live: !stillbirth,
      birthWeightG,
      nicu: null,
      death: null,
      feeding: [],
      contraindication: null,
      propensity: subject.propensities[index],
      dischargeFeeding: null,
      birthDoses: { hepB: null, bcg: null },
    };
    if (!stillbirth) {
      stay(baby, subject, mode === 'caesarean', timeZone, rng);
      baby.birthDoses = birthDoses(baby, subject, `${subject.key}:${index}`);
    }
    babies.push(baby);
  }
  const discharges = babies.flatMap((b) =>
    b.feeding.filter((e) => e.kind === 'discharge').map((e) => e.startAt.getTime()),
  );
  // She goes home with her babies; without them when they are kept in the NICU or died.
  const motherDischargedAt = subject.haemorrhage
    ? null
    : discharges.length === 0 || babies.some((b) => b.nicu !== null)
      ? dischargeTime(deliveredAt, mode === 'caesarean' ? 4 : rng.int(2, 3), timeZone, rng)
      : new Date(Math.max(...discharges));
  return {
    input: {
      deliveredAt,
      place: 'this_facility',
      mode,
      ...(indication ? { caesareanIndication: indication } : {}),
      isolationRoom: subject.isolationRoom,
      ...(subject.haemorrhage
        ? { complications: '产后出血', bloodLossMl: rng.int(1500, 2500) }
        : stillbirth
          ? {
              complications:
                subject.stillbirthTiming === 'antepartum' ? '死胎引产' : '产程中胎心消失',
              bloodLossMl: rng.int(200, 400),
            }
          : { bloodLossMl: mode === 'caesarean' ? rng.int(300, 700) : rng.int(150, 400) }),
      maternalOutcome: subject.haemorrhage ? 'complications' : 'well',
      babies: inputs,
    },
    babies,
    motherDischargedAt,
  };
}

/**
 * Hepatitis B vaccine 1–20 h after birth for most babies, a few between 24 and 40 h (late), and
 * none for the sickest, for babies under 2000 g (their dose waits until they weigh 2000 g) and
 * before a death; BCG 2–30 h after birth for babies of 2500 g or more who were not in the NICU.
 * The stories' babies born in the last hours get theirs three hours or more after birth, so the
 * demo's worklist of missing doses has babies on it. A random stream of its own, so the stays
 * planned before these doses are unchanged.
 */
function birthDoses(
  baby: PlannedBaby,
  subject: BirthSubject,
  key: string,
): PlannedBaby['birthDoses'] {
  const rng = new Rng(seedOf(`${key}:doses`));
  const at = (minutes: number) => new Date(baby.bornAt.getTime() + minutes * MINUTE_MS);
  const beforeDeath = (dose: Date) => !baby.death || dose.getTime() < baby.death.at.getTime();
  const lot = (prefix: string) =>
    `${prefix}${todayIn('UTC', baby.bornAt).replaceAll('-', '').slice(2, 6)}${String(rng.int(1, 40)).padStart(3, '0')}`;
  const recent = subject.bornAt !== null;
  const hepBMinutes = recent
    ? rng.int(180, 20 * 60)
    : rng.chance(0.94)
      ? rng.int(60, 20 * 60)
      : rng.int(24 * 60 + 1, 40 * 60);
  const hepBAt = at(hepBMinutes);
  const hepB =
    baby.birthWeightG >= 2000 && subject.story !== 'neonatalDeath' && beforeDeath(hepBAt)
      ? { at: hepBAt, batchNumber: lot('HB'), givenBy: rng.pick(VACCINATORS) }
      : null;
  const bcgAt = at(rng.int(recent ? 180 : 120, 30 * 60));
  const bcg =
    baby.birthWeightG >= 2500 && baby.nicu === null && beforeDeath(bcgAt)
      ? { at: bcgAt, batchNumber: lot('BCG'), givenBy: rng.pick(VACCINATORS) }
      : null;
  return { hepB, bcg };
}

/** A birth on `date` at some hour; born today, at least three hours before the seed runs. */
function birthTime(date: IsoDate, timeZone: string, now: Date, rng: Rng): Date {
  const dayStart = startOfDayIn(date, timeZone).getTime();
  const latest = Math.min(dayStart + 24 * HOUR_MS - MINUTE_MS, now.getTime() - 3 * HOUR_MS);
  return new Date(
    Math.max(dayStart, Math.min(latest, dayStart + rng.int(30, 23 * 60 + 50) * MINUTE_MS)),
  );
}

/** Days after birth, in the late morning or early afternoon. */
function dischargeTime(bornAt: Date, days: number, timeZone: string, rng: Rng): Date {
  const day = addDays(todayIn(timeZone, bornAt), days);
  return new Date(startOfDayIn(day, timeZone).getTime() + rng.int(9 * 60, 15 * 60) * MINUTE_MS);
}

/**
 * One live baby's stay. Skin-to-skin starts 0–10 min after birth (most within 5, later after a
 * caesarean) and lasts 30–120 min (most 60 or more); the first breastfeed comes 15–120 min after
 * birth (most within the hour). Some babies are separated from their mother (NICU, low blood
 * sugar, a caesarean's recovery room), some are given something other than breast milk.
 */
function stay(
  baby: PlannedBaby,
  subject: BirthSubject,
  caesarean: boolean,
  timeZone: string,
  rng: Rng,
): void {
  const at = (minutes: number) => new Date(baby.bornAt.getTime() + Math.round(minutes * MINUTE_MS));
  const { story } = subject;
  const events: FeedingEventDto[] = [];
  const separation = (from: number, to: number, detail: string, medicalReason?: string) =>
    events.push({
      kind: 'separation',
      startAt: at(from),
      endAt: at(to),
      detail,
      ...(medicalReason ? { medicalReason } : {}),
    });
  const supplement = (minute: number, detail: string, medicalReason?: string) =>
    events.push({
      kind: 'supplement',
      startAt: at(minute),
      detail,
      ...(medicalReason ? { medicalReason } : {}),
    });

  const sickBaby = story === 'nicu' || story === 'neonatalDeath';
  // Skin-to-skin: its start counted to the second (5:00 is early, 5:01 is not).
  const startSeconds = sickBaby
    ? rng.int(60, 180)
    : rng.chance(caesarean ? 0.7 : 0.9)
      ? rng.int(caesarean ? 90 : 20, 300)
      : rng.int(301, 600);
  const start = startSeconds / 60;
  const admittedAfter = rng.int(15, 40);
  const contact =
    story === 'noFirstFeed'
      ? 43
      : sickBaby
        ? admittedAfter - start - 2
        : subject.haemorrhage
          ? rng.int(20, 40)
          : rng.chance(caesarean ? 0.75 : 0.88)
            ? rng.int(60, 120)
            : rng.int(30, 59);
  const contactEnd = start + contact;
  events.push({ kind: 'skin_to_skin', startAt: at(start), endAt: at(contactEnd) });

  const days = caesarean ? rng.int(4, 5) : rng.int(2, 3);
  let discharge = dischargeTime(baby.bornAt, days, timeZone, rng);
  const minutesTo = (instant: Date) => (instant.getTime() - baby.bornAt.getTime()) / MINUTE_MS;
  baby.propensity = subject.replacementFeeding ? 1 : baby.propensity;
  let feeding: DischargeFeeding =
    baby.propensity < 0.82 ? 'exclusive' : baby.propensity < 0.97 ? 'mixed' : 'formula_only';

  if (sickBaby) {
    const nicuDays = story === 'neonatalDeath' ? rng.int(1, 3) : rng.int(3, 6);
    const preterm = isPreterm(subject.gaDays);
    const reason =
      story === 'neonatalDeath' && subject.gaDays >= 245
        ? '重度出生窒息'
        : rng.pick(preterm ? PRETERM_NICU_REASONS : TERM_NICU_REASONS);
    baby.nicu = { at: at(admittedAfter), reason, backAt: null };
    if (story === 'neonatalDeath') {
      const died = at(admittedAfter + nicuDays * 24 * 60 + rng.int(60, 600));
      baby.death = {
        at: died,
        cause:
          subject.gaDays < 245
            ? '新生儿呼吸窘迫综合征，多器官功能衰竭'
            : '重度出生窒息，缺氧缺血性脑病，多器官功能衰竭',
      };
      separation(admittedAfter, minutesTo(died), '转新生儿重症监护室', reason);
      baby.contraindication = {
        kind: 'nicu_parenteral_nutrition',
        decidedBy: '新生儿科医生',
        decidedOn: todayIn(timeZone, baby.bornAt),
        note: '禁食，全肠外营养',
      };
      baby.feeding = events;
      return;
    }
    // Back with her mother after some days, then home a day or two later.
    supplement(
      admittedAfter + rng.int(180, 360),
      preterm ? '早产儿配方奶 5ml' : '配方奶 10ml',
      preterm ? '早产/低出生体重，医嘱喂养' : '新生儿科医嘱喂养',
    );
    const back = admittedAfter + nicuDays * 24 * 60 + rng.int(0, 300);
    baby.nicu.backAt = at(back);
    separation(admittedAfter, back, '转新生儿重症监护室', reason);
    events.push({ kind: 'first_breastfeed', startAt: at(back + rng.int(20, 90)) });
    discharge = dischargeTime(at(back), rng.int(1, 2), timeZone, rng);
    feeding = baby.propensity < 0.6 ? 'exclusive' : 'mixed';
  } else if (subject.replacementFeeding) {
    supplement(contactEnd + rng.int(5, 20), '配方奶 20ml', '母亲HIV感染，选择人工喂养');
    feeding = 'formula_only';
    baby.contraindication = {
      kind: 'maternal_hiv_replacement_feeding',
      decidedBy: '产科医生',
      decidedOn: todayIn(timeZone, baby.bornAt),
      note: '母亲HIV感染，知情选择人工喂养',
    };
  } else if (story === 'noFirstFeed') {
    // Nothing more yet: the ward has not recorded the first feed.
  } else if (subject.haemorrhage) {
    events.push({ kind: 'first_breastfeed', startAt: at(start + rng.int(10, 18)) });
    const from = contactEnd + rng.int(10, 40);
    separation(
      from,
      minutesTo(discharge) - rng.int(30, 90),
      '母亲产后出血转重症监护室抢救',
      '母亲病情危重',
    );
    supplement(from + rng.int(60, 120), '配方奶 20ml', '母亲病情危重，无法哺乳');
    feeding = 'formula_only';
  } else {
    // A caesarean's recovery room keeps some mothers away for more than an hour.
    const recovery = caesarean && rng.chance(0.15);
    let firstFeed: number;
    if (recovery) {
      const back = contactEnd + rng.int(61, 150);
      separation(contactEnd, back, '剖宫产术后母亲在复苏室观察');
      firstFeed = back + rng.int(5, 20);
    } else {
      const early = rng.chance(caesarean ? 0.75 : 0.9);
      // After a caesarean the first feed waits for the mother to be stitched and moved.
      const earliest = caesarean ? 30 : 15;
      firstFeed = Math.max(start + 5, early ? rng.int(earliest, 60) : rng.int(61, 120));
    }
    events.push({ kind: 'first_breastfeed', startAt: at(firstFeed) });
    if (rng.chance(0.04)) {
      // Low blood sugar: watched on the neonatal ward for a few hours, given a feed there.
      const from = firstFeed + rng.int(60, 240);
      separation(from, from + rng.int(70, 180), '新生儿低血糖，转新生儿科观察', '新生儿低血糖');
      supplement(from + rng.int(5, 30), '配方奶 15ml', '新生儿低血糖');
    } else if (rng.chance(0.1)) {
      // A short separation does not break rooming-in.
      const from = firstFeed + rng.int(120, 600);
      separation(from, from + rng.int(15, 50), '新生儿沐浴及听力筛查');
    }
    if (feeding === 'formula_only') {
      supplement(firstFeed + rng.int(240, 900), '配方奶 30ml（母亲要求人工喂养）');
    } else if (feeding === 'mixed') {
      supplement(rng.int(18 * 60, 40 * 60), '配方奶 30ml（家属认为奶水不足）');
    }
  }
  // The discharge comes after everything else of the stay.
  const last = Math.max(...events.map((e) => (e.endAt ?? e.startAt).getTime()));
  if (discharge.getTime() <= last) discharge = new Date(last + rng.int(30, 120) * MINUTE_MS);
  events.push({ kind: 'discharge', startAt: discharge, dischargeFeeding: feeding });
  baby.dischargeFeeding = feeding;
  baby.feeding = events.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  // The discharge stays last even when it shares a minute with another event.
  baby.feeding.sort((a, b) => Number(a.kind === 'discharge') - Number(b.kind === 'discharge'));
}

/** A stable seed for a text: the same pregnancy gets the same random stream in every run. */
export function seedOf(text: string): number {
  let hash = 2166136261;
  for (const character of text) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619);
  return hash >>> 0;
}

/**
 * The stay as the ward has recorded it by `now`: events that have happened; skin-to-skin and
 * separations once they have ended, except a NICU stay, recorded when it starts.
 */
export function recordedFeeding(baby: PlannedBaby, now: Date): FeedingEventDto[] {
  const happened = (instant: Date) => instant.getTime() <= now.getTime();
  return baby.feeding.flatMap((event) => {
    if (!happened(event.startAt)) return [];
    if (!event.endAt || happened(event.endAt)) return [event];
    if (isNicuStay(baby, event)) {
      const { endAt: _stillGoing, ...open } = event;
      return [open];
    }
    return [];
  });
}

/** The separation a NICU admission makes: recorded open, ended when the baby comes back. */
export function isNicuStay(baby: PlannedBaby, event: FeedingEventDto): boolean {
  return event.kind === 'separation' && baby.nicu !== null;
}
