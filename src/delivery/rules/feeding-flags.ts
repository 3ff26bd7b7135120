import { wholeMinutesBetween } from '../../core/time/instants';
/**
 * Baby-Friendly flags for one live-born baby (DOMAIN.md §8, §9 BF-01..BF-05). Per baby: twins are
 * two babies, each evaluated with its own birth time and events.
 */
export interface Interval {
  start: Date;
  end: Date | null; // null = still going
}

export interface Separation extends Interval {
  medical: boolean;
}

export interface Supplement {
  at: Date;
  what: string;
  medicalReason: string | null; // null = no medical reason
}

export interface FlagResult {
  met: boolean;
  reason: string | null; // why it was not met; null when met
}

export const EARLY_SKIN_TO_SKIN_START_MINUTES = 5;
export const EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES = 60;
export const EARLY_INITIATION_MINUTES = 60;
export const ROOMING_IN_MAX_SEPARATION_MINUTES = 60;

const MET: FlagResult = { met: true, reason: null };

const notMet = (reason: string): FlagResult => ({ met: false, reason });

/**
 * Durations are compared in whole minutes, floored (59 min 59 s of contact is 59 minutes). The
 * start of skin-to-skin is the exception: "within 5 minutes" is counted to the second, so 5:00 is
 * early and 5:01 is not.
 */

/**
 * BF-01: one contact starts ≤ 5 min after birth and lasts ≥ 60 min on its own. Two shorter
 * contacts do not add up: the definition says "without interruption". An open contact runs to now.
 */
export function earlySkinToSkin(
  bornAt: Date,
  contacts: readonly Interval[],
  now: Date,
): FlagResult {
  const measured = contacts.map((contact) => {
    requireNotBeforeBirth(bornAt, contact.start, 'skin-to-skin start');
    const end = contact.end ?? now;
    requireOrdered(contact.start, end, contact.end === null ? 'open skin-to-skin' : 'skin-to-skin');
    return {
      startSeconds: Math.floor((contact.start.getTime() - bornAt.getTime()) / 1000),
      startMinutes: wholeMinutesBetween(bornAt, contact.start),
      durationMinutes: wholeMinutesBetween(contact.start, end),
      open: contact.end === null,
    };
  });
  if (measured.length === 0) return notMet('no skin-to-skin recorded');

  const early = measured.filter((c) => c.startSeconds <= EARLY_SKIN_TO_SKIN_START_MINUTES * 60);
  if (early.length === 0) {
    const first = measured.reduce((a, b) => (b.startSeconds < a.startSeconds ? b : a));
    const seconds = String(first.startSeconds % 60).padStart(2, '0');
    return notMet(`skin-to-skin started ${first.startMinutes}:${seconds} after birth`);
  }
  if (early.some((c) => c.durationMinutes >= EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES)) return MET;

  const longest = early.reduce((a, b) => (b.durationMinutes > a.durationMinutes ? b : a));
  const soFar = longest.open ? ' so far' : '';
  return notMet(
    `skin-to-skin lasted ${longest.durationMinutes} min without interruption${soFar}` +
      ` (needs ${EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES})`,
  );
}

/** BF-02: first breastfeed ≤ 60 min after birth. */
export function earlyInitiation(bornAt: Date, firstBreastfeedAt: Date | null): FlagResult {
  if (firstBreastfeedAt === null) return notMet('no first breastfeed recorded');
  requireNotBeforeBirth(bornAt, firstBreastfeedAt, 'first breastfeed');
  const minutes = wholeMinutesBetween(bornAt, firstBreastfeedAt);
  return minutes <= EARLY_INITIATION_MINUTES
    ? MET
    : notMet(`first breastfeed ${minutes} min after birth`);
}

/**
 * BF-03, strict: no separation during the stay longer than 60 min, medical or not. An open
 * separation runs to discharge, else to now; time after discharge is not part of the stay.
 * DOMAIN.md §9 reports medical separations both ways: for the other way pass only the
 * separations with `medical: false`.
 */
export function roomingIn(
  separations: readonly Separation[],
  dischargeAt: Date | null,
  now: Date,
): FlagResult {
  const longest = separations
    .map((s) => ({ minutes: minutesInStay(s, dischargeAt, now), medical: s.medical }))
    .reduce<{ minutes: number; medical: boolean } | null>(
      (a, b) => (a === null || b.minutes > a.minutes ? b : a),
      null,
    );
  if (longest === null || longest.minutes <= ROOMING_IN_MAX_SEPARATION_MINUTES) return MET;
  const kind = longest.medical ? 'medical' : 'non-medical';
  return notMet(`separated from mother for ${longest.minutes} min (${kind})`);
}

