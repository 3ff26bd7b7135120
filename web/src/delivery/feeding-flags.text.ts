import {
  EARLY_INITIATION_MINUTES,
  EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES,
  EARLY_SKIN_TO_SKIN_START_MINUTES,
} from '../../../src/delivery/rules/feeding-flags';
import type { Schemas } from '../core/api';

type Flags = Schemas['FeedingFlagsDto'];

/** The Baby-Friendly flags a baby's stay is judged by, in the order the office reads them. */
export const FLAG_LABELS: Record<Exclude<keyof Flags, 'contraindications'>, string> = {
  earlySkinToSkin: `早接触（出生后 ${EARLY_SKIN_TO_SKIN_START_MINUTES} 分钟内开始，持续 ≥ ${EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES} 分钟）`,
  earlyInitiation: `早开奶（出生后 ${EARLY_INITIATION_MINUTES} 分钟内）`,
  exclusiveStrict: '住院期间纯母乳喂养',
  exclusiveExceptMedical: '纯母乳喂养（除医学指征外）',
  roomingIn: '母婴同室',
  breastfeedingAtDischarge: '出院时母乳喂养',
};

const FEEDING = {
  exclusive: '纯母乳',
  mixed: '混合喂养',
  formula_only: '人工喂养',
  none: '未喂养',
} as const;

/** The service explains a failed flag in English; the delivery room reads it in Chinese. */
const REASONS: Array<[RegExp, (...m: string[]) => string]> = [
  [/^no skin-to-skin recorded$/, () => '未记录皮肤接触'],
  [
    /^skin-to-skin started (\d+):(\d+) after birth$/,
    (_, m, s) =>
      `出生后 ${m} 分 ${s} 秒才开始皮肤接触（应 ${EARLY_SKIN_TO_SKIN_START_MINUTES} 分钟内）`,
  ],
  [
    /^skin-to-skin lasted (\d+) min without interruption( so far)? \(needs (\d+)\)$/,
    (_, min, soFar, need) => `皮肤接触${soFar ? '至今' : ''}持续 ${min} 分钟（需 ${need} 分钟）`,
  ],
  [/^no first breastfeed recorded$/, () => '未记录首次母乳喂养'],
  [
    /^first breastfeed (\d+) min after birth$/,
    (_, m) => `出生后 ${m} 分钟才首次母乳喂养（应 ${EARLY_INITIATION_MINUTES} 分钟内）`,
  ],
  [/^separated from mother for (\d+) min/, (_, m) => `母婴分离 ${m} 分钟`],
  [/^no feeding at discharge recorded$/, () => '未记录出院时喂养方式'],
  [
    /^feeding at discharge: (\w+)$/,
    (_, f) => `出院时喂养方式：${FEEDING[f as keyof typeof FEEDING] ?? f}`,
  ],
  [/^given (.+) (\d+) min after birth/, (_, what, m) => `出生后 ${m} 分钟添加了${what}`],
];

export function reasonInChinese(reason: string): string {
  for (const [pattern, say] of REASONS) {
    const match = pattern.exec(reason);
    if (match) return say(...match);
  }
  return reason;
}
