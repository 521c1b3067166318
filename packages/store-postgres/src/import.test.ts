import { PGlite } from '@electric-sql/pglite';
import {
  inMemoryEventStore,
  manualClock,
  type NewEvent,
  newEventId,
  type RecordedEvent,
} from '@fostering/core';
import { collect } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { importHistory } from './import.js';
import { postgresEventStore } from './postgres-event-store.js';
import { pgliteClient } from './sql.js';

const event = (n: number, occurredAt: Date): NewEvent => ({
  eventId: newEventId(),
  type: 'Counted',
  schemaVersion: 1,
  data: { n },
  occurredAt,
  actor: { id: 'ssw', role: 'supervising-social-worker' },
  correlationId: 'c',
  causationId: 'c',
});

/** A source history with entries recorded days after they happened, across interleaved streams. */
const source = async (): Promise<RecordedEvent[]> => {
  const clock = manualClock(new Date('2025-01-01T09:00:00Z'));
  const store = inMemoryEventStore({ clock });
  for (let i = 0; i < 30; i++) {
    clock.set(new Date(Date.UTC(2025, 0, 1 + i * 3, 9)));
    await store.append(`s-${i % 4}`, [event(i, new Date(Date.UTC(2025, 0, 1 + i, 9)))], {
      expectedRevision: 'any',
    });
  }
  return collect(store.readAll());
};

const comparable = (e: RecordedEvent) => ({
  eventId: e.eventId,
  streamId: e.streamId,
  streamRevision: e.streamRevision,
  data: e.data,
  occurredAt: e.occurredAt.toISOString(),
  recordedAt: e.recordedAt.toISOString(),
  actor: e.actor,
});

// Each test starts its own PGlite, which takes seconds on a busy machine.
describe('importHistory', { timeout: 60_000 }, () => {
  it('copies a history keeping ids, revisions, occurred-at, recorded-at and the global order', async () => {
    const events = await source();
    const client = pgliteClient(new PGlite());
    const store = await postgresEventStore(client);
    const progress: number[] = [];
    const result = await importHistory(client, events, {
      batchSize: 7,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toEqual(E.right({ imported: 30 }));
    expect(progress).toEqual([7, 14, 21, 28, 30]);
    expect((await collect(store.readAll())).map(comparable)).toEqual(events.map(comparable));
    expect(await store.streamState('s-1')).toEqual({ exists: true, revision: 7 });
    const next = await store.append('s-1', [event(99, new Date())], { expectedRevision: 7 });
    expect(E.isRight(next)).toBe(true);
    await store.close();
  });

  it('refuses to import into a stream that already has events, importing nothing', async () => {
    const events = await source();
    const client = pgliteClient(new PGlite());
    const store = await postgresEventStore(client);
    await store.append('s-2', [event(1, new Date())], { expectedRevision: 'no_stream' });
    const result = await importHistory(client, events);
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'WrongExpectedRevision',
      streamId: 's-2',
      actual: 0,
    });
    expect(await collect(store.readAll())).toHaveLength(1);
    await store.close();
  });

  it('refuses a history with a stream missing its start, before touching the database', async () => {
    const events = await source();
    const client = pgliteClient(new PGlite());
    await expect(importHistory(client, events.slice(1))).rejects.toThrow(RangeError);
    await client.close();
  });
});
