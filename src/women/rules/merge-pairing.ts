import { daysBetween, type IsoDate } from '../../core/time/calendar-date';

/**
 * Two pregnancies of one woman whose EDDs are at most this many days apart are one pregnancy
 * recorded twice: two facilities date one pregnancy a few weeks apart at most, and a second
 * pregnancy cannot be due within six weeks of the first (an 8-week loss and an immediate new
 * conception put the EDDs some 10 weeks apart).
 */
export const SAME_PREGNANCY_EDD_DAYS = 42;

export interface MergeablePregnancy {
  id: number;
  edd: IsoDate;
  registrationDate: IsoDate;
  /** The day the pregnancy ended (delivery, loss, death); null while it goes on. */
  outcomeDate: IsoDate | null;
}

export interface MergePlan<T extends MergeablePregnancy> {
  /** One pregnancy recorded twice: `absorbed` is joined into `survivor`. */
  pairs: Array<{ survivor: T; absorbed: T }>;
  /** The duplicate woman's other pregnancies: they move to the kept woman as they are. */
  moved: T[];
}

/**
 * How a merge joins the pregnancies of the duplicate woman with those of the kept one. Each of
 * her pregnancies is paired with the kept woman's closest one by EDD within
 * SAME_PREGNANCY_EDD_DAYS (each kept pregnancy pairs once). Of a pair, the record that knows how
 * the pregnancy ended continues (its outcome is the one recorded); otherwise the kept woman's.
 */
export function planMerge<T extends MergeablePregnancy>(
  kept: readonly T[],
  duplicate: readonly T[],
): MergePlan<T> {
  const free = new Set(kept);
  const pairs: MergePlan<T>['pairs'] = [];
  const moved: T[] = [];
  const byEdd = [...duplicate].sort((a, b) => a.edd.localeCompare(b.edd) || a.id - b.id);
  for (const pregnancy of byEdd) {
    const partner = closest(pregnancy, free);
    if (partner === null) {
      moved.push(pregnancy);
      continue;
    }
    free.delete(partner);
    const duplicateContinues = partner.outcomeDate === null && pregnancy.outcomeDate !== null;
    pairs.push(
      duplicateContinues
        ? { survivor: pregnancy, absorbed: partner }
        : { survivor: partner, absorbed: pregnancy },
    );
  }
  return { pairs, moved };
}

function closest<T extends MergeablePregnancy>(pregnancy: T, candidates: Set<T>): T | null {
  let best: T | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = Math.abs(daysBetween(pregnancy.edd, candidate.edd));
    if (distance <= SAME_PREGNANCY_EDD_DAYS && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The joined episode was registered (建册) when either record was first, by that facility. */
export function earlierRegistration<T extends MergeablePregnancy>(a: T, b: T): T {
  return b.registrationDate < a.registrationDate ? b : a;
}
