import { DERIVED_FACTOR_CODES } from './derived-factors';
import {
  NATIONAL_CATALOGUE_VERSION,
  NATIONAL_FACTORS,
  NATIONAL_FORM_ITEMS,
} from './national-catalogue';
import type { RiskColour } from './risk-colour';

const byCode = new Map(NATIONAL_FACTORS.map((f) => [f.code, f]));

describe('NATIONAL_FACTORS', () => {
  it('is the 2017 national catalogue', () => {
    expect(NATIONAL_CATALOGUE_VERSION).toBe('CN-2017');
  });

  it('has unique codes', () => {
    expect(byCode.size).toBe(NATIONAL_FACTORS.length);
  });

  it.each(NATIONAL_FACTORS.map((f) => f.code))('%s is a stable UPPER_SNAKE code', (code) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it.each(DERIVED_FACTOR_CODES)(
    '%s, derived by derived-factors.ts, is in it as derived',
    (code) => {
      expect(byCode.get(code)?.origin).toBe('derived');
    },
  );

  it('has no derived factor that derived-factors.ts cannot produce', () => {
    const derived = NATIONAL_FACTORS.filter((f) => f.origin === 'derived').map((f) => f.code);
    expect([...derived].sort()).toEqual([...DERIVED_FACTOR_CODES].sort());
  });

  // Only HBsAg is both: a carrier is YELLOW (黄色 2.3) and infectious (紫色).
  it.each(
    NATIONAL_FACTORS.filter((f) => f.purple && f.code !== 'HBSAG_POSITIVE').map((f) => f.code),
  )('purple %s has no colour', (code) => {
    expect(byCode.get(code)?.colour).toBeNull();
  });

  it.each(NATIONAL_FACTORS.filter((f) => !f.purple).map((f) => f.code))(
    '%s, not purple, has a colour above green',
    (code) => {
      expect(['yellow', 'orange', 'red']).toContain(byCode.get(code)?.colour);
    },
  );

  it.each(NATIONAL_FACTORS.map((f) => f.code))('%s has both descriptions', (code) => {
    expect(byCode.get(code)?.descriptionZh).not.toBe('');
    expect(byCode.get(code)?.descriptionEn).not.toBe('');
  });

  // The colours the brief and DOMAIN.md §4 name, so a slip in the data cannot regrade women.
  it.each<[string, RiskColour | null, boolean]>([
    ['AGE_35_PLUS', 'yellow', false],
    ['AGE_40_PLUS', 'orange', false],
    ['AGE_18_OR_UNDER', 'yellow', false],
    ['BMI_OVER_25', 'yellow', false],
    ['BMI_UNDER_18_5', 'yellow', false],
    ['BMI_28_PLUS', 'orange', false],
    ['HEIGHT_145_OR_UNDER', 'yellow', false],
    ['ANAEMIA_HB_60_110', 'yellow', false],
    ['SEVERE_ANAEMIA_HB_40_60', 'orange', false],
    ['HB_UNDER_40', 'red', false],
    ['PLATELETS_50_100', 'yellow', false],
    ['PLATELETS_30_50', 'orange', false],
    ['PLATELETS_UNDER_30', 'red', false],
    ['BP_140_90', 'yellow', false],
    ['ONE_PREVIOUS_CAESAREAN', 'yellow', false],
    ['TWO_PLUS_UTERINE_OPERATIONS', 'orange', false],
    ['MULTIPLE_PREGNANCY', 'yellow', false],
    ['IVF_PREGNANCY', 'yellow', false],
    ['HIV_POSITIVE', null, true],
    ['SYPHILIS_POSITIVE', null, true],
    ['HBSAG_POSITIVE', 'yellow', true],
    ['TRIPLETS_OR_MORE', 'orange', false],
    ['TRIPLETS_WITH_CARDIOPULMONARY_DECLINE', 'red', false],
    ['RH_INCOMPATIBILITY', 'orange', false],
    ['PUERPERAL_DEPRESSION_HEATSTROKE_OR_INFECTION', 'orange', false],
    ['RED_CONDITION_UNSTABLE_POSTPARTUM', 'red', false],
    ['OTHER_YELLOW', 'yellow', false],
    ['OTHER_ORANGE', 'orange', false],
    ['OTHER_RED', 'red', false],
    ['OTHER_PURPLE', null, true],
    ['HBSAG_CARRIER_NORMAL_LIVER', 'yellow', false],
    ['TWINS_WITH_POLYHYDRAMNIOS', 'orange', false],
    ['PERNICIOUS_PLACENTA_PRAEVIA', 'red', false],
    ['SPECIAL_VIRAL_INFECTION', null, true],
  ])('%s is %s, purple %s', (code, colour, purple) => {
    expect(byCode.get(code)).toMatchObject({ colour, purple });
  });

  it('words the twins item as the form does: only with declining heart and lung function', () => {
    expect(byCode.get('TWINS_WITH_POLYHYDRAMNIOS')).toMatchObject({
      colour: 'orange',
      descriptionZh: '双胎、羊水过多伴发心肺功能减退',
    });
  });

  it('has one "other" item per colour, each needing a note, and no other item needs one', () => {
    const other = NATIONAL_FACTORS.filter((f) => f.requiresNote);
    expect(other.filter((f) => f.code.startsWith('OTHER_')).map((f) => f.code)).toEqual([
      'OTHER_YELLOW',
      'OTHER_ORANGE',
      'OTHER_RED',
      'OTHER_PURPLE',
    ]);
    // The form's cardiovascular "其他" lines (橙色 2.1.7, 红色 1.1.9) need a note too.
    expect(other.map((f) => f.code).sort()).toEqual(
      [
        'OTHER_YELLOW',
        'OTHER_ORANGE',
        'OTHER_RED',
        'OTHER_PURPLE',
        'ORANGE_OTHER_CARDIOVASCULAR',
        'RED_OTHER_CARDIOVASCULAR',
      ].sort(),
    );
  });
});

/**
 * The numbered lines of 孕产妇妊娠风险评估表 (国卫办妇幼发〔2017〕35号《孕产妇妊娠风险评估与管理
 * 工作规范》附件2), lowest level only (a heading such as 黄色 2.1 心脏病 is not counted, its lines
 * 2.1.1–2.1.4 are). The purple section lists six diseases without numbers: P1 病毒性肝炎, P2 梅毒,
 * P3 HIV感染及艾滋病, P4 结核病, P5 重症感染性肺炎, P6 特殊病毒感染.
 *
 * | colour | form section                                   | lines |
 * |--------|------------------------------------------------|-------|
 * | yellow | 1 基本情况 1.1–1.9 (9); 2 合并症 2.1.1–2.1.4, 2.2–2.5, 2.6.1–2.6.2, 2.7–2.11 (15); 3 并发症 3.1–3.12 (12) | 36 |
 * | orange | 1 1.1–1.2 (2); 2 2.1.1–2.1.7, 2.2.1–2.2.3, 2.3.1–2.3.2, 2.4, 2.5.1–2.5.2, 2.6.1–2.6.4, 2.7–2.10, 2.11.1–2.11.2, 2.12 (26); 3 3.1–3.9 (9) | 37 |
 * | red    | 1 1.1.1–1.1.9, 1.2–1.4, 1.5.1–1.5.6, 1.6.1–1.6.6, 1.7–1.8, 1.9.1–1.9.2, 1.10.1–1.10.3, 1.11–1.12 (33); 2 2.1–2.3 (3) | 36 |
 * | purple | P1–P6                                          | 6     |
 */
const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

const FORM_LINES: Record<'yellow' | 'orange' | 'red' | 'purple', string[]> = {
  yellow: [
    ...range('Y1.', 1, 9),
    ...range('Y2.1.', 1, 4),
    ...range('Y2.', 2, 5),
    ...range('Y2.6.', 1, 2),
    ...range('Y2.', 7, 11),
    ...range('Y3.', 1, 12),
  ],
  orange: [
    ...range('O1.', 1, 2),
    ...range('O2.1.', 1, 7),
    ...range('O2.2.', 1, 3),
    ...range('O2.3.', 1, 2),
    'O2.4',
    ...range('O2.5.', 1, 2),
    ...range('O2.6.', 1, 4),
    ...range('O2.', 7, 10),
    ...range('O2.11.', 1, 2),
    'O2.12',
    ...range('O3.', 1, 9),
  ],
  red: [
    ...range('R1.1.', 1, 9),
    ...range('R1.', 2, 4),
    ...range('R1.5.', 1, 6),
    ...range('R1.6.', 1, 6),
    ...range('R1.', 7, 8),
    ...range('R1.9.', 1, 2),
    ...range('R1.10.', 1, 3),
    ...range('R1.', 11, 12),
    ...range('R2.', 1, 3),
  ],
  purple: range('P', 1, 6),
};

describe('the national catalogue against the printed form', () => {
  const colourOfLine = (line: string) =>
    ({ Y: 'yellow', O: 'orange', R: 'red', P: 'purple' })[line[0]] as keyof typeof FORM_LINES;
  const allLines = Object.values(FORM_LINES).flat();

  it('counts 36 yellow, 37 orange, 36 red and 6 purple lines, 115 in all', () => {
    expect(Object.fromEntries(Object.entries(FORM_LINES).map(([c, l]) => [c, l.length]))).toEqual({
      yellow: 36,
      orange: 37,
      red: 36,
      purple: 6,
    });
    expect(new Set(allLines).size).toBe(115);
  });

  it.each(Object.keys(FORM_LINES) as (keyof typeof FORM_LINES)[])(
    'covers every %s line with a code of that colour',
    (colour) => {
      const covered = new Set(
        NATIONAL_FACTORS.flatMap((f) =>
          (NATIONAL_FORM_ITEMS[f.code] ?? [])
            .filter((line) => colourOfLine(line) === colour)
            .filter(() => (colour === 'purple' ? f.purple : f.colour === colour)),
        ),
      );
      expect([...covered].filter((line) => FORM_LINES[colour].includes(line)).sort()).toEqual(
        [...FORM_LINES[colour]].sort(),
      );
    },
  );

  it('maps every code to lines of the form or its headings, or to none (DOMAIN.md additions)', () => {
    for (const factor of NATIONAL_FACTORS) {
      const lines = NATIONAL_FORM_ITEMS[factor.code];
      expect(lines).toBeDefined();
      for (const line of lines) {
        const isLine = allLines.includes(line);
        const isHeading = allLines.some((l) => l.startsWith(`${line}.`));
        expect({ code: factor.code, line, known: isLine || isHeading }).toEqual({
          code: factor.code,
          line,
          known: true,
        });
      }
    }
  });

  it('keeps DOMAIN.md additions to the form few and named', () => {
    const additions = NATIONAL_FACTORS.filter((f) => NATIONAL_FORM_ITEMS[f.code].length === 0);
    expect(additions.map((f) => f.code)).toEqual([
      'HEIGHT_145_OR_UNDER',
      'RH_NEGATIVE',
      'HEART_FUNCTION_III_IV',
      'OTHER_PURPLE',
    ]);
  });
});
