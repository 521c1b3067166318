import { createHmac } from 'node:crypto';
import { fixedClock } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimedEntry, secretA, secretB } from './__fixtures__/entries.js';
import { type ReceivedRequest, type Receiver, startReceiver } from './__fixtures__/receiver.js';
import { webhookChannel } from './channel.js';
import { type VerificationFailureReason, verifyWebhook, webhookHeaders } from './signature.js';

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200 }));
});
afterAll(() => receiver.close());

/** Sends one message through the channel to the real server and returns the request the server received. */
const capture = async (
  options: {
    readonly secret?: string;
    readonly at?: Date;
    readonly messageId?: string;
    readonly keyId?: string;
  } = {},
): Promise<ReceivedRequest> => {
  const channel = webhookChannel(
    {
      url: receiver.url(),
      secret: options.secret ?? secretA,
      timeoutMs: 5_000,
      ...(options.keyId === undefined ? {} : { keyId: options.keyId }),
    },
    options.at === undefined ? {} : { clock: fixedClock(options.at) },
  );
  const before = receiver.requests.length;
  const outcome = await channel.deliver(
    claimedEntry(
      options.messageId ?? 'deadline-overdue:annual-review/AR/household=h-1/2026-03-01:manager@webhook',
      {
        attempts: 2,
        payload: { title: 'Annual review overdue — résumé ✓', n: 1 },
      },
    ),
  );
  expect(outcome).toEqual({ kind: 'delivered' });
  expect(receiver.requests.length).toBe(before + 1);
  const request = receiver.requests[before];
  if (request === undefined) throw new Error('no request captured');
  return request;
};

const reasonOf = (result: ReturnType<typeof verifyWebhook>): VerificationFailureReason | 'verified' =>
  E.isRight(result) ? 'verified' : result.left.reason;

describe('what the channel sends', () => {
  it('POSTs the message as JSON with the id, timestamp and signature headers', async () => {
    const at = new Date('2026-03-02T10:15:30.750Z');
    const request = await capture({ at, keyId: 'key-2026' });
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hook');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body.toString('utf8'))).toEqual({
      id: 'deadline-overdue:annual-review/AR/household=h-1/2026-03-01:manager@webhook',
      topic: 'notification.webhook',
      payload: { title: 'Annual review overdue — résumé ✓', n: 1 },
      attempt: 2,
    });
    expect(request.headers[webhookHeaders.id]).toBe(
      'deadline-overdue:annual-review/AR/household=h-1/2026-03-01:manager@webhook',
    );
    const timestamp = String(Math.floor(at.getTime() / 1000));
    expect(request.headers[webhookHeaders.timestamp]).toBe(timestamp);
    expect(request.headers[webhookHeaders.keyId]).toBe('key-2026');
    // The documented algorithm, computed independently of the package's own signing code.
    const expected = createHmac('sha256', secretA).update(`${timestamp}.`).update(request.body).digest('hex');
    expect(request.headers[webhookHeaders.signature]).toBe(`v1=${expected}`);
    // The secret itself never travels.
    expect(JSON.stringify(request.headers)).not.toContain(secretA);
    expect(request.body.toString('utf8')).not.toContain(secretA);
  });

  it('sends the extra headers from the settings', async () => {
    const channel = webhookChannel({
      url: receiver.url('/with-headers'),
      secret: secretA,
      timeoutMs: 5_000,
      headers: { 'X-Api-Key': 'gateway-key-1' },
    });
    await channel.deliver(claimedEntry('m-headers'));
    expect(receiver.requests.at(-1)?.headers['x-api-key']).toBe('gateway-key-1');
  });
});

