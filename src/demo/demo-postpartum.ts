import type {
  BREASTFEEDING_PROBLEMS,
  BREASTFEEDING_REFERRALS,
  FOLLOW_UP_CONTACTS,
} from '../breastfeeding/breastfeeding.entities';
import type { Recall } from '../breastfeeding/rules/feeding-recall';
import {
  PHONE_FOLLOW_UP_MONTHS,
  phoneFollowUpDate,
  phoneFollowUpState,
} from '../breastfeeding/rules/postpartum-schedule';
import { addDays, daysBetween, type IsoDate } from '../core/time/calendar-date';
import type { DischargeFeeding } from '../delivery/rules/feeding-flags';
import type { FacilityKey } from './demo-care';
import { Rng } from './demo-people';

// After the birth (DOMAIN.md §3, §8): the postpartum visit within a week of discharge, the 42-day
// check that closes the case (or refers her on), and the breastfeeding follow-ups with their
// 24-hour recall at both and by phone at 4 and 6 months. Exclusive breastfeeding falls from about
// three in four at the visit to under a third at 6 months. Pure planning.

export type FollowUpContact = (typeof FOLLOW_UP_CONTACTS)[number];
export type Problem = (typeof BREASTFEEDING_PROBLEMS)[number];
type Referral = (typeof BREASTFEEDING_REFERRALS)[number];

export interface PostpartumBaby {
  bornAt: Date;
  /** The hospital's calendar day of the birth. */
  birthDate: IsoDate;
  /** Born alive and alive when the follow-ups start. */
  followed: boolean;
  propensity: number;
  dischargeFeeding: DischargeFeeding | null;
}

export interface PostpartumSubject {
  facility: FacilityKey;
  deliveredOn: IsoDate;
  caesarean: boolean;
  /** The mother's discharge day, once it has happened; null before it, or if she died. */
  dischargedOn: IsoDate | null;
  /** The pregnancy stays delivered (its postpartum visit shows on the worklist when missing). */
  staysDelivered: boolean;
  /** The 42-day check the plan closes the case with, or refers her from. */
  day42: { on: IsoDate; disposition: 'close' | 'refer' } | null;
  /** She left our care after the birth (moved, lost, died): no visit, no check. */
  leftOn: IsoDate | null;
  /** Her phone still reaches her family: the 4- and 6-month calls. */
  reachable: boolean;
  babies: PostpartumBaby[];
}

export interface PlannedContact {
  kind: 'postpartum_visit' | 'day42_check';
  on: IsoDate;
  findings: string;
  classification?: 'recovered' | 'not_recovered';
  disposition?: 'close' | 'refer';
}

export interface PlannedFollowUp {
  baby: number;
  contact: FollowUpContact;
  on: IsoDate;
  recall: Recall;
  problems: Problem[];
  guidance?: string;
  referral?: Referral;
  /** The clinic's answer, entered on its day (PATCH …/referral-outcome). */
  referralOutcome: { on: IsoDate; text: string } | null;
}

export interface PostpartumPlan {
  visit: PlannedContact | null;
  day42: PlannedContact | null;
  followUps: PlannedFollowUp[];
}

type Stage = 'postpartum_visit' | 'day42_check' | 'phone_4m' | 'phone_6m';

/** Share still breastfeeding exclusively (24-hour recall) at each contact. */
const EXCLUSIVE_SHARE: Record<Stage, number> = {
  postpartum_visit: 0.76,
  day42_check: 0.61,
  phone_4m: 0.46,
  phone_6m: 0.31,
};

const PROBLEMS: Record<Stage, { chance: number; kinds: readonly (readonly [Problem, number])[] }> =
  {
    postpartum_visit: {
      chance: 0.2,
      kinds: [
        ['sore_or_cracked_nipples', 40],
        ['engorgement', 35],
        ['not_latching', 10],
        ['perceived_low_supply', 15],
      ],
    },
    day42_check: {
      chance: 0.14,
      kinds: [
        ['perceived_low_supply', 45],
        ['mastitis', 30],
        ['sore_or_cracked_nipples', 25],
      ],
    },
    phone_4m: {
      chance: 0.16,
      kinds: [
        ['return_to_work', 60],
        ['perceived_low_supply', 40],
      ],
    },
    phone_6m: {
      chance: 0.12,
      kinds: [
        ['return_to_work', 70],
        ['other', 30],
      ],
    },
  };

