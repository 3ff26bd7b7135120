import { addDays, daysBetween, type IsoDate } from '../core/time/calendar-date';
import {
  ADHERENCE_EVALUABLE_FROM_GA_DAYS,
  type Dispensing,
  daysCovered,
  type IntakeReport,
  type Survey,
} from '../folic-acid/rules/folic-acid';
import type { FacilityKey } from './demo-care';
import type { Rng } from './demo-people';

// Free folic acid (增补叶酸) for the demo pregnancies: who was given tablets when, who said what
// about taking them at a visit, and who was asked what they know. Pure planning, tuned so that
// among pregnancies past 13+0 about 90 % took it and about two in three were adherent; the seed
// checks every pregnancy's summary against the rules in folic-acid/rules.

export interface PlannedDispensing extends Dispensing {
  batchNumber: string;
}

/** What one pregnancy's records are planned from. */
export interface FolicSubject {
  facility: FacilityKey;
  registrationDate: IsoDate;
  /** The LMP the folic-acid service counts its windows from. */
  lmp: IsoDate;
  /** Her record is in the facility's books from this day, before this registration; else null. */
  knownFrom: IsoDate | null;
  /** Recorded at a pre-pregnancy check-up (POST /women) on `knownFrom`, given tablets that day. */
  advisedBeforeConception: boolean;
  /** No tablets for this pregnancy before this day (an earlier pregnancy ended then). */
  notBefore: IsoDate | null;
  /** Her antenatal visits, where an intake report is taken. */
  visits: readonly IsoDate[];
  /** Open with GA ≤ 12+6 today (by EDD): the worklist's early pregnancies. */
  earlyOpen: boolean;
  /** The day a delivered woman can be surveyed (discharge or the 42-day check); else null. */
  surveyOn: IsoDate | null;
}

export interface FolicRecords {
  dispensings: PlannedDispensing[];
  reports: IntakeReport[];
  surveys: Survey[];
}

type Intent = 'adherent' | 'late' | 'none';
type LateKind = 'atRegistration' | 'atSecondVisit' | 'estimate' | 'stoppedEarly';

const ADHERENT_SHARE = 0.62;
const NONE_SHARE = 0.06;
/** Early open pregnancies left without tablets, for the worklist. */
const EARLY_WITHOUT = 3;
const SURVEY_SHARE = 0.15;
const MIN_SURVEYS = 7;

const BOTTLES: Record<'0.4' | '0.8', readonly (readonly [[number, number], number])[]> = {
  '0.4': [
    [[3, 31], 45],
    [[1, 93], 25],
    [[2, 31], 10],
    [[1, 31], 5],
    [[2, 93], 10],
    [[3, 93], 5],
  ],
  '0.8': [
    [[2, 93], 50],
    [[3, 93], 30],
    [[3, 31], 20],
  ],
};

const LATE_KINDS: readonly (readonly [LateKind, number])[] = [
  ['atRegistration', 65],
  ['atSecondVisit', 20],
  ['estimate', 15],
];

export class FolicAcidPlanner {
  constructor(
    private readonly rng: Rng,
    private readonly today: IsoDate,
  ) {}

  /** Records per subject, in the same order. */
  plan(subjects: readonly FolicSubject[]): FolicRecords[] {
    const intents = this.intents(subjects);
    const records = subjects.map((subject, i) => this.records(subject, intents[i]));
    for (const facility of ['f1', 'f2'] as const) {
      this.surveys(
        subjects.flatMap((s, i) => (s.facility === facility ? [{ s, r: records[i] }] : [])),
      );
    }
    return records;
  }

  /** Someone planning a pregnancy: three months' tablets from `start`, refilled before they run out. */
  quarterlySupply(facility: FacilityKey, start: IsoDate): PlannedDispensing[] {
    const { rng, today } = this;
    const supplies: PlannedDispensing[] = [];
    for (let on = start; on <= today; on = addDays(on, 93 - rng.int(3, 10))) {
      const [bottles, tabletsPerBottle] = rng.chance(0.6) ? [3, 31] : [1, 93];
      supplies.push({
        dispensedOn: on,
        doseMg: 0.4,
        bottles,
        tabletsPerBottle,
        batchNumber: batchNumber(facility, on),
      });
    }
    return supplies;
  }