// The part of a separation that falls in the stay: after discharge they are apart by design.
function minutesInStay(separation: Separation, dischargeAt: Date | null, now: Date): number {
  const { start, end } = separation;
  if (end !== null) requireOrdered(start, end, 'separation');
  if (dischargeAt !== null && start >= dischargeAt) return 0;
  const stayEnd = dischargeAt ?? now;
  if (end === null && stayEnd < start) throw new RangeError('The separation starts after now');
  const endInStay = end === null || end > stayEnd ? stayEnd : end;
  return wholeMinutesBetween(start, endInStay);
}

export interface ExclusiveResult {
  strict: FlagResult; // any supplement fails it
  exceptMedical: FlagResult; // supplements with a medical reason do not fail it
}

/**
 * BF-04: nothing but breast milk from birth to discharge (to now while still in hospital).
 * Supplements after discharge belong to the follow-up, not the stay, and are ignored. A discharge
 * on formula or mixed feeding fails both ways, whatever supplements were recorded: other milk was
 * given, recorded or not.
 */
export function exclusiveDuringStay(
  supplements: readonly Supplement[],
  bornAt: Date,
  dischargeAt: Date | null,
  dischargeFeeding: DischargeFeeding | null = null,
): ExclusiveResult {
  if (dischargeAt !== null) requireNotBeforeBirth(bornAt, dischargeAt, 'discharge');
  for (const s of supplements) requireNotBeforeBirth(bornAt, s.at, `supplement (${s.what})`);
  const duringStay = supplements
    .filter((s) => dischargeAt === null || s.at <= dischargeAt)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const withoutMedicalReason = duringStay.filter((s) => !hasMedicalReason(s));
  if (dischargeFeeding === 'mixed' || dischargeFeeding === 'formula_only') {
    const atDischarge = notMet(`feeding at discharge: ${dischargeFeeding}`);
    return { strict: atDischarge, exceptMedical: atDischarge };
  }
  return {
    strict: exclusiveVerdict(duringStay, bornAt),
    exceptMedical: exclusiveVerdict(withoutMedicalReason, bornAt),
  };
}

// A blank reason is no reason: the form field was left empty.
function hasMedicalReason(s: Supplement): boolean {
  return s.medicalReason !== null && s.medicalReason.trim() !== '';
}

function exclusiveVerdict(supplementsInOrder: readonly Supplement[], bornAt: Date): FlagResult {
  if (supplementsInOrder.length === 0) return MET;
  const first = supplementsInOrder[0];
  const why = hasMedicalReason(first)
    ? `medical reason: ${first.medicalReason}`
    : 'no medical reason';
  const more = supplementsInOrder.length > 1 ? ` and ${supplementsInOrder.length - 1} more` : '';
  const minutes = wholeMinutesBetween(bornAt, first.at);
  return notMet(`given ${first.what} ${minutes} min after birth (${why})${more}`);
}

export const DISCHARGE_FEEDING = ['exclusive', 'mixed', 'formula_only', 'none'] as const;
export type DischargeFeeding = (typeof DISCHARGE_FEEDING)[number];

/** BF-05: any breast milk at discharge, exclusive or mixed. */
export function breastfeedingAtDischarge(feeding: DischargeFeeding | null): FlagResult {
  if (feeding === null) return notMet('no feeding at discharge recorded');
  if (feeding === 'exclusive' || feeding === 'mixed') return MET;
  return notMet(`feeding at discharge: ${feeding}`);
}

/**
 * Worklist: no first breastfeed recorded and the early-initiation window has closed, i.e. at
 * least 61 whole minutes since birth (in minute 60 the baby can still be put to the breast).
 */
export function firstFeedOverdue(bornAt: Date, firstBreastfeedAt: Date | null, now: Date): boolean {
  if (firstBreastfeedAt !== null) {
    requireNotBeforeBirth(bornAt, firstBreastfeedAt, 'first breastfeed');
    return false;
  }
  return wholeMinutesBetween(bornAt, now) > EARLY_INITIATION_MINUTES;
}

function requireValidDate(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError('Not a valid date-time');
}

function requireNotBeforeBirth(bornAt: Date, at: Date, what: string): void {
  requireValidDate(bornAt);
  requireValidDate(at);
  if (at < bornAt) throw new RangeError(`The ${what} cannot be before birth`);
}

function requireOrdered(start: Date, end: Date, what: string): void {
  requireValidDate(start);
  requireValidDate(end);
  if (end < start) throw new RangeError(`The ${what} cannot end before it starts`);
}
