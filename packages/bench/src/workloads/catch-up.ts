import type { EventStore, RecordedEvent } from '@fostering/core';
import { pgPoolClient, postgresEventStore } from '@fostering/store-postgres';
import type { Contender, Workload } from '../harness.js';
import { expectCount } from './postgres/clinic-note.js';
import { ownDatabase } from './postgres/database.js';
import { checkEmmettFill, EMMETT_BATCH, emmettCatchUp, emmettStore } from './postgres/emmett-reader.js';
import { checkOurFill, expectFilled, fillEmmett, fillOurs } from './postgres/fill.js';
import { cursorRead } from './postgres/raw.js';

const STREAMS = 1_000;

/** The columns our store selects (rows.ts), so the raw read moves and parses the same bytes. */
const EVENT_COLUMNS = `global_position::text as position, event_id, stream_id, stream_revision::text as revision,
  type, schema_version, data, occurred_at, recorded_at, actor_id, actor_role, correlation_id, causation_id`;

/** Reads every event in global order, checking the first and last it sees, and counts them. */
const readEverything = async (store: EventStore, events: number): Promise<number> => {
  let count = 0;
  let first: RecordedEvent | undefined;
  let last: RecordedEvent | undefined;
  for await (const event of store.readAll()) {
    first ??= event;
    last = event;
    count++;
  }
  expectFilled(first, 0, STREAMS);
  expectFilled(last, events - 1, STREAMS);
  return count;
};

/**
 * Issue 11: a projection or subscriber catching up from the beginning reads every event in global order. The
 * events are filled once, untimed; each contender reads all of them per repetition and must count them all.
 * Castore is absent: its PostgreSQL adapter reads one aggregate at a time and has no read of all events in
 * global order (its `listAggregateIds` pages aggregate ids, not events).
 */
export const catchUp: Workload = {
  id: 'catch-up',
  title: 'catch-up read of every event in global order (PostgreSQL)',
  unit: 'events/s',
  setup: async (mode) => {
    const events = mode.quick ? 100_000 : 1_000_000;
    const db = await ownDatabase('bench_catch_up');
    try {
      const pool = db.pool();
      const store = await postgresEventStore(pgPoolClient(pool, { closePool: false }));
      await fillOurs(pool, events, STREAMS);
      await checkOurFill(store, events, STREAMS);
      const emmettPool = db.peerPool();
      const emmett = await emmettStore(emmettPool, db.connectionString);
      await fillEmmett(pool, events, STREAMS);
      await checkEmmettFill(emmett, events, STREAMS);
      let run = 0;
      const counted =
        (name: string, read: () => Promise<number>): Contender['run'] =>
        async () => {
          const count = await read();
          expectCount(`${name}: events read`, count, events);
          return count;
        };
      const contenders: Contender[] = [
        {
          name: 'Fostering Ledger',
          role: 'ours',
          note: 'readAll() in pages of 500 (keyset on the global position), each event decoded to a RecordedEvent',
          run: counted('Fostering Ledger', () => readEverything(store, events)),
        },
        {
          name: 'Emmett 0.42 consumer (PostgreSQL)',
          role: 'peer',
          note:
            `postgreSQLEventStoreConsumer, one counting reactor from the beginning, batches of ${EMMETT_BATCH}, no ` +
            'pause between full batches (its first pause, 100 ms, is fixed), no checkpoints (its postgreSQLReactor ' +
            'stores one per message: about 5× slower here); with the two indexes Emmett 0.42.3 adds (0.42.0 sorts ' +
            'the whole table for every batch)',
          run: counted('Emmett', () => emmettCatchUp(emmett, run++)),
        },
        {
          name: 'plain SELECT through a cursor',
          role: 'limit',
          note: 'DECLARE … CURSOR over our events table in global order, FETCH 1000 at a time, rows left as pg parses them',
          run: counted('plain SELECT', () => cursorRead(pool, EVENT_COLUMNS)),
        },
      ];
      return {
        contenders,
        facts: { events, streams: STREAMS },
        close: async () => {
          await store.close();
          await emmett.close();
          await db.drop();
        },
      };
    } catch (error) {
      await db.drop();
      throw error;
    }
  },
};
