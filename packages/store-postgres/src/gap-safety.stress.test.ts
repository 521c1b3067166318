import type { NewEvent, RecordedEvent } from '@fostering/core';
import { newEventId } from '@fostering/core';
import { collect, readInBackground } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresEventStore } from './postgres-event-store.js';
import { pgPoolClient, type QueryOptions, type SqlClient } from './sql.js';
import { type RunningServer, startEmbeddedServer } from './testing/embedded-server.js';

let server: RunningServer | undefined;
beforeAll(async () => {
  server = await startEmbeddedServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

/**
 * A client whose every third append lingers before committing, still holding whatever it locked: a transaction,
 * or an append made in one statement, which runs here in a transaction of its own so that it can linger.
 */
const lingering = (inner: SqlClient): SqlClient => {
  let n = 0;
  return {
    ...inner,
    query: <Row extends object>(text: string, params?: ReadonlyArray<unknown>, options?: QueryOptions) =>
      options?.name === 'fostering_append_one_statement' && ++n % 3 === 0
        ? inner.transaction(async (tx) => {
            const result = await tx.query<Row>(text, params, options);
            await tx.query('select pg_sleep(0.02)');
            return result;
          })
        : inner.query<Row>(text, params, options),
    transaction: (work) =>
      inner.transaction(async (tx) => {
        const result = await work(tx);
        if (++n % 3 === 0) await tx.query('select pg_sleep(0.02)');
        return result;
      }),
  };
};

const event = (n: number): NewEvent => ({
  eventId: newEventId(),
  type: 'StressCounted',
  schemaVersion: 1,
  data: { n },
  occurredAt: new Date(),
  actor: { id: 'stress', role: 'test' },
  correlationId: 'stress',
  causationId: 'stress',
});

// With the position lock removed (checked by hand), the subscriber misses events and this test fails.
describe('gap-safe global order on a real PostgreSQL server', () => {
  it('a subscriber sees every event exactly once, in an order consistent with every stream', {
    timeout: 120_000,
  }, async () => {
    const running = server;
    if (running === undefined) throw new Error('the embedded server did not start');
    const writers = 6;
    const appendsPerWriter = 40;
    const reader = await postgresEventStore(pgPoolClient(running.pool()), { pollIntervalMs: 5 });
    const subscription = reader.subscribeToAll({ filter: { streamPrefixes: ['stress-'] } });
    const seen = readInBackground(subscription);
    // Each writer has its own pool, so their transactions really run side by side on the server.
    const stores = await Promise.all(
      Array.from({ length: writers }, () => postgresEventStore(lingering(pgPoolClient(running.pool())))),
    );
    const acknowledged: string[] = [];
    await Promise.all(
      stores.map(async (store, w) => {
        for (let i = 0; i < appendsPerWriter; i++) {
          // Writers share streams, so appends race on the same streams as well as on positions.
          const streamId = `stress-${(w + i) % 5}`;
          const batch = [event(i), ...(i % 4 === 0 ? [event(i)] : [])];
          const result = await store.append(streamId, batch, { expectedRevision: 'any' });
          if (E.isLeft(result)) throw new Error(result.left.message);
          acknowledged.push(...batch.map((e) => e.eventId));
        }
      }),
    );
    try {
      await seen.until(() => seen.events().length >= acknowledged.length, 20_000);
    } finally {
      await subscription.close();
    }

    const delivered: RecordedEvent[] = seen.events();
    const ids = delivered.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...acknowledged].sort());
    const positions = delivered.map((e) => e.globalPosition);
    expect([...positions].sort()).toEqual(positions);
    const revisions = new Map<string, number>();
    for (const e of delivered) {
      expect(e.streamRevision).toBe((revisions.get(e.streamId) ?? -1) + 1);
      revisions.set(e.streamId, e.streamRevision);
    }
    // And a plain read of everything agrees with what the subscriber saw.
    const all = await collect(reader.readAll({ filter: { streamPrefixes: ['stress-'] } }));
    expect(all.map((e) => e.eventId)).toEqual(ids);
    await Promise.all([reader, ...stores].map((s) => s.close()));
  });
});
