import { type IsoDate, startOfDayIn } from '../core/time/calendar-date';
import type { RecordDeliveryDto } from '../delivery/dto/delivery.dto';
import { Rng } from './demo-people';

// A pregnancy becomes delivered by recording its delivery (POST /pregnancies/{id}/delivery), not
// by a status change: the births the demo plans, with plausible babies. Pure.

const HOUR_MS = 3_600_000;

const CAESAREAN_INDICATIONS = ['瘢痕子宫', '胎儿窘迫', '臀位', '头盆不称', '前置胎盘'];

export interface PlannedBirth {
  date: IsoDate;
  /** The status reason the plan gives: it says caesarean (剖宫产) or not. */
  reason: string;
  gaDays: number;
  fetusCount: number;
  /** She died of a postpartum haemorrhage days later. */
  haemorrhage: boolean;
  /** A stable text (her document), so the same demo gives the same babies. */
  key: string;
}

export function deliveryInput(
  birth: PlannedBirth,
  timeZone: string,
  now: Date = new Date(),
): RecordDeliveryDto {
  const rng = new Rng(seedOf(birth.key));
  const dayStart = startOfDayIn(birth.date, timeZone).getTime();
  // Born today: some time since midnight, never in the future.
  const latest = Math.min(dayStart + 24 * HOUR_MS, now.getTime()) - 30 * 60_000;
  const deliveredAt = new Date(
    Math.max(dayStart, Math.min(latest, dayStart + rng.int(1, 23) * HOUR_MS)),
  );
  const caesarean = birth.reason.includes('剖宫产');
  const mode = caesarean
    ? 'caesarean'
    : rng.chance(0.05)
      ? 'assisted_vaginal'
      : 'spontaneous_vaginal';
  // About 3.3 kg at term, lighter the earlier she delivered, and lighter for twins.
  const termWeight = 3300 - Math.max(0, 280 - birth.gaDays) * 26 - (birth.fetusCount > 1 ? 600 : 0);
  return {
    deliveredAt,
    place: 'this_facility',
    mode,
    ...(caesarean && rng.chance(0.8)
      ? { caesareanIndication: rng.pick(CAESAREAN_INDICATIONS) }
      : {}),
    ...(birth.haemorrhage
      ? { complications: '产后出血', bloodLossMl: rng.int(1500, 2500) }
      : { bloodLossMl: caesarean ? rng.int(300, 600) : rng.int(150, 400) }),
    maternalOutcome: birth.haemorrhage ? 'complications' : 'well',
    babies: Array.from({ length: birth.fetusCount }, (_, index) => ({
      birthOrder: index + 1,
      ...(index > 0
        ? {
            bornAt: new Date(
              Math.max(
                deliveredAt.getTime(),
                Math.min(deliveredAt.getTime() + rng.int(2, 15) * 60_000, now.getTime()),
              ),
            ),
          }
        : {}),
      sex: rng.chance(0.51) ? ('male' as const) : ('female' as const),
      birthWeightG: Math.max(800, Math.round(termWeight + rng.int(-400, 400))),
      lengthCm: rng.int(46, 53),
      apgar1: rng.int(8, 10),
      apgar5: rng.int(9, 10),
      vitalStatus: 'live_birth' as const,
    })),
  };
}

function seedOf(text: string): number {
  let hash = 2166136261;
  for (const character of text) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619);
  return hash >>> 0;
}
