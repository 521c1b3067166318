import {
  EventStore as CastoreEventStore,
  EventType as CastoreEventType,
  type GroupedEvent,
} from '@castore/core';
import { PostgresEventStorageAdapter } from '@castore/event-storage-adapter-postgres';
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { JsonObject } from '@fostering/core';
import { type Append, metadataOf, NOTE_TYPE, runPlan } from './clinic-note.js';
import type { OwnDatabase } from './database.js';
import type { Writer } from './writes.js';

type Metadata = ReturnType<typeof metadataOf> & { readonly messageId: string };
type EmmettNote = Event<typeof NOTE_TYPE, JsonObject, Metadata>;

const sumOf = async (pool: { query: (text: string) => Promise<{ rows: unknown[] }> }, text: string) => {
  const row = (await pool.query(text)).rows[0] as { n?: number } | undefined;
  return row?.n ?? -1;
};

/**
 * Emmett 0.42 on PostgreSQL, as its docs set it up (`getPostgreSQLEventStore`, schema migrated on first use), over
 * a pg pool of 10 like everyone's. `appendToStream` without an expected version, as ours appends with 'any'.
 */
export const emmettWriter = async (db: OwnDatabase): Promise<Writer> => {
  const pool = db.peerPool();
  const store = getPostgreSQLEventStore(db.connectionString, { connectionOptions: { pool } });
  await store.schema.migrate();
  let plan: ReadonlyArray<ReadonlyArray<{ streamId: string; events: EmmettNote[] }>> = [];
  return {
    name: 'Emmett 0.42 (PostgreSQL)',
    role: 'peer',
    note: "the event id travels as Emmett's messageId; occurrence time, actor and ids in its metadata",
    reset: () => store.schema.dangerous.truncate({ resetSequences: true }),
    load: (p) => {
      plan = p.map((appends) =>
        appends.map((a: Append) => ({
          streamId: a.streamId,
          events: a.events.map((e) => ({
            type: NOTE_TYPE,
            data: e.data,
            metadata: { messageId: e.eventId, ...metadataOf(e) },
          })),
        })),
      );
    },
    write: () =>
      runPlan(plan, async (a) => {
        await store.appendToStream(a.streamId, a.events);
      }),
    stored: async () => ({
      events: await sumOf(pool, 'select count(*)::int as n from emt_messages'),
      inStreams: await sumOf(pool, 'select coalesce(sum(stream_position), 0)::int as n from emt_streams'),
    }),
    close: () => store.close(),
  };
};

const noteRecorded = new CastoreEventType<typeof NOTE_TYPE, JsonObject, Metadata>({ type: NOTE_TYPE });
const CASTORE_TABLE = 'castore_events';

/**
 * Castore 2.4 with its PostgreSQL adapter: the table its README creates (`createEventTable`, stream ids as
 * VARCHAR), a Castore `EventStore`, one `pushEvent` per event; several events at once go through
 * `EventStore.pushEventGroup`, Castore's atomic multi-event push. The adapter keeps its own postgres.js pool (10).
 */
export const castoreWriter = async (db: OwnDatabase): Promise<Writer> => {
  await PostgresEventStorageAdapter.createEventTable({
    connectionString: db.connectionString,
    tableName: CASTORE_TABLE,
    aggregateId: { type: 'VARCHAR', length: 64 },
  });
  const adapter = new PostgresEventStorageAdapter({
    connectionString: db.connectionString,
    tableName: CASTORE_TABLE,
  });
  const notes = new CastoreEventStore({
    eventStoreId: 'clinic-notes',
    eventTypes: [noteRecorded],
    reducer: (_aggregate: unknown, event: { aggregateId: string; version: number }) => ({
      aggregateId: event.aggregateId,
      version: event.version,
    }),
    eventStorageAdapter: adapter,
  });
  const admin = db.pool();
  type Detail = Parameters<typeof notes.pushEvent>[0];
  let plan: ReadonlyArray<ReadonlyArray<Detail[]>> = [];
  return {
    name: 'Castore 2.4 (PostgreSQL)',
    role: 'peer',
    note: 'versions are known in advance (each stream has one writer): Castore has no "any revision"',
    reset: async () => {
      await admin.query(`truncate ${CASTORE_TABLE} restart identity`);
    },
    load: (p) => {
      plan = p.map((appends) =>
        appends.map((a) =>
          a.events.map((e, k) => ({
            aggregateId: a.streamId,
            version: a.before + 2 + k,
            type: NOTE_TYPE,
            payload: e.data,
            metadata: { messageId: e.eventId, ...metadataOf(e) },
          })),
        ),
      );
    },
    write: () =>
      runPlan(plan, async (details) => {
        const [only, ...more] = details;
        if (only === undefined) return;
        if (more.length === 0) {
          await notes.pushEvent(only);
          return;
        }
        const grouped = details.map((d) => notes.groupEvent(d) as GroupedEvent);
        await CastoreEventStore.pushEventGroup(
          ...(grouped as [GroupedEvent, GroupedEvent, ...GroupedEvent[]]),
        );
      }),
    stored: async () => {
      const events = await sumOf(admin, `select count(*)::int as n from ${CASTORE_TABLE}`);
      return { events, inStreams: events };
    },
    // The adapter has no close; its postgres.js client would keep the process alive.
    close: () => (adapter as unknown as { _sql: { end: () => Promise<void> } })._sql.end(),
  };
};
