import { pgPoolClient, postgresEventStore } from '@fostering/store-postgres';
import * as E from 'fp-ts/lib/Either.js';
import type { Contender, Prepared, Role } from '../../harness.js';
import { type Append, eventCount, expectCount, runPlan, STREAMS, WRITERS, writePlan } from './clinic-note.js';
import { type OwnDatabase, ownDatabase } from './database.js';
import { castoreWriter, emmettWriter } from './peers.js';
import { rawWriter } from './raw.js';

/** One way of writing the plan's appends, with what it needs around the timed writes. */
export interface Writer {
  readonly name: string;
  readonly role: Role;
  readonly note?: string;
  /** Untimed: empty what the last repetition wrote. */
  readonly reset: () => Promise<void>;
  /** Untimed: turn the plan into the writer's own inputs. */
  readonly load: (plan: ReadonlyArray<ReadonlyArray<Append>>) => void;
  /** Timed: every append of the loaded plan, the writers concurrently. */
  readonly write: () => Promise<void>;
  /** Events stored, and the sum of the streams' lengths where the writer keeps streams (else the same count). */
  readonly stored: () => Promise<{ readonly events: number; readonly inStreams: number }>;
  readonly close: () => Promise<void>;
}

const oursWriter = async (db: OwnDatabase): Promise<Writer> => {
  const pool = db.pool();
  const store = await postgresEventStore(pgPoolClient(pool, { closePool: false }));
  let plan: ReadonlyArray<ReadonlyArray<Append>> = [];
  return {
    name: 'Fostering Ledger',
    role: 'ours',
    note:
      "append(…, { expectedRevision: 'any' }) on one store: appends made while others are written share the next " +
      'transaction (group commit); each is one prepared statement that locks the streams, then the position lock ' +
      '(held to commit, so positions become visible in order), inserts and notifies',
    reset: async () => {
      await pool.query('truncate fostering_events, fostering_streams restart identity');
    },
    load: (p) => {
      plan = p;
    },
    write: () =>
      runPlan(plan, async (a) => {
        const result = await store.append(a.streamId, a.events, { expectedRevision: 'any' });
        if (E.isLeft(result)) throw new Error(result.left.message);
      }),
    stored: async () => {
      const rows = await pool.query<{ events: number; in_streams: number }>(
        `select (select count(*) from fostering_events)::int as events,
           (select coalesce(sum(revision + 1), 0) from fostering_streams)::int as in_streams`,
      );
      return { events: rows.rows[0]?.events ?? -1, inStreams: rows.rows[0]?.in_streams ?? -1 };
    },
    close: () => store.close(),
  };
};

const closeAll = async (writers: ReadonlyArray<Writer>, db: OwnDatabase) => {
  for (const writer of writers) await writer.close().catch(() => undefined);
  await db.drop();
};

/**
 * The append workloads: eight writers over a hundred streams, `eventsPerAppend` events per append, for us, Emmett,
 * Castore and plain INSERTs, each in its own tables of one database. Every repetition starts from empty tables and
 * is checked afterwards (in the next `prepare`, or at `close` for the last): every event stored, once.
 */
export const appendWorkload = async (
  database: string,
  appends: number,
  eventsPerAppend: number,
): Promise<Prepared> => {
  const db = await ownDatabase(database);
  const writers: Writer[] = [];
  try {
    writers.push(await oursWriter(db), await emmettWriter(db), await castoreWriter(db));
    writers.push(await rawWriter(db, eventsPerAppend));
  } catch (error) {
    await closeAll(writers, db);
    throw error;
  }
  const expected = new Map<Writer, number>();
  const check = async (writer: Writer) => {
    const events = expected.get(writer);
    if (events === undefined) return;
    expected.delete(writer);
    const stored = await writer.stored();
    expectCount(`${writer.name}: events stored`, stored.events, events);
    expectCount(`${writer.name}: events in streams`, stored.inStreams, events);
  };
  const contenders = writers.map(
    (writer): Contender => ({
      name: writer.name,
      role: writer.role,
      ...(writer.note === undefined ? {} : { note: writer.note }),
      prepare: async () => {
        await check(writer);
        await writer.reset();
        const plan = writePlan(appends, eventsPerAppend);
        writer.load(plan);
        expected.set(writer, eventCount(plan));
      },
      run: async () => {
        await writer.write();
        return expected.get(writer) ?? 0;
      },
    }),
  );
  return {
    contenders,
    facts: {
      appends,
      'events per append': eventsPerAppend,
      writers: WRITERS,
      streams: STREAMS,
      'pool size': 10,
      'writers per stream': 1,
    },
    close: async () => {
      try {
        for (const writer of writers) await check(writer);
      } finally {
        await closeAll(writers, db);
      }
    },
  };
};
