import { addDays } from '../../core/time/calendar-date';
import { residentIdCheckCharacter } from './resident-id';
import {
  ageInYears,
  checkAfterPreviousOutcome,
  checkBirthDate,
  checkDating,
  checkObstetricHistory,
  checkScan,
  checkScanMethod,
  checkResidentDocument,
  checkStatusChangeDate,
  MAX_GA_AT_REGISTRATION_DAYS,
} from './registration-checks';

const TODAY = '2026-11-22';
const rules = (problems: { field: string; rule: string }[]) =>
  problems.map((p) => `${p.field}:${p.rule}`);

describe('checkDating', () => {
  it.each([
    ['LMP today, registered today', { lmp: TODAY }, TODAY, []],
    [
      'LMP tomorrow',
      { lmp: addDays(TODAY, 1) },
      TODAY,
      ['p.lmp:notFuture', 'p.lmp:notAfterRegistration'],
    ],
    [
      'LMP the day after registration',
      { lmp: '2026-11-11' },
      '2026-11-10',
      ['p.lmp:notAfterRegistration'],
    ],
    [
      'scan tomorrow',
      { ultrasound: { scanDate: addDays(TODAY, 1), gaDays: 70 } },
      TODAY,
      ['p.ultrasound.scanDate:notFuture'],
    ],
    [
      'transfer tomorrow',
      { ivf: { transferDate: addDays(TODAY, 1), embryoAgeDays: 5 } },
      TODAY,
      ['p.ivf.transferDate:notFuture'],
    ],
    [
      'scan on the LMP day',
      { lmp: '2026-09-01', ultrasound: { scanDate: '2026-09-01', gaDays: 35 } },
      TODAY,
      [],
    ],
    [
      'scan a day before the LMP',
      { lmp: '2026-09-01', ultrasound: { scanDate: '2026-08-31', gaDays: 35 } },
      TODAY,
      ['p.ultrasound.scanDate:afterLmp'],
    ],
    ['GA at registration 44+0', { lmp: addDays(TODAY, -MAX_GA_AT_REGISTRATION_DAYS) }, TODAY, []],
    [
      'GA at registration 44+1',
      { lmp: addDays(TODAY, -MAX_GA_AT_REGISTRATION_DAYS - 1) },
      TODAY,
      ['p.registrationDate:gestationalAgeRange'],
    ],
    ['nothing to date by', {}, TODAY, ['p.lmp:required']],
  ])('%s', (_name, evidence, registrationDate, expected) => {
    expect(rules(checkDating(evidence, registrationDate, TODAY, 'p').problems)).toEqual(expected);
  });

  it('names fields without a prefix when re-dating', () => {
    expect(rules(checkDating({ lmp: addDays(TODAY, 1) }, TODAY, TODAY, '').problems)).toEqual([
      'lmp:notFuture',
      'lmp:notAfterRegistration',
    ]);
  });

  it('returns the dating it checked', () => {
    expect(checkDating({ lmp: '2026-03-15' }, TODAY, TODAY, 'p').dating).toEqual({
      edd: '2026-12-20',
      source: 'lmp',
    });
  });
});

describe('checkObstetricHistory', () => {
  it.each([
    [{ gravidity: 1, parity: 0, previousCaesareans: 0 }, []],
    [{ gravidity: 2, parity: 1, previousCaesareans: 1 }, []],
    [{ gravidity: 2, parity: 2, previousCaesareans: 0 }, ['parity:lessThanGravidity']],
    [{ gravidity: 3, parity: 1, previousCaesareans: 2 }, ['previousCaesareans:atMostParity']],
  ])('%j', (history, expected) => {
    expect(rules(checkObstetricHistory(history, ''))).toEqual(expected);
  });
});

describe('ageInYears and checkBirthDate', () => {
  it.each([
    ['1990-11-22', '2026-11-22', 36],
    ['1990-11-23', '2026-11-22', 35],
    ['2000-02-29', '2026-02-28', 25],
    ['2000-02-29', '2026-03-01', 26],
  ])('born %s, on %s: %i', (birthDate, onDate, age) => {
    expect(ageInYears(birthDate, onDate)).toBe(age);
  });

  it.each([
    ['2016-11-22', []], // 10 today
    ['2016-11-23', ['b:plausibleAge']], // 9 until tomorrow
    ['1966-11-23', []], // 59, turns 60 tomorrow
    ['1966-11-22', []], // 60 today
    ['1965-11-22', ['b:plausibleAge']], // 61
  ])('born %s', (birthDate, expected) => {
    expect(rules(checkBirthDate(birthDate, TODAY, 'b'))).toEqual(expected);
  });
});

