export const PREGNANCY_STATUSES = [
  'open',
  'delivered',
  'closed',
  'ended',
  'transferred_out',
  'lost_to_follow_up',
  'maternal_death',
  /** A duplicate record of an episode, joined into the one kept by a merge review. */
  'merged',
] as const;
export type PregnancyStatus = (typeof PREGNANCY_STATUSES)[number];

/** How a pregnancy ended before delivery (status `ended`). */
export const END_OUTCOMES = ['miscarriage', 'termination', 'ectopic'] as const;
export type EndOutcome = (typeof END_OUTCOMES)[number];

/**
 * The allowed moves, declared once. After delivery the episode runs to the 42-day check, so a
 * woman can still die, move away or be lost in that time; those moves are allowed from
 * `delivered` too. A death can be recorded from any state but death itself: after a miscarriage,
 * termination, ectopic pregnancy or a closed episode it is a maternal death within 42 days of the
 * end of the pregnancy (rules/maternal-death), and the facility often learns of it late.
 */
export const PREGNANCY_TRANSITIONS: Readonly<Record<PregnancyStatus, readonly PregnancyStatus[]>> =
  {
    open: ['delivered', 'ended', 'transferred_out', 'lost_to_follow_up', 'maternal_death'],
    delivered: ['closed', 'transferred_out', 'lost_to_follow_up', 'maternal_death'],
    closed: ['maternal_death'],
    ended: ['maternal_death'],
    transferred_out: ['maternal_death'],
    lost_to_follow_up: ['maternal_death'],
    maternal_death: [],
    // Only a merge review sets or undoes it (MergesService), never a status change.
    merged: [],
  };

/** Moves that end the pregnancy itself, when it has not ended yet (a transfer or loss does not). */
export const ENDS_PREGNANCY: readonly PregnancyStatus[] = ['delivered', 'ended', 'maternal_death'];

/** Statuses that end the episode of care: its high-risk case closes with it. */
export const ENDS_EPISODE: readonly PregnancyStatus[] = [
  'closed',
  'ended',
  'transferred_out',
  'lost_to_follow_up',
  'maternal_death',
];

export function canTransition(from: PregnancyStatus, to: PregnancyStatus): boolean {
  return PREGNANCY_TRANSITIONS[from].includes(to);
}

export function isTerminal(status: PregnancyStatus): boolean {
  return ENDS_EPISODE.includes(status);
}

/**
 * The way back, declared beside the moves forward: a woman lost to follow-up or transferred out
 * who comes back in the same pregnancy has it reopened where it stood, `open` while the pregnancy
 * had not ended (no outcome date), `delivered` when she left after the birth.
 */
export const REOPENABLE_STATUSES: readonly PregnancyStatus[] = [
  'transferred_out',
  'lost_to_follow_up',
];

export function reopenedStatus(pregnancy: {
  status: PregnancyStatus;
  outcomeDate: string | null;
}): 'open' | 'delivered' | null {
  if (!REOPENABLE_STATUSES.includes(pregnancy.status)) return null;
  return pregnancy.outcomeDate === null ? 'open' : 'delivered';
}
