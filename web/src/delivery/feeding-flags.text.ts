import {
  EARLY_INITIATION_MINUTES,
  EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES,
  EARLY_SKIN_TO_SKIN_START_MINUTES,
} from '../../../src/delivery/rules/feeding-flags';
import type { Schemas } from '../core/api';
import { fill, type Dictionary } from '../core/language';
import { DISCHARGE_FEEDING_TEXT, SUPPLEMENT_TEXT } from './delivery.text';

type Flags = Schemas['FeedingFlagsDto'];
export type FlagKey = Exclude<keyof Flags, 'contraindications'>;

/**
 * The Baby-Friendly flags a baby's stay is judged by, in the order the office reads them, and
 * the reasons a flag failed. `{start}`, `{duration}`, `{limit}` are the service's own limits.
 */
export const FLAG_TEXT: Dictionary<
  | FlagKey
  | 'noSkinToSkin'
  | 'skinToSkinLate'
  | 'skinToSkinShort'
  | 'skinToSkinShortSoFar'
  | 'noFirstFeed'
  | 'firstFeedLate'
  | 'separated'
  | 'noDischargeFeeding'
  | 'dischargeFeeding'
  | 'supplemented'
> = {
  zh: {
    earlySkinToSkin: '早接触（出生后 {start} 分钟内开始，持续 ≥ {duration} 分钟）',
    earlyInitiation: '早开奶（出生后 {limit} 分钟内）',
    exclusiveStrict: '住院期间纯母乳喂养',
    exclusiveExceptMedical: '纯母乳喂养（除医学指征外）',
    roomingIn: '母婴同室',
    breastfeedingAtDischarge: '出院时母乳喂养',
    noSkinToSkin: '未记录皮肤接触',
    skinToSkinLate: '出生后 {m} 分 {s} 秒才开始皮肤接触（应 {start} 分钟内）',
    skinToSkinShort: '皮肤接触持续 {min} 分钟（需 {need} 分钟）',
    skinToSkinShortSoFar: '皮肤接触至今持续 {min} 分钟（需 {need} 分钟）',
    noFirstFeed: '未记录首次母乳喂养',
    firstFeedLate: '出生后 {m} 分钟才首次母乳喂养（应 {limit} 分钟内）',
    separated: '母婴分离 {m} 分钟',
    noDischargeFeeding: '未记录出院时喂养方式',
    dischargeFeeding: '出院时喂养方式：{feeding}',
    supplemented: '出生后 {m} 分钟添加了{what}',
  },
  en: {
    earlySkinToSkin:
      'Early skin-to-skin contact (started within {start} min of birth, lasting ≥ {duration} min)',
    earlyInitiation: 'Early initiation of breastfeeding (within {limit} min of birth)',
    exclusiveStrict: 'Exclusive breastfeeding during the stay',
    exclusiveExceptMedical: 'Exclusive breastfeeding (except for medical indications)',
    roomingIn: 'Rooming-in',
    breastfeedingAtDischarge: 'Breastfeeding at discharge',
    noSkinToSkin: 'No skin-to-skin contact recorded',
    skinToSkinLate: 'Skin-to-skin contact started {m} min {s} s after birth (within {start} min)',
    skinToSkinShort: 'Skin-to-skin contact lasted {min} min (needs {need})',
    skinToSkinShortSoFar: 'Skin-to-skin contact has lasted {min} min so far (needs {need})',
    noFirstFeed: 'No first breastfeed recorded',
    firstFeedLate: 'First breastfeed {m} min after birth (within {limit} min)',
    separated: 'Separated from mother for {m} min',
    noDischargeFeeding: 'No feeding at discharge recorded',
    dischargeFeeding: 'Feeding at discharge: {feeding}',
    supplemented: '{what} given {m} min after birth',
  },
};

export const FLAG_KEYS: readonly FlagKey[] = [
  'earlySkinToSkin',
  'earlyInitiation',
  'exclusiveStrict',
  'exclusiveExceptMedical',
  'roomingIn',
  'breastfeedingAtDischarge',
];

const LIMITS = {
  start: EARLY_SKIN_TO_SKIN_START_MINUTES,
  duration: EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES,
  limit: EARLY_INITIATION_MINUTES,
};

/** A flag's label in the chosen words, its limits filled in. */
export function flagLabel(words: (typeof FLAG_TEXT)['zh'], key: FlagKey): string {
  return fill(words[key], LIMITS);
}

type Words = (typeof FLAG_TEXT)['zh'];
type Feeding = keyof (typeof DISCHARGE_FEEDING_TEXT)['zh'];

/** The service explains a failed flag in English; the delivery room reads it in its language. */
const REASONS: Array<[RegExp, (words: Words, m: string[]) => string]> = [
  [/^no skin-to-skin recorded$/, (w) => w.noSkinToSkin],
  [
    /^skin-to-skin started (\d+):(\d+) after birth$/,
    (w, [, m, s]) => fill(w.skinToSkinLate, { ...LIMITS, m, s }),
  ],
  [
    /^skin-to-skin lasted (\d+) min without interruption( so far)? \(needs (\d+)\)$/,
    (w, [, min, soFar, need]) =>
      fill(soFar ? w.skinToSkinShortSoFar : w.skinToSkinShort, { min, need }),
  ],
  [/^no first breastfeed recorded$/, (w) => w.noFirstFeed],
  [
    /^first breastfeed (\d+) min after birth$/,
    (w, [, m]) => fill(w.firstFeedLate, { ...LIMITS, m }),
  ],
  [/^separated from mother for (\d+) min/, (w, [, m]) => fill(w.separated, { m })],
  [/^no feeding at discharge recorded$/, (w) => w.noDischargeFeeding],
];

/** A failed flag's reason in the chosen language (`language` picks the enum words too). */
export function reasonIn(language: 'zh' | 'en', reason: string): string {
  const words = FLAG_TEXT[language];
  for (const [pattern, say] of REASONS) {
    const match = pattern.exec(reason);
    if (match) return say(words, match);
  }
  const discharge = /^feeding at discharge: (\w+)$/.exec(reason);
  if (discharge) {
    const feeding = DISCHARGE_FEEDING_TEXT[language][discharge[1] as Feeding] ?? discharge[1];
    return fill(words.dischargeFeeding, { feeding });
  }
  const given = /^given (.+) (\d+) min after birth/.exec(reason);
  if (given)
    return fill(words.supplemented, { what: supplementIn(language, given[1]), m: given[2] });
  return reason;
}

/** A supplement as stored (the Chinese word, or what was typed) in the chosen language. */
export function supplementIn(language: 'zh' | 'en', stored: string): string {
  const key = (Object.keys(SUPPLEMENT_TEXT.zh) as Array<keyof (typeof SUPPLEMENT_TEXT)['zh']>).find(
    (k) => SUPPLEMENT_TEXT.zh[k] === stored,
  );
  return key ? SUPPLEMENT_TEXT[language][key] : stored;
}