describe('checkResidentDocument', () => {
  const id = (birthDigits: string, sequence = '002') => {
    const first17 = `110105${birthDigits}${sequence}`;
    return first17 + residentIdCheckCharacter(first17);
  };

  it('accepts a valid ID whose birth date matches', () => {
    expect(checkResidentDocument(id('19900307'), '1990-03-07', TODAY, 'n', 'b')).toEqual({
      normalized: id('19900307'),
      problems: [],
      sequenceIsOdd: false,
    });
  });

  it('reports a birth date that differs from the ID on the birth date field', () => {
    expect(
      rules(checkResidentDocument(id('19900307'), '1990-03-08', TODAY, 'n', 'b').problems),
    ).toEqual(['b:matchesResidentId']);
  });

  it('reports ID failures on the number field', () => {
    expect(
      rules(checkResidentDocument('130402198207290622', '1982-07-29', TODAY, 'n', 'b').problems),
    ).toEqual(['n:checkCharacter']);
  });

  it('tells an odd sequence digit', () => {
    expect(
      checkResidentDocument(id('19900307', '001'), '1990-03-07', TODAY, 'n', 'b').sequenceIsOdd,
    ).toBe(true);
  });
});

describe('checkStatusChangeDate', () => {
  const pregnancy = { registrationDate: '2026-06-01', statusDate: '2026-11-01' };
  it.each([
    ['today', TODAY, []],
    ['tomorrow', addDays(TODAY, 1), ['effectiveDate:notFuture']],
    ['on the last status change', '2026-11-01', []],
    [
      'the day before the last status change',
      '2026-10-31',
      ['effectiveDate:notBeforeLastStatusChange'],
    ],
    [
      'the day before registration',
      '2026-05-31',
      ['effectiveDate:notBeforeRegistration', 'effectiveDate:notBeforeLastStatusChange'],
    ],
  ])('%s', (_name, date, expected) => {
    expect(rules(checkStatusChangeDate(date, pregnancy, TODAY))).toEqual(expected);
  });

  it('allows the registration day when no status changed yet', () => {
    expect(checkStatusChangeDate('2026-06-01', { ...pregnancy, statusDate: null }, TODAY)).toEqual(
      [],
    );
  });
});

describe('checkAfterPreviousOutcome', () => {
  // EDD 2027-08-28 means GA 0+0 on 2026-11-21.
  it.each([
    ['no earlier outcome', null, []],
    ['ended the day before the start', '2026-11-20', []],
    ['ended on the start day', '2026-11-21', ['p.lmp:afterPreviousPregnancy']],
    ['ended after the start', '2026-11-22', ['p.lmp:afterPreviousPregnancy']],
  ])('%s', (_name, outcome, expected) => {
    expect(rules(checkAfterPreviousOutcome('2027-08-28', outcome, 'p.lmp'))).toEqual(expected);
  });

  it('names the end of her previous pregnancy only when asked to', () => {
    const [shown] = checkAfterPreviousOutcome('2027-08-28', '2026-11-22', 'p.lmp');
    expect(shown.message).toContain('2026-11-22');
    const [withheld] = checkAfterPreviousOutcome('2027-08-28', '2026-11-22', 'p.lmp', false);
    expect(withheld.message).not.toContain('2026-11-22');
    expect(withheld.message).toContain('2026-11-21');
  });
});

describe('checkScan and checkScanMethod', () => {
  const SCAN_DAY = '2026-12-02';
  const LMP = '2026-09-01';
  const scanRules = (scan: { scanDate: string; gaDays: number; method: 'crl' | 'biometry' }) =>
    checkScan(scan, LMP, SCAN_DAY).map((p) => `${p.field}:${p.rule}`);

  it.each([
    [97, 'crl', []], // 13+6
    [98, 'crl', ['method:crlUpTo13w6d']], // 14+0
    [98, 'biometry', []],
    [60, 'biometry', []],
  ] as const)('GA %i days by %s → %j', (gaDays, method, expected) => {
    expect(scanRules({ scanDate: SCAN_DAY, gaDays, method })).toEqual(expected);
    expect(checkScanMethod(method, gaDays, 'pregnancy.ultrasound.method')).toHaveLength(
      expected.length,
    );
  });

  it.each([
    [SCAN_DAY, []],
    [addDays(SCAN_DAY, 1), ['scanDate:notFuture']],
    [LMP, []],
    [addDays(LMP, -1), ['scanDate:afterLmp']],
  ])('scan on %s → %j', (scanDate, expected) => {
    expect(scanRules({ scanDate, gaDays: 100, method: 'biometry' })).toEqual(expected);
  });

  it('has no LMP to compare with when she does not know it', () => {
    expect(
      checkScan({ scanDate: '2026-01-01', gaDays: 100, method: 'biometry' }, null, SCAN_DAY),
    ).toEqual([]);
  });
});