const GUIDANCE: Record<Problem, string> = {
  sore_or_cracked_nipples: '纠正含接姿势，哺乳后涂抹乳汁，暴露乳头保持干燥',
  engorgement: '增加哺乳次数，哺乳前热敷、哺乳后冷敷，必要时手挤奶',
  mastitis: '继续哺乳并排空乳房，患侧冷敷，转乳腺门诊评估是否需要抗生素',
  perceived_low_supply: '按需哺乳，每日8-12次，观察尿量及体重增长，不急于添加配方奶',
  not_latching: '指导正确含接，采用橄榄球式抱姿，转母乳喂养咨询门诊',
  return_to_work: '指导挤奶及母乳储存，告知哺乳假政策，上班前两周开始练习奶瓶喂母乳',
  other: '指导6月龄起添加辅食，继续母乳喂养至2岁或以上',
};

const REFERRALS: Partial<Record<Problem, { to: Referral; chance: number; outcome: string }>> = {
  mastitis: {
    to: 'breast_clinic',
    chance: 1,
    outcome: '乳腺门诊：急性乳腺炎，口服头孢类抗生素，继续哺乳，已好转',
  },
  not_latching: {
    to: 'consultation_clinic',
    chance: 0.6,
    outcome: '咨询门诊：舌系带正常，含接姿势纠正后可有效吸吮',
  },
  perceived_low_supply: {
    to: 'consultation_clinic',
    chance: 0.3,
    outcome: '咨询门诊：婴儿体重增长正常，乳汁分泌充足，继续纯母乳喂养',
  },
};

const VISIT_FINDINGS = [
  '子宫复旧好，恶露量少色淡，乳房无红肿，乳汁充足',
  '体温正常，子宫复旧好，会阴伤口愈合良好，新生儿吃奶好',
  '子宫底脐下三指，恶露血性量少，乳汁分泌可，新生儿脐带未脱落',
];
const CAESAREAN_FINDINGS = '腹部切口愈合良好，子宫复旧好，恶露量少，乳汁充足';
const DAY42_FINDINGS = '子宫恢复正常大小，恶露已净，血压及血常规正常，盆底功能评估正常';
const DAY42_REFER = [
  '血压148/96mmHg，尿蛋白(+)，妊娠期高血压未恢复，转心内科',
  '血红蛋白92g/L，产后中度贫血未纠正，转内科',
];

export class PostpartumPlanner {
  constructor(
    private readonly rng: Rng,
    private readonly today: IsoDate,
  ) {}

  plan(subjects: readonly PostpartumSubject[]): PostpartumPlan[] {
    const plans = subjects.map((s) => this.planOne(s));
    for (const facility of ['f1', 'f2'] as const) {
      const own = subjects.flatMap((s, i) => (s.facility === facility ? [i] : []));
      this.leaveOneVisitOverdue(subjects, plans, own);
      this.leaveCallsDue(subjects, plans, own, 2);
      this.leaveOneProblemOpen(subjects, plans, own);
      this.referOneToTheBreastClinic(plans, own);
    }
    return plans;
  }

