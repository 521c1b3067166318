import { jsonEvent } from '@eventstore/db-client';
import { type EventStore, encodePosition, StoreFailure } from '@fostering/core';
import { collect, readInBackground } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deadConnectionString,
  freshCategory,
  ledgerEvent,
  useEmulatorClient,
} from './__fixtures__/emulator.js';
import { connectEventStoreDb, eventStoreDbEventStore } from './eventstoredb-event-store.js';

// Against the emulator (see emulator.contract.test.ts): these are emulator results, not a real server's.
const client = useEmulatorClient();
const opened: EventStore[] = [];
const open = (options: Parameters<typeof eventStoreDbEventStore>[1] = {}) => {
  const store = eventStoreDbEventStore(client(), options);
  opened.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

const failureOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreFailure);
  return (error as StoreFailure).error;
};

describe('typed failures', () => {
  it('a closed store refuses appends with a closed StoreUnavailable and reads with a StoreFailure', async () => {
    const store = open();
    await store.close();
    const appended = await store.append(`${freshCategory()}-1`, [ledgerEvent(1)], {
      expectedRevision: 'any',
    });
    expect(appended).toEqual(E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'closed' })));
    expect(await failureOf(collect(store.readStream('x-1')))).toMatchObject({
      reason: 'closed',
      retriable: false,
    });
    expect(await failureOf(store.streamState('x-1'))).toMatchObject({ reason: 'closed' });
    const messages = await collect(store.subscribeToAll());
    expect(messages.filter((m) => m.kind === 'event')).toEqual([]);
  });

  it('an unreachable server is a retriable connection failure with the client error type', async () => {
    const store = connectEventStoreDb(await deadConnectionString());
    opened.push(store);
    const appended = await store.append(`${freshCategory()}-1`, [ledgerEvent(1)], {
      expectedRevision: 'any',
    });
    expect(appended).toEqual(
      E.left(expect.objectContaining({ reason: 'connection', retriable: true, code: 'unavailable' })),
    );
    expect(await failureOf(collect(store.readAll()))).toMatchObject({
      reason: 'connection',
      retriable: true,
    });
  }, 20_000);

  it('a hard-deleted stream reads as absent and refuses appends as data, not to be retried', async () => {
    const store = open();
    const streamId = `${freshCategory()}-1`;
    await store.append(streamId, [ledgerEvent(1)], { expectedRevision: 'no_stream' });
    await client().tombstoneStream(streamId);
    expect(await store.streamState(streamId)).toEqual({ exists: false });
    expect(await collect(store.readStream(streamId))).toEqual([]);
    const refused = await store.append(streamId, [ledgerEvent(2)], { expectedRevision: 'any' });
    expect(refused).toEqual(
      E.left(expect.objectContaining({ reason: 'data', retriable: false, code: 'stream-deleted' })),
    );
  });

  it('an event the ledger did not write is reported with stream and revision, never skipped', async () => {
    const store = open();
    const streamId = `${freshCategory()}-foreign`;
    await client().appendToStream(streamId, jsonEvent({ type: 'SomethingElse', data: { a: 1 } }));
    const failure = await failureOf(collect(store.readStream(streamId)));
    expect(failure).toMatchObject({ reason: 'data', code: 'not-a-ledger-event' });
    expect(failure.message).toContain(`revision 0 of stream '${streamId}'`);
    // A read whose filter leaves it out is not stopped by it.
    const category = freshCategory();
    await store.append(`${category}-1`, [ledgerEvent(1)], { expectedRevision: 'any' });
    expect(await collect(store.readAll({ filter: { streamPrefixes: [`${category}-`] } }))).toHaveLength(1);
  });
});

describe('mapping to what EventStoreDB stores', () => {
  it('stores revisions, positions and metadata as EventStoreDB sees them', async () => {
    const store = open();
    const streamId = `${freshCategory()}-1`;
    const written = ledgerEvent(7);
    const [recorded] = E.getOrElseW(() => ({ events: [] }))(
      await store.append(streamId, [ledgerEvent(6), written], { expectedRevision: 'no_stream' }),
    ).events.slice(1);
    const [raw] = await collect(client().readStream(streamId, { fromRevision: 1n }));
    const event = raw?.event;
    expect(event?.revision).toBe(1n);
    expect(event?.metadata).toEqual({
      schemaVersion: 1,
      occurredAt: written.occurredAt.toISOString(),
      actor: written.actor,
      $correlationId: written.correlationId,
      $causationId: written.causationId,
    });
    expect(recorded?.streamRevision).toBe(1);
    expect(recorded?.recordedAt).toEqual(event?.created);
    const position = event?.position ?? { commit: 0n, prepare: 0n };
    expect(recorded?.globalPosition).toBe(encodePosition(position.commit, position.prepare));
  });

  it('leaves system streams and $-typed events out of every read, even when a filter would match them', async () => {
    const store = open();
    const category = freshCategory();
    await client().appendToStream(`$${category}-sys`, jsonEvent({ type: 'Internal', data: {} }));
    await client().appendToStream(`${category}-1`, jsonEvent({ type: '$internal', data: {} }));
    await store.append(`${category}-2`, [ledgerEvent(1)], { expectedRevision: 'any' });
    const all = await collect(
      store.readAll({ filter: { streamPrefixes: [`$${category}`, `${category}-`] } }),
    );
    expect(all.map((e) => e.streamId)).toEqual([`${category}-2`]);
  });

  it('filters by event type alone, and reads backwards with a count', async () => {
    const store = open();
    const category = freshCategory();
    const types = ['A', 'B', 'A', 'C', 'A'].map((type, n) => ledgerEvent(n, { type: `${category}${type}` }));
    await store.append(`${category}-1`, types, { expectedRevision: 'no_stream' });
    const filter = { eventTypes: [`${category}A`, `${category}C`] };
    const forwards = await collect(store.readAll({ filter }));
    expect(forwards.map((e) => e.streamRevision)).toEqual([0, 2, 3, 4]);
    const backwards = await collect(store.readAll({ direction: 'backwards', filter, maxCount: 2 }));
    expect(backwards.map((e) => e.streamRevision)).toEqual([4, 3]);
  });

  it('pages through reads of all events', async () => {
    const store = open({ pageSize: 3 });
    const category = freshCategory();
    for (let n = 0; n < 10; n++)
      await store.append(`${category}-${n % 2}`, [ledgerEvent(n)], { expectedRevision: 'any' });
    const all = await collect(store.readAll({ filter: { streamPrefixes: [`${category}-`] } }));
    expect(all.map((e) => e.data)).toEqual(Array.from({ length: 10 }, (_, n) => ({ n })));
  });
});

