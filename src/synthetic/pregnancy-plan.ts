import type { NoticeBaby } from '../episodes/rules/delivery-notices';
import type { Day } from './calendar';
import type { FacilityPlan } from './context';

/** What the generator decided about one woman, kept while her pregnancies are written. */
export interface WomanPlan {
  id: number;
  birthDay: Day;
  heightCm: number;
  preWeightKg: number;
  /** Registers and manages her pregnancies: the centre where she lives, or a hospital. */
  facility: FacilityPlan;
  documentType: string;
  migrant: boolean;
  /** Where she lives: 9 or 12 digits under a centre's 街道 (the district when no centre serves). */
  residenceRegionCode: string;
  /** 户籍: her district when local, elsewhere for a migrant, null without a mainland document. */
  hukouRegionCode: string | null;
  hukouAddress: string | null;
  /** A migrant's arrival at her address (null for a local woman, who has always lived there). */
  residenceSince: Day | null;
  parity: number;
  earlierLosses: number;
  previousCaesareans: number;
}

export interface VisitPlan {
  id: number;
  day: Day;
  ga: number;
  weightKg: number;
  heightCm: number | null;
  systolic: number;
  diastolic: number;
  haemoglobin: number;
  platelets: number;
  breech: boolean;
}

export type OutcomeKind =
  | 'delivery'
  | 'miscarriage'
  | 'termination'
  | 'ectopic'
  | 'transferred_out'
  | 'lost_to_follow_up'
  | 'maternal_death';

export type Disease = 'hiv' | 'syphilis' | 'hbsag';

export interface LateFactor {
  code: string;
  foundGa: number;
}

export interface DeliveryPlan {
  id: number;
  deliveredAt: number; // ms
  recordedBy: number; // a nurse of the delivering facility
  caesarean: boolean;
  motherDischargedAt: number | null; // null: still in hospital when the history ends
  maternalDeath: boolean;
  mode: string; // set when the delivery row is written
  hivReplacement: boolean; // an HIV-positive mother chose replacement feeding
  livingBabies: BabyPlan[]; // live-born babies, for feeding, follow-ups and exposed records
  babies: NoticeBaby[]; // every baby, for the delivery notice's high-risk reasons
}

/**
 * The delivery notice to the centre serving her 产休地: unrouted when none does, else sent and,
 * most often, acknowledged (by the centre's user; by the recorder when the centre delivered her).
 */
export interface NoticePlan {
  id: number;
  regionCode: string;
  targetFacilityId: number | null;
  sentAt: number; // ms, when the delivery was recorded
  acknowledgedAt: number | null;
  acknowledgedBy: number | null;
}

/** A referral received by a hospital of the cohort, which takes part in her care (examining). */
export interface ReferralPlan {
  id: number;
  receiver: FacilityPlan;
  referredBy: number;
  referredOn: Day;
  receivedDay: Day | null; // null: not received when the history ends
}

export interface BabyPlan {
  newbornId: number;
  birthOrder: number;
  bornAt: number;
  dischargedAt: number | null;
  diedAt: number | null;
  exclusiveAtDischarge: boolean;
}

/** The dating evidence on the pregnancy row, and a redating by a later scan if there was one. */
export interface DatingPlan {
  source: 'lmp' | 'ultrasound' | 'ivf';
  lmp: Day | null;
  scanDay: Day | null;
  scanGa: number | null;
  transferDay: Day | null;
  embryoAge: number | null;
  /** The LMP-based GA-0 day the EDD had until the scan on `on` redated it. */
  redated: { lmpStart: Day; on: Day } | null;
}

/** GA in days on `day` by the EDD the pregnancy had on that day. */
export function gaOn(plan: PregnancyPlan, day: Day): number {
  const redated = plan.dating.redated;
  return day - (redated !== null && day < redated.on ? redated.lmpStart : plan.start);
}

/** One pregnancy, planned before any of its rows is written. */
export interface PregnancyPlan {
  id: number;
  woman: WomanPlan;
  /** Registers and manages her: every antenatal record, and the 42-day check. */
  facility: FacilityPlan;
  /** Delivers her: the delivery, the babies and their stay; her own hospital or another. */
  deliveringFacility: FacilityPlan;
  /** 产休地 when not where she lives (null: her residence), and its address. */
  postpartumRegionCode: string | null;
  postpartumAddress: string | null;
  notice: NoticePlan | null;
  /** Makes the postpartum visit: the centre that acknowledged her notice, or her own facility. */
  postpartumVisitor: FacilityPlan | null;
  referral: ReferralPlan | null;
  start: Day; // GA 0+0 by the final EDD (EDD − 280)
  edd: Day;
  registration: Day;
  ageAtRegistration: number;
  fetusCount: number;
  ivf: boolean;
  previousCaesareans: number;
  outcome: OutcomeKind;
  /** The day the pregnancy ended (birth, loss), when that is in the history. */
  outcomeDay: Day | null;
  /** Last day this facility may see her antenatally. */
  careEnd: Day;
  status:
    | 'open'
    | 'delivered'
    | 'closed'
    | 'ended'
    | 'transferred_out'
    | 'lost_to_follow_up'
    | 'maternal_death';
  statusDay: Day | null;
  visits: VisitPlan[];
  screeningDay: Day | null;
  tickedAtScreening: string[];
  lateFactors: LateFactor[];
  /** Day each disease was confirmed positive (the confirmatory result), when it was. */
  confirmed: Record<Disease, Day | null>;
  /** The confirmatory test that proved each confirmed disease. */
  confirmationTestIds: Record<Disease, number | null>;
  /** Positive at a screening, confirmed or not: treated as infected at the birth. */
  screenedPositive: boolean;
  delivery: DeliveryPlan | null;
  postpartumVisitDay: Day | null;
  day42Day: Day | null;
  day42Recovered: boolean;
  day42Closes: boolean;
  dating: DatingPlan;
  /** Set by the risk simulation: the assessment made at each postpartum contact. */
  postpartumAssessmentId: number | null;
  day42AssessmentId: number | null;
}

/**
 * The facility that sees her on `day`: the delivering facility from the birth on, her own before.
 */
export function facilityOn(plan: PregnancyPlan, day: Day, deliveryDay: Day | null): FacilityPlan {
  return deliveryDay !== null && day >= deliveryDay ? plan.deliveringFacility : plan.facility;
}

/** 孕前体重 as given at registration: two pregnancies in three (by id, so no draw is spent). */
export function prePregnancyWeightOf(plan: Pick<PregnancyPlan, 'id' | 'woman'>): number | null {
  return plan.id % 3 !== 0 ? plan.woman.preWeightKg : null;
}