  private planOne(subject: PostpartumSubject): PostpartumPlan {
    const { rng, today } = this;
    const plan: PostpartumPlan = { visit: null, day42: null, followUps: [] };
    const before = (date: IsoDate) =>
      date <= today && (subject.leftOn === null || date < subject.leftOn);
    if (subject.dischargedOn && subject.leftOn === null) {
      // Most within the week after discharge, a few later, a few not at all.
      const roll = rng.next();
      const on =
        roll < 0.88
          ? addDays(subject.dischargedOn, rng.int(1, 7))
          : roll < 0.94
            ? addDays(subject.dischargedOn, rng.int(8, 20))
            : null;
      if (on && before(on) && (subject.day42 === null || on < subject.day42.on)) {
        plan.visit = {
          kind: 'postpartum_visit',
          on,
          findings: subject.caesarean ? CAESAREAN_FINDINGS : rng.pick(VISIT_FINDINGS),
        };
      }
    }
    if (subject.day42) {
      const refer = subject.day42.disposition === 'refer';
      plan.day42 = {
        kind: 'day42_check',
        on: subject.day42.on,
        findings: refer ? rng.pick(DAY42_REFER) : DAY42_FINDINGS,
        classification: refer ? 'not_recovered' : 'recovered',
        disposition: subject.day42.disposition,
      };
    }
    subject.babies.forEach((baby, index) => {
      if (!baby.followed) return;
      const { birthDate } = baby;
      const contacts: { stage: Stage; on: IsoDate }[] = [];
      if (plan.visit) contacts.push({ stage: 'postpartum_visit', on: plan.visit.on });
      if (plan.day42) contacts.push({ stage: 'day42_check', on: plan.day42.on });
      for (const months of [4, 6] as const) {
        const on = addDays(phoneFollowUpDate(birthDate, months), rng.int(-7, 10));
        // A few calls are never made; the worklist shows them.
        if (subject.reachable && on <= today && rng.chance(0.93)) {
          contacts.push({ stage: months === 4 ? 'phone_4m' : 'phone_6m', on });
        }
      }
      for (const { stage, on } of contacts) {
        const recall = recallAt(baby, stage, rng);
        const followUp: PlannedFollowUp = {
          baby: index,
          contact: stage,
          on,
          recall,
          problems: [],
          referralOutcome: null,
        };
        // The mother's problems are recorded once, with her first baby.
        if (index === 0 && recall.breastMilk && rng.chance(PROBLEMS[stage].chance)) {
          this.addProblem(followUp, rng.weighted(PROBLEMS[stage].kinds));
          plan.followUps.push(followUp);
          // A call within three days to see it settled.
          const again = addDays(on, rng.int(1, 3));
          if (again <= today) {
            plan.followUps.push({
              baby: index,
              contact: 'other',
              on: again,
              recall,
              problems: [],
              guidance: '电话回访：问题已缓解，继续母乳喂养',
              referralOutcome: null,
            });
          }
          continue;
        }
        plan.followUps.push(followUp);
      }
    });
    plan.followUps.sort((a, b) => daysBetween(b.on, a.on) || a.baby - b.baby);
    return plan;
  }

  private addProblem(followUp: PlannedFollowUp, problem: Problem): void {
    const { rng, today } = this;
    followUp.problems = [problem];
    followUp.guidance = GUIDANCE[problem];
    const referral = REFERRALS[problem];
    if (referral && rng.chance(referral.chance)) {
      followUp.referral = referral.to;
      const on = addDays(followUp.on, rng.int(2, 7));
      followUp.referralOutcome = on <= today ? { on, text: referral.outcome } : null;
    }
  }

  /** At least one mother discharged over a week ago without her postpartum visit. */
  private leaveOneVisitOverdue(
    subjects: readonly PostpartumSubject[],
    plans: PostpartumPlan[],
    own: number[],
  ): void {
    const overdue = (i: number) =>
      subjects[i].staysDelivered &&
      subjects[i].dischargedOn !== null &&
      subjects[i].leftOn === null &&
      daysBetween(subjects[i].dischargedOn, this.today) >= 9;
    const candidates = own.filter(overdue);
    if (candidates.some((i) => plans[i].visit === null)) return;
    const i = candidates.sort((a, b) =>
      daysBetween(subjects[b].dischargedOn!, subjects[a].dischargedOn!),
    )[0];
    if (i === undefined) throw new Error('Demo plan: no mother can miss her postpartum visit');
    const visit = plans[i].visit!;
    plans[i].visit = null;
    plans[i].followUps = plans[i].followUps.filter(
      (f) =>
        !(f.contact === 'postpartum_visit' && f.on === visit.on) &&
        !(f.contact === 'other' && f.on <= addDays(visit.on, 3)),
    );
  }

  /** At least `minimum` 4- or 6-month calls due or missed: those whose window opened last. */
  private leaveCallsDue(
    subjects: readonly PostpartumSubject[],
    plans: PostpartumPlan[],
    own: number[],
    minimum: number,
  ): void {
    const { today } = this;
    const calls = own.flatMap((i) =>
      subjects[i].babies.flatMap((baby, index) =>
        baby.followed && daysBetween(baby.birthDate, today) < 230
          ? PHONE_FOLLOW_UP_MONTHS.flatMap((months) => {
              const state = phoneFollowUpState(baby.birthDate, months, null, today);
              if (state !== 'due' && state !== 'overdue') return [];
              const done = plans[i].followUps.some(
                (f) => f.baby === index && f.contact === `phone_${months}m`,
              );
              return [
                { i, index, months, done, opened: phoneFollowUpDate(baby.birthDate, months) },
              ];
            })
          : [],
      ),
    );
    const missing = minimum - calls.filter((c) => !c.done).length;
    const made = calls.filter((c) => c.done).sort((a, b) => daysBetween(a.opened, b.opened));
    if (missing > 0 && made.length === 0) {
      throw new Error('Demo plan: no baby is of an age for a 4- or 6-month call');
    }
    for (const call of made.slice(0, Math.max(0, missing))) {
      const followUp = plans[call.i].followUps.find(
        (f) => f.baby === call.index && f.contact === `phone_${call.months}m`,
      )!;
      plans[call.i].followUps = plans[call.i].followUps.filter(
        (f) =>
          f !== followUp &&
          !(f.contact === 'other' && f.on > followUp.on && f.on <= addDays(followUp.on, 3)),
      );
    }
  }

