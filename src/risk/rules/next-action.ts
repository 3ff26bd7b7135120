import { compareIsoDates, type IsoDate } from '../../core/time/calendar-date';

export type NextAction =
  | 'report_late'
  | 'report_due'
  | 'referral_follow_up_late'
  | 'referral_follow_up_due'
  | 'assign_clinician'
  | 'write_plan'
  | 'follow_up';

export interface CaseFacts {
  /** Reports of ORANGE/RED gradings not yet sent. */
  unsentReportDueTimes: readonly Date[];
  /** Referrals whose result is not yet followed up. */
  referralFollowUpDueDates: readonly IsoDate[];
  responsibleClinicianId: number | null;
  plan: string | null;
}

export interface NextStep {
  action: NextAction;
  /** ISO instant for a report, ISO date for a referral, null otherwise. */
  dueAt: string | null;
}

/**
 * What the high-risk register shows as a case's next action: anything overdue first (a late
 * report, then a late referral follow-up), then what is due, then the gaps in the case itself.
 */
export function nextAction(facts: CaseFacts, now: Date, today: IsoDate): NextStep {
  const report = [...facts.unsentReportDueTimes].sort((a, b) => a.getTime() - b.getTime())[0];
  const referral = [...facts.referralFollowUpDueDates].sort(compareIsoDates)[0];
  if (report && report.getTime() < now.getTime()) {
    return { action: 'report_late', dueAt: report.toISOString() };
  }
  if (referral && compareIsoDates(referral, today) < 0) {
    return { action: 'referral_follow_up_late', dueAt: referral };
  }
  if (report) return { action: 'report_due', dueAt: report.toISOString() };
  if (referral) return { action: 'referral_follow_up_due', dueAt: referral };
  if (facts.responsibleClinicianId === null) return { action: 'assign_clinician', dueAt: null };
  if (!facts.plan) return { action: 'write_plan', dueAt: null };
  return { action: 'follow_up', dueAt: null };
}
