import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EventStore,
  inMemoryEventStore,
  manualClock,
  type NewEvent,
  type RecordedEvent,
} from '@fostering/core';
import {
  importHistory,
  pgliteClient,
  pgPoolClient,
  postgresEventStore,
  type SqlClient,
} from '@fostering/store-postgres';
import * as E from 'fp-ts/lib/Either.js';
import { sharedServer } from '../postgres-server.js';
import { openPglite } from './modules.js';

/** A store filled with a history, and what it takes to put it away. */
export interface FilledStore {
  readonly store: EventStore;
  /** The database under a SQL store (for its checkpoint table); absent for the in-memory store. */
  readonly client?: SqlClient;
  readonly close: () => Promise<void>;
}

const newEventOf = (event: RecordedEvent): NewEvent => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  occurredAt: event.occurredAt,
  actor: event.actor,
  correlationId: event.correlationId,
  causationId: event.causationId,
});

/**
 * The in-memory store holding the history as recorded: each run of one stream's events recorded at one instant
 * is one append, with the store's clock set to that instant, so recorded-at (what as-of-recorded replays cut on)
 * is the generator's.
 */
export const memoryStoreOf = async (events: ReadonlyArray<RecordedEvent>): Promise<FilledStore> => {
  const clock = manualClock(new Date(0));
  const store = inMemoryEventStore({ clock, name: 'bench-agency' });
  for (let i = 0; i < events.length; ) {
    const first = events[i] as RecordedEvent;
    let end = i + 1;
    while (
      end < events.length &&
      events[end]?.streamId === first.streamId &&
      events[end]?.recordedAt.getTime() === first.recordedAt.getTime()
    ) {
      end += 1;
    }
    clock.set(first.recordedAt);
    const expectedRevision = first.streamRevision === 0 ? 'no_stream' : first.streamRevision - 1;
    const appended = await store.append(first.streamId, events.slice(i, end).map(newEventOf), {
      expectedRevision,
    });
    if (E.isLeft(appended)) throw new Error(`filling the in-memory store: ${appended.left.message}`);
    i = end;
  }
  return { store, close: () => store.close() };
};

/** Copies the history into a freshly migrated SQL store with the store's own bulk import (keeps recorded-at). */
const sqlStoreOf = async (
  client: SqlClient,
  events: ReadonlyArray<RecordedEvent>,
  dispose: () => Promise<void>,
): Promise<FilledStore> => {
  const store = await postgresEventStore(client);
  const imported = await importHistory(client, events, { batchSize: 5_000 });
  if (E.isLeft(imported)) throw new Error(`importing into ${client.name}: ${imported.left.message}`);
  return {
    store,
    client,
    close: async () => {
      await store.close();
      await dispose();
    },
  };
};

/** PGlite in a temporary directory, as `fostering demo` keeps an embedded store (`pglite:<directory>`). */
export const pgliteStoreOf = async (events: ReadonlyArray<RecordedEvent>): Promise<FilledStore> => {
  const directory = await mkdtemp(join(tmpdir(), 'fostering-bench-pglite-'));
  const client = pgliteClient(await openPglite(directory));
  return sqlStoreOf(client, events, () => rm(directory, { recursive: true, force: true }));
};

/** A database of its own on the shared PostgreSQL server, dropped on close. */
export const postgresStoreOf = async (
  database: string,
  events: ReadonlyArray<RecordedEvent>,
): Promise<FilledStore> => {
  const server = await sharedServer();
  const admin = server.pool({ max: 1 });
  const drop = async () => {
    await admin.query(`drop database if exists ${database} with (force)`);
  };
  await drop();
  await admin.query(`create database ${database}`);
  const client = pgPoolClient(server.pool({ database }));
  return sqlStoreOf(client, events, async () => {
    await drop();
    await admin.end();
  });
};