  /** Exact shares per facility among pregnancies past 13+0; early ones mostly dispensed. */
  private intents(subjects: readonly FolicSubject[]): Intent[] {
    const { rng, today } = this;
    const intents = subjects.map((): Intent => 'adherent');
    for (const facility of ['f1', 'f2'] as const) {
      const indexes = subjects.flatMap((s, i) => (s.facility === facility ? [i] : []));
      const closed = rng.shuffle(
        indexes.filter(
          (i) => daysBetween(subjects[i].lmp, today) >= ADHERENCE_EVALUABLE_FROM_GA_DAYS,
        ),
      );
      const adherent = Math.round(closed.length * ADHERENT_SHARE);
      const none = Math.round(closed.length * NONE_SHARE);
      closed.forEach((i, rank) => {
        intents[i] = rank < adherent ? 'adherent' : rank < closed.length - none ? 'late' : 'none';
      });
      const early = indexes.filter((i) => !closed.includes(i));
      for (const i of early) intents[i] = rng.chance(0.55) ? 'adherent' : 'late';
      // The most recently registered early pregnancies have not been given any yet.
      const waiting = early
        .filter((i) => subjects[i].earlyOpen && subjects[i].knownFrom === null)
        .sort((a, b) => daysBetween(subjects[a].registrationDate, subjects[b].registrationDate))
        .slice(0, EARLY_WITHOUT);
      for (const i of waiting) intents[i] = 'none';
    }
    // Women already in the books were advised before conception; most took it from then.
    return intents.map((intent, i) =>
      subjects[i].advisedBeforeConception ||
      (subjects[i].knownFrom !== null && intent === 'late' && rng.chance(0.7))
        ? 'adherent'
        : intent,
    );
  }

  private records(subject: FolicSubject, intent: Intent): FolicRecords {
    const { rng } = this;
    const records: FolicRecords = { dispensings: [], reports: [], surveys: [] };
    if (intent === 'none') return records;
    const dose: 0.4 | 0.8 = rng.chance(0.06) ? 0.8 : 0.4;
    const dispense = (on: IsoDate) => {
      const [bottles, tabletsPerBottle] = rng.weighted(BOTTLES[dose === 0.4 ? '0.4' : '0.8']);
      const dispensing = {
        dispensedOn: on,
        doseMg: dose,
        bottles,
        tabletsPerBottle,
        batchNumber: batchNumber(subject.facility, on),
      };
      records.dispensings.push(dispensing);
      return dispensing;
    };
    const { lmp, registrationDate } = subject;
    const visit = this.reportVisit(subject);

    if (intent === 'adherent') {
      const preconception = this.preconceptionStart(subject);
      if (preconception !== null) {
        // Given tablets before conception, and again each time they ran out.
        let supply = dispense(preconception);
        for (;;) {
          const runsOut = addDays(supply.dispensedOn, daysCovered(supply));
          const refill = addDays(runsOut, -rng.int(0, 7));
          if (refill >= registrationDate) break;
          supply = dispense(refill);
        }
        dispense(registrationDate);
        if (rng.chance(0.25)) {
          records.reports.push(this.adherentReport(subject, visit, addDays(preconception, 1)));
        }
        return records;
      }
      // Started on her own (community health centre, pharmacy) and says so at a visit; in early
      // pregnancy the nurse often leaves the question for the mid-pregnancy visit.
      const closed = daysBetween(lmp, this.today) >= ADHERENCE_EVALUABLE_FROM_GA_DAYS;
      const reports = closed || rng.chance(0.3);
      if (!reports || !rng.chance(0.1)) dispense(registrationDate);
      if (reports) {
        records.reports.push(this.adherentReport(subject, visit, addDays(lmp, -rng.int(20, 95))));
      }
      return records;
    }

    // Booked after month 3: the tablets come too late; half say they took some on their own.
    const lateBooking = daysBetween(lmp, registrationDate) > ADHERENCE_EVALUABLE_FROM_GA_DAYS - 7;
    const kind = lateBooking
      ? rng.pick(['stoppedEarly', 'atRegistration'] as const)
      : rng.weighted(LATE_KINDS);
    switch (kind) {
      case 'atRegistration':
        dispense(registrationDate);
        break;
      case 'atSecondVisit':
        // Out of stock at booking: given at the next visit, if that is still in month 3.
        dispense(
          subject.visits[1] && daysBetween(lmp, subject.visits[1]) <= 84
            ? subject.visits[1]
            : registrationDate,
        );
        break;
      case 'estimate':
        dispense(registrationDate);
        records.reports.push({
          reportedOn: visit,
          startedOn: null,
          stoppedOn: null,
          missedDays: null,
          estimatedDaysTaken: rng.int(25, 75),
        });
        break;
      case 'stoppedEarly': {
        // Began when the test was positive, stopped with morning sickness.
        const positiveTest = addDays(lmp, rng.int(28, 50));
        const startedOn = positiveTest < visit ? positiveTest : addDays(visit, -rng.int(3, 10));
        const stopped = addDays(startedOn, rng.int(18, 40));
        const stoppedOn = stopped < visit ? stopped : visit;
        dispense(registrationDate);
        records.reports.push({
          reportedOn: visit,
          startedOn,
          stoppedOn,
          missedDays: Math.min(rng.int(2, 8), Math.floor(daysBetween(startedOn, stoppedOn) / 3)),
          estimatedDaysTaken: null,
        });
        break;
      }
    }
    return records;
  }

