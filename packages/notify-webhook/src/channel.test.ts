import type { DeliveryOutcome } from '@fostering/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimedEntry, secretA } from './__fixtures__/entries.js';
import { closedPort, type Receiver, type Reply, startReceiver } from './__fixtures__/receiver.js';
import { retryAfterMs, webhookChannel } from './channel.js';

// One real server; the path says how to answer: /status/<code>, /hang (never answers), /destroy (cuts the line).
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver((request): Reply => {
    if (request.path === '/hang') return { hang: true };
    if (request.path === '/destroy') return { destroy: true };
    const status = Number(/^\/status\/(\d+)$/.exec(request.path)?.[1] ?? 500);
    return status === 301
      ? { status, headers: { location: receiver.url('/status/200') } }
      : status === 429
        ? { status, headers: { 'retry-after': '30' }, body: 'slow down' }
        : status === 400
          ? { status, body: `{"error":"payload.title is required","echo":"${secretA}"}` }
          : { status };
  });
});
afterAll(() => receiver.close());

const deliverTo = async (url: string, timeoutMs = 5_000): Promise<DeliveryOutcome> =>
  webhookChannel({ url, secret: secretA, timeoutMs }).deliver(claimedEntry(`m-${url}`));

const errorOf = (outcome: DeliveryOutcome): string => {
  if (outcome.kind !== 'failed') throw new Error('expected a failure');
  expect(outcome.error).not.toContain(secretA);
  return outcome.error;
};

describe('what each answer means for delivery', () => {
  it.each([200, 201, 202, 204])('%i is delivered', async (status) => {
    expect(await deliverTo(receiver.url(`/status/${status}`))).toEqual({ kind: 'delivered' });
  });

  it.each([408, 429, 500, 502, 503])('%i is a failure worth retrying', async (status) => {
    const outcome = await deliverTo(receiver.url(`/status/${status}`));
    expect(outcome).toMatchObject({ kind: 'failed', retriable: true });
    expect(errorOf(outcome)).toMatch(new RegExp(`^HTTP ${status} .*\\(retriable\\)`));
  });

  it.each([400, 401, 403, 404, 410, 422])('%i is a refusal, not retried (dead letter)', async (status) => {
    const outcome = await deliverTo(receiver.url(`/status/${status}`));
    expect(outcome).toMatchObject({ kind: 'failed', retriable: false });
    expect(errorOf(outcome)).toMatch(new RegExp(`^HTTP ${status} .*refused the message \\(not retriable\\)`));
  });

  it('gives the status, its reason phrase and a short, redacted excerpt of what the receiver said', async () => {
    expect(errorOf(await deliverTo(receiver.url('/status/410')))).toBe(
      'HTTP 410 Gone: the receiver refused the message (not retriable)',
    );
    expect(errorOf(await deliverTo(receiver.url('/status/400')))).toBe(
      'HTTP 400 Bad Request: the receiver refused the message (not retriable); ' +
        'response: "{"error":"payload.title is required","echo":"[redacted]"}"',
    );
    expect(errorOf(await deliverTo(receiver.url('/status/429')))).toBe(
      'HTTP 429 Too Many Requests: rate limited by the receiver (retriable); Retry-After: 30; response: "slow down"',
    );
  });

  it("passes a 429's Retry-After on, so the dispatcher waits at least that long", async () => {
    const outcome = await deliverTo(receiver.url('/status/429'));
    expect(outcome).toMatchObject({ kind: 'failed', retriable: true, retryAfterMs: 30_000 });
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(
      30_000,
    );
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });

  it('301 is not followed and not retried', async () => {
    const before = receiver.requests.length;
    const outcome = await deliverTo(receiver.url('/status/301'));
    expect(outcome).toMatchObject({ kind: 'failed', retriable: false });
    expect(errorOf(outcome)).toMatch(/^HTTP 301 Moved Permanently: redirects are not followed/);
    expect(errorOf(outcome)).toContain(`Location: ${receiver.url('/status/200')}`);
    // Only the one request: the redirect target was never asked.
    expect(receiver.requests.slice(before).map((request) => request.path)).toEqual(['/status/301']);
  });

  it('a server that never answers times out, retriably, within the timeout', async () => {
    const started = performance.now();
    const outcome = await deliverTo(receiver.url('/hang'), 300);
    const elapsed = performance.now() - started;
    expect(outcome).toEqual({
      kind: 'failed',
      retriable: true,
      error: 'timed out: no response within 300 ms',
    });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('a connection the server cuts without answering is a retriable network error', async () => {
    const outcome = await deliverTo(receiver.url('/destroy'));
    expect(outcome).toMatchObject({ kind: 'failed', retriable: true });
    expect(errorOf(outcome)).toMatch(/^network error: /);
  });

  it('a refused connection (nothing listening) is a retriable network error', async () => {
    const port = await closedPort();
    const outcome = await deliverTo(`http://127.0.0.1:${port}/hook`);
    expect(outcome).toMatchObject({ kind: 'failed', retriable: true });
    expect(errorOf(outcome)).toMatch(/^network error: .*ECONNREFUSED/);
  });

  it('a message id that cannot travel in a header is refused without sending', async () => {
    const before = receiver.requests.length;
    const outcome = await webhookChannel({
      url: receiver.url('/status/200'),
      secret: secretA,
      timeoutMs: 1_000,
    }).deliver(claimedEntry('line\r\nbreak'));
    expect(outcome).toMatchObject({ kind: 'failed', retriable: false });
    expect(receiver.requests.length).toBe(before);
  });

  it('never throws, even when fetch itself throws something odd', async () => {
    const channel = webhookChannel(
      { url: 'https://a.example/', secret: secretA, timeoutMs: 1_000 },
      {
        fetch: async () => {
          throw 'not even an Error';
        },
      },
    );
    expect(await channel.deliver(claimedEntry('m-odd'))).toEqual({
      kind: 'failed',
      retriable: true,
      error: 'network error: not even an Error',
    });
  });
});
