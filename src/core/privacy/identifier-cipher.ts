import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import type { ValueTransformer } from 'typeorm';
import { type IdentifierKeys, identifiersConfig } from '../../../config';
import { maskDocumentNumber, maskPhone } from './masking';

const FORMAT = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs are cut from a larger random draw: one small randomBytes call costs more than the AES. */
const IV_POOL_BYTES = IV_BYTES * 1024;

/** Blind indexes of different fields never compare equal, even for the same text. */
export type IndexedField = 'document' | 'phone';

export class IdentifierFormatError extends Error {
  constructor(reason: string) {
    super(`Encrypted identifier ${reason}`);
    this.name = 'IdentifierFormatError';
  }
}

/**
 * Identifiers (document numbers, phones) as stored: `v1:<keyId>:<iv>:<tag>:<ciphertext>`, each
 * part base64, AES-256-GCM under the named key with the `v1:<keyId>` header as additional data.
 * Each value names its key, so keys rotate value by value; exact search goes through a blind
 * index, an HMAC-SHA256 of the value under a separate key.
 */
export class IdentifierCipher {
  private readonly header: string;
  private readonly headerBytes: Buffer;
  private readonly secretKeys: ReadonlyMap<string, KeyObject>;
  private readonly activeKey: KeyObject;
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(private readonly keys: IdentifierKeys) {
    if (!keys.keys.has(keys.activeKeyId)) {
      throw new Error(`The active identifier key "${keys.activeKeyId}" is not among the keys`);
    }
    this.secretKeys = new Map([...keys.keys].map(([id, key]) => [id, createSecretKey(key)]));
    this.activeKey = this.secretKeys.get(keys.activeKeyId)!;
    this.header = `${FORMAT}:${keys.activeKeyId}`;
    this.headerBytes = Buffer.from(this.header);
  }

  get activeKeyId(): string {
    return this.keys.activeKeyId;
  }

  encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv(ALGORITHM, this.activeKey, iv);
    cipher.setAAD(this.headerBytes);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${this.header}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
  }

  /** The plaintext; throws on a malformed value, an unknown key or a value altered in any way. */
  decrypt(stored: string): string {
    const parts = stored.split(':');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new IdentifierFormatError('is malformed');
    const [format, keyId, iv, tag, body] = parts;
    const key = this.secretKeys.get(keyId);
    if (!key) {
      throw new IdentifierFormatError(
        `is under the unknown key "${keyId}": list it in IDENTIFIER_KEYS`,
      );
    }
    const ivBytes = Buffer.from(iv, 'base64');
    const tagBytes = Buffer.from(tag, 'base64');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
      throw new IdentifierFormatError('is malformed');
    }
    const decipher = createDecipheriv(ALGORITHM, key, ivBytes);
    decipher.setAAD(Buffer.from(`${format}:${keyId}`));
    decipher.setAuthTag(tagBytes);
    try {
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new IdentifierFormatError(`under key "${keyId}" failed authentication`);
    }
  }

  /** A fresh random IV: 12 bytes of the current draw, never handed out twice. */
  private nextIv(): Buffer {
    if (this.ivOffset + IV_BYTES > this.ivPool.length) {
      this.ivPool = randomBytes(IV_POOL_BYTES);
      this.ivOffset = 0;
    }
    this.ivOffset += IV_BYTES;
    return this.ivPool.subarray(this.ivOffset - IV_BYTES, this.ivOffset);
  }

  /** The key a stored value is under, or null when it is not an encrypted identifier at all. */
  keyIdOf(stored: string): string | null {
    const parts = stored.split(':');
    return parts.length === 5 && parts[0] === FORMAT ? parts[1] : null;
  }

  /** Stored under an older key (or not encrypted): the rotation re-encrypts it. */
  needsRotation(stored: string): boolean {
    return this.keyIdOf(stored) !== this.keys.activeKeyId;
  }

  /** The blind index of a normalised value: 64 hex characters. */
  blindIndex(field: IndexedField, value: string): string {
    return createHmac('sha256', this.keys.indexKey).update(`${field}\0${value}`).digest('hex');
  }
}

let current: IdentifierCipher | null = null;

/**
 * The process's cipher, built on first use from the validated configuration (the same variables
 * the app checks at boot), so the app, migrations, scripts and tests all read keys one way.
 */
export function identifierCipher(): IdentifierCipher {
  current ??= new IdentifierCipher(identifiersConfig());
  return current;
}

/** Replaces the process's cipher (a rotation test, a tool with keys of its own); null resets. */
export function useIdentifierCipher(cipher: IdentifierCipher | null): void {
  current = cipher;
}

/**
 * Entity columns holding an identifier: plaintext in memory, encrypted in the row. The stored
 * value is random for each write, so a `where` on such a column never matches: search by its
 * blind index column instead.
 */
export const encryptedIdentifier: ValueTransformer = {
  to: (value: string | null | undefined) =>
    value === null || value === undefined ? value : identifierCipher().encrypt(value),
  from: (value: string | null) => (value === null ? null : identifierCipher().decrypt(value)),
};

/** A phone as raw SQL reads it (encrypted), as every list shows it: masked. */
export function maskStoredPhone(stored: string): string {
  return maskPhone(identifierCipher().decrypt(stored));
}

/** A document number as raw SQL reads it (encrypted), as every list shows it: masked. */
export function maskStoredDocumentNumber(stored: string): string {
  return maskDocumentNumber(identifierCipher().decrypt(stored));
}
