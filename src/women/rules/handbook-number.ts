/**
 * 母子健康手册 number as printed on her handbook: digits, capital letters and hyphens. One
 * handbook per pregnancy, so one number names one pregnancy.
 */
export const HANDBOOK_NUMBER = /^[0-9A-Z-]{6,24}$/;

export const HANDBOOK_NUMBER_RULE = 'must be 6 to 24 digits, capital letters or hyphens';

/** What a nurse types, as the handbook prints it: no spaces, letters in capitals. */
export function normaliseHandbookNumber(typed: string): string {
  return typed.replace(/\s+/g, '').toUpperCase();
}
