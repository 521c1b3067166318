import { isDeepStrictEqual } from 'node:util';
import { type Event, reactor } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type { JsonObject } from '@fostering/core';
import type pg from 'pg';
import { ACTOR, NOTE_TYPE, noteData } from './clinic-note.js';

type Note = Event<typeof NOTE_TYPE, JsonObject, JsonObject>;

/** Emmett's own store over `pool`, its schema migrated, plus the indexes its 0.42.3 release adds. */
export const emmettStore = async (pool: pg.Pool, connectionString: string): Promise<PostgresEventStore> => {
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
  await store.schema.migrate();
  // Emmett 0.42.0 has no index for its consumers' poll (`order by transaction_id, global_position` from a global
  // position): every batch scans and sorts the whole table. 0.42.3 adds these two (event-driven-io/emmett#379).
  await pool.query(
    'create index if not exists emt_messages_global_position on emt_messages (global_position)',
  );
  await pool.query(
    'create index if not exists emt_messages_transaction_position on emt_messages (transaction_id, global_position)',
  );
  return store;
};

/** Reads stream `clinic-0` back through Emmett: what the fill wrote must be what an append would have. */
export const checkEmmettFill = async (store: PostgresEventStore, events: number, streams: number) => {
  const read = await store.readStream<Note>('clinic-0');
  const first = read.events[0];
  const length = Math.ceil(events / streams);
  if (
    read.events.length !== length ||
    first === undefined ||
    first.type !== NOTE_TYPE ||
    !isDeepStrictEqual(first.data, noteData(0)) ||
    first.metadata.actorId !== ACTOR.id ||
    first.metadata.streamPosition !== 1n
  ) {
    throw new Error(
      `Emmett fill: clinic-0 reads back as ${read.events.length} events, first ${String(first)}`,
    );
  }
};

export const EMMETT_BATCH = 500;

/**
 * A catch-up through Emmett's consumer, as its docs describe: `consumer()` with one processor, from the
 * beginning, stopping when no messages are left. The processor counts and keeps no checkpoint (the core
 * `reactor`; `consumer.reactor` would store a checkpoint after every message, a write per event). Batches of 500
 * like our pages, and no pause between full batches (the default waits 50 ms after each).
 */
export const emmettCatchUp = async (store: PostgresEventStore, run: number): Promise<number> => {
  let count = 0;
  const consumer = store.consumer<Note>({
    stopWhen: { noMessagesLeft: true },
    pulling: { batchSize: EMMETT_BATCH, pullingFrequencyInMs: 0 },
    processors: [
      reactor<Note>({
        processorId: `catch-up-${run}`,
        startFrom: 'BEGINNING',
        eachMessage: () => {
          count++;
        },
      }),
    ],
  });
  await consumer.start();
  await consumer.stop();
  return count;
};
