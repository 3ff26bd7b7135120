import { COHORTS } from '../cohorts';
import {
  BABY_FRIENDLY_INDICATORS,
  BREASTFEEDING_AT_DISCHARGE,
  EXCLUSIVE_UNDER_MONTHS,
  sqlList,
} from './baby-friendly.indicators';
import type { IndicatorDefinition } from './indicator-definition';
import { SYSTEM_MANAGEMENT_INDICATORS } from './system-management.indicators';

const byCode = (code: string): IndicatorDefinition => {
  const found = BABY_FRIENDLY_INDICATORS.find((i) => i.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};

/** The cohort columns an indicator's criteria read (`c.column`). */
function columnsRead(indicator: IndicatorDefinition): string[] {
  const sql = [
    indicator.denominator,
    indicator.numerator,
    indicator.exclusion,
    indicator.incomplete,
  ]
    .map((criterion) => criterion?.sql ?? '')
    .join(' ');
  return [...new Set([...sql.matchAll(/\bc\.([a-z_0-9]+)/g)].map((m) => m[1]))];
}

describe('Baby-Friendly indicators', () => {
  it('are BF-01..BF-10 of DOMAIN.md §9, with BF-03 and BF-04 also reported the other way', () => {
    expect(BABY_FRIENDLY_INDICATORS.map((i) => i.code)).toEqual([
      'BF-01',
      'BF-02',
      'BF-03',
      'BF-03M',
      'BF-04',
      'BF-04M',
      'BF-05',
      'BF-06',
      'BF-07',
      'BF-08',
      'BF-09',
      'BF-10',
    ]);
    // Version 2: the stay indicators count a baby only once the stay is complete, and BF-10
    // counts one status per child.
    const changed = ['BF-01', 'BF-02', 'BF-03', 'BF-03M', 'BF-04', 'BF-04M', 'BF-05', 'BF-10'];
    for (const indicator of BABY_FRIENDLY_INDICATORS) {
      // BF-06 is at version 2: coded indications, a maternal request counting as none.
      expect(indicator).toMatchObject({
        group: 'BF',
        unit: 'percent',
        version: changed.includes(indicator.code) || indicator.code === 'BF-06' ? 2 : 1,
      });
    }
  });

  it.each([
    ['BF-01', 80],
    ['BF-02', 80],
    ['BF-03', 90],
    ['BF-03M', 90],
    ['BF-04', 80],
    ['BF-04M', 80],
    ['BF-05', 90],
    ['BF-07', 80],
    ['BF-08', 80],
    ['BF-09', 80],
    ['BF-10', 50],
  ])('%s aims at %d % or more', (code, value) => {
    expect(byCode(code).target).toEqual({ direction: 'at_least', value });
  });

  it('BF-06 has to fall year on year', () => {
    expect(byCode('BF-06').target).toEqual({ direction: 'falling', value: null });
  });

  it('sets aside stillbirths, deaths before discharge and contraindications for BF-01..BF-05 only', () => {
    const stay = ['BF-01', 'BF-02', 'BF-03', 'BF-03M', 'BF-04', 'BF-04M', 'BF-05'];
    for (const indicator of BABY_FRIENDLY_INDICATORS) {
      if (stay.includes(indicator.code)) {
        expect(
          columnsRead({ ...indicator, numerator: { description: '', descriptionZh: '', sql: '' } }),
        ).toEqual([
          'delivery_place',
          'vital_status',
          'died_before_discharge',
          'contraindication',
          'stay_complete',
        ]);
      } else {
        expect(indicator.exclusion).toBeUndefined();
        expect(indicator.incomplete).toBeUndefined();
      }
    }
  });

  it('counts a stay only once discharge, transfer or death is recorded: a blank is never a success', () => {
    for (const code of ['BF-01', 'BF-02', 'BF-03', 'BF-03M', 'BF-04', 'BF-04M', 'BF-05']) {
      expect(byCode(code).incomplete?.sql).toBe('c.stay_complete = 0');
    }
  });

  it('fails BF-04 and BF-04M for a discharge on formula or mixed feeding, whatever was recorded', () => {
    for (const code of ['BF-04', 'BF-04M']) {
      expect(byCode(code).numerator.sql).toContain("c.discharge_feeding = 'exclusive'");
    }
  });

  it('counts exclusive and mixed feeding at discharge as breastfeeding, as the rule does', () => {
    expect(BREASTFEEDING_AT_DISCHARGE).toEqual(['exclusive', 'mixed']);
    expect(byCode('BF-05').numerator.sql).toBe("c.discharge_feeding IN ('exclusive', 'mixed')");
  });

  it('counts babies of 0 to 5 completed months in BF-10, one status per child', () => {
    expect(EXCLUSIVE_UNDER_MONTHS).toBe(6);
    expect(byCode('BF-10').denominator.sql).toContain('c.age_months < 6');
    expect(byCode('BF-10').denominator.sql).toContain('c.nearest_in_band = 1');
    expect(byCode('BF-10').denominator.description).toContain('WHO/UNICEF');
  });

  it('the other way differs from the strict value only in the column it reads', () => {
    expect(
      columnsRead(byCode('BF-03')).filter((c) => !columnsRead(byCode('BF-03M')).includes(c)),
    ).toEqual(['longest_separation_minutes']);
    expect(
      columnsRead(byCode('BF-04')).filter((c) => !columnsRead(byCode('BF-04M')).includes(c)),
    ).toEqual(['supplements_in_stay']);
  });

  describe('sqlList', () => {
    it('quotes and escapes', () => {
      expect(sqlList(['a', "o'b"])).toBe("('a', 'o''b')");
    });

    it('refuses an empty list, which would be invalid SQL', () => {
      expect(() => sqlList([])).toThrow(RangeError);
    });
  });
});

describe('every birth indicator (Baby-Friendly and system management)', () => {
  const indicators = [...BABY_FRIENDLY_INDICATORS, ...SYSTEM_MANAGEMENT_INDICATORS];

  it.each(indicators.map((i) => [i.code, i] as const))(
    '%s reads only columns its drill-down shows, so every case says why it counted',
    (_code, indicator) => {
      const cohort = COHORTS.find((c) => c.code === indicator.cohort);
      expect(cohort).toBeDefined();
      const shown = new Set(cohort!.fields.map((f) => f.column));
      expect(columnsRead(indicator).filter((column) => !shown.has(column))).toEqual([]);
    },
  );

  it('has unique codes', () => {
    expect(new Set(indicators.map((i) => i.code)).size).toBe(indicators.length);
  });
});
