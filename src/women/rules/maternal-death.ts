import { daysBetween, type IsoDate } from '../../core/time/calendar-date';
import type { ErrorDetail } from '../../core/errors/domain.error';

/**
 * Causes of a woman's death in pregnancy or within 42 days of its end, as the national maternal
 * death surveillance classifies them (全国孕产妇死亡监测, 死因分类).
 */
export const MATERNAL_DEATH_CAUSES = [
  'obstetric_haemorrhage',
  'hypertensive_disorder',
  'amniotic_fluid_embolism',
  'heart_disease',
  'other_medical',
  'other',
  'accidental',
] as const;
export type MaternalDeathCause = (typeof MATERNAL_DEATH_CAUSES)[number];

export const MATERNAL_DEATH_CAUSE_NAMES: Record<MaternalDeathCause, string> = {
  obstetric_haemorrhage: '产科出血',
  hypertensive_disorder: '妊娠期高血压疾病',
  amniotic_fluid_embolism: '羊水栓塞',
  heart_disease: '妊娠合并心脏病',
  other_medical: '其他内科合并症',
  other: '其他',
  accidental: '意外',
};

/** A death up to this many days after the pregnancy ended (day 42 included) is a maternal death. */
export const MATERNAL_DEATH_WITHIN_DAYS = 42;

/** An accidental death is recorded, but it is not a maternal death (it leaves SM-12). */
export function countsAsMaternalDeath(cause: MaternalDeathCause | null): boolean {
  return cause !== 'accidental';
}

/**
 * The day she died against the day her pregnancy ended (delivery, miscarriage, termination,
 * ectopic pregnancy), when it has: not before it, and at most 42 days after. A death during an
 * unended pregnancy has no such limit.
 */
export function checkMaternalDeathDay(
  diedOn: IsoDate,
  pregnancyEndedOn: IsoDate | null,
): ErrorDetail[] {
  if (pregnancyEndedOn === null) return [];
  const days = daysBetween(pregnancyEndedOn, diedOn);
  if (days < 0) {
    return [
      {
        field: 'diedAt',
        rule: 'notBeforePregnancyEnd',
        message: `diedAt must not be before the end of the pregnancy on ${pregnancyEndedOn}`,
      },
    ];
  }
  if (days > MATERNAL_DEATH_WITHIN_DAYS) {
    return [
      {
        field: 'diedAt',
        rule: 'withinFortyTwoDays',
        message:
          `a maternal death is within ${MATERNAL_DEATH_WITHIN_DAYS} days of the end of the ` +
          `pregnancy on ${pregnancyEndedOn}; this one is ${days} days after it`,
      },
    ];
  }
  return [];
}