describe('appends beyond what EventStoreDB checks', () => {
  it('recognises a replay in a fresh process (nothing remembered) after other appends', async () => {
    const streamId = `${freshCategory()}-1`;
    const batch = [ledgerEvent(1), ledgerEvent(2)];
    await open().append(streamId, batch, { expectedRevision: 'no_stream' });
    await open().append(streamId, [ledgerEvent(3)], { expectedRevision: 1 });
    const retry = await open({ idIndexStreams: 0 }).append(streamId, batch, {
      expectedRevision: 'no_stream',
    });
    expect(E.isRight(retry) && retry.right).toMatchObject({ replayed: true, nextExpectedRevision: 2 });
    const mixed = await open().append(streamId, [batch[1] ?? ledgerEvent(0), ledgerEvent(4)], {
      expectedRevision: 'any',
    });
    expect(mixed).toEqual(E.left(expect.objectContaining({ _tag: 'EventIdConflict' })));
  });

  it('keeps revisions contiguous when two processes append to one stream at once', async () => {
    const streamId = `${freshCategory()}-1`;
    const [a, b] = [open(), open()];
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, n) =>
        (n % 2 === 0 ? a : b).append(streamId, [ledgerEvent(n)], { expectedRevision: 'any' }),
      ),
    );
    expect(results.every(E.isRight)).toBe(true);
    const stored = await collect(a.readStream(streamId));
    expect(stored.map((e) => e.streamRevision)).toEqual(Array.from({ length: 16 }, (_, n) => n));
  });
});

describe('long sessions', () => {
  // A client that resets many calls looks like the HTTP/2 "rapid reset" attack: servers close its session
  // (Node's nghttp2 after a burst of 1,000 resets, then 33 a second, with GOAWAY INTERNAL_ERROR). Reads of
  // one event end by themselves, so they must be read to the end rather than cancelled after their event.
  it('reads the state of a stream 1,500 times on one session without being cut off', async () => {
    const store = open();
    const streamId = `${freshCategory()}-1`;
    await store.append(streamId, [ledgerEvent(1)], { expectedRevision: 'no_stream' });
    for (let n = 0; n < 1_500; n++)
      expect(await store.streamState(streamId)).toEqual({ exists: true, revision: 0 });
    const appended = await store.append(streamId, [ledgerEvent(2)], { expectedRevision: 0 });
    expect(E.isRight(appended)).toBe(true);
  }, 60_000);

  it('reads streams that do not exist 1,500 times on one session without being cut off', async () => {
    const store = open();
    const category = freshCategory();
    for (let n = 0; n < 750; n++) {
      expect(await store.streamState(`${category}-${n}`)).toEqual({ exists: false });
      expect(await collect(store.readStream(`${category}-${n}`))).toEqual([]);
    }
    const appended = await store.append(`${category}-0`, [ledgerEvent(1)], { expectedRevision: 'no_stream' });
    expect(E.isRight(appended)).toBe(true);
  }, 60_000);
});

describe('subscriptions', () => {
  it.each([
    ['stream prefixes', (category: string) => ({ streamPrefixes: [`${category}-`] })],
    ['event types', (category: string) => ({ eventTypes: [`${category}Seen`] })],
  ])('are woken by the server (filtered on %s), not by polling', async (_, filterOf) => {
    const store = open({ pollIntervalMs: 600_000 });
    const category = freshCategory();
    const subscription = store.subscribeToAll({ filter: filterOf(category) });
    const reader = readInBackground(subscription);
    await reader.until(() => reader.messages.some((m) => m.kind === 'caught-up'));
    const event = ledgerEvent(1, { type: `${category}Seen` });
    await store.append(`${category}-1`, [event], { expectedRevision: 'any' });
    await reader.until(() => reader.events().length === 1, 3_000);
    await subscription.close();
    expect(reader.events()[0]?.eventId).toBe(event.eventId);
  });
});
