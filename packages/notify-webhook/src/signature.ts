import { createHmac, timingSafeEqual } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { minimumSecretBytes } from './settings.js';

/** The headers of a webhook request, lower case (HTTP header names are case-insensitive). */
export const webhookHeaders = {
  /** The message id: the idempotency key receivers de-duplicate by. Also the body's `id`. */
  id: 'x-fostering-id',
  /** When the request was signed, in whole seconds since the Unix epoch. Signed. */
  timestamp: 'x-fostering-timestamp',
  /** `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. */
  signature: 'x-fostering-signature',
  /** The sender's name for its secret (optional, a hint only: not signed). */
  keyId: 'x-fostering-key-id',
} as const;

/** The version of the signing scheme, the prefix of each signature in the signature header. */
export const signatureScheme = 'v1';

/** A shared secret: a string (used as its UTF-8 bytes) or the bytes themselves. */
export type WebhookSecret = string | Uint8Array;

const keyBytes = (secret: WebhookSecret): Buffer =>
  typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);

/** The HMAC-SHA256 of `"<timestamp>.<raw body>"` under the secret: 32 bytes. */
const digest = (secret: WebhookSecret, timestamp: number | string, body: string | Uint8Array): Buffer =>
  createHmac('sha256', keyBytes(secret))
    .update(`${timestamp}.`, 'utf8')
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest();

/** The value of the signature header for a body signed at `timestamp` (Unix seconds). */
export const signatureHeaderValue = (
  secret: WebhookSecret,
  timestamp: number,
  body: string | Uint8Array,
): string => `${signatureScheme}=${digest(secret, timestamp, body).toString('hex')}`;

export type VerificationFailureReason =
  /** A required header is absent (`header` names it). */
  | 'missing-header'
  /** A header is present but not in the expected form, or sent more than once (`header` names it). */
  | 'malformed-header'
  /** No signature matches any of the secrets: the body, the timestamp or the secret differs. */
  | 'signature-mismatch'
  /** Signed longer ago than the tolerance: a replay, or a sender whose clock is behind. */
  | 'timestamp-too-old'
  /** Signed further in the future than the tolerance: a sender whose clock is ahead (or a forgery). */
  | 'timestamp-in-future'
  /** The signed body is not a JSON object with a string `id`. */
  | 'malformed-body'
  /** The id header differs from the signed body's `id`: the header (which is not signed) was altered. */
  | 'id-mismatch';

export interface VerificationFailure {
  readonly _tag: 'VerificationFailure';
  readonly reason: VerificationFailureReason;
  /** The header at fault, for `missing-header` and `malformed-header`. */
  readonly header?: string;
  readonly message: string;
}

export interface VerifiedWebhook {
  /** The message id, from the signed body: de-duplicate by it. */
  readonly id: string;
  /** When the sender signed the request, in Unix seconds. */
  readonly timestamp: number;
  /** Which of the secrets given verified it (0 for a single secret): shows when an old one is no longer used. */
  readonly secretIndex: number;
}

/**
 * Request headers as a receiver has them: a fetch `Headers` (or anything with `get`), or a plain object such as
 * Node's `IncomingHttpHeaders` (looked up case-insensitively).
 */
export type ReceivedHeaders =
  | { readonly get: (name: string) => string | null }
  | Readonly<Record<string, string | ReadonlyArray<string> | undefined>>;

export interface VerifyWebhookOptions {
  /** The shared secret, or several during a rotation: the request verifies if it was signed with any of them. */
  readonly secret: WebhookSecret | ReadonlyArray<WebhookSecret>;
  /** The raw request body, exactly as received: not parsed and re-serialised JSON. */
  readonly body: string | Uint8Array;
  readonly headers: ReceivedHeaders;
  /** Now; the system time by default. */
  readonly now?: Date;
  /** How far the signing time may be from now, either way; 300 seconds by default. */
  readonly toleranceSeconds?: number;
}

export const defaultToleranceSeconds = 300;

const failure = (
  reason: VerificationFailureReason,
  message: string,
  header?: string,
): E.Either<VerificationFailure, never> =>
  E.left({ _tag: 'VerificationFailure', reason, message, ...(header === undefined ? {} : { header }) });

type HeaderValue =
  | { readonly kind: 'missing' }
  | { readonly kind: 'many' }
  | { readonly kind: 'one'; value: string };

const headerOf = (headers: ReceivedHeaders, name: string): HeaderValue => {
  if (typeof headers.get === 'function') {
    const value = (headers as { readonly get: (name: string) => string | null }).get(name);
    return value === null ? { kind: 'missing' } : { kind: 'one', value };
  }
  const record = headers as Readonly<Record<string, string | ReadonlyArray<string> | undefined>>;
  const values = Object.keys(record)
    .filter((key) => key.toLowerCase() === name)
    .flatMap((key) => {
      const value = record[key];
      return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
    });
  const [first, ...rest] = values;
  if (first === undefined) return { kind: 'missing' };
  return rest.length === 0 ? { kind: 'one', value: first } : { kind: 'many' };
};

const timestampPattern = /^\d{1,15}$/;
const signaturePattern = /^[0-9a-f]{64}$/i;

