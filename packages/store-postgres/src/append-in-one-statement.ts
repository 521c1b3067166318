import type { AppendResult, Clock, StreamWrite } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Append, AppendOutcome } from './append.js';
import { eventIdPairs } from './append-locks.js';
import { APPENDED_CHANNEL, POSITION_LOCK } from './positions.js';
import { type InsertedRow, insertedColumns, insertRows, recordedFromWrites } from './rows.js';
import type { SqlClient } from './sql.js';

/**
 * Appends the one-statement path can take: streams expected to exist, events in every write, no event id twice
 * in one write (the others are refused, which takes the path that explains why).
 */
export const fitsOneStatement = (appends: ReadonlyArray<Append>): boolean =>
  appends.every((append) =>
    append.every(
      (w) =>
        w.events.length > 0 &&
        w.expectedRevision !== 'no_stream' &&
        new Set(w.events.map((e) => e.eventId)).size === w.events.length,
    ),
  );

const expectation = (write: StreamWrite) =>
  write.expectedRevision === 'any'
    ? null
    : write.expectedRevision === 'stream_exists'
      ? -2
      : write.expectedRevision;

/**
 * The whole batch as one statement, its own transaction: one round trip and one commit when every append
 * would succeed as it stands. It locks every stream's row in stream-id order, and only then (the insert needs
 * the gate's row, and the gate needs every lock) takes the position lock and inserts, each event at the revision
 * after its stream's locked one. It writes nothing, and says so, if a stream has no row yet, was appended to
 * while the statement waited for its lock, already holds one of the event ids (a replay, or a conflict), or
 * is not at an expected revision: the caller then takes the path that tells these apart.
 */
export const appendInOneStatement = async (
  client: SqlClient,
  appends: ReadonlyArray<Append>,
  clock: Clock,
): Promise<{ readonly outcomes?: ReadonlyArray<AppendOutcome>; readonly allStreamsExist: boolean }> => {
  const writes = appends.flat();
  const streamIds = writes.map((w) => w.streamId).sort();
  const rows = insertRows(writes.map((write) => ({ write })));
  const recordedAt = clock.now();
  const result = await client.query<{ ok: boolean | null; found: number; events: InsertedRow[] | null }>(
    `with locked as (
       select stream_id, revision from fostering_streams where stream_id = any($1::text[]) order by stream_id for update
     ), checked as (
       select count(*)::int as found,
         coalesce(bool_and(l.revision = (select f.revision from fostering_streams f where f.stream_id = l.stream_id)
           and (x.expected is null or x.expected = l.revision or (x.expected = -2 and l.revision >= 0))), false) as fine
       from locked l join jsonb_to_recordset($2::jsonb) as x(stream_id text, expected bigint) on x.stream_id = l.stream_id
     ), gate as (
       select c.found, c.found = $3 and c.fine and not exists (
           select 1 from fostering_events e
           join jsonb_to_recordset($5::jsonb) as k(stream_id text, event_id text)
             on e.stream_id = k.stream_id and e.event_id = k.event_id) as ok
       from checked c
     ), positions as (
       select g.found, g.ok, case when g.ok then pg_advisory_xact_lock($4)::text end as locked from gate g
     ), inserted as (
       insert into fostering_events (event_id, stream_id, stream_revision, type, schema_version, data, occurred_at,
         recorded_at, actor_id, actor_role, correlation_id, causation_id)
       select r.event_id, r.stream_id, l.revision + 1 + r.i, r.type, r.schema_version, r.data, r.occurred_at, $6,
         r.actor_id, r.actor_role, r.correlation_id, r.causation_id
       from positions p
       cross join jsonb_to_recordset($7::jsonb)
         as r(n integer, i integer, event_id text, stream_id text, type text, schema_version integer, data jsonb,
              occurred_at timestamptz, actor_id text, actor_role text, correlation_id text, causation_id text)
       join locked l on l.stream_id = r.stream_id
       where p.ok
       order by r.n
       returning ${insertedColumns}
     ), moved as (
       update fostering_streams s set revision = s.revision + m.count
       from positions p, jsonb_to_recordset($8::jsonb) as m(stream_id text, count bigint)
       where p.ok and s.stream_id = m.stream_id
     )
     select p.ok, p.found, (select json_agg(i) from inserted i) as events,
       case when p.ok then pg_notify($9, '') end as notified
     from positions p`,
    [
      streamIds,
      JSON.stringify(writes.map((w) => ({ stream_id: w.streamId, expected: expectation(w) }))),
      streamIds.length,
      POSITION_LOCK,
      eventIdPairs(writes),
      recordedAt,
      JSON.stringify(rows),
      JSON.stringify(writes.map((w) => ({ stream_id: w.streamId, count: w.events.length }))),
      APPENDED_CHANNEL,
    ],
    { name: 'fostering_append_one_statement' },
  );
  const summary = result[0];
  const allStreamsExist = summary?.found === streamIds.length;
  if (summary?.ok !== true) return { allStreamsExist };
  const byStream = recordedFromWrites(writes, summary.events ?? [], recordedAt);
  const outcomes = appends.map((append) =>
    E.right(
      append.map((write): AppendResult => {
        const events = byStream.get(write.streamId) ?? [];
        return {
          streamId: write.streamId,
          nextExpectedRevision: events[events.length - 1]?.streamRevision ?? -1,
          events,
          replayed: false,
        };
      }),
    ),
  );
  return { outcomes, allStreamsExist };
};
