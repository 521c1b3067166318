import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  binaryEvent,
  END,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { describe, expect, test } from 'vitest';
import { collect, rejection, uniqueStream, useEmulator } from './__fixtures__/harness.js';

const event = (n: number) => jsonEvent({ type: 'Numbered', data: { n } });

describe.each([
  { rpc: 'BatchAppend', batchAppend: true },
  { rpc: 'Append', batchAppend: false },
])('appendToStream over $rpc', ({ batchAppend }) => {
  const harness = useEmulator({ batchAppend });

  test('any, no_stream, stream_exists and an exact revision all succeed when they hold', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    const first = await client.appendToStream(stream, event(0), { expectedRevision: NO_STREAM });
    expect(first).toMatchObject({ success: true, nextExpectedRevision: 0n });
    const second = await client.appendToStream(stream, [event(1), event(2)], { expectedRevision: 0n });
    expect(second.nextExpectedRevision).toBe(2n);
    const third = await client.appendToStream(stream, event(3), { expectedRevision: STREAM_EXISTS });
    expect(third.nextExpectedRevision).toBe(3n);
    const fourth = await client.appendToStream(stream, event(4), { expectedRevision: ANY });
    expect(fourth.nextExpectedRevision).toBe(4n);
    const other = await client.appendToStream(uniqueStream(), event(0));
    expect(other.nextExpectedRevision).toBe(0n);
    const read = await collect(client.readStream(stream));
    expect(read.map((each) => each.event?.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
  });

  test('no_stream on an existing stream reports the actual revision', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, [event(0), event(1)]);
    const error = await rejection(client.appendToStream(stream, event(2), { expectedRevision: NO_STREAM }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: NO_STREAM, actualVersion: 1n });
  });

  test('stream_exists on a missing stream reports no_stream', async () => {
    const stream = uniqueStream();
    const error = await rejection(
      harness.client.appendToStream(stream, event(0), { expectedRevision: STREAM_EXISTS }),
    );
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({
      streamName: stream,
      expectedVersion: STREAM_EXISTS,
      actualVersion: NO_STREAM,
    });
  });

  test('a stale exact revision reports expected and actual revisions and writes nothing', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, [event(0), event(1), event(2)]);
    const error = await rejection(client.appendToStream(stream, event(9), { expectedRevision: 1n }));
    expect(error).toMatchObject({ expectedVersion: 1n, actualVersion: 2n });
    const missing = await rejection(
      client.appendToStream(uniqueStream(), event(9), { expectedRevision: 0n }),
    );
    expect(missing).toMatchObject({ expectedVersion: 0n, actualVersion: NO_STREAM });
    expect(await collect(client.readStream(stream))).toHaveLength(3);
  });

  test('event ids, types, content types, data, metadata and created time are preserved', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    const before = Date.now();
    const json = jsonEvent({
      id: randomUUID(),
      type: 'Json',
      data: { a: [1, 'two'] },
      metadata: { by: 'test' },
    });
    const bytes = Uint8Array.from([0, 1, 2, 250]);
    const binary = binaryEvent({
      id: randomUUID(),
      type: 'Bytes',
      data: bytes,
      metadata: Uint8Array.from([7, 8]),
    });
    const result = await client.appendToStream(stream, [json, binary]);
    const [first, second] = (await collect(client.readStream(stream))).map((each) => each.event);
    expect(first).toMatchObject({
      id: json.id,
      type: 'Json',
      isJson: true,
      data: { a: [1, 'two'] },
      revision: 0n,
    });
    expect(first?.metadata).toEqual({ by: 'test' });
    expect(second).toMatchObject({ id: binary.id, type: 'Bytes', isJson: false, revision: 1n });
    expect(Array.from(second?.data as Uint8Array)).toEqual([0, 1, 2, 250]);
    expect(Array.from(second?.metadata as Uint8Array)).toEqual([7, 8]);
    expect(first?.created.getTime()).toBeGreaterThanOrEqual(before);
    expect(first?.created.getTime()).toBeLessThanOrEqual(Date.now());
    expect(second?.position).toEqual(result.position);
    expect((first?.position?.commit ?? 0n) < (second?.position?.commit ?? 0n)).toBe(true);
  });

  test('re-sending the same events with the same expected revision is idempotent', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    const events = [event(0), event(1)];
    const once = await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    const twice = await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    expect(twice).toEqual(once);
    expect(await collect(client.readStream(stream))).toHaveLength(2);
  });

  test('appending to a tombstoned stream fails with StreamDeletedError', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, event(0));
    await client.tombstoneStream(stream);
    const error = await rejection(client.appendToStream(stream, event(1)));
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect(error).toMatchObject({ streamName: stream });
  });

  test('many events, split by the client into several requests, land in order', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    const events = Array.from({ length: 250 }, (_, n) => event(n));
    const result = await client.appendToStream(stream, events, { batchAppendSize: 1024 });
    expect(result.nextExpectedRevision).toBe(249n);
    const read = await collect(
      client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    expect(read[0]?.event).toMatchObject({ revision: 249n, data: { n: 249 } });
  });

  test('concurrent appends from several clients interleave into dense revisions and increasing positions', async () => {
    const clients = Array.from({ length: 5 }, () => harness.newClient());
    const stream = uniqueStream();
    await Promise.all(
      clients.map(async (client, c) => {
        for (let n = 0; n < 20; n += 1) await client.appendToStream(stream, event(c * 100 + n));
      }),
    );
    const read = await collect(harness.client.readStream(stream));
    expect(read.map((each) => each.event?.revision)).toEqual(
      Array.from({ length: 100 }, (_, n) => BigInt(n)),
    );
    const positions = read.map((each) => each.event?.position?.commit ?? 0n);
    expect(positions.every((position, n) => n === 0 || position > (positions[n - 1] ?? 0n))).toBe(true);
  });

  test('concurrent appends at the same expected revision: exactly one wins', async () => {
    const clients = Array.from({ length: 4 }, () => harness.newClient());
    const stream = uniqueStream();
    await harness.client.appendToStream(stream, event(0));
    const outcomes = await Promise.allSettled(
      clients.map((client, c) => client.appendToStream(stream, event(c + 1), { expectedRevision: 0n })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(losers).toHaveLength(3);
    for (const loser of losers) expect(loser).toMatchObject({ expectedVersion: 0n, actualVersion: 1n });
  });
});