const secretsOf = (secret: VerifyWebhookOptions['secret']): ReadonlyArray<WebhookSecret> => {
  const secrets: ReadonlyArray<WebhookSecret> =
    typeof secret === 'string' || secret instanceof Uint8Array ? [secret] : secret;
  if (secrets.length === 0) throw new TypeError('verifyWebhook: no secret given');
  secrets.forEach((one, index) => {
    // An empty or short key (an unset environment variable, say) would make signatures forgeable: refuse it.
    if (keyBytes(one).length < minimumSecretBytes) {
      throw new RangeError(`verifyWebhook: secret ${index} is shorter than ${minimumSecretBytes} bytes`);
    }
  });
  return secrets;
};

/**
 * Verifies a webhook request, for receivers. Checks, in order: the three headers are present and well formed;
 * a `v1` signature matches the body and timestamp under one of the secrets (compared in constant time); the
 * timestamp is within the tolerance of now, either way (so a captured request cannot be replayed later); and the
 * id header names the signed body's `id`. Each failure has its own `reason`. A secret shorter than 32 bytes, no
 * secret, or a negative tolerance is a configuration bug and throws.
 */
export const verifyWebhook = (
  options: VerifyWebhookOptions,
): E.Either<VerificationFailure, VerifiedWebhook> => {
  const secrets = secretsOf(options.secret);
  const toleranceSeconds = options.toleranceSeconds ?? defaultToleranceSeconds;
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new RangeError(`verifyWebhook: toleranceSeconds must be zero or more, got ${toleranceSeconds}`);
  }

  const required = [webhookHeaders.id, webhookHeaders.timestamp, webhookHeaders.signature] as const;
  const values: Record<string, string> = {};
  for (const name of required) {
    const value = headerOf(options.headers, name);
    if (value.kind === 'missing') return failure('missing-header', `the ${name} header is missing`, name);
    if (value.kind === 'many')
      return failure('malformed-header', `the ${name} header is sent more than once`, name);
    values[name] = value.value.trim();
  }
  const idHeader = values[webhookHeaders.id] ?? '';
  const timestampText = values[webhookHeaders.timestamp] ?? '';
  const signatureText = values[webhookHeaders.signature] ?? '';

  if (idHeader === '') {
    return failure('malformed-header', `the ${webhookHeaders.id} header is empty`, webhookHeaders.id);
  }
  if (!timestampPattern.test(timestampText)) {
    return failure(
      'malformed-header',
      `the ${webhookHeaders.timestamp} header must be whole seconds since the Unix epoch`,
      webhookHeaders.timestamp,
    );
  }
  // A list of `scheme=value` entries; entries of other schemes are ignored, so that a later scheme can be sent
  // alongside v1 without breaking receivers that only know v1.
  const signatures: Buffer[] = [];
  for (const part of signatureText.split(',')) {
    const entry = part.trim();
    const equals = entry.indexOf('=');
    if (equals <= 0) {
      return failure(
        'malformed-header',
        `the ${webhookHeaders.signature} header must be ${signatureScheme}=<64 hex digits>`,
        webhookHeaders.signature,
      );
    }
    if (entry.slice(0, equals) !== signatureScheme) continue;
    const hex = entry.slice(equals + 1);
    if (!signaturePattern.test(hex)) {
      return failure(
        'malformed-header',
        `the ${webhookHeaders.signature} header's ${signatureScheme} signature must be 64 hex digits`,
        webhookHeaders.signature,
      );
    }
    signatures.push(Buffer.from(hex, 'hex'));
  }
  if (signatures.length === 0) {
    return failure(
      'malformed-header',
      `the ${webhookHeaders.signature} header has no ${signatureScheme} signature`,
      webhookHeaders.signature,
    );
  }

  const secretIndex = secrets.findIndex((secret) => {
    const expected = digest(secret, timestampText, options.body);
    // Equal lengths (32 bytes each), as timingSafeEqual requires; checked against every signature sent.
    return signatures.some((signature) => timingSafeEqual(expected, signature));
  });
  if (secretIndex < 0) {
    return failure(
      'signature-mismatch',
      'the signature does not match the body and timestamp under any of the secrets',
    );
  }

  const timestamp = Number(timestampText);
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (nowSeconds - timestamp > toleranceSeconds) {
    return failure(
      'timestamp-too-old',
      `signed ${nowSeconds - timestamp} s ago, more than the ${toleranceSeconds} s allowed`,
    );
  }
  if (timestamp - nowSeconds > toleranceSeconds) {
    return failure(
      'timestamp-in-future',
      `signed ${timestamp - nowSeconds} s in the future, more than the ${toleranceSeconds} s allowed`,
    );
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(
      typeof options.body === 'string' ? options.body : Buffer.from(options.body).toString('utf8'),
    );
  } catch {
    return failure('malformed-body', 'the body is not JSON');
  }
  const bodyId = (parsed as { id?: unknown } | null)?.id;
  if (typeof parsed !== 'object' || Array.isArray(parsed) || typeof bodyId !== 'string') {
    return failure('malformed-body', 'the body is not a JSON object with a string id');
  }
  if (bodyId !== idHeader) {
    return failure('id-mismatch', `the ${webhookHeaders.id} header differs from the signed body's id`);
  }
  return E.right({ id: bodyId, timestamp, secretIndex });
};
