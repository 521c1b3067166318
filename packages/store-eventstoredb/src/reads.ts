import {
  type AllStreamRecordedEvent,
  BACKWARDS,
  END,
  FORWARDS,
  type Position,
  type ReadPosition,
  type ReadRevision,
  START,
} from '@eventstore/db-client';
import {
  type GlobalPosition,
  noStream,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  StoreFailure,
  type StreamId,
  type StreamState,
  streamAt,
} from '@fostering/core';
import { drain, onlyOf } from './client-reads.js';
import { closedFailure, type StoreContext, storeFailureOf } from './context.js';
import { isSystemEvent, nativePosition, positionOf, recordedEventOf } from './event-mapping.js';
import { isStreamDeleted, isStreamNotFound } from './failures.js';

/** An absent stream, and a deleted one, read as empty: the port has no other notion of either. */
const isAbsent = (error: unknown): boolean => isStreamNotFound(error) || isStreamDeleted(error);

const guardClosed = (context: StoreContext): void => {
  if (context.isClosed()) throw new StoreFailure(closedFailure(context.name));
};

export const streamState = async (context: StoreContext, streamId: StreamId): Promise<StreamState> => {
  guardClosed(context);
  try {
    const last = await onlyOf(
      context.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    return last?.event === undefined ? noStream : streamAt(Number(last.event.revision));
  } catch (error) {
    if (isAbsent(error)) return noStream;
    throw storeFailureOf(context, error);
  }
};

export async function* readStream(
  context: StoreContext,
  streamId: StreamId,
  options: ReadStreamOptions = {},
): AsyncGenerator<RecordedEvent> {
  guardClosed(context);
  const backwards = options.direction === 'backwards';
  if (options.maxCount !== undefined && options.maxCount <= 0) return;
  let from = options.fromRevision ?? (backwards ? 'end' : 'start');
  // EventStoreDB reads forwards from END as nothing; the port reads the last event.
  if (from === 'end' && !backwards) {
    const state = await streamState(context, streamId);
    if (!state.exists) return;
    from = state.revision;
  }
  const fromRevision: ReadRevision = from === 'start' ? START : from === 'end' ? END : BigInt(from);
  const read = context.client.readStream(streamId, {
    direction: backwards ? BACKWARDS : FORWARDS,
    fromRevision,
    ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
  });
  try {
    for await (const resolved of drain(read)) {
      if (resolved.event !== undefined) yield recordedEventOf(resolved.event);
    }
  } catch (error) {
    if (isAbsent(error)) return;
    throw storeFailureOf(context, error);
  }
}

const isBeyond = (position: GlobalPosition, bound: GlobalPosition | undefined, forwards: boolean) =>
  bound === undefined || (forwards ? position > bound : position < bound);

/** A stored event as the server gave it, with the position every event read from `$all` has. */
export type ScannedEvent = AllStreamRecordedEvent & { readonly position: Position };

/**
 * Every non-system event strictly after (forwards) or before (backwards) `bound`, in global order, page by page,
 * as the server gave them: callers filter first and convert only what they keep, so a filtered read is not
 * stopped by an event outside its filter that the ledger did not write. Bounds are checked on our side too,
 * so the read is exclusive whichever way the server treats the starting position.
 */
export async function* scanAll(
  context: StoreContext,
  direction: 'forwards' | 'backwards',
  bound: GlobalPosition | undefined,
): AsyncGenerator<ScannedEvent> {
  guardClosed(context);
  const forwards = direction === 'forwards';
  let boundary = bound;
  let from: ReadPosition = bound === undefined ? (forwards ? START : END) : nativePosition(bound);
  try {
    for (;;) {
      let count = 0;
      let last: Position | undefined;
      const read = context.client.readAll({
        direction: forwards ? FORWARDS : BACKWARDS,
        fromPosition: from,
        maxCount: context.pageSize,
      });
      for await (const resolved of drain(read)) {
        count++;
        const event = resolved.event;
        if (event?.position === undefined) continue;
        last = event.position;
        if (!isBeyond(positionOf(event.position), boundary, forwards) || isSystemEvent(event)) continue;
        yield event as ScannedEvent;
      }
      if (count < context.pageSize || last === undefined) return;
      from = last;
      boundary = positionOf(last);
    }
  } catch (error) {
    throw storeFailureOf(context, error);
  }
}

/** A scanned event as a port event, or the `StoreFailure` that says why it cannot be one. */
export const asLedgerEvent = (context: StoreContext, event: ScannedEvent): RecordedEvent => {
  try {
    return recordedEventOf(event);
  } catch (error) {
    throw storeFailureOf(context, error);
  }
};

export async function* readAll(
  context: StoreContext,
  options: ReadAllOptions = {},
  matches: (event: Pick<RecordedEvent, 'streamId' | 'type'>) => boolean,
): AsyncGenerator<RecordedEvent> {
  const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (limit <= 0) return;
  const scan =
    options.direction === 'backwards'
      ? scanAll(context, 'backwards', options.before)
      : scanAll(context, 'forwards', options.after);
  let count = 0;
  for await (const event of scan) {
    if (!matches(event)) continue;
    yield asLedgerEvent(context, event);
    if (++count >= limit) return;
  }
}