  /**
   * At least one mastitis referred to the breast clinic, with its answer: a settled problem of
   * some weeks ago becomes one, or else a contact too old for the problem worklist.
   */
  private referOneToTheBreastClinic(plans: PostpartumPlan[], own: number[]): void {
    const { today } = this;
    const followUps = own.flatMap((i) => plans[i].followUps.map((f) => ({ i, f })));
    if (followUps.some(({ f }) => f.referral === 'breast_clinic')) return;
    const settled = ({ i, f }: { i: number; f: PlannedFollowUp }) =>
      plans[i].followUps.some(
        (g) =>
          g.baby === f.baby && g.contact === 'other' && g.on > f.on && g.on <= addDays(f.on, 3),
      );
    const old = (f: PlannedFollowUp, days: number) =>
      f.contact !== 'other' && daysBetween(f.on, today) >= days;
    const chosen =
      followUps.find((x) => x.f.problems.length > 0 && old(x.f, 10) && settled(x)) ??
      followUps.find((x) => x.f.baby === 0 && x.f.recall.breastMilk && old(x.f, 95));
    if (!chosen) throw new Error('Demo plan: no follow-up can show a breast clinic referral');
    // Mastitis is always referred (REFERRALS), and the answer comes within a week.
    this.addProblem(chosen.f, 'mastitis');
  }

  /** One breastfeeding problem in the last weeks that nobody has followed up. */
  private leaveOneProblemOpen(
    subjects: readonly PostpartumSubject[],
    plans: PostpartumPlan[],
    own: number[],
  ): void {
    const { today } = this;
    const recent = (f: PlannedFollowUp, from: number) =>
      f.contact !== 'other' && daysBetween(f.on, today) >= 4 && daysBetween(f.on, today) <= from;
    for (const window of [40, 85]) {
      const withProblem = own
        .flatMap((i) =>
          plans[i].followUps
            .filter((f) => f.problems.length > 0 && recent(f, window))
            .map((f) => ({ i, f })),
        )
        .sort((a, b) => daysBetween(a.f.on, b.f.on));
      const chosen =
        withProblem[0] ??
        own
          .flatMap((i) =>
            plans[i].followUps
              .filter(
                (f) =>
                  f.baby === 0 &&
                  f.recall.breastMilk &&
                  f.problems.length === 0 &&
                  recent(f, window),
              )
              .map((f) => ({ i, f })),
          )
          .sort((a, b) => daysBetween(a.f.on, b.f.on))[0];
      if (!chosen) continue;
      const { i, f } = chosen;
      if (f.problems.length === 0) this.addProblem(f, 'engorgement');
      plans[i].followUps = plans[i].followUps.filter(
        (g) => !(g.contact === 'other' && g.on > f.on && g.on <= addDays(f.on, 3)),
      );
      return;
    }
    throw new Error(
      `Demo plan: no breastfeeding follow-up at ${subjects[own[0]]?.facility} can show a problem`,
    );
  }
}

/** What the baby had in the last 24 hours at this contact. */
function recallAt(baby: PostpartumBaby, stage: Stage, rng: Rng): Recall {
  const none = { water: false, formulaOrOtherMilk: false, otherLiquids: false, solids: false };
  const drops = rng.chance(0.3); // vitamin AD drops do not change the class
  if (baby.propensity < EXCLUSIVE_SHARE[stage]) {
    return { breastMilk: true, ...none, orsDropsMedicine: drops };
  }
  const solids = stage === 'phone_6m' && rng.chance(0.6);
  if (baby.dischargeFeeding === 'formula_only' || baby.propensity >= 0.97) {
    return {
      breastMilk: false,
      ...none,
      formulaOrOtherMilk: true,
      solids,
      orsDropsMedicine: drops,
    };
  }
  if (rng.chance(0.25)) return { breastMilk: true, ...none, water: true, orsDropsMedicine: drops };
  return { breastMilk: true, ...none, formulaOrOtherMilk: true, solids, orsDropsMedicine: drops };
}
