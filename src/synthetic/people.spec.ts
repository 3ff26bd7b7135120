import { checkResidentId } from '../women/rules/resident-id';
import { districtCodes, phoneNumber, ResidentIdIssuer } from './people';

describe('ResidentIdIssuer', () => {
  it('issues valid GB 11643 numbers with an even sequence digit and the given birth date', () => {
    const issuer = new ResidentIdIssuer();
    const issued = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const id = issuer.issue('330102', '1994-02-28');
      if (id === null) break;
      const check = checkResidentId(id, '2026-11-22');
      expect(check.valid).toBe(true);
      expect(check.sequenceIsOdd).toBe(false);
      expect(check.birthDate).toBe('1994-02-28');
      expect(id.slice(0, 6)).toBe('330102');
      issued.add(id);
    }
    // 002, 004, … 998: every even sequence once, then none.
    expect(issued.size).toBe(499);
    expect(issuer.issue('330102', '1994-02-28')).toBeNull();
  });

  it('gives the check character X where the sum asks for it', () => {
    const issuer = new ResidentIdIssuer();
    const ids = Array.from({ length: 200 }, () => issuer.issue('110105', '1949-12-31')!);
    expect(ids).toContain('11010519491231002X');
  });

  it('skips numbers already in the database', () => {
    const taken = new Set(['11010519491231002X']);
    expect(new ResidentIdIssuer(taken).issue('110105', '1949-12-31')).toBe('110105194912310046');
  });
});

describe('phoneNumber', () => {
  it('is an 11-digit mobile number, different for every woman', () => {
    const phones = new Set<string>();
    for (let id = 1; id <= 50_000; id++) {
      const phone = phoneNumber(id);
      expect(phone).toMatch(/^1\d{10}$/);
      phones.add(phone);
    }
    expect(phones.size).toBe(50_000);
  });
});

describe('districtCodes', () => {
  it('numbers the districts of a city and refuses a code outside the province list', () => {
    expect(districtCodes('3301', 3)).toEqual(['330101', '330102', '330103']);
    expect(() => districtCodes('9901', 2)).toThrow(RangeError);
    expect(() => districtCodes('330', 2)).toThrow(RangeError);
  });
});
