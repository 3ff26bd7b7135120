import { cohortOf } from './indicator-calculator';
import { INDICATORS } from './definitions';
import { decidingFields } from './indicator-sql';

const columns = (code: string) => {
  const indicator = INDICATORS.find((i) => i.code === code)!;
  return decidingFields(cohortOf(indicator), indicator).map((field) => field.column);
};

describe('decidingFields', () => {
  it.each([
    ['PM-01', ['hiv_tested']],
    ['PM-04', ['hiv_tested_antenatal', 'syphilis_tested_antenatal', 'hbsag_tested_antenatal']],
    ['PM-06', ['hiv_positive', 'art_started_on']],
    ['PM-07', ['stillbirth', 'mother_hiv_positive', 'hiv_prophylaxis_minutes']],
    ['PM-10', ['stillbirth', 'mother_hbsag_positive', 'hbig_minutes']],
  ])('%s shows only the fields its criteria read: %j', (code, expected) => {
    expect(columns(code)).toEqual(expected);
  });

  it('never shows another disease than the indicator counts', () => {
    expect(columns('PM-01').some((column) => /syphilis|hbsag/.test(column))).toBe(false);
    expect(columns('PM-09').some((column) => /hiv|hbsag/.test(column))).toBe(false);
  });
});
