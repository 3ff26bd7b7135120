import { followUpScheduleFor } from './follow-up-schedule';

describe('followUpScheduleFor', () => {
  it.each([
    [[], []],
    [['hbsag'], []],
    [['hiv'], ['HIV']],
    [['syphilis'], ['SYPHILIS']],
    [
      ['hiv', 'syphilis'],
      ['HIV', 'SYPHILIS'],
    ],
  ] as const)('%j', (positive, prefixes) => {
    const codes = followUpScheduleFor(positive).map((visit) => visit.code);
    expect([...new Set(codes.map((code) => code.split('_')[0]))]).toEqual(prefixes);
  });
});
