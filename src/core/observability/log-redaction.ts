/**
 * What must never reach a log line: identity document numbers, phones, names, tokens, passwords.
 * Known fields (and credential headers) are censored by key at any depth; free text is scrubbed of
 * anything shaped like an 18-character resident ID or an 11-digit mainland mobile number.
 */
export const REDACTED = '[redacted]';

const SENSITIVE_FIELDS = [
  'documentNumber',
  'idNumber',
  'residentId',
  'phone',
  'mobile',
  'name',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
];

const SENSITIVE_KEYS: ReadonlySet<string> = new Set([
  ...SENSITIVE_FIELDS,
  'authorization',
  'cookie',
  'set-cookie',
]);

const RESIDENT_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/** Free text with resident IDs, mobile numbers and tokens replaced. */
export function scrubText(text: string): string {
  return text
    .replace(BEARER, `$1${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(RESIDENT_ID, REDACTED)
    .replace(MOBILE, REDACTED);
}

const MAX_DEPTH = 6;

/**
 * A copy of a log object (bounded depth) with every sensitive key censored and every string
 * scrubbed.
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  if (value instanceof Error) {
    const scrubbed = new Error(scrubText(value.message));
    scrubbed.name = value.name;
    if (value.stack) scrubbed.stack = scrubText(value.stack);
    return scrubbed;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEYS.has(key) && item != null ? REDACTED : scrubValue(item, depth + 1);
  }
  return copy;
}
