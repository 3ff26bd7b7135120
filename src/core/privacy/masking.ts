const MASK = '*';

function keepEnds(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return MASK.repeat(value.length);
  return value.slice(0, head) + MASK.repeat(value.length - head - tail) + value.slice(-tail);
}

/** `110105********002X`: region code and the last four characters stay visible. */
export function maskDocumentNumber(value: string): string {
  return value.length >= 12 ? keepEnds(value, 6, 4) : keepEnds(value, 1, 2);
}

/** `138****1234` for mobile numbers; other numbers keep the first three and last four digits. */
export function maskPhone(value: string): string {
  return keepEnds(value, 3, 4);
}

/**
 * `浙江省杭州市****`: an address keeps its first six characters (province and city as a rule);
 * the region code beside it says where she lives to the level the record needs.
 */
export function maskAddress(value: string): string {
  return value.length <= 6 ? MASK.repeat(value.length) : `${value.slice(0, 6)}${MASK.repeat(4)}`;
}

const MASKS = { documentNumber: maskDocumentNumber, phone: maskPhone, address: maskAddress };

/** Mask kinds by key, as keys recur on every audit row. */
const kindsByKey = new Map<string, keyof typeof MASKS | null>();

/**
 * Which mask a key's value needs: `documentNumber`, `phone`, `contactPhone`, `companionPhone`,
 * `hukouAddress`, `postpartumAddress`…
 */
export function secretKind(key: string): keyof typeof MASKS | null {
  let kind = kindsByKey.get(key);
  if (kind === undefined) {
    const lower = key.toLowerCase();
    kind = lower.endsWith('documentnumber')
      ? 'documentNumber'
      : lower.endsWith('phone')
        ? 'phone'
        : lower.endsWith('address')
          ? 'address'
          : null;
    if (kindsByKey.size < 10_000) kindsByKey.set(key, kind);
  }
  return kind;
}

/**
 * A copy of `value` with every document number and phone masked, at any depth: what may be kept
 * where the full values must never be (the audit trail). Masking a masked value changes nothing.
 */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => maskSecrets(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const masked: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as object) as [string, unknown][]) {
    const kind = secretKind(key);
    const copy = kind === null || typeof item !== 'string' ? maskSecrets(item) : MASKS[kind](item);
    // An own `__proto__` key stays a key, as Object.fromEntries would keep it.
    if (key === '__proto__') {
      Object.defineProperty(masked, key, { value: copy, enumerable: true, writable: true });
    } else masked[key] = copy;
  }
  return masked as T;
}

/** Whether maskSecrets would change anything in `value`: a document number, phone or address in it. */
export function holdsSecrets(value: unknown): boolean {
  if (Array.isArray(value)) return value.some((item) => holdsSecrets(item));
  if (value === null || typeof value !== 'object' || value instanceof Date) return false;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' ? secretKind(key) !== null && item.length > 0 : holdsSecrets(item))
      return true;
  }
  return false;
}

/** How list DTOs describe the phone they show. */
export const PHONE_ON_LISTS =
  'Masked, as on every list; GET /women/{womanId}/contact reveals it to call her (audited)';
