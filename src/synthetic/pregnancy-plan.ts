import type { Day } from './calendar';
import type { FacilityPlan } from './context';

/** What the generator decided about one woman, kept while her pregnancies are written. */
export interface WomanPlan {
  id: number;
  birthDay: Day;
  heightCm: number;
  preWeightKg: number;
  facility: FacilityPlan;
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
  caesarean: boolean;
  motherDischargedAt: number | null; // null: still in hospital when the history ends
  maternalDeath: boolean;
  mode: string; // set when the delivery row is written
  hivReplacement: boolean; // an HIV-positive mother chose replacement feeding
  livingBabies: BabyPlan[]; // live-born babies, for feeding, follow-ups and exposed records
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
  facility: FacilityPlan;
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

/** 孕前体重 as given at registration: two pregnancies in three (by id, so no draw is spent). */
export function prePregnancyWeightOf(plan: Pick<PregnancyPlan, 'id' | 'woman'>): number | null {
  return plan.id % 3 !== 0 ? plan.woman.preWeightKg : null;
}
