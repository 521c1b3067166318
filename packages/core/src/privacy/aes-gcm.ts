import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under a 32-byte key, with `context` authenticated alongside: the nonce, the ciphertext and the tag
 * in one buffer. Sealed personal values and wrapped subject keys both use it.
 */
export const encrypt = (key: Uint8Array, plain: Uint8Array, context: string): Buffer => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
};

/** The plaintext, or undefined when the buffer was altered, is out of its context, or is not this key's. */
export const decrypt = (key: Uint8Array, sealed: Uint8Array, context: string): Buffer | undefined => {
  if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // GCM's tag check failing is the expected way to find tampering; nothing else in here throws on good input.
    return undefined;
  }
};

export const NONCE_BYTES = IV_BYTES;
