import { registerAs } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { assertStrongSecret } from './secret-strength';

/**
 * Keys for the identifiers kept encrypted in the database (document numbers, phones):
 *
 * - `IDENTIFIER_KEYS`: `keyId:base64` pairs, comma-separated, each key 32 random bytes (AES-256).
 *   Every key that any stored value may still be under; new values use the active one.
 * - `IDENTIFIER_ACTIVE_KEY_ID`: the key new values are encrypted with; one of the listed ids.
 * - `IDENTIFIER_INDEX_KEY`: base64 of 32 random bytes, the HMAC-SHA256 key of the blind indexes
 *   that exact searches use; distinct from every encryption key.
 *
 * Problems are reported by variable name and rule, never with the value: these are secrets.
 */
export interface IdentifierKeys {
  /** Encryption keys by id, in the order listed. */
  keys: ReadonlyMap<string, Buffer>;
  activeKeyId: string;
  indexKey: Buffer;
}

export const IDENTIFIER_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

type Env = Record<string, string | undefined>;

function decodeKey(value: string): Buffer | null {
  if (!BASE64.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === IDENTIFIER_KEY_BYTES ? bytes : null;
}

/** What is wrong with the identifier keys of `env`, one line per problem; empty when usable. */
export function identifierKeyProblems(env: Env = process.env): string[] {
  return readIdentifierKeys(env).problems;
}

/**
 * The identifier keys of `env`, validated: every key 32 bytes of base64 under a distinct id of
 * letters, digits, `-` or `_` (at most 16), the active id among them, and an index key that is
 * none of them. Throws `Invalid configuration` naming each bad variable.
 */
export function parseIdentifierKeys(env: Env = process.env): IdentifierKeys {
  const { keys, problems } = readIdentifierKeys(env);
  if (!keys) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  for (const [id, key] of keys.keys) {
    assertStrongSecret(`IDENTIFIER_KEYS (key "${id}")`, key.toString('base64'), env.NODE_ENV);
  }
  assertStrongSecret('IDENTIFIER_INDEX_KEY', keys.indexKey.toString('base64'), env.NODE_ENV);
  return keys;
}

function readIdentifierKeys(env: Env): { keys: IdentifierKeys | null; problems: string[] } {
  const problems: string[] = [];
  const keys = new Map<string, Buffer>();
  const listed = env.IDENTIFIER_KEYS?.trim() ?? '';
  if (listed === '') {
    problems.push('IDENTIFIER_KEYS (missing): a comma-separated list of keyId:base64-32-bytes');
  }
  for (const [index, entry] of (listed === '' ? [] : listed.split(',')).entries()) {
    const separator = entry.indexOf(':');
    const id = separator < 0 ? '' : entry.slice(0, separator).trim();
    const key = decodeKey(entry.slice(separator + 1).trim());
    const where = `IDENTIFIER_KEYS (entry ${index + 1})`;
    if (!KEY_ID.test(id)) {
      problems.push(`${where}: the key id must be 1–16 letters, digits, - or _ before a colon`);
    } else if (keys.has(id)) {
      problems.push(`${where}: the key id "${id}" is listed twice`);
    } else if (!key) {
      problems.push(`${where}: key "${id}" must be base64 of exactly 32 bytes`);
    } else {
      keys.set(id, key);
    }
  }
  const activeKeyId = env.IDENTIFIER_ACTIVE_KEY_ID?.trim() ?? '';
  if (activeKeyId === '') {
    problems.push('IDENTIFIER_ACTIVE_KEY_ID (missing): the id of the key new values use');
  } else if (!keys.has(activeKeyId) && listed !== '') {
    problems.push(`IDENTIFIER_ACTIVE_KEY_ID: "${activeKeyId}" is not a key of IDENTIFIER_KEYS`);
  }
  const indexKey = decodeKey(env.IDENTIFIER_INDEX_KEY?.trim() ?? '');
  if (!env.IDENTIFIER_INDEX_KEY?.trim()) {
    problems.push('IDENTIFIER_INDEX_KEY (missing): base64 of 32 bytes, the blind-index HMAC key');
  } else if (!indexKey) {
    problems.push('IDENTIFIER_INDEX_KEY: must be base64 of exactly 32 bytes');
  } else if ([...keys.values()].some((key) => key.equals(indexKey))) {
    problems.push('IDENTIFIER_INDEX_KEY: must differ from every key of IDENTIFIER_KEYS');
  }
  if (problems.length > 0 || !indexKey) return { keys: null, problems };
  return { keys: { keys, activeKeyId, indexKey }, problems };
}

/** Fresh random values for the three variables, e.g. for a generated `.env`. */
export function generateIdentifierSecrets(keyId = 'k1'): Record<string, string> {
  if (!KEY_ID.test(keyId)) throw new Error(`Not a valid key id: ${keyId}`);
  return {
    IDENTIFIER_KEYS: `${keyId}:${randomBytes(IDENTIFIER_KEY_BYTES).toString('base64')}`,
    IDENTIFIER_ACTIVE_KEY_ID: keyId,
    IDENTIFIER_INDEX_KEY: randomBytes(IDENTIFIER_KEY_BYTES).toString('base64'),
  };
}

export const identifiersConfig = registerAs('identifiers', () => parseIdentifierKeys());

export type IdentifiersConfig = ReturnType<typeof identifiersConfig>;
