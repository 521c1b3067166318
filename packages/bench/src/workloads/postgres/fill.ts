import { isDeepStrictEqual } from 'node:util';
import type { EventStore, RecordedEvent } from '@fostering/core';
import type pg from 'pg';
import { ACTOR, NOTE_TEXT, NOTE_TYPE, noteData, OCCURRED_AT } from './clinic-note.js';

/**
 * Untimed fills for the catch-up read, done by the server (`generate_series`) rather than through a million
 * appends: the rows each store would have written for the same clinic notes. `i` numbers the events from 0 in
 * global order; event `i` is in stream `clinic-(i % streams)`. Values are interpolated only as integers and as the
 * constant note (dollar-quoted), never from input.
 */
const dataSql = `jsonb_build_object(
  'sessionId', 'session-' || i,
  'childId', 'child-' || (i % 997),
  'heldOn', '2025-03-14',
  'mode', case when i % 3 = 0 then 'online' else 'in-person' end,
  'minutes', 50,
  'youngPeopleDiscussed', jsonb_build_array('child-' || (i % 997), 'child-' || ((i + 1) % 997)),
  'note', $note$${NOTE_TEXT}$note$)`;

const integer = (n: number) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`);
  return n;
};

/** Our events and stream rows, as `append` writes them (revisions from 0, `recorded_at` the fill's time). */
export const fillOurs = async (pool: pg.Pool, events: number, streams: number): Promise<void> => {
  const [n, s] = [integer(events), integer(streams)];
  await pool.query('truncate fostering_events, fostering_streams restart identity');
  // The subquery gives each event one id used twice (correlation and causation), as `clinicNote` does.
  await pool.query(`insert into fostering_events (event_id, stream_id, stream_revision, type, schema_version, data,
      occurred_at, recorded_at, actor_id, actor_role, correlation_id, causation_id)
    select uuidv7()::text, 'clinic-' || (i % ${s}), i / ${s}, '${NOTE_TYPE}', 1, ${dataSql},
      '${OCCURRED_AT.toISOString()}', now(), '${ACTOR.id}', '${ACTOR.role}', c, c
    from (select i, uuidv7()::text as c from generate_series(0, ${n - 1}) as i offset 0) as numbered order by i`);
  await pool.query(`insert into fostering_streams (stream_id, revision)
    select stream_id, max(stream_revision) from fostering_events group by stream_id`);
  await pool.query('vacuum analyze fostering_events');
};

/** Emmett's messages, a hundred to a transaction, each committed (a DO block may commit between statements). */
const fillEmmettMessages = (n: number, s: number) => `do $fill$ begin
    for chunk in 0..${Math.ceil(n / 100) - 1} loop
      insert into emt_messages (stream_id, stream_position, partition, message_data, message_metadata,
        message_schema_version, message_type, message_kind, message_id, transaction_id)
      select 'clinic-' || (i % ${s}), i / ${s} + 1, 'emt:default', ${dataSql},
        jsonb_build_object('occurredAt', '${OCCURRED_AT.toISOString()}', 'actorId', '${ACTOR.id}',
          'actorRole', '${ACTOR.role}', 'correlationId', c, 'causationId', c),
        '1', '${NOTE_TYPE}', 'E', uuidv7()::text, pg_current_xact_id()
      from (select i, uuidv7()::text as c
            from generate_series(chunk * 100, least(chunk * 100 + 99, ${n - 1})) as i offset 0) as numbered
      order by i;
      commit;
    end loop;
  end $fill$`;

/**
 * Emmett's messages and streams, as `appendToStream` writes them, a hundred events per transaction (its reader
 * orders by transaction id, so one giant transaction would not be what it meets in use).
 */
export const fillEmmett = async (pool: pg.Pool, events: number, streams: number): Promise<void> => {
  const [n, s] = [integer(events), integer(streams)];
  await pool.query(
    'truncate emt_messages, emt_streams, emt_processors; alter sequence emt_global_message_position restart with 1',
  );
  // Its own connection, not waiting for the disk at each of the fill's commits (durability is beside the point),
  // and without a statement timeout: Emmett's migrations leave `statement_timeout = 10000` on the pooled
  // connection they ran on, which a million-event fill outlasts.
  const client = await pool.connect();
  try {
    await client.query('set synchronous_commit = off');
    await client.query('set statement_timeout = 0');
    await client.query(fillEmmettMessages(n, s));
    await client.query('reset synchronous_commit');
  } finally {
    client.release();
  }
  await pool.query(`insert into emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata)
    select stream_id, max(stream_position), 'emt:default', 'clinic', '{}' from emt_messages group by stream_id`);
  await pool.query('vacuum analyze emt_messages');
};

/** Throws unless `event` is what `append` would have recorded for event `i` of the fill. */
export const expectFilled = (event: RecordedEvent | undefined, i: number, streams: number): void => {
  const expected = {
    streamId: `clinic-${i % streams}`,
    streamRevision: Math.floor(i / streams),
    type: NOTE_TYPE,
    schemaVersion: 1,
    data: noteData(i),
    occurredAt: OCCURRED_AT.getTime(),
    actor: ACTOR,
  };
  const actual =
    event === undefined
      ? undefined
      : {
          streamId: event.streamId,
          streamRevision: event.streamRevision,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          occurredAt: event.occurredAt.getTime(),
          actor: { ...event.actor },
        };
  if (!isDeepStrictEqual(actual, expected) || event?.correlationId !== event?.causationId) {
    throw new Error(`fill: event ${i} reads back as ${JSON.stringify(event)}`);
  }
};

const firstOf = async <A>(items: AsyncIterable<A>): Promise<A | undefined> => {
  for await (const item of items) return item;
  return undefined;
};

/** The first and last events of our fill, read back through the store. */
export const checkOurFill = async (store: EventStore, events: number, streams: number): Promise<void> => {
  expectFilled(await firstOf(store.readAll({ maxCount: 1 })), 0, streams);
  expectFilled(await firstOf(store.readAll({ direction: 'backwards', maxCount: 1 })), events - 1, streams);
};
