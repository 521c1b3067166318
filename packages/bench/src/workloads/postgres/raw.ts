import type pg from 'pg';
import type { Append } from './clinic-note.js';
import { runPlan } from './clinic-note.js';
import type { OwnDatabase } from './database.js';
import type { Writer } from './writes.js';

const COLUMNS = 12;

/** The columns our store writes, in a plain table: an identity position, no constraints, no other index. */
const createRawEvents = `create table if not exists raw_events (
  position bigint generated always as identity primary key,
  event_id text not null,
  stream_id text not null,
  stream_revision bigint not null,
  type text not null,
  schema_version integer not null,
  data jsonb not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  actor_id text not null,
  actor_role text not null,
  correlation_id text not null,
  causation_id text not null
)`;

const insertOf = (a: Append, recordedAt: Date): { text: string; values: unknown[] } => {
  const values = a.events.flatMap((e, k) => [
    e.eventId,
    a.streamId,
    a.before + 1 + k,
    e.type,
    e.schemaVersion,
    JSON.stringify(e.data),
    e.occurredAt,
    recordedAt,
    e.actor.id,
    e.actor.role,
    e.correlationId,
    e.causationId,
  ]);
  const rows = a.events.map((_, k) => {
    const p = (n: number) => `$${k * COLUMNS + n}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::jsonb, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)})`;
  });
  return {
    text: `insert into raw_events (event_id, stream_id, stream_revision, type, schema_version, data, occurred_at,
      recorded_at, actor_id, actor_role, correlation_id, causation_id) values ${rows.join(', ')}`,
    values,
  };
};

/**
 * The raw limit for appends: the same rows as our store writes, one INSERT (of one or many rows) per append, each
 * its own transaction — no stream row, no revision check, no position lock, no notification.
 */
export const rawWriter = async (db: OwnDatabase, eventsPerAppend: number): Promise<Writer> => {
  const pool = db.pool();
  await pool.query(createRawEvents);
  let plan: ReadonlyArray<ReadonlyArray<Append>> = [];
  return {
    name: eventsPerAppend === 1 ? 'plain INSERT' : 'plain multi-row INSERT',
    role: 'limit',
    note: 'the same rows, one INSERT per append in its own transaction, into a table with only an identity key',
    reset: async () => {
      await pool.query('truncate raw_events restart identity');
    },
    load: (p) => {
      plan = p;
    },
    write: () =>
      runPlan(plan, async (a) => {
        const { text, values } = insertOf(a, new Date());
        await pool.query(text, values);
      }),
    stored: async () => {
      const rows = await pool.query<{ events: number }>('select count(*)::int as events from raw_events');
      const events = rows.rows[0]?.events ?? -1;
      return { events, inStreams: events };
    },
    close: async () => undefined,
  };
};

/**
 * The raw limit for a catch-up read: the rows of our events table, in global order, through a server-side cursor
 * fetched a thousand at a time in one transaction; the driver parses the rows, nothing decodes them further.
 */
export const cursorRead = async (pool: pg.Pool, columns: string): Promise<number> => {
  const client = await pool.connect();
  let count = 0;
  try {
    await client.query('begin');
    await client.query(`declare everything no scroll cursor for
      select ${columns} from fostering_events order by global_position`);
    for (;;) {
      const page = await client.query('fetch 1000 from everything');
      count += page.rows.length;
      if (page.rows.length < 1000) break;
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return count;
};
