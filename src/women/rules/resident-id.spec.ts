import {
  checkResidentId,
  PROVINCE_CODES,
  residentIdCheckCharacter,
  type ResidentIdRule,
} from './resident-id';

const TODAY = '2026-03-15';

/** An ID with a correct check character, so each case can break exactly one other rule. */
function residentId({ province = '11', birth = '19900101', sequence = '002' } = {}): string {
  const first17 = `${province}0105${birth}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** ISO 7064 MOD 11-2 written independently: Σ value·2^(17−i) over all 18 characters ≡ 1 (mod 11). */
function satisfiesMod11_2(id: string): boolean {
  const sum = [...id].reduce((total, char, i) => {
    const value = char === 'X' ? 10 : Number(char);
    return total + value * 2 ** (17 - i);
  }, 0);
  return sum % 11 === 1;
}

function rulesOf(value: string): ResidentIdRule[] {
  return checkResidentId(value, TODAY).failures.map((f) => f.rule);
}

describe('residentIdCheckCharacter', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['13040219820729062', '4'],
  ])('%s → %s', (first17, expected) => {
    expect(residentIdCheckCharacter(first17)).toBe(expected);
  });

  it('agrees with the MOD 11-2 definition and produces all 11 characters', () => {
    const first17s = Array.from(
      { length: 100 },
      (_, n) => `11010519900101${String(n).padStart(3, '0')}`,
    );
    const ids = first17s.map((first17) => first17 + residentIdCheckCharacter(first17));
    expect(ids.every(satisfiesMod11_2)).toBe(true);
    expect(new Set(ids.map((id) => id.charAt(17))).size).toBe(11);
  });

  it.each(['1101051949123100', '110105194912310021', '1101051949123100X', ''])(
    'rejects %j, which is not 17 digits',
    (value) => {
      expect(() => residentIdCheckCharacter(value)).toThrow(RangeError);
    },
  );
});

describe('checkResidentId', () => {
  describe('valid IDs', () => {
    it.each([
      ['11010519491231002X', '11010519491231002X', '1949-12-31', false, 'X'],
      ['440524188001010014', '440524188001010014', '1880-01-01', true, '4'],
      ['11010519491231002x', '11010519491231002X', '1949-12-31', false, 'X'],
      ['  11010519491231002x\t', '11010519491231002X', '1949-12-31', false, 'X'],
    ])('%j is valid', (value, normalized, birthDate, sequenceIsOdd, expectedCheckCharacter) => {
      expect(checkResidentId(value, TODAY)).toEqual({
        valid: true,
        normalized,
        failures: [],
        birthDate,
        sequenceIsOdd,
        expectedCheckCharacter,
      });
    });
  });

  describe('format', () => {
    it.each([
      ['', 'empty'],
      ['11010519491231002', '17 characters'],
      ['11010519491231002X1', '19 characters'],
      ['1101051949123100X2', 'X before the last position'],
      ['A1010519491231002X', 'a letter'],
      ['11010519491231002Y', 'a check letter other than X'],
      ['110105 19491231002X', 'an inner space'],
      ['110105-19491231-002X', 'separators'],
    ])('rejects %j (%s) with only the format failure', (value) => {
      const check = checkResidentId(value, TODAY);
      expect(check.valid).toBe(false);
      expect(check.failures).toEqual([{ rule: 'format', message: expect.any(String) }]);
      expect(check.birthDate).toBeUndefined();
      expect(check.sequenceIsOdd).toBeUndefined();
      expect(check.expectedCheckCharacter).toBeUndefined();
    });
  });

  describe('province', () => {
    const accepted = ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65'];
    const acceptedSingles = ['71', '81', '82', '83', '91'];
    it.each([...accepted, ...acceptedSingles])('accepts %s', (province) => {
      expect(rulesOf(residentId({ province }))).toEqual([]);
    });

    const rejected = ['00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66'];
    const rejectedAroundSingles = ['70', '72', '80', '84', '90', '92', '99'];
    it.each([...rejected, ...rejectedAroundSingles])('rejects %s', (province) => {
      const check = checkResidentId(residentId({ province }), TODAY);
      expect(check.failures).toEqual([
        { rule: 'province', message: `${province} is not a province code.` },
      ]);
    });

    it('lists the codes of DOMAIN.md §1', () => {
      expect(PROVINCE_CODES).toHaveLength(36);
      expect(Object.isFrozen(PROVINCE_CODES)).toBe(true);
    });
  });

  describe('birth date', () => {
    it.each([
      ['20000229', '2000-02-29', 'leap day in 2000'],
      ['19960229', '1996-02-29', 'leap day in 1996'],
      ['19990228', '1999-02-28', 'last day of February 1999'],
      ['19900430', '1990-04-30', 'last day of April'],
    ])('accepts %s (%s)', (birth, birthDate) => {
      const check = checkResidentId(residentId({ birth }), TODAY);
      expect(check.failures).toEqual([]);
      expect(check.birthDate).toBe(birthDate);
    });

    it.each([
      ['19990229', 'leap day in a common year'],
      ['19000229', 'leap day in 1900'],
      ['19900230', 'February 30'],
      ['19900431', 'April 31'],
      ['19901301', 'month 13'],
      ['19900001', 'month 0'],
      ['19900100', 'day 0'],
    ])('rejects %s (%s) and sets no birthDate', (birth) => {
      const check = checkResidentId(residentId({ birth }), TODAY);
      expect(check.failures).toEqual([
        { rule: 'birthDate', message: `The birth date ${birth} is not a real calendar date.` },
      ]);
      expect(check.birthDate).toBeUndefined();
    });

    it.each([
      ['20260314', [], 'the day before today'],
      ['20260315', [], 'today'],
      ['20260316', ['futureBirthDate'], 'tomorrow'],
      ['20270101', ['futureBirthDate'], 'next year'],
    ])('birth date %s gives %j (%s)', (birth, expected) => {
      expect(rulesOf(residentId({ birth }))).toEqual(expected);
    });

    it('names the future birth date', () => {
      const check = checkResidentId(residentId({ birth: '20260316' }), TODAY);
      expect(check.failures[0].message).toBe('The birth date 2026-03-16 is in the future.');
      expect(check.birthDate).toBe('2026-03-16');
    });
  });

  describe('check character', () => {
    it.each([
      ['130402198207290622', '4'],
      ['110105194912310020', 'X'],
      ['440524188001010013', '4'],
      ['44052418800101001X', '4'],
    ])('%s fails: the check character should be %s', (value, expected) => {
      const check = checkResidentId(value, TODAY);
      expect(check.failures).toEqual([
        { rule: 'checkCharacter', message: `The check character should be ${expected}.` },
      ]);
      expect(check.expectedCheckCharacter).toBe(expected);
    });
  });

  it('reports every failing rule at once', () => {
    expect(rulesOf('990105202703010020')).toEqual([
      'province',
      'futureBirthDate',
      'checkCharacter',
    ]);
    expect(rulesOf('160105199002300020')).toEqual(['province', 'birthDate', 'checkCharacter']);
  });

  describe('sequence parity (reported, never a failure)', () => {
    it.each([
      ['001', true],
      ['009', true],
      ['011', true],
      ['000', false],
      ['002', false],
      ['998', false],
    ])('sequence %s → sequenceIsOdd %s', (sequence, odd) => {
      const check = checkResidentId(residentId({ sequence }), TODAY);
      expect(check.valid).toBe(true);
      expect(check.sequenceIsOdd).toBe(odd);
    });
  });

  it('rejects an invalid today', () => {
    expect(() => checkResidentId('11010519491231002X', '2026-02-30')).toThrow(RangeError);
  });
});
