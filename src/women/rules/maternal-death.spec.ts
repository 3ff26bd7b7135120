import {
  checkMaternalDeathDay,
  countsAsMaternalDeath,
  MATERNAL_DEATH_CAUSE_NAMES,
  MATERNAL_DEATH_CAUSES,
  MATERNAL_DEATH_WITHIN_DAYS,
} from './maternal-death';

describe('maternal death', () => {
  it('classifies causes as the national surveillance does, seven of them', () => {
    expect(MATERNAL_DEATH_CAUSES.map((cause) => MATERNAL_DEATH_CAUSE_NAMES[cause])).toEqual([
      '产科出血',
      '妊娠期高血压疾病',
      '羊水栓塞',
      '妊娠合并心脏病',
      '其他内科合并症',
      '其他',
      '意外',
    ]);
  });

  it.each(MATERNAL_DEATH_CAUSES.map((cause) => [cause, cause !== 'accidental'] as const))(
    '%s counts as a maternal death: %s',
    (cause, counts) => {
      expect(countsAsMaternalDeath(cause)).toBe(counts);
    },
  );

  it('counts a death of unknown cause (a delivery recorded with the outcome death)', () => {
    expect(countsAsMaternalDeath(null)).toBe(true);
  });

  describe('the 42 days after the end of the pregnancy', () => {
    it('is 42 days', () => expect(MATERNAL_DEATH_WITHIN_DAYS).toBe(42));

    it.each([
      ['2026-03-01', [], 'on the day it ended'],
      ['2026-04-12', [], 'day 42'],
      ['2026-04-13', ['withinFortyTwoDays'], 'day 43'],
      ['2026-02-28', ['notBeforePregnancyEnd'], 'the day before it ended'],
    ])('ended 2026-03-01, died %s → %j (%s)', (diedOn, rules) => {
      expect(checkMaternalDeathDay(diedOn, '2026-03-01').map((p) => p.rule)).toEqual(rules);
    });

    it('has no limit while the pregnancy has not ended', () => {
      expect(checkMaternalDeathDay('2026-09-01', null)).toEqual([]);
    });
  });
});
