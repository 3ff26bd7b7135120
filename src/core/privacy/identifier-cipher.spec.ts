import { randomBytes } from 'node:crypto';
import {
  generateIdentifierSecrets,
  identifierKeyProblems,
  parseIdentifierKeys,
} from '../../../config/identifiers.config';
import { IdentifierCipher, IdentifierFormatError } from './identifier-cipher';

const key = () => randomBytes(32);

function cipherWith(keys: Record<string, Buffer>, activeKeyId: string, indexKey = key()) {
  return new IdentifierCipher({ keys: new Map(Object.entries(keys)), activeKeyId, indexKey });
}

describe('IdentifierCipher', () => {
  const k1 = key();
  const k2 = key();
  const cipher = cipherWith({ k1 }, 'k1');

  it.each(['11010519491231002X', '13812341234', 'E12345678', '李娜', ''])(
    'round-trips %p',
    (plain) => {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    },
  );

  it('stores v1:<keyId>:<iv>:<tag>:<ciphertext> without the plaintext, different every time', () => {
    const a = cipher.encrypt('11010519491231002X');
    const b = cipher.encrypt('11010519491231002X');
    expect(a).toMatch(/^v1:k1:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('1101051949');
    expect(a.length).toBeLessThanOrEqual(160);
    expect(cipher.encrypt('A'.repeat(32)).length).toBeLessThanOrEqual(160);
  });

  describe('refuses a value altered in any part', () => {
    const stored = cipher.encrypt('13812341234');
    const parts = stored.split(':');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] ^= 1;
      return bytes.toString('base64');
    };
    it.each([
      ['ciphertext', 4],
      ['tag', 3],
      ['iv', 2],
    ])('%s', (_name, index) => {
      const altered = [...parts];
      altered[index] = flip(altered[index]);
      expect(() => cipher.decrypt(altered.join(':'))).toThrow(/failed authentication/);
    });

    it('the key id in the header (bound as additional data)', () => {
      const both = cipherWith({ k1, k2: k1 }, 'k1');
      const moved = ['v1', 'k2', ...both.encrypt('13812341234').split(':').slice(2)].join(':');
      expect(() => both.decrypt(moved)).toThrow(/failed authentication/);
    });

    it.each(['13812341234', 'v2:k1:a:b:c', 'v1:k1:AAAA:AAAA:AAAA', 'v1:k1:onlyfour:parts'])(
      'malformed %p',
      (value) => {
        expect(() => cipher.decrypt(value)).toThrow(IdentifierFormatError);
      },
    );
  });

  it('names an unknown key id instead of guessing', () => {
    const other = cipherWith({ k9: key() }, 'k9');
    expect(() => cipher.decrypt(other.encrypt('x'))).toThrow(/unknown key "k9"/);
  });

  it('rotates: old values still decrypt with the old key listed, new ones use the active key', () => {
    const before = cipherWith({ k1 }, 'k1');
    const old = before.encrypt('13812341234');
    const after = cipherWith({ k1, k2 }, 'k2');
    expect(after.needsRotation(old)).toBe(true);
    const rotated = after.encrypt(after.decrypt(old));
    expect(after.keyIdOf(rotated)).toBe('k2');
    expect(after.needsRotation(rotated)).toBe(false);
    expect(after.decrypt(rotated)).toBe('13812341234');
    expect(after.needsRotation('13812341234')).toBe(true);
    // Once rotated, the old key can go.
    expect(cipherWith({ k2 }, 'k2').decrypt(rotated)).toBe('13812341234');
    expect(() => cipherWith({ k2 }, 'k2').decrypt(old)).toThrow(/unknown key "k1"/);
  });

  it('computes deterministic blind indexes, separate per field and per index key', () => {
    const indexKey = key();
    const a = cipherWith({ k1 }, 'k1', indexKey);
    const b = cipherWith({ k2 }, 'k2', indexKey);
    expect(a.blindIndex('document', 'E12345678')).toMatch(/^[0-9a-f]{64}$/);
    expect(a.blindIndex('document', 'E12345678')).toBe(b.blindIndex('document', 'E12345678'));
    expect(a.blindIndex('document', '13812341234')).not.toBe(a.blindIndex('phone', '13812341234'));
    expect(cipher.blindIndex('phone', '13812341234')).not.toBe(
      a.blindIndex('phone', '13812341234'),
    );
  });
});

describe('identifier key configuration', () => {
  const valid = generateIdentifierSecrets('k1');

  it('reads generated secrets', () => {
    const keys = parseIdentifierKeys(valid);
    expect(keys.activeKeyId).toBe('k1');
    expect(keys.keys.get('k1')).toHaveLength(32);
    expect(keys.indexKey).toHaveLength(32);
    expect(identifierKeyProblems(valid)).toEqual([]);
  });

  it('reads several keys, the active one among them', () => {
    const second = generateIdentifierSecrets('k2');
    const keys = parseIdentifierKeys({
      ...second,
      IDENTIFIER_KEYS: `${valid.IDENTIFIER_KEYS}, ${second.IDENTIFIER_KEYS}`,
    });
    expect([...keys.keys.keys()]).toEqual(['k1', 'k2']);
    expect(keys.activeKeyId).toBe('k2');
  });

  const short = randomBytes(16).toString('base64');
  it.each([
    [{ IDENTIFIER_KEYS: undefined }, /IDENTIFIER_KEYS \(missing\)/],
    [
      { IDENTIFIER_KEYS: `k1:${short}` },
      /IDENTIFIER_KEYS \(entry 1\): key "k1" must be base64 of exactly 32 bytes/,
    ],
    [{ IDENTIFIER_KEYS: 'k1' }, /IDENTIFIER_KEYS \(entry 1\): the key id/],
    [{ IDENTIFIER_KEYS: `${valid.IDENTIFIER_KEYS},${valid.IDENTIFIER_KEYS}` }, /listed twice/],
    [{ IDENTIFIER_ACTIVE_KEY_ID: 'k7' }, /IDENTIFIER_ACTIVE_KEY_ID: "k7" is not a key/],
    [{ IDENTIFIER_ACTIVE_KEY_ID: '' }, /IDENTIFIER_ACTIVE_KEY_ID \(missing\)/],
    [{ IDENTIFIER_INDEX_KEY: short }, /IDENTIFIER_INDEX_KEY: must be base64 of exactly 32 bytes/],
    [{ IDENTIFIER_INDEX_KEY: valid.IDENTIFIER_KEYS.slice(3) }, /must differ from every key/],
  ])('stops on a bad variable %#, naming it without echoing secrets', (change, message) => {
    const env = { ...valid, ...change };
    expect(() => parseIdentifierKeys(env)).toThrow(message);
    try {
      parseIdentifierKeys(env);
    } catch (error) {
      expect((error as Error).message).not.toContain(valid.IDENTIFIER_KEYS.slice(3));
      expect((error as Error).message).not.toContain(valid.IDENTIFIER_INDEX_KEY);
    }
  });
});
