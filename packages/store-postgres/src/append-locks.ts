import { noStream, type StreamState, type StreamWrite, streamAt } from '@fostering/core';
import { POSITION_LOCK } from './positions.js';
import type { SqlExecutor } from './sql.js';

/**
 * Makes sure every stream has a row, so even a new stream has one to lock and "no_stream" holds until commit;
 * returns the streams whose rows this transaction created. Rows are inserted in stream-id order, so two
 * transactions creating the same streams wait for each other instead of deadlocking.
 */
export const ensureStreams = async (tx: SqlExecutor, streamIds: ReadonlyArray<string>) => {
  const rows = await tx.query<{ stream_id: string }>(
    `insert into fostering_streams (stream_id, revision)
     select stream_id, -1 from unnest($1::text[]) as s(stream_id) order by stream_id
     on conflict do nothing returning stream_id`,
    [streamIds],
    { name: 'fostering_append_ensure' },
  );
  return new Set(rows.map((row) => row.stream_id));
};

/**
 * Locks every stream's row in stream-id order (so two transactions never deadlock on each other). A separate
 * statement from `ensureStreams`: its snapshot sees rows another transaction created and committed meanwhile.
 */
export const lockStreams = async (tx: SqlExecutor, streamIds: ReadonlyArray<string>) => {
  const rows = await tx.query<{ stream_id: string; revision: string }>(
    `select stream_id, revision::text as revision from fostering_streams where stream_id = any($1::text[])
     order by stream_id for update`,
    [streamIds],
    { name: 'fostering_append_lock' },
  );
  return new Map<string, StreamState>(
    rows.map((row) => {
      const revision = Number(row.revision);
      return [row.stream_id, stateAt(revision)];
    }),
  );
};

/**
 * Takes the position lock (held until commit; every stream lock is already held, so the order of locks is the
 * same in every transaction) and, in the same round trip, finds which of the batch's event ids the streams
 * already hold. The lookup runs after the stream locks, so it sees everything committed before them.
 */
export const lockPositionsAndFindKnown = async (tx: SqlExecutor, writes: ReadonlyArray<StreamWrite>) => {
  const rows = await tx.query<{ known: Array<{ stream_id: string; id: string; revision: number }> | null }>(
    `select pg_advisory_xact_lock($1)::text as locked, ${KNOWN_IDS.replace('$KNOWN', '$2')} as known`,
    [POSITION_LOCK, eventIdPairs(writes)],
    { name: 'fostering_append_positions' },
  );
  return knownOf(rows[0]?.known ?? null);
};

/** Thrown by the fast path when a stream has no row yet: the batch is run again on the careful path. */
export class NewStreams extends Error {
  constructor() {
    super('the append creates streams');
  }
}

const knownOf = (rows: ReadonlyArray<{ stream_id: string; id: string; revision: number }> | null) => {
  const known = new Map<string, Map<string, number>>();
  for (const row of rows ?? []) {
    const ids = known.get(row.stream_id) ?? new Map<string, number>();
    ids.set(row.id, Number(row.revision));
    known.set(row.stream_id, ids);
  }
  return known;
};

/** A stream row's revision (-1 while it has no events) as a stream state. */
const stateAt = (revision: number): StreamState => (revision < 0 ? noStream : streamAt(revision));

/** The batch's (stream, event id) pairs, as the statements that look them up unpack them. */
export const eventIdPairs = (writes: ReadonlyArray<StreamWrite>) =>
  JSON.stringify(
    writes.flatMap((w) => w.events.map((e) => ({ stream_id: w.streamId, event_id: e.eventId }))),
  );

const KNOWN_IDS = `(select json_agg(json_build_object('stream_id', e.stream_id, 'id', e.event_id, 'revision', e.stream_revision))
   from fostering_events e
   join jsonb_to_recordset($KNOWN::jsonb) as k(stream_id text, event_id text)
     on e.stream_id = k.stream_id and e.event_id = k.event_id)`;

/**
 * The fast path, for streams that already exist: one round trip locks every stream's row in stream-id order,
 * then (once all are locked) the position lock, and looks up the batch's event ids. The lookup reads the
 * statement's snapshot, taken before any wait for a lock; a row whose locked revision differs from the one in
 * that snapshot was appended to meanwhile, and its ids are looked up again. A missing row means a new stream:
 * `NewStreams` rolls the transaction back for the careful path (taking a stream's row lock after the position
 * lock could deadlock).
 */
export const lockExisting = async (
  tx: SqlExecutor,
  streamIds: ReadonlyArray<string>,
  writes: ReadonlyArray<StreamWrite>,
) => {
  const rows = await tx.query<{
    streams: Array<{ stream_id: string; revision: number; seen: number }> | null;
    known: Array<{ stream_id: string; id: string; revision: number }> | null;
  }>(
    `with locked as (
       select stream_id, revision from fostering_streams where stream_id = any($1::text[]) order by stream_id for update
     ), summary as (
       select count(*)::int as found,
         json_agg(json_build_object('stream_id', l.stream_id, 'revision', l.revision,
           'seen', (select f.revision from fostering_streams f where f.stream_id = l.stream_id))) as streams
       from locked l
     )
     select s.streams, case when s.found = $2 then pg_advisory_xact_lock($3)::text end as positions,
       ${KNOWN_IDS.replace('$KNOWN', '$4')} as known
     from summary s`,
    [streamIds, streamIds.length, POSITION_LOCK, eventIdPairs(writes)],
    { name: 'fostering_append_lock_existing' },
  );
  const streams = rows[0]?.streams ?? [];
  if (streams.length < streamIds.length) throw new NewStreams();
  const states = new Map<string, StreamState>(
    streams.map((row) => [row.stream_id, stateAt(Number(row.revision))]),
  );
  const moved = new Set(streams.filter((row) => row.seen !== row.revision).map((row) => row.stream_id));
  if (moved.size === 0) return { states, known: knownOf(rows[0]?.known ?? null) };
  const again = await tx.query<{ known: Array<{ stream_id: string; id: string; revision: number }> | null }>(
    `select ${KNOWN_IDS.replace('$KNOWN', '$1')} as known`,
    [eventIdPairs(writes)],
    { name: 'fostering_append_known_again' },
  );
  return { states, known: knownOf(again[0]?.known ?? null) };
};
