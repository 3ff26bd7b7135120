import { checkCatalogue } from './catalogue-checks';
import { NATIONAL_FACTORS } from './national-catalogue';

const rules = (problems: { field: string; rule: string }[]) =>
  problems.map((p) => `${p.field}:${p.rule}`);
const index = (code: string) => NATIONAL_FACTORS.findIndex((factor) => factor.code === code);

describe('checkCatalogue', () => {
  it('accepts the national catalogue', () => {
    expect(checkCatalogue(NATIONAL_FACTORS)).toEqual([]);
  });

  it('accepts a provincial version that recolours a ticked factor and adds its own', () => {
    const provincial = [
      ...NATIONAL_FACTORS.map((f) =>
        f.code === 'RH_NEGATIVE' ? { ...f, colour: 'orange' as const } : f,
      ),
      {
        code: 'ZJ_EXTRA',
        colour: 'yellow' as const,
        purple: false,
        origin: 'ticked' as const,
        descriptionZh: '附加',
        descriptionEn: 'extra',
        requiresNote: false,
      },
    ];
    expect(checkCatalogue(provincial)).toEqual([]);
  });

  it.each([
    [
      'a derived factor missing',
      NATIONAL_FACTORS.filter((f) => f.code !== 'AGE_35_PLUS'),
      ['factors:derivedFactorsPresent'],
    ],
    [
      'a derived factor turned into a ticked one',
      NATIONAL_FACTORS.map((f) =>
        f.code === 'BP_140_90' ? { ...f, origin: 'ticked' as const } : f,
      ),
      ['factors:derivedFactorsPresent'],
    ],
    [
      'a code twice',
      [...NATIONAL_FACTORS, NATIONAL_FACTORS[index('ASTHMA')]],
      [`factors[${NATIONAL_FACTORS.length}].code:unique`],
    ],
    [
      'a factor with neither colour nor purple',
      NATIONAL_FACTORS.map((f) => (f.code === 'ASTHMA' ? { ...f, colour: null } : f)),
      [`factors[${index('ASTHMA')}].colour:colourOrPurple`],
    ],
    [
      'a green factor',
      NATIONAL_FACTORS.map((f) => (f.code === 'ASTHMA' ? { ...f, colour: 'green' as const } : f)),
      [`factors[${index('ASTHMA')}].colour:notGreen`],
    ],
  ])('refuses %s', (_name, factors, expected) => {
    expect(rules(checkCatalogue(factors))).toEqual(expected);
  });
});
