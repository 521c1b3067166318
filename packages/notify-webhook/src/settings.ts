import { fieldIssues } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** The settings of one webhook endpoint, as decoded (defaults filled in). */
export interface WebhookSettings {
  /** Where notifications are POSTed: an http or https URL. */
  readonly url: string;
  /** The shared HMAC key, at least 32 bytes in UTF-8. Never sent, never logged. */
  readonly secret: string;
  /** How long one delivery may take, from sending to the response's status; 10 000 ms by default. */
  readonly timeoutMs: number;
  /** Extra headers sent with every request (an API gateway's key, say); cannot replace the ones this sets. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Names the secret, sent as `x-fostering-key-id` so a receiver holding several knows which to try first. */
  readonly keyId?: string;
}

/** A refused setting: names the field and what it must be. Never repeats the value given (it may be secret). */
export interface InvalidSettings {
  readonly _tag: 'InvalidSettings';
  readonly field: string;
  readonly message: string;
}

export const minimumSecretBytes = 32;
export const defaultTimeoutMs = 10_000;
/** Beyond this, timers overflow; and a delivery that slow would outlive any sensible dispatcher lease. */
export const maximumTimeoutMs = 600_000;

/** Headers this channel sets, or that the HTTP client owns: a setting cannot override them. */
const reservedHeader = (name: string): boolean =>
  name.startsWith('x-fostering-') ||
  [
    'content-type',
    'content-length',
    'host',
    'connection',
    'transfer-encoding',
    'keep-alive',
    'upgrade',
  ].includes(name);

// RFC 9110 token characters: what a header name may be made of.
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A field value: visible characters, spaces and tabs; no CR or LF (which would smuggle in another header).
const headerValuePattern = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A codec whose failure message is what the field must be, without the value (fieldIssues reports it). */
const refined = <A>(name: string, message: string, test: (u: unknown) => u is A): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    name,
    test,
    (u, c) => (test(u) ? t.success(u) : t.failure(u, c, message)),
    t.identity,
  );

const HttpUrl = refined('HttpUrl', 'must be an absolute http or https URL', (u): u is string => {
  if (typeof u !== 'string') return false;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
});

const Secret = refined(
  'Secret',
  `must be a string of at least ${minimumSecretBytes} bytes (UTF-8); generate one with crypto.randomBytes(32).toString('hex')`,
  (u): u is string => typeof u === 'string' && Buffer.byteLength(u, 'utf8') >= minimumSecretBytes,
);

const TimeoutMs = refined(
  'TimeoutMs',
  `must be a whole number of milliseconds from 1 to ${maximumTimeoutMs}`,
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= maximumTimeoutMs,
);

const KeyId = refined(
  'KeyId',
  "must be a non-empty string of letters, digits and !#$%&'*+-.^_`|~ (it is sent as a header value)",
  (u): u is string => typeof u === 'string' && tokenPattern.test(u),
);

const HeaderValue = refined(
  'HeaderValue',
  'must be a string without line breaks or control characters',
  (u): u is string => typeof u === 'string' && headerValuePattern.test(u),
);

const WebhookSettingsC = t.intersection([
  t.type({ url: HttpUrl, secret: Secret, timeoutMs: TimeoutMs }),
  t.partial({
    headers: t.record(t.string, HeaderValue, 'an object of header names to values'),
    keyId: KeyId,
  }),
]);

const knownFields = new Set(['url', 'secret', 'timeoutMs', 'headers', 'keyId']);

const invalid = (field: string, message: string): E.Either<InvalidSettings, never> =>
  E.left({ _tag: 'InvalidSettings', field, message: `webhook settings: ${message}` });

const isPlain = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * Reads a webhook endpoint's settings. `timeoutMs` defaults to 10 000. A wrong value, or an unknown field (most
 * often a typo that would otherwise be silently ignored), is refused naming the field; the value itself is never
 * repeated in the message, since it may be the secret or a credential in a header.
 */
export const decodeWebhookSettings = (input: unknown): E.Either<InvalidSettings, WebhookSettings> => {
  if (!isPlain(input)) return invalid('', 'expected an object with url and secret');
  const unknown = Object.keys(input).find((key) => !knownFields.has(key));
  if (unknown !== undefined) return invalid(unknown, `unknown setting '${unknown}'`);
  const withDefaults = {
    ...input,
    timeoutMs: input.timeoutMs === undefined ? defaultTimeoutMs : input.timeoutMs,
  };
  const decoded = WebhookSettingsC.decode(withDefaults);
  if (E.isLeft(decoded)) {
    const issue = fieldIssues(decoded.left)[0];
    const field = issue?.path ?? '';
    const expected = issue?.expected ?? 'must be valid';
    const what = field === '' ? 'settings' : `'${field}'`;
    // Each codec here carries a message ('must be …'), except the headers record, which is named after its shape.
    const message = expected.startsWith('must ') ? expected : `must be ${expected}`;
    return invalid(field, `${what} ${message}`);
  }
  const settings = decoded.right;
  // Checked here rather than by the record's key codec: io-ts drops keys its domain refuses instead of failing.
  const badName = Object.keys(settings.headers ?? {}).find((name) => !tokenPattern.test(name));
  if (badName !== undefined) {
    return invalid(`headers.${badName}`, `'headers.${badName}' is not a valid HTTP header name`);
  }
  const reserved = Object.keys(settings.headers ?? {}).find((name) => reservedHeader(name.toLowerCase()));
  if (reserved !== undefined) {
    return invalid(
      `headers.${reserved}`,
      `'headers.${reserved}' cannot be set: the webhook channel sets it (or the HTTP client does)`,
    );
  }
  return E.right({
    url: settings.url,
    secret: settings.secret,
    timeoutMs: settings.timeoutMs,
    ...(settings.headers === undefined ? {} : { headers: { ...settings.headers } }),
    ...(settings.keyId === undefined ? {} : { keyId: settings.keyId }),
  });
};
