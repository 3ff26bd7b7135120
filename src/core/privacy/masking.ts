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

/**
 * Which mask a key's value needs: `documentNumber`, `phone`, `contactPhone`, `companionPhone`,
 * `hukouAddress`, `postpartumAddress`…
 */
export function secretKind(key: string): keyof typeof MASKS | null {
  const lower = key.toLowerCase();
  if (lower.endsWith('documentnumber')) return 'documentNumber';
  if (lower.endsWith('phone')) return 'phone';
  if (lower.endsWith('address')) return 'address';
  return null;
}

/**
 * A copy of `value` with every document number and phone masked, at any depth: what may be kept
 * where the full values must never be (the audit trail). Masking a masked value changes nothing.
 */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => maskSecrets(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const kind = secretKind(key);
      if (kind === null || typeof item !== 'string') return [key, maskSecrets(item)];
      return [key, MASKS[kind](item)];
    }),
  ) as T;
}

/** Whether maskSecrets would change anything in `value`: a document number, phone or address in it. */
export function holdsSecrets(value: unknown): boolean {
  if (Array.isArray(value)) return value.some((item) => holdsSecrets(item));
  if (value === null || typeof value !== 'object' || value instanceof Date) return false;
  return Object.entries(value).some(([key, item]) =>
    typeof item === 'string' ? secretKind(key) !== null && item.length > 0 : holdsSecrets(item),
  );
}

/** How list DTOs describe the phone they show. */
export const PHONE_ON_LISTS =
  'Masked, as on every list; GET /women/{womanId}/contact reveals it to call her (audited)';