describe('appendToStream with throwOnAppendFailure=false (Append RPC)', () => {
  const harness = useEmulator({ batchAppend: false });

  test('a wrong expected revision resolves with success false and the current revision', async () => {
    const client = harness.newClient('&throwOnAppendFailure=false');
    const stream = uniqueStream();
    await client.appendToStream(stream, [event(0), event(1)]);
    const result = await client.appendToStream(stream, event(2), { expectedRevision: 5n });
    expect(result).toMatchObject({ success: false, nextExpectedRevision: 1n, position: undefined });
  });
});

describe('appendToStream with throwOnAppendFailure=false (BatchAppend RPC)', () => {
  const harness = useEmulator();

  test('resolves with success false; client 6.2.1 reports nextExpectedRevision 1n / -1n here (its own quirk)', async () => {
    const client = harness.newClient('&throwOnAppendFailure=false');
    const stream = uniqueStream();
    await client.appendToStream(stream, [event(0), event(1), event(2)]);
    const existing = await client.appendToStream(stream, event(3), { expectedRevision: 0n });
    expect(existing).toMatchObject({ success: false, nextExpectedRevision: 1n, position: undefined });
    const missing = await client.appendToStream(uniqueStream(), event(0), { expectedRevision: 4n });
    expect(missing).toMatchObject({ success: false, nextExpectedRevision: -1n });
  });
});
