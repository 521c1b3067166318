import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { JsonValue } from '../eventsourcing/json.js';
import type { SubjectKey } from './subject-key.js';

/**
 * A personal value as stored: sealed with AES-256-GCM under its subject's key. Only the subject and key ids are
 * in the clear (they say which key opens it, and whose data it is); the value, even its type, is not.
 */
export interface SealedValue {
  /** The format version. */
  readonly $sealed: 1;
  readonly subject: string;
  readonly key: string;
  /** The 12-byte nonce, base64. */
  readonly iv: string;
  /** The ciphertext followed by the 16-byte authentication tag, base64. */
  readonly data: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export const isSealed = (value: unknown): value is SealedValue =>
  typeof value === 'object' &&
  value !== null &&
  (value as { $sealed?: unknown }).$sealed === 1 &&
  typeof (value as SealedValue).subject === 'string' &&
  typeof (value as SealedValue).key === 'string' &&
  typeof (value as SealedValue).iv === 'string' &&
  typeof (value as SealedValue).data === 'string';

/**
 * Seals `value` under `key`. `context` is authenticated with it (the stream, event and field it belongs to), so
 * a sealed value copied into another event or field fails to open rather than passing for that one's.
 */
export const seal = (key: SubjectKey, value: JsonValue, context: string): SealedValue => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([
    cipher.update(JSON.stringify(value), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return {
    $sealed: 1,
    subject: key.subjectId,
    key: key.keyId,
    iv: iv.toString('base64'),
    data: body.toString('base64'),
  };
};

/** Opens a sealed value; `Left` when it was altered, is out of its context, or is not this key's. */
export const open = (
  key: SubjectKey,
  sealed: SealedValue,
  context: string,
): E.Either<'tampered', JsonValue> => {
  try {
    const iv = Buffer.from(sealed.iv, 'base64');
    const body = Buffer.from(sealed.data, 'base64');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) return E.left('tampered');
    const decipher = createDecipheriv('aes-256-gcm', key.material, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return E.right(JSON.parse(plain.toString('utf8')) as JsonValue);
  } catch {
    // GCM's tag check failing is the expected way to find tampering; nothing else in here throws on good input.
    return E.left('tampered');
  }
};
