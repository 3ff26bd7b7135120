import { addMonths } from '../../core/time/calendar-date';
import { attribute, parseAttributionRules, residenceCategory } from './residence';

const rules = parseAttributionRules('*:hukou, 33:resident:6', '2026-01');
const hangzhou = '330106001001';
const facts = (overrides: Partial<Parameters<typeof attribute>[0]> = {}) => ({
  documentType: 'resident_id',
  hukouRegionCode: '510104',
  residenceRegionCode: hangzhou,
  residenceSince: '2026-01-31',
  deliveredOn: '2026-07-31',
  ...overrides,
});

describe('residence category and attribution', () => {
  it.each([
    ['330106', 'local'],
    ['330106005', 'local'],
    ['330108', 'same_city'],
    ['330203', 'same_province'],
    ['510104', 'other_province'],
    [null, 'unknown'],
  ])('户籍 %s against a residence in 西湖区 is %s', (hukou, category) => {
    expect(residenceCategory(facts({ hukouRegionCode: hukou }))).toBe(category);
  });

  it('a passport with no 户籍 is overseas; with one recorded, it is compared as usual', () => {
    expect(residenceCategory(facts({ documentType: 'passport', hukouRegionCode: null }))).toBe(
      'overseas',
    );
    expect(residenceCategory(facts({ documentType: 'passport' }))).toBe('other_province');
  });

  it('six months are counted in calendar months, the last day of a short month standing in', () => {
    expect(addMonths('2026-01-31', 6)).toBe('2026-07-31');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-29', 6)).toBe('2028-02-29');
  });

  it('under a 常住 rule a migrant is counted where she lives from the day she has lived there N months', () => {
    expect(attribute(facts({ deliveredOn: '2026-07-30' }), rules)).toEqual({
      category: 'other_province',
      regionCode: '510104',
      rule: '33:resident:6@2026-01',
    });
    expect(attribute(facts({ deliveredOn: '2026-07-31' }), rules)).toEqual({
      category: 'other_province',
      regionCode: hangzhou,
      rule: '33:resident:6@2026-01',
    });
    expect(attribute(facts({ residenceSince: null }), rules).regionCode).toBe('510104');
  });

  it('under a 户籍 rule she is counted by her 户籍 however long she has lived elsewhere', () => {
    const elsewhere = facts({ residenceRegionCode: '440305', residenceSince: '2020-01-01' });
    expect(attribute(elsewhere, rules)).toEqual({
      category: 'other_province',
      regionCode: '510104',
      rule: '*:hukou@2026-01',
    });
  });

  it('a local woman, and one with no 户籍 recorded, are counted where she lives', () => {
    expect(attribute(facts({ hukouRegionCode: '330106' }), rules).regionCode).toBe(hangzhou);
    expect(attribute(facts({ hukouRegionCode: null }), rules)).toMatchObject({
      category: 'unknown',
      regionCode: hangzhou,
    });
  });

  it('refuses a rule nobody could mean', () => {
    expect(() => parseAttributionRules('33:resident', 'v')).toThrow('33:resident');
    expect(() => parseAttributionRules('33:hukou:6', 'v')).toThrow('33:hukou:6');
    expect(() => parseAttributionRules('3:hukou', 'v')).toThrow('3:hukou');
    expect(parseAttributionRules('', 'v').byProvince).toEqual({
      '*': { basis: 'hukou', minMonths: 0 },
    });
  });
});
