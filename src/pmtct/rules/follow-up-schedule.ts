import {
  type Disease,
  type FollowUpVisit,
  HIV_INFANT_FOLLOW_UP,
  SYPHILIS_CHILD_FOLLOW_UP,
} from './pmtct-rules';

/** The follow-up visits of a child whose mother is confirmed positive for these diseases. */
export function followUpScheduleFor(positive: readonly Disease[]): FollowUpVisit[] {
  return [
    ...(positive.includes('hiv') ? HIV_INFANT_FOLLOW_UP : []),
    ...(positive.includes('syphilis') ? SYPHILIS_CHILD_FOLLOW_UP : []),
  ];
}
