import { STATUS_CODES } from 'node:http';
import {
  type Clock,
  type DeliveryChannel,
  type DeliveryOutcome,
  type JsonValue,
  type OutboxEntry,
  systemClock,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { decodeWebhookSettings, type WebhookSettings } from './settings.js';
import { signatureHeaderValue, webhookHeaders } from './signature.js';

/** The JSON body of every webhook request. */
export interface WebhookBody {
  /** The outbox message id: the idempotency key, also sent as `x-fostering-id`. */
  readonly id: string;
  /** The outbox topic, `notification.webhook` for notifications. */
  readonly topic: string;
  /** The message itself: for a notification, the `NotificationIntent`. */
  readonly payload: JsonValue;
  /** Which attempt this is, from 1; a receiver that sees 2 or more may already have had it. */
  readonly attempt: number;
}

export interface WebhookChannelOptions {
  /** The fetch to send with; Node's global fetch (undici) by default. */
  readonly fetch?: typeof globalThis.fetch;
  /** Where the signing timestamp comes from; the system clock by default. */
  readonly clock?: Clock;
}

export const webhookChannelName = 'webhook';

/** How much of a refusing response's body is kept in the error, for whoever reads the dead-letter list. */
const snippetBytes = 200;

const delivered: DeliveryOutcome = { kind: 'delivered' };
const failed = (retriable: boolean, error: string): DeliveryOutcome => ({ kind: 'failed', retriable, error });

/** A Retry-After header (RFC 9110: seconds, or an HTTP date) as milliseconds from `nowMs`; capped at a day. */
export const retryAfterMs = (header: string | null, nowMs: number): number | undefined => {
  if (header === null) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : Date.parse(header) - nowMs;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 24 * 60 * 60 * 1000) : undefined;
};

/** Reads at most `limit` bytes of the body as text and lets go of the rest; never fails (gives '' instead). */
const readSnippet = async (response: Response, limit: number): Promise<string> => {
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
  } catch {
    // A body cut short (the socket closed, the timeout fired) still leaves the status, which is what counts.
  }
  reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
};

const printable = (text: string, secret: string): string =>
  text
    .split(secret)
    .join('[redacted]')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, snippetBytes);

/** What a status means for delivery: 2xx delivered; 408, 429 and 5xx worth retrying; anything else refused. */
const classify = (status: number): { readonly retriable: boolean; readonly reason: string } | 'delivered' => {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408) return { retriable: true, reason: 'the receiver timed out reading the request' };
  if (status === 429) return { retriable: true, reason: 'rate limited by the receiver' };
  if (status >= 500 && status < 600) return { retriable: true, reason: 'the receiver failed' };
  if (status >= 300 && status < 400) {
    return {
      retriable: false,
      reason: 'redirects are not followed: set the webhook url to the final address',
    };
  }
  if (status >= 400 && status < 500) return { retriable: false, reason: 'the receiver refused the message' };
  return { retriable: false, reason: 'an unexpected status' };
};

const describeNetworkError = (error: unknown): string => {
  // undici reports "fetch failed" and puts what happened (ECONNREFUSED, "other side closed") in the cause.
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const errors = cause instanceof AggregateError ? cause.errors : [cause];
  const first: unknown = errors[0] ?? cause;
  const message = first instanceof Error && first.message !== '' ? first.message : String(first);
  const code = (first as { code?: unknown } | null)?.code;
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
};

// What a header value may carry unchanged: printable ASCII. Anything else would be altered or refused by fetch.
const headerSafe = /^[\x21-\x7e]+$/;

/**
 * A delivery channel that POSTs each outbox message as signed JSON to one URL. 2xx is delivered; 408, 429, 5xx,
 * a network error or no response within `timeoutMs` are failures worth retrying; other statuses (including
 * redirects, which are not followed) are refusals, which go straight to the dead-letter list. Never throws from
 * `deliver`; the error strings give the status and a short reason, never the secret.
 *
 * Throws a TypeError at construction if the settings are invalid (decode them with `decodeWebhookSettings`).
 */
export const webhookChannel = (
  settings: WebhookSettings,
  options: WebhookChannelOptions = {},
): DeliveryChannel => {
  const checked = decodeWebhookSettings(settings);
  if (E.isLeft(checked)) throw new TypeError(checked.left.message);
  const { url, secret, timeoutMs, headers, keyId } = checked.right;
  const send = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? systemClock;

  const deliver = async (entry: OutboxEntry): Promise<DeliveryOutcome> => {
    if (!headerSafe.test(entry.messageId)) {
      return failed(
        false,
        `message id cannot be sent in the ${webhookHeaders.id} header (printable ASCII only)`,
      );
    }
    const body: WebhookBody = {
      id: entry.messageId,
      topic: entry.topic,
      payload: entry.payload,
      attempt: entry.attempts,
    };
    const raw = JSON.stringify(body);
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    const requestHeaders: Record<string, string> = {
      ...headers,
      'content-type': 'application/json',
      [webhookHeaders.id]: entry.messageId,
      [webhookHeaders.timestamp]: String(timestamp),
      [webhookHeaders.signature]: signatureHeaderValue(secret, timestamp, raw),
      ...(keyId === undefined ? {} : { [webhookHeaders.keyId]: keyId }),
    };

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await send(url, {
        method: 'POST',
        headers: requestHeaders,
        body: raw,
        redirect: 'manual',
        signal: controller.signal,
      });
      const verdict = classify(response.status);
      // Read (a little of) the body either way, so that the connection can be reused.
      const snippet = printable(await readSnippet(response, snippetBytes), secret);
      if (verdict === 'delivered') return delivered;
      const statusText = printable(response.statusText || STATUS_CODES[response.status] || '', secret);
      const details = [
        response.status === 429 && response.headers.get('retry-after') !== null
          ? `Retry-After: ${printable(response.headers.get('retry-after') ?? '', secret)}`
          : undefined,
        response.status >= 300 && response.status < 400 && response.headers.get('location') !== null
          ? `Location: ${printable(response.headers.get('location') ?? '', secret)}`
          : undefined,
        snippet === '' ? undefined : `response: "${snippet}"`,
      ].filter((detail) => detail !== undefined);
      const error =
        `HTTP ${response.status}${statusText === '' ? '' : ` ${statusText}`}: ${verdict.reason} ` +
        `(${verdict.retriable ? 'retriable' : 'not retriable'})${details.length === 0 ? '' : `; ${details.join('; ')}`}`;
      const wait = verdict.retriable
        ? retryAfterMs(response.headers.get('retry-after'), clock.now().getTime())
        : undefined;
      return {
        kind: 'failed',
        retriable: verdict.retriable,
        error,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      };
    } catch (error) {
      if (controller.signal.aborted) return failed(true, `timed out: no response within ${timeoutMs} ms`);
      return failed(true, `network error: ${printable(describeNetworkError(error), secret)}`);
    } finally {
      clearTimeout(timer);
    }
  };

  return { name: webhookChannelName, deliver };
};
