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
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { ensureStreams, lockExisting, lockPositionsAndFindKnown, lockStreams } from './append-locks.js';
import { insertOutboxMessages } from './outbox.js';
import { APPENDED_CHANNEL } from './positions.js';
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

/** One caller's append: one or more streams, all written or none. */
export type Append = ReadonlyArray<StreamWrite>;

export type AppendOutcome = E.Either<AppendError, ReadonlyArray<AppendResult>>;

const byStreamId = (a: StreamWrite, b: StreamWrite) =>
  a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;

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
