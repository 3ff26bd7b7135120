import { compareIsoDates, isIsoDate, type IsoDate } from '../../core/time/calendar-date';

/** Resident ID (居民身份证) check per GB 11643-1999; see DOMAIN.md §1. */
export type ResidentIdRule =
  'format' | 'province' | 'birthDate' | 'futureBirthDate' | 'checkCharacter';

export interface ResidentIdFailure {
  rule: ResidentIdRule;
  message: string;
}

export interface ResidentIdCheck {
  valid: boolean; // true when failures is empty
  normalized: string; // trimmed, lower-case x turned to X
  failures: ResidentIdFailure[];
  birthDate?: IsoDate; // set when the 8 date digits form a real calendar date
  sequenceIsOdd?: boolean; // set when format is right: 17th digit odd = male sequence
  expectedCheckCharacter?: string; // set when format is right
}

export const PROVINCE_CODES: readonly string[] = Object.freeze([
  ...['11', '12', '13', '14', '15'],
  ...['21', '22', '23'],
  ...['31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46'],
  ...['50', '51', '52', '53', '54'],
  ...['61', '62', '63', '64', '65'],
  ...['71', '81', '82', '83', '91'],
]);

// ISO 7064 MOD 11-2: weight i is 2^(17−i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const FIRST_17_DIGITS = /^\d{17}$/;
const RESIDENT_ID = /^\d{17}[\dX]$/;

export function residentIdCheckCharacter(first17Digits: string): string {
  if (!FIRST_17_DIGITS.test(first17Digits)) {
    throw new RangeError(`Expected exactly 17 digits: ${first17Digits}`);
  }
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17Digits[i]), 0);
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/** Reports every failing rule; a male (odd) sequence is reported, not failed: the caller warns. */
export function checkResidentId(value: string, today: IsoDate): ResidentIdCheck {
  if (!isIsoDate(today)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${today}`);
  const normalized = value.trim().replace(/x/g, 'X');
  if (!RESIDENT_ID.test(normalized)) {
    const message = 'A resident ID is 17 digits followed by a digit or X.';
    return { valid: false, normalized, failures: [{ rule: 'format', message }] };
  }

  const failures: ResidentIdFailure[] = [];
  const province = normalized.slice(0, 2);
  if (!PROVINCE_CODES.includes(province)) {
    failures.push({ rule: 'province', message: `${province} is not a province code.` });
  }

  const birthDigits = normalized.slice(6, 14);
  const birthDate = `${birthDigits.slice(0, 4)}-${birthDigits.slice(4, 6)}-${birthDigits.slice(6)}`;
  const birthDateIsReal = isIsoDate(birthDate);
  if (!birthDateIsReal) {
    const message = `The birth date ${birthDigits} is not a real calendar date.`;
    failures.push({ rule: 'birthDate', message });
  } else if (compareIsoDates(birthDate, today) > 0) {
    const message = `The birth date ${birthDate} is in the future.`;
    failures.push({ rule: 'futureBirthDate', message });
  }

  const expectedCheckCharacter = residentIdCheckCharacter(normalized.slice(0, 17));
  if (normalized.charAt(17) !== expectedCheckCharacter) {
    const message = `The check character should be ${expectedCheckCharacter}.`;
    failures.push({ rule: 'checkCharacter', message });
  }

  return {
    valid: failures.length === 0,
    normalized,
    failures,
    ...(birthDateIsReal ? { birthDate } : {}),
    sequenceIsOdd: Number(normalized.charAt(16)) % 2 === 1,
    expectedCheckCharacter,
  };
}
