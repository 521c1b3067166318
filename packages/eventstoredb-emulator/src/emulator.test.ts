import { EventStoreDBClient, jsonEvent, StreamNotFoundError } from '@eventstore/db-client';
import { expect, test } from 'vitest';
import { collect, rejection } from './__fixtures__/harness.js';
import { supportedMethods } from './__fixtures__/raw.js';
import { startEmulator } from './index.js';

const event = jsonEvent({ type: 'Happened', data: {} });

test('listens on a random loopback port and names it in an insecure single-node connection string', async () => {
  const [one, two] = await Promise.all([startEmulator(), startEmulator()]);
  try {
    expect(one?.port).toBeGreaterThan(0);
    expect(one?.port).not.toBe(two?.port);
    expect(one?.connectionString).toBe(`esdb://127.0.0.1:${one?.port}?tls=false`);
  } finally {
    await Promise.all([one?.close(), two?.close()]);
  }
});

test('emulators are independent, and reset forgets everything', async () => {
  const [one, two] = await Promise.all([startEmulator(), startEmulator()]);
  const clientOne = EventStoreDBClient.connectionString(one.connectionString);
  const clientTwo = EventStoreDBClient.connectionString(two.connectionString);
  try {
    const first = await clientOne.appendToStream('shared-name', event);
    expect(await rejection(collect(clientTwo.readStream('shared-name')))).toBeInstanceOf(StreamNotFoundError);
    one.reset();
    expect(await collect(clientOne.readAll())).toEqual([]);
    const again = await clientOne.appendToStream('shared-name', event);
    expect(again.nextExpectedRevision).toBe(0n);
    expect((again.position?.commit ?? 0n) > (first.position?.commit ?? 0n)).toBe(true);
  } finally {
    await Promise.all([clientOne.dispose(), clientTwo.dispose()]);
    await Promise.all([one.close(), two.close()]);
  }
});

test('ServerFeatures lists the streams methods, with BatchAppend unless turned off', async () => {
  const withBatch = await startEmulator();
  const withoutBatch = await startEmulator({ batchAppend: false });
  try {
    expect(await supportedMethods(withBatch.port)).toEqual([
      'event_store.client.streams.Streams/Read',
      'event_store.client.streams.Streams/Append',
      'event_store.client.streams.Streams/Delete',
      'event_store.client.streams.Streams/Tombstone',
      'event_store.client.streams.Streams/BatchAppend',
      'event_store.client.server_features.ServerFeatures/GetSupportedMethods',
    ]);
    expect(await supportedMethods(withoutBatch.port)).not.toContain(
      'event_store.client.streams.Streams/BatchAppend',
    );
  } finally {
    await Promise.all([withBatch.close(), withoutBatch.close()]);
  }
});

test('close is idempotent and stops the server even with a client still connected', async () => {
  const emulator = await startEmulator();
  const client = EventStoreDBClient.connectionString(emulator.connectionString);
  await client.appendToStream('s', event);
  const started = Date.now();
  await Promise.all([emulator.close(), emulator.close()]);
  await emulator.close();
  expect(Date.now() - started).toBeLessThan(1_500);
  const error = await rejection(client.appendToStream('s', event));
  expect(error).toMatchObject({ code: 14 }); // UNAVAILABLE: nothing listens any more
  await client.dispose();
});
