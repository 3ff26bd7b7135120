import type { ErrorDetail } from '../../core/errors/domain.error';
import { requireValidInstant, wholeMinutesBetween } from '../../core/time/instants';
import {
  HEPB_VACCINE_WITHIN_MINUTES_EXPOSED,
  HEPB_VACCINE_WITHIN_MINUTES_OTHERS,
  minutesLeft,
} from '../../pmtct/rules/pmtct-rules';

/**
 * The birth doses every live-born baby gets (DOMAIN.md §7): the hepatitis B vaccine within 24 hours
 * of birth, within 12 hours (with HBIG) when the mother is HBsAg-positive, and BCG. Windows in
 * whole minutes from birth, the last minute included: 23 h 59 min is within 24 h, 24 h 01 min is
 * not (PM-12).
 */
export const HEPB_BIRTH_DOSE_WITHIN_MINUTES = HEPB_VACCINE_WITHIN_MINUTES_OTHERS;

/** Babies stay on the worklist of missing doses for a week after birth, the longest usual stay. */
export const BIRTH_DOSE_WORKLIST_DAYS = 7;

/**
 * The window of the hepatitis B birth dose: 12 h when the mother has a positive HBsAg result
 * (screening or confirmatory: HBsAg needs no confirmation to act on), else 24 h.
 */
export function hepBBirthDoseWindowMinutes(motherHbsagPositive: boolean): number {
  return motherHbsagPositive ? HEPB_VACCINE_WITHIN_MINUTES_EXPOSED : HEPB_BIRTH_DOSE_WITHIN_MINUTES;
}

/** Given within the 24 hours every baby is owed (PM-12)? A dose before birth throws. */
export function hepBBirthDoseWithinDay(bornAt: Date, givenAt: Date): boolean {
  const minutes = wholeMinutesBetween(bornAt, givenAt);
  if (minutes < 0) throw new RangeError('A dose cannot be given before birth');
  return minutes <= HEPB_BIRTH_DOSE_WITHIN_MINUTES;
}

export interface BirthDoseDue {
  /** The start of the window's last minute: a dose before the next minute is on time. */
  deadline: Date;
  /** 0 in the window's last minute, negative once late. */
  minutesLeft: number;
  state: 'due' | 'overdue';
}

/** For a baby still without the hepatitis B dose: when its window closes, and how long is left. */
export function hepBBirthDoseDue(
  bornAt: Date,
  motherHbsagPositive: boolean,
  now: Date,
): BirthDoseDue {
  requireValidInstant('bornAt', bornAt);
  const window = hepBBirthDoseWindowMinutes(motherHbsagPositive);
  const left = minutesLeft(bornAt, window, now);
  return {
    deadline: new Date(bornAt.getTime() + window * 60_000),
    minutesLeft: left,
    state: left >= 0 ? 'due' : 'overdue',
  };
}

/** A birth dose is given between the birth and now, and not after the baby died. */
export function checkBirthDoseTime(
  givenAt: Date,
  baby: { bornAt: Date; diedAt: Date | null },
  now: Date,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (givenAt < baby.bornAt) {
    problems.push({
      field: 'givenAt',
      rule: 'afterBirth',
      message: `givenAt must not be before the birth (${baby.bornAt.toISOString()})`,
    });
  }
  if (givenAt > now) {
    problems.push({
      field: 'givenAt',
      rule: 'notFuture',
      message: 'givenAt must not be in the future',
    });
  }
  if (baby.diedAt && givenAt > baby.diedAt) {
    problems.push({
      field: 'givenAt',
      rule: 'beforeDeath',
      message: 'givenAt must not be after the death',
    });
  }
  return problems;
}
