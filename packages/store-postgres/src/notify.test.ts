import { newEventId } from '@fostering/core';
import { readInBackground } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresEventStore } from './postgres-event-store.js';
import { pgPoolClient } from './sql.js';
import { type RunningServer, startEmbeddedServer } from './testing/embedded-server.js';

let server: RunningServer | undefined;
beforeAll(async () => {
  server = await startEmbeddedServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

describe('LISTEN/NOTIFY', () => {
  it('wakes a subscription in another process-like store at once, without waiting for a poll', {
    timeout: 60_000,
  }, async () => {
    const running = server;
    if (running === undefined) throw new Error('the embedded server did not start');
    // Polling an hour apart: only a notification can deliver the event within the test's time.
    const reader = await postgresEventStore(pgPoolClient(running.pool()), { pollIntervalMs: 3_600_000 });
    const writer = await postgresEventStore(pgPoolClient(running.pool()));
    const subscription = reader.subscribeToAll({ filter: { streamPrefixes: ['notify-'] } });
    const seen = readInBackground(subscription);
    try {
      await seen.until(() => seen.messages.some((m) => m.kind === 'caught-up'));
      // Let the listening connection settle before the append it must hear about.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const eventId = newEventId();
      const appended = await writer.append(
        'notify-1',
        [
          {
            eventId,
            type: 'Pinged',
            schemaVersion: 1,
            data: {},
            occurredAt: new Date(),
            actor: { id: 'a', role: 'r' },
            correlationId: 'c',
            causationId: 'c',
          },
        ],
        { expectedRevision: 'any' },
      );
      expect(E.isRight(appended)).toBe(true);
      await seen.until(() => seen.events().length === 1, 5_000);
      expect(seen.events()[0]?.eventId).toBe(eventId);
    } finally {
      await subscription.close();
      await reader.close();
      await writer.close();
    }
  });
});
