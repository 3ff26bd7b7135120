import { addDays, type IsoDate } from '../../core/time/calendar-date';
import { isLowBirthWeight, isPreterm } from '../../delivery/rules/newborn-outcomes';

/**
 * Why a newborn is high-risk for the postpartum home visit (新生儿访视技术规范, 2012: 早产儿,
 * 低出生体重儿, 窒息, and babies of mothers with HIV, syphilis or hepatitis B): the community centre
 * visits within 3 days of the notice instead of 7 days after discharge.
 */
export const HIGH_RISK_NEWBORN_REASONS = [
  'preterm',
  'low_birth_weight',
  /** Apgar 7 or less at 1 or 5 minutes (新生儿窒息). */
  'asphyxia',
  /** Born to a mother positive for HIV, syphilis or HBsAg: an exposed-baby record. */
  'exposed',
] as const;
export type HighRiskNewbornReason = (typeof HIGH_RISK_NEWBORN_REASONS)[number];

export const ASPHYXIA_APGAR_AT_MOST = 7;
export const VISIT_DUE_DAYS_AFTER_DISCHARGE = 7;
export const HIGH_RISK_VISIT_DUE_DAYS_AFTER_ACKNOWLEDGEMENT = 3;

export interface NoticeBaby {
  vitalStatus: string;
  birthWeightG: number;
  apgar1: number | null;
  apgar5: number | null;
  exposed: boolean;
}

/** The reasons any live-born baby of the delivery is high-risk, in the order above. */
export function highRiskNewbornReasons(
  gaDays: number | null,
  babies: NoticeBaby[],
): HighRiskNewbornReason[] {
  const reasons = new Set<HighRiskNewbornReason>();
  for (const baby of babies.filter((b) => b.vitalStatus === 'live_birth')) {
    if (gaDays !== null && isPreterm(gaDays)) reasons.add('preterm');
    if (isLowBirthWeight(baby.birthWeightG)) reasons.add('low_birth_weight');
    if ([baby.apgar1, baby.apgar5].some((a) => a !== null && a <= ASPHYXIA_APGAR_AT_MOST)) {
      reasons.add('asphyxia');
    }
    if (baby.exposed) reasons.add('exposed');
  }
  return HIGH_RISK_NEWBORN_REASONS.filter((reason) => reasons.has(reason));
}

/**
 * The day the postpartum home visit falls due: 3 days after the centre acknowledged the notice
 * of a high-risk newborn, else 7 days after her discharge; unknown until then.
 */
export function visitDueOn(notice: {
  highRisk: boolean;
  acknowledgedOn: IsoDate | null;
  dischargedOn: IsoDate | null;
}): IsoDate | null {
  if (notice.highRisk) {
    return notice.acknowledgedOn === null
      ? null
      : addDays(notice.acknowledgedOn, HIGH_RISK_VISIT_DUE_DAYS_AFTER_ACKNOWLEDGEMENT);
  }
  return notice.dischargedOn === null
    ? null
    : addDays(notice.dischargedOn, VISIT_DUE_DAYS_AFTER_DISCHARGE);
}

/**
 * The centre serving a region code: the service area that is its longest prefix (a 12-digit
 * 社区 code before the 9-digit 街道 code it lies in); null when none does.
 */
export function servingFacility(
  regionCode: string,
  areas: Array<{ regionCode: string; facilityId: number }>,
): number | null {
  let best: { regionCode: string; facilityId: number } | null = null;
  for (const area of areas) {
    if (!regionCode.startsWith(area.regionCode)) continue;
    if (best === null || area.regionCode.length > best.regionCode.length) best = area;
  }
  return best?.facilityId ?? null;
}