  /** 1–3 months before the LMP, if her record was in the books then; else null. */
  private preconceptionStart(subject: FolicSubject): IsoDate | null {
    if (subject.knownFrom === null) return null;
    if (subject.advisedBeforeConception) return subject.knownFrom;
    let start = addDays(subject.lmp, -this.rng.int(30, 90));
    if (start < subject.knownFrom) start = subject.knownFrom;
    if (subject.notBefore !== null && start < subject.notBefore) start = subject.notBefore;
    return daysBetween(start, subject.lmp) >= 14 ? start : null;
  }

  /** Her account at a visit: started before the LMP, a few days missed, stopped after month 3 or not. */
  private adherentReport(subject: FolicSubject, visit: IsoDate, startedOn: IsoDate): IntakeReport {
    const { rng } = this;
    const sinceLmp = daysBetween(subject.lmp, visit);
    const stoppedOn =
      sinceLmp > 100 && rng.chance(0.6)
        ? addDays(subject.lmp, rng.int(88, Math.min(120, sinceLmp)))
        : null;
    const span = daysBetween(startedOn, stoppedOn ?? visit) + 1;
    return {
      reportedOn: visit,
      startedOn,
      stoppedOn,
      missedDays: rng.chance(0.6) ? rng.int(0, Math.floor(span * 0.07)) : null,
      estimatedDaysTaken: null,
    };
  }

  /** The first mid-pregnancy visit (13–28 weeks), when adherence is asked; else her last. */
  private reportVisit(subject: FolicSubject): IsoDate {
    const mid = subject.visits.find((v) => {
      const ga = daysBetween(subject.lmp, v);
      return ga >= ADHERENCE_EVALUABLE_FROM_GA_DAYS && ga < 196;
    });
    return mid ?? subject.visits[subject.visits.length - 1];
  }

  /** About 15 % of the women who delivered, at discharge or at the 42-day check. */
  private surveys(own: { s: FolicSubject; r: FolicRecords }[]): void {
    const { rng, today } = this;
    const delivered = rng.shuffle(
      own.filter(({ s }) => s.surveyOn !== null && s.surveyOn <= today),
    );
    const count = Math.min(
      delivered.length,
      Math.max(MIN_SURVEYS, Math.round(delivered.length * SURVEY_SHARE)),
    );
    delivered.slice(0, count).forEach(({ s, r }, index) => {
      // One in seven or so is not aware: she knows what it prevents but not when to take it.
      const unaware = index % 7 === 3;
      r.surveys.push({
        askedOn: s.surveyOn!,
        knowsPreventsNeuralTubeDefects: !unaware || rng.chance(0.5),
        knowsWhenToTake: !unaware,
      });
    });
  }
}

/** Stock arrives once a quarter: one batch per facility and quarter. */
function batchNumber(facility: FacilityKey, dispensedOn: IsoDate): string {
  const [year, month] = dispensedOn.split('-').map(Number);
  const quarterStart = month - ((month - 1) % 3);
  const produced = `${String(year).slice(2)}${String(quarterStart).padStart(2, '0')}`;
  return `YS${produced}${facility === 'f1' ? '08' : '15'}`;
}
