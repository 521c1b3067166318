import {
  type AppendError,
  type AppendResult,
  type Clock,
  checkExpectedRevision,
  checkOutboxMessage,
  classifyAppend,
  comparePositions,
  type NewEvent,
  noStream,
  type OutboxDerivation,
  type RecordedEvent,
  type StreamState,
  type StreamWrite,
  streamAt,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { insertOutboxMessages } from './outbox.js';
import { type EventRow, eventColumns, recordedEventOf } from './rows.js';
import type { SqlExecutor } from './sql.js';

/** Thrown inside a transaction to roll it back with an expected failure, caught by the caller. */
export class Refusal extends Error {
  constructor(readonly error: AppendError) {
    super(error.message);
  }
}

/** Wraps a throw from the outbox derivation: a bug in the embedder's code, not a database failure. */
export class DerivationFailure extends Error {
  constructor(readonly thrown: unknown) {
    super('the outbox derivation threw', { cause: thrown });
  }
}

/** The advisory lock that serialises position allocation (see docs/adapters/postgres.md). */
export const POSITION_LOCK = 7_468_001;

/** The NOTIFY channel appends announce themselves on, waking subscribers in every process. */
export const APPENDED_CHANNEL = 'fostering_events_appended';

const COLUMNS = 13;

interface LockedStream {
  readonly revision: string | null;
  readonly known: ReadonlyArray<{ readonly id: string; readonly revision: number }> | null;
}

/**
 * One round trip per stream: make sure the stream has a row (so even a new stream has one to lock and
 * "no_stream" holds until commit), lock it, and fetch which of the append's event ids it already holds. When
 * the row is created by this very statement the `for update` cannot see it, but the inserter holds its lock.
 */
const lockStream = async (tx: SqlExecutor, write: StreamWrite) => {
  const rows = await tx.query<LockedStream>(
    `with ensured as (
       insert into fostering_streams (stream_id, revision) values ($1, -1) on conflict do nothing returning revision
     ), locked as (
       select revision from fostering_streams where stream_id = $1 for update
     )
     select coalesce((select revision from locked), (select revision from ensured))::text as revision,
       (select json_agg(json_build_object('id', event_id, 'revision', stream_revision))
          from fostering_events where stream_id = $1 and event_id = any($2::text[])) as known`,
    [write.streamId, write.events.map((e) => e.eventId)],
  );
  let locked = rows[0]?.revision ?? null;
  if (locked === null) {
    // Another transaction created the row after this statement's snapshot was taken: the insert waited for it
    // and did nothing, and the snapshot cannot see it. A new statement sees it, and waits for its lock.
    const again = await tx.query<{ revision: string }>(
      'select revision::text as revision from fostering_streams where stream_id = $1 for update',
      [write.streamId],
    );
    locked = again[0]?.revision ?? '-1';
  }
  const revision = Number(locked);
  const state: StreamState = revision < 0 ? noStream : streamAt(revision);
  return { state, known: rows[0]?.known ?? [] };
};

type Plan = { readonly write: StreamWrite; readonly state: StreamState; readonly replay?: AppendResult };

const plan = async (tx: SqlExecutor, write: StreamWrite): Promise<Plan> => {
  const { state, known } = await lockStream(tx, write);
  const revisionOf = new Map(known.map((row) => [row.id, Number(row.revision)]));
  const verdict = classifyAppend(write.streamId, write.events, (id) => revisionOf.get(id));
  if (verdict.kind === 'conflict') throw new Refusal(verdict.conflict);
  if (verdict.kind === 'replay') {
    const rows = await tx.query<EventRow>(
      `select ${eventColumns} from fostering_events where stream_id = $1 and stream_revision between $2 and $3
       order by stream_revision`,
      [write.streamId, verdict.firstRevision, verdict.firstRevision + write.events.length - 1],
    );
    const nextExpectedRevision = state.exists ? state.revision : 'no_stream';
    return {
      write,
      state,
      replay: {
        streamId: write.streamId,
        nextExpectedRevision,
        events: rows.map(recordedEventOf),
        replayed: true,
      },
    };
  }
  const checked = checkExpectedRevision(write.streamId, write.expectedRevision, state);
  if (E.isLeft(checked)) throw new Refusal(checked.left);
  return { write, state };
};

const insert = async (
  tx: SqlExecutor,
  write: StreamWrite,
  state: StreamState,
  recordedAt: Date,
): Promise<AppendResult> => {
  const first = state.exists ? state.revision + 1 : 0;
  const params = write.events.flatMap((event: NewEvent, i) => [
    event.eventId,
    write.streamId,
    first + i,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    event.occurredAt,
    recordedAt,
    event.actor.id,
    event.actor.role,
    event.correlationId,
    event.causationId,
  ]);
  // Only placeholders are generated here; every value travels as a parameter.
  const rows = write.events
    .map((_, i) => {
      const p = (n: number) => `$${i * (COLUMNS - 1) + n}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::jsonb, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)})`;
    })
    .join(', ');
  const last = first + write.events.length - 1;
  const n = params.length;
  // Insert, move the stream's revision and announce the append in one statement; the notification is
  // delivered only on commit, and repeats within a transaction collapse into one.
  const inserted = await tx.query<EventRow>(
    `with inserted as (
       insert into fostering_events (event_id, stream_id, stream_revision, type, schema_version, data, occurred_at,
         recorded_at, actor_id, actor_role, correlation_id, causation_id)
       values ${rows} returning ${eventColumns}
     ), moved as (
       update fostering_streams set revision = $${n + 1} where stream_id = $${n + 2}
     )
     select inserted.*, pg_notify($${n + 3}, '') from inserted`,
    [...params, last, write.streamId, APPENDED_CHANNEL],
  );
  const events = inserted.map(recordedEventOf).sort((a, b) => a.streamRevision - b.streamRevision);
  return { streamId: write.streamId, nextExpectedRevision: last, events, replayed: false };
};

/**
 * One transaction for any number of streams: lock each stream row (in a fixed order, so two transactions can
 * never deadlock on each other), check idempotency and the expected revision against the locked row, then take
 * the position lock and insert. A refusal rolls everything back.
 */
export const appendInTransaction = async (
  tx: SqlExecutor,
  writes: ReadonlyArray<StreamWrite>,
  clock: Clock,
  derive?: OutboxDerivation,
): Promise<ReadonlyArray<AppendResult>> => {
  const ordered = [...writes].sort((a, b) =>
    a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0,
  );
  const plans = new Map<string, Plan>();
  for (const write of ordered) plans.set(write.streamId, await plan(tx, write));
  const writing = [...plans.values()].filter((p) => p.replay === undefined && p.write.events.length > 0);
  if (writing.length > 0) await tx.query('select pg_advisory_xact_lock($1)', [POSITION_LOCK]);
  const recordedAt = clock.now();
  const results = new Map<string, AppendResult>();
  for (const p of plans.values()) {
    if (p.replay !== undefined) results.set(p.write.streamId, p.replay);
    else if (p.write.events.length === 0) {
      results.set(p.write.streamId, {
        streamId: p.write.streamId,
        nextExpectedRevision: p.state.exists ? p.state.revision : 'no_stream',
        events: [],
        replayed: false,
      });
    }
  }
  const recorded: RecordedEvent[] = [];
  for (const p of writing) {
    const result = await insert(tx, p.write, p.state, recordedAt);
    results.set(p.write.streamId, result);
    recorded.push(...result.events);
  }
  if (derive !== undefined && recorded.length > 0) {
    recorded.sort((a, b) => comparePositions(a.globalPosition, b.globalPosition));
    let messages: ReturnType<OutboxDerivation>;
    try {
      messages = derive(recorded);
      messages.forEach(checkOutboxMessage);
    } catch (error) {
      throw new DerivationFailure(error);
    }
    await insertOutboxMessages(tx, messages, recordedAt);
  }
  return writes.map((w) => results.get(w.streamId) as AppendResult);
};
