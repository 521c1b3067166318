import {
  ANY,
  type AppendExpectedRevision,
  type EventData,
  FORWARDS,
  NO_STREAM,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import {
  type AppendError,
  type AppendResult,
  checkExpectedRevision,
  classifyAppend,
  type ExpectedRevision,
  expectedRevisionOf,
  type NewEvent,
  noStream,
  type RecordedEvent,
  type StreamId,
  type StreamRevision,
  type StreamState,
  storeUnavailable,
  streamAt,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { drain } from './client-reads.js';
import { closedFailure, failureOf, type StoreContext } from './context.js';
import { canonicalId, eventDataOf, recordedEventOf } from './event-mapping.js';
import { esdbFailureReason, isStreamDeleted, isStreamNotFound, isWrongExpectedVersion } from './failures.js';
import { type KnownStream, learn, type StreamIndex } from './stream-index.js';

export interface AppendContext extends StoreContext {
  readonly index: StreamIndex;
  /** How many times an append re-reads and retries when another writer moves the stream under it. */
  readonly maxAttempts: number;
}

/** Events of a stream from a revision on, or `absent` when the stream does not exist (or was deleted). */
const readFrom = async (
  context: StoreContext,
  streamId: StreamId,
  fromRevision: StreamRevision,
  maxCount?: number,
): Promise<RecordedEvent[] | 'absent'> => {
  const events: RecordedEvent[] = [];
  try {
    const read = context.client.readStream(streamId, {
      direction: FORWARDS,
      fromRevision: BigInt(fromRevision),
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    for await (const resolved of drain(read))
      if (resolved.event) events.push(recordedEventOf(resolved.event));
    return events;
  } catch (error) {
    if (isStreamNotFound(error) || isStreamDeleted(error)) return 'absent';
    throw error;
  }
};

/** Brings what we know of the stream up to date by reading only what was added since we last looked. */
const catchUp = async (context: AppendContext, streamId: StreamId): Promise<KnownStream> => {
  const known = context.index.get(streamId);
  const tail = await readFrom(context, streamId, known.lastRevision + 1);
  if (tail !== 'absent') {
    learn(known, tail);
    return known;
  }
  if (known.lastRevision < 0) return known;
  // The stream we knew has gone (deleted): start again from what the server holds now.
  context.index.forget(streamId);
  return catchUp(context, streamId);
};

const stateOf = (known: KnownStream): StreamState =>
  known.lastRevision < 0 ? noStream : streamAt(known.lastRevision);

/** The stored events at `first` onwards, if they are exactly the append's events; otherwise undefined. */
const readBack = async (
  context: StoreContext,
  streamId: StreamId,
  first: StreamRevision,
  events: ReadonlyArray<NewEvent>,
): Promise<RecordedEvent[] | undefined> => {
  const stored = await readFrom(context, streamId, first, events.length);
  if (stored === 'absent' || stored.length !== events.length) return undefined;
  const same = stored.every(
    (event, i) =>
      event.streamRevision === first + i && event.eventId === canonicalId(events[i]?.eventId ?? ''),
  );
  return same ? stored : undefined;
};

const result = (
  streamId: StreamId,
  state: StreamState,
  events: ReadonlyArray<RecordedEvent>,
  replayed: boolean,
): AppendResult => ({ streamId, nextExpectedRevision: expectedRevisionOf(state), events, replayed });

/** The caller's expected revision as EventStoreDB's: the server enforces the same mode atomically. */
export const nativeExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'any'
    ? ANY
    : expected === 'no_stream'
      ? NO_STREAM
      : expected === 'stream_exists'
        ? STREAM_EXISTS
        : BigInt(expected);

/** Writes the events; the revision of the last one, or `refused` when the server's revision check failed. */
const write = async (
  context: StoreContext,
  streamId: StreamId,
  data: ReadonlyArray<EventData>,
  expected: ExpectedRevision,
): Promise<StreamRevision | 'refused'> => {
  try {
    const written = await context.client.appendToStream(streamId, [...data], {
      expectedRevision: nativeExpectedRevision(expected),
    });
    return written.success ? Number(written.nextExpectedRevision) : 'refused';
  } catch (error) {
    if (isWrongExpectedVersion(error)) return 'refused';
    throw error;
  }
};

/**
 * Appends with the port's semantics. EventStoreDB checks the expected revision itself, atomically with the
 * write, and the caller's mode is passed to it as is; but its deduplication by event id is only best-effort
 * and tied to the expected revision, where the port requires a retried append to be recognised in every mode
 * and a partial overlap to be refused. So each attempt first reads the events added since this process last
 * looked, judges idempotency (and the expected revision, to report the actual one) against them, and only then
 * writes. When the server refuses, the attempt starts again from a fresh read: the stream moved, and it is
 * then either a replay (our own earlier attempt got in) or a genuine WrongExpectedRevision.
 */
export const appendEvents = async (
  context: AppendContext,
  streamId: StreamId,
  events: ReadonlyArray<NewEvent>,
  expectedRevision: ExpectedRevision,
): Promise<E.Either<AppendError, AppendResult>> => {
  if (context.isClosed()) return E.left(closedFailure(context.name));
  const data = events.map(eventDataOf);
  try {
    for (let attempt = 1; attempt <= context.maxAttempts; attempt++) {
      // A dropped connection mid-attempt is retried: every attempt starts from a fresh read and recognises its
      // own earlier write by event id, so trying again can never write twice.
      const outcome = await attemptAppend(context, streamId, events, data, expectedRevision).catch(
        (error: unknown) => {
          if (attempt < context.maxAttempts && esdbFailureReason(error) === 'connection')
            return 'again' as const;
          throw error;
        },
      );
      if (outcome !== 'again') return outcome;
    }
    return E.left(
      storeUnavailable(
        context.name,
        `stream '${streamId}': other writers moved the stream ${context.maxAttempts} times during the append`,
        { reason: 'contention' },
      ),
    );
  } catch (error) {
    return E.left(failureOf(context, error));
  }
};

/** One attempt: 'again' when the stream moved under it (or the server refused the write) and it must start over. */
const attemptAppend = async (
  context: AppendContext,
  streamId: StreamId,
  events: ReadonlyArray<NewEvent>,
  data: ReturnType<typeof eventDataOf>[],
  expectedRevision: ExpectedRevision,
): Promise<E.Either<AppendError, AppendResult> | 'again'> => {
  const known = await catchUp(context, streamId);
  const state = stateOf(known);
  const verdict = classifyAppend(streamId, events, (id) => known.revisionById.get(canonicalId(id)));
  if (verdict.kind === 'conflict') return E.left(verdict.conflict);
  if (verdict.kind === 'replay') {
    const originals = await readBack(context, streamId, verdict.firstRevision, events);
    if (originals !== undefined) return E.right(result(streamId, state, originals, true));
    context.index.forget(streamId); // what we knew is stale (a truncated stream): learn it afresh
    return 'again';
  }
  const checked = checkExpectedRevision(streamId, expectedRevision, state);
  if (E.isLeft(checked)) return checked;
  if (events.length === 0) return E.right(result(streamId, state, [], false));
  const last = await write(context, streamId, data, expectedRevision);
  if (last === 'refused') return 'again';
  const first = last - events.length + 1;
  const stored = await readBack(context, streamId, first, events);
  if (stored === undefined) {
    return E.left(
      storeUnavailable(context.name, `stream '${streamId}': the appended events did not read back`),
    );
  }
  // Only what follows on from what is known: with `any`, others may have written in between.
  if (first === known.lastRevision + 1) learn(known, stored);
  return E.right(result(streamId, streamAt(last), stored, false));
};
