import * as E from 'fp-ts/lib/Either.js';
import type { JsonValue } from '../eventsourcing/json.js';
import { decrypt, encrypt, NONCE_BYTES } from './aes-gcm.js';
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
  const body = encrypt(key.material, Buffer.from(JSON.stringify(value), 'utf8'), context);
  return {
    $sealed: 1,
    subject: key.subjectId,
    key: key.keyId,
    iv: body.subarray(0, NONCE_BYTES).toString('base64'),
    data: body.subarray(NONCE_BYTES).toString('base64'),
  };
};

/** Opens a sealed value; `Left` when it was altered, is out of its context, or is not this key's. */
export const open = (
  key: SubjectKey,
  sealed: SealedValue,
  context: string,
): E.Either<'tampered', JsonValue> => {
  const iv = Buffer.from(sealed.iv, 'base64');
  if (iv.length !== NONCE_BYTES) return E.left('tampered');
  const plain = decrypt(key.material, Buffer.concat([iv, Buffer.from(sealed.data, 'base64')]), context);
  return plain === undefined ? E.left('tampered') : E.right(JSON.parse(plain.toString('utf8')) as JsonValue);
};
