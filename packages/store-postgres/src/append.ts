import {
  type AppendError,
  type AppendResult,
  type Clock,
  checkExpectedRevision,
  checkOutboxMessage,
  classifyAppend,
  comparePositions,
  noStream,
  type OutboxDerivation,
  type OutboxMessage,
  type RecordedEvent,
  type StreamState,
  type StreamWrite,
  streamAt,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { insertOutboxMessages } from './outbox.js';
import {
  type EventRow,
  eventColumns,
  type InsertedRow,
  insertedColumns,
  insertRows,
  recordedEventOf,
  recordedFromWrites,
} from './rows.js';
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

/** One caller's append: one or more streams, all written or none. */
export type Append = ReadonlyArray<StreamWrite>;

export type AppendOutcome = E.Either<AppendError, ReadonlyArray<AppendResult>>;

const byStreamId = (a: StreamWrite, b: StreamWrite) =>
  a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;

/**
 * Makes sure every stream has a row, so even a new stream has one to lock and "no_stream" holds until commit;
 * returns the streams whose rows this transaction created. Rows are inserted in stream-id order, so two
 * transactions creating the same streams wait for each other instead of deadlocking.
 */
const ensureStreams = async (tx: SqlExecutor, streamIds: ReadonlyArray<string>) => {
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
const lockStreams = async (tx: SqlExecutor, streamIds: ReadonlyArray<string>) => {
  const rows = await tx.query<{ stream_id: string; revision: string }>(
    `select stream_id, revision::text as revision from fostering_streams where stream_id = any($1::text[])
     order by stream_id for update`,
    [streamIds],
    { name: 'fostering_append_lock' },
  );
  return new Map<string, StreamState>(
    rows.map((row) => {
      const revision = Number(row.revision);
      return [row.stream_id, revision < 0 ? noStream : streamAt(revision)];
    }),
  );
};

/**
 * Takes the position lock (held until commit; every stream lock is already held, so the order of locks is the
 * same in every transaction) and, in the same round trip, finds which of the batch's event ids the streams
 * already hold. The lookup runs after the stream locks, so it sees everything committed before them.
 */
const lockPositionsAndFindKnown = async (tx: SqlExecutor, writes: ReadonlyArray<StreamWrite>) => {
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

const eventIdPairs = (writes: ReadonlyArray<StreamWrite>) =>
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
const lockExisting = async (
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
    streams.map((row) => [row.stream_id, row.revision < 0 ? noStream : streamAt(Number(row.revision))]),
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

type Plan =
  | { readonly kind: 'write'; readonly write: StreamWrite; readonly first: number }
  | {
      readonly kind: 'replay';
      readonly write: StreamWrite;
      readonly firstRevision: number;
      readonly state: StreamState;
    }
  | { readonly kind: 'empty'; readonly write: StreamWrite; readonly state: StreamState };

/** Checks one append against the locked revisions and the known event ids: its plans, or why it is refused. */
const planAppend = (
  append: Append,
  states: ReadonlyMap<string, StreamState>,
  known: ReadonlyMap<string, ReadonlyMap<string, number>>,
): E.Either<AppendError, ReadonlyArray<Plan>> => {
  const plans: Plan[] = [];
  for (const write of append) {
    const state = states.get(write.streamId) ?? noStream;
    const ids = known.get(write.streamId);
    const verdict = classifyAppend(write.streamId, write.events, (id) => ids?.get(id));
    if (verdict.kind === 'conflict') return E.left(verdict.conflict);
    if (verdict.kind === 'replay') {
      plans.push({ kind: 'replay', write, firstRevision: verdict.firstRevision, state });
      continue;
    }
    const checked = checkExpectedRevision(write.streamId, write.expectedRevision, state);
    if (E.isLeft(checked)) return checked;
    if (write.events.length === 0) plans.push({ kind: 'empty', write, state });
    else plans.push({ kind: 'write', write, first: state.exists ? state.revision + 1 : 0 });
  }
  return E.right(plans);
};

const nextExpected = (state: StreamState) => (state.exists ? state.revision : ('no_stream' as const));

const replayed = async (tx: SqlExecutor, plan: Extract<Plan, { kind: 'replay' }>): Promise<AppendResult> => {
  const rows = await tx.query<EventRow>(
    `select ${eventColumns} from fostering_events where stream_id = $1 and stream_revision between $2 and $3
     order by stream_revision`,
    [plan.write.streamId, plan.firstRevision, plan.firstRevision + plan.write.events.length - 1],
  );
  return {
    streamId: plan.write.streamId,
    nextExpectedRevision: nextExpected(plan.state),
    events: rows.map(recordedEventOf),
    replayed: true,
  };
};

/**
 * Inserts every planned event in one statement, in the order given (so positions follow it), moves each
 * stream's revision and announces the append. The rows travel as one JSON parameter unpacked by the server:
 * no value is ever part of the statement text, and the statement is the same whatever the batch's size.
 */
const insertAll = async (
  tx: SqlExecutor,
  plans: ReadonlyArray<Extract<Plan, { kind: 'write' }>>,
  recordedAt: Date,
): Promise<Map<string, RecordedEvent[]>> => {
  const rows = insertRows(plans);
  const moves = plans.map(({ write, first }) => ({
    stream_id: write.streamId,
    revision: first + write.events.length - 1,
  }));
  // The notification is delivered only on commit, and repeats within a transaction collapse into one.
  const inserted = await tx.query<InsertedRow>(
    `with inserted as (
       insert into fostering_events (event_id, stream_id, stream_revision, type, schema_version, data, occurred_at,
         recorded_at, actor_id, actor_role, correlation_id, causation_id)
       select r.event_id, r.stream_id, r.stream_revision, r.type, r.schema_version, r.data, r.occurred_at, $2,
         r.actor_id, r.actor_role, r.correlation_id, r.causation_id
       from jsonb_to_recordset($1::jsonb)
         as r(n integer, event_id text, stream_id text, stream_revision bigint, type text, schema_version integer, data jsonb,
              occurred_at timestamptz, actor_id text, actor_role text, correlation_id text, causation_id text)
       order by r.n
       returning ${insertedColumns}
     ), moved as (
       update fostering_streams s set revision = m.revision
       from jsonb_to_recordset($3::jsonb) as m(stream_id text, revision bigint) where s.stream_id = m.stream_id
     )
     select inserted.*, pg_notify($4, '') from inserted`,
    [JSON.stringify(rows), recordedAt, JSON.stringify(moves), APPENDED_CHANNEL],
    { name: 'fostering_append_insert' },
  );
  return recordedFromWrites(
    plans.map((p) => p.write),
    inserted,
    recordedAt,
  );
};

const deriveMessages = (derive: OutboxDerivation, results: ReadonlyArray<AppendResult>) => {
  const recorded = results
    .filter((r) => !r.replayed)
    .flatMap((r) => r.events)
    .sort((a, b) => comparePositions(a.globalPosition, b.globalPosition));
  if (recorded.length === 0) return [];
  try {
    const messages = derive(recorded);
    messages.forEach(checkOutboxMessage);
    return messages;
  } catch (error) {
    throw new DerivationFailure(error);
  }
};

/**
 * Several callers' appends in one transaction (group commit), none of which touch the same stream: lock every
 * stream (in a fixed order), take the position lock, check each append's idempotency and expected revisions
 * against the locked rows, and insert the accepted appends' events in one statement. A refused append writes
 * nothing and does not stop the others. The transaction is rolled back (by throwing) only when it must be: a
 * refused append that created a stream's row throws `Refusal`, since that row must not outlive the refusal, and a
 * throwing outbox derivation throws `DerivationFailure`; the caller then runs the appends one at a time.
 */
export const appendBatch = async (
  tx: SqlExecutor,
  appends: ReadonlyArray<Append>,
  clock: Clock,
  derive: OutboxDerivation | undefined,
  path: 'fast' | 'careful',
): Promise<ReadonlyArray<AppendOutcome>> => {
  const ordered = appends.map((append) => [...append].sort(byStreamId));
  const writes = ordered.flat();
  const streamIds = writes.map((w) => w.streamId).sort();
  let created: ReadonlySet<string> = new Set();
  let locked: {
    states: ReadonlyMap<string, StreamState>;
    known: ReadonlyMap<string, ReadonlyMap<string, number>>;
  };
  if (path === 'fast') locked = await lockExisting(tx, streamIds, writes);
  else {
    created = await ensureStreams(tx, streamIds);
    const states = await lockStreams(tx, streamIds);
    locked = { states, known: await lockPositionsAndFindKnown(tx, writes) };
  }
  const { states, known } = locked;
  const planned = ordered.map((append) => planAppend(append, states, known));
  planned.forEach((plan, i) => {
    if (E.isLeft(plan) && (ordered[i] ?? []).some((w) => created.has(w.streamId)))
      throw new Refusal(plan.left);
  });
  const recordedAt = clock.now();
  const writing = planned.flatMap((plan) =>
    E.isRight(plan)
      ? plan.right.filter((p): p is Extract<Plan, { kind: 'write' }> => p.kind === 'write')
      : [],
  );
  const inserted = writing.length > 0 ? await insertAll(tx, writing, recordedAt) : new Map();
  const outcomes: AppendOutcome[] = [];
  const messages: OutboxMessage[] = [];
  for (const [i, plan] of planned.entries()) {
    if (E.isLeft(plan)) {
      outcomes.push(plan);
      continue;
    }
    const byStream = new Map<string, AppendResult>();
    for (const p of plan.right) {
      if (p.kind === 'replay') byStream.set(p.write.streamId, await replayed(tx, p));
      else if (p.kind === 'empty') {
        byStream.set(p.write.streamId, {
          streamId: p.write.streamId,
          nextExpectedRevision: nextExpected(p.state),
          events: [],
          replayed: false,
        });
      } else {
        byStream.set(p.write.streamId, {
          streamId: p.write.streamId,
          nextExpectedRevision: p.first + p.write.events.length - 1,
          events: inserted.get(p.write.streamId) ?? [],
          replayed: false,
        });
      }
    }
    const results = (appends[i] ?? []).map((w) => byStream.get(w.streamId) as AppendResult);
    if (derive !== undefined) messages.push(...deriveMessages(derive, results));
    outcomes.push(E.right(results));
  }
  await insertOutboxMessages(tx, messages, recordedAt);
  return outcomes;
};