describe('verifyWebhook on requests captured by a real server', () => {
  it('verifies an untouched request, from the raw bytes or the string, and returns the signed id and time', async () => {
    const request = await capture();
    const expected = {
      id: 'deadline-overdue:annual-review/AR/household=h-1/2026-03-01:manager@webhook',
      timestamp: Number(request.headers[webhookHeaders.timestamp]),
      secretIndex: 0,
    };
    expect(verifyWebhook({ secret: secretA, body: request.body, headers: request.headers })).toEqual(
      E.right(expected),
    );
    expect(
      verifyWebhook({ secret: secretA, body: request.body.toString('utf8'), headers: request.headers }),
    ).toEqual(E.right(expected));
    // A fetch Headers object works as well as Node's header record.
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    expect(verifyWebhook({ secret: secretA, body: request.body, headers })).toEqual(E.right(expected));
  });

  it('refuses a tampered body', async () => {
    const request = await capture();
    const tampered = Buffer.from(request.body);
    const at = tampered.indexOf('"n":1');
    tampered.write('"n":2', at);
    expect(reasonOf(verifyWebhook({ secret: secretA, body: tampered, headers: request.headers }))).toBe(
      'signature-mismatch',
    );
    // Re-serialising the parsed JSON changes the bytes (here, the whitespace), which is why the raw body is needed.
    const reserialised = JSON.stringify(JSON.parse(request.body.toString('utf8')), null, 1);
    expect(reasonOf(verifyWebhook({ secret: secretA, body: reserialised, headers: request.headers }))).toBe(
      'signature-mismatch',
    );
  });

  it('refuses a request signed with another secret', async () => {
    const request = await capture({ secret: secretB });
    expect(reasonOf(verifyWebhook({ secret: secretA, body: request.body, headers: request.headers }))).toBe(
      'signature-mismatch',
    );
  });

  it('refuses a changed timestamp (it is signed)', async () => {
    const request = await capture();
    const headers = {
      ...request.headers,
      [webhookHeaders.timestamp]: String(Number(request.headers[webhookHeaders.timestamp]) - 1),
    };
    expect(reasonOf(verifyWebhook({ secret: secretA, body: request.body, headers }))).toBe(
      'signature-mismatch',
    );
  });

  it('refuses a request signed longer ago than the tolerance, and one signed too far ahead', async () => {
    const now = Date.now();
    const old = await capture({ at: new Date(now - 301_000) });
    const future = await capture({ at: new Date(now + 301_000) });
    const recent = await capture({ at: new Date(now - 200_000) });
    // Verified as of the moment the requests were signed around: a busy machine must not move the edges.
    const at = new Date(now);
    expect(reasonOf(verifyWebhook({ secret: secretA, body: old.body, headers: old.headers, now: at }))).toBe(
      'timestamp-too-old',
    );
    expect(
      reasonOf(verifyWebhook({ secret: secretA, body: future.body, headers: future.headers, now: at })),
    ).toBe('timestamp-in-future');
    expect(
      reasonOf(verifyWebhook({ secret: secretA, body: recent.body, headers: recent.headers, now: at })),
    ).toBe('verified');
    // A tighter window refuses what the default accepts.
    expect(
      reasonOf(
        verifyWebhook({
          secret: secretA,
          body: recent.body,
          headers: recent.headers,
          now: at,
          toleranceSeconds: 60,
        }),
      ),
    ).toBe('timestamp-too-old');
  });

  it('allows exactly the tolerance either way, and not a second more', async () => {
    const request = await capture();
    const signedAt = Number(request.headers[webhookHeaders.timestamp]) * 1000;
    const at = (offsetSeconds: number) =>
      reasonOf(
        verifyWebhook({
          secret: secretA,
          body: request.body,
          headers: request.headers,
          now: new Date(signedAt + offsetSeconds * 1000),
        }),
      );
    expect(at(300)).toBe('verified');
    expect(at(301)).toBe('timestamp-too-old');
    expect(at(-300)).toBe('verified');
    expect(at(-301)).toBe('timestamp-in-future');
  });

  it('refuses a request missing any of the three headers, naming it', async () => {
    const request = await capture();
    for (const name of [webhookHeaders.id, webhookHeaders.timestamp, webhookHeaders.signature]) {
      const { [name]: _removed, ...headers } = request.headers;
      const result = verifyWebhook({ secret: secretA, body: request.body, headers });
      expect(E.isLeft(result) && result.left).toMatchObject({ reason: 'missing-header', header: name });
    }
  });

  it('refuses malformed headers, naming them', async () => {
    const request = await capture();
    const withHeader = (name: string, value: string | string[]) => {
      const result = verifyWebhook({
        secret: secretA,
        body: request.body,
        headers: { ...request.headers, [name]: value },
      });
      return E.isLeft(result) ? { reason: result.left.reason, header: result.left.header } : 'verified';
    };
    const signature = request.headers[webhookHeaders.signature] as string;
    const malformed = (header: string) => ({ reason: 'malformed-header', header });
    expect(withHeader(webhookHeaders.timestamp, '17e8')).toEqual(malformed(webhookHeaders.timestamp));
    expect(withHeader(webhookHeaders.timestamp, '')).toEqual(malformed(webhookHeaders.timestamp));
    expect(withHeader(webhookHeaders.signature, 'v1=xyz')).toEqual(malformed(webhookHeaders.signature));
    expect(withHeader(webhookHeaders.signature, signature.slice(3))).toEqual(
      malformed(webhookHeaders.signature),
    );
    expect(withHeader(webhookHeaders.signature, 'v0=abc')).toEqual(malformed(webhookHeaders.signature));
    expect(withHeader(webhookHeaders.signature, [signature, signature])).toEqual(
      malformed(webhookHeaders.signature),
    );
    expect(withHeader(webhookHeaders.id, '')).toEqual(malformed(webhookHeaders.id));
    // Another scheme next to v1 is ignored, so a future scheme can be added without breaking receivers.
    expect(withHeader(webhookHeaders.signature, `v9=whatever, ${signature}`)).toBe('verified');
    // A signature one hex digit off is a mismatch, not a format error.
    const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    expect(withHeader(webhookHeaders.signature, flipped)).toEqual({ reason: 'signature-mismatch' });
  });

  it('refuses an id header that differs from the signed body (the header is not signed)', async () => {
    const request = await capture();
    const headers = { ...request.headers, [webhookHeaders.id]: 'some-other-message' };
    expect(reasonOf(verifyWebhook({ secret: secretA, body: request.body, headers }))).toBe('id-mismatch');
  });

  it('supports rotation: accepts any of several secrets and says which one matched', async () => {
    const signedWithA = await capture({ secret: secretA });
    const signedWithB = await capture({ secret: secretB });
    const verify = (request: ReceivedRequest, secret: string | string[]) =>
      verifyWebhook({ secret, body: request.body, headers: request.headers });
    expect(verify(signedWithA, [secretB, secretA])).toMatchObject(E.right({ secretIndex: 1 }));
    expect(verify(signedWithB, [secretB, secretA])).toMatchObject(E.right({ secretIndex: 0 }));
    expect(reasonOf(verify(signedWithB, [secretA]))).toBe('signature-mismatch');
    expect(reasonOf(verify(signedWithA, [secretB]))).toBe('signature-mismatch');
  });

  it('throws on a configuration bug: no secret, a short secret, a negative tolerance', async () => {
    const request = await capture();
    const base = { body: request.body, headers: request.headers };
    expect(() => verifyWebhook({ ...base, secret: [] })).toThrow(TypeError);
    expect(() => verifyWebhook({ ...base, secret: '' })).toThrow(RangeError);
    expect(() => verifyWebhook({ ...base, secret: [secretA, 'short'] })).toThrow(/secret 1 is shorter/);
    expect(() => verifyWebhook({ ...base, secret: secretA, toleranceSeconds: -1 })).toThrow(RangeError);
  });
});
