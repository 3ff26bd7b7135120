import { addMonths, type IsoDate } from '../../core/time/calendar-date';

/**
 * Her residence category at delivery (户籍类别), as the annual maternal and child health report
 * divides women: by her registered household (户籍) against where she lives.
 */
export const RESIDENCE_CATEGORIES = [
  /** 本地户籍: 户籍 in the county (区/县) where she lives. */
  'local',
  /** 本市外县: another county of the same city. */
  'same_city',
  /** 本省外市: another city of the same province. */
  'same_province',
  /** 外省: another province. */
  'other_province',
  /** 港澳台及外籍: no mainland 户籍 (a passport or a Hong Kong, Macao or Taiwan permit). */
  'overseas',
  /** 户籍不详: her 户籍 was not recorded. */
  'unknown',
] as const;
export type ResidenceCategory = (typeof RESIDENCE_CATEGORIES)[number];

/**
 * A province's rule for the region a woman is counted in: by 户籍 only, or also by 常住, where she
 * has lived at least `minMonths` months when she delivers.
 */
export interface AttributionRule {
  basis: 'hukou' | 'resident';
  minMonths: number;
}

/** The rules by province (two-digit code), `*` for every other province, with their version. */
export interface AttributionRules {
  byProvince: Record<string, AttributionRule>;
  version: string;
}

export interface Attribution {
  category: ResidenceCategory;
  /** The region she is counted in (6, 9 or 12 digits: 县, 乡镇/街道, 村/社区). */
  regionCode: string;
  /** Which rule decided, with its version: `33:resident:6@2026-01`. */
  rule: string;
}

export interface ResidenceFacts {
  documentType: string;
  hukouRegionCode: string | null;
  residenceRegionCode: string;
  residenceSince: IsoDate | null;
  deliveredOn: IsoDate;
}

const MAINLAND_DOCUMENTS = ['resident_id', 'other'];

/**
 * `*:hukou,33:resident:6` → the rules. Throws on a malformed entry, naming it, so the service
 * refuses to start rather than count by a rule nobody wrote.
 */
export function parseAttributionRules(text: string, version: string): AttributionRules {
  const byProvince: Record<string, AttributionRule> = {};
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^(\*|\d{2}):(hukou|resident)(?::(\d{1,2}))?$/.exec(entry);
    if (!match || (match[2] === 'resident') !== (match[3] !== undefined)) {
      throw new Error(
        `RESIDENCE_RULES entry "${entry}" must be <province|*>:hukou or <province|*>:resident:<months>`,
      );
    }
    byProvince[match[1]] = {
      basis: match[2] as AttributionRule['basis'],
      minMonths: match[3] === undefined ? 0 : Number(match[3]),
    };
  }
  byProvince['*'] ??= { basis: 'hukou', minMonths: 0 };
  return { byProvince, version };
}

/** Her category by 户籍 against where she lives. */
export function residenceCategory(facts: ResidenceFacts): ResidenceCategory {
  if (!MAINLAND_DOCUMENTS.includes(facts.documentType) && facts.hukouRegionCode === null) {
    return 'overseas';
  }
  const hukou = facts.hukouRegionCode;
  const residence = facts.residenceRegionCode;
  if (hukou === null) return 'unknown';
  if (hukou.slice(0, 6) === residence.slice(0, 6)) return 'local';
  if (hukou.slice(0, 4) === residence.slice(0, 4)) return 'same_city';
  if (hukou.slice(0, 2) === residence.slice(0, 2)) return 'same_province';
  return 'other_province';
}

/**
 * The region she is counted in, by the rule of the province she lives in: where she lives when
 * she is local, or (under a 常住 rule) has lived there long enough by the day she delivered;
 * otherwise her 户籍. With no 户籍 recorded (or none on the mainland) she is counted where she
 * lives, so that every woman is counted somewhere once.
 */
export function attribute(facts: ResidenceFacts, rules: AttributionRules): Attribution {
  const province = facts.residenceRegionCode.slice(0, 2);
  const key = rules.byProvince[province] ? province : '*';
  const rule = rules.byProvince[key];
  const ruleName = `${key}:${rule.basis}${rule.basis === 'resident' ? `:${rule.minMonths}` : ''}@${rules.version}`;
  const category = residenceCategory(facts);
  const resident =
    rule.basis === 'resident' &&
    facts.residenceSince !== null &&
    addMonths(facts.residenceSince, rule.minMonths) <= facts.deliveredOn;
  const counted =
    category === 'local' || resident || facts.hukouRegionCode === null
      ? facts.residenceRegionCode
      : facts.hukouRegionCode;
  return { category, regionCode: counted, rule: ruleName };
}
