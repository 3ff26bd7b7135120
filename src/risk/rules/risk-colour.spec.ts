import {
  colourRank,
  grade,
  type GradedFactor,
  type Grading,
  highestColour,
  isHighRisk,
  RISK_COLOURS,
  type RiskColour,
} from './risk-colour';

const factor = (code: string, colour: RiskColour | null, purple = false): GradedFactor => ({
  code,
  colour,
  purple,
});

describe('colourRank', () => {
  it.each([
    ['green', 0],
    ['yellow', 1],
    ['orange', 2],
    ['red', 3],
  ] as const)('%s → %d', (colour, rank) => {
    expect(colourRank(colour)).toBe(rank);
  });

  it('follows the order of RISK_COLOURS', () => {
    expect(RISK_COLOURS.map(colourRank)).toEqual([0, 1, 2, 3]);
  });
});

describe('highestColour', () => {
  it.each<[RiskColour[], RiskColour]>([
    [[], 'green'],
    [['green'], 'green'],
    [['yellow'], 'yellow'],
    [['yellow', 'green'], 'yellow'],
    [['yellow', 'orange', 'yellow'], 'orange'],
    [['red', 'yellow', 'orange'], 'red'],
    [['orange', 'red'], 'red'],
  ])('%j → %s', (colours, expected) => {
    expect(highestColour(colours)).toBe(expected);
  });
});

describe('grade', () => {
  it.each<[string, GradedFactor[], Grading]>([
    ['no factors', [], { colour: 'green', purple: false }],
    ['one yellow', [factor('A', 'yellow')], { colour: 'yellow', purple: false }],
    [
      'highest colour wins',
      [factor('A', 'yellow'), factor('B', 'red'), factor('C', 'orange')],
      { colour: 'red', purple: false },
    ],
    ['purple alone stays green', [factor('P', null, true)], { colour: 'green', purple: true }],
    [
      'purple coexists with the colour',
      [factor('A', 'yellow'), factor('P', null, true)],
      { colour: 'yellow', purple: true },
    ],
    [
      'purple with red',
      [factor('P', null, true), factor('B', 'red')],
      { colour: 'red', purple: true },
    ],
  ])('%s', (_label, factors, expected) => {
    expect(grade(factors)).toEqual(expected);
  });
});

describe('isHighRisk', () => {
  it.each<[RiskColour, boolean, boolean]>([
    ['green', false, false],
    ['yellow', false, false],
    ['orange', false, true],
    ['red', false, true],
    ['green', true, true],
    ['yellow', true, true],
  ])('%s, purple %s → %s', (colour, purple, expected) => {
    expect(isHighRisk({ colour, purple })).toBe(expected);
  });
});
