import {
  checkExpectedRevision,
  type EventStore,
  type ExpectedRevision,
  guardStore,
  type RecordedEvent,
  type StreamId,
  type StreamRevision,
  type StreamWrite,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { HttpProblem, problemOf } from './problems.js';

/**
 * The client's optimistic concurrency (`If-Match`). The handler and the placement process append with the
 * revision *they* read, and retry when they lose a race; a client that read the stream earlier wants the append
 * to fail instead if the stream moved since. So: check first (a stale client is told at once, before any
 * decision), then give the writer a view of the store whose appends to that stream expect the client's
 * revision, which the store checks atomically with the insert.
 */
export const checkClientRevision = async (
  store: EventStore,
  streamId: StreamId,
  expected: ExpectedRevision,
): Promise<void> => {
  const state = await guardStore(() => store.streamState(streamId));
  if (E.isLeft(state)) throw new HttpProblem(problemOf(state.left));
  const checked = checkExpectedRevision(streamId, expected, state.right);
  if (E.isLeft(checked)) throw new HttpProblem(problemOf(checked.left));
};

/** The store, except that every append touching `streamId` expects `expected` there. */
export const expectingRevision = (
  store: EventStore,
  streamId: StreamId,
  expected: ExpectedRevision,
): EventStore => {
  const appendToStreams = store.appendToStreams;
  const pinned = (write: StreamWrite): StreamWrite =>
    write.streamId === streamId ? { ...write, expectedRevision: expected } : write;
  return {
    ...store,
    append: (id, events, options) =>
      store.append(id, events, { expectedRevision: id === streamId ? expected : options.expectedRevision }),
    ...(appendToStreams === undefined
      ? {}
      : {
          appendToStreams: (writes: ReadonlyArray<StreamWrite>) => appendToStreams(writes.map(pinned)),
        }),
  };
};

/** What a write answers: the events as stored, in order, and the revision to send as `If-Match` next time. */
export interface WriteResponse {
  readonly streamId: StreamId;
  readonly events: ReadonlyArray<{
    readonly type: string;
    readonly streamId: StreamId;
    readonly streamRevision: StreamRevision;
    readonly globalPosition: string;
    readonly eventId: string;
  }>;
  readonly nextExpectedRevision: StreamRevision | 'no_stream';
  readonly correlationId: string;
}

export const writeResponse = (
  streamId: StreamId,
  events: ReadonlyArray<
    Pick<RecordedEvent, 'type' | 'streamId' | 'streamRevision' | 'globalPosition' | 'eventId'>
  >,
  nextExpectedRevision: StreamRevision | 'no_stream',
  correlationId: string,
): WriteResponse => ({
  streamId,
  events: events.map((e) => ({
    type: e.type,
    streamId: e.streamId,
    streamRevision: e.streamRevision,
    globalPosition: e.globalPosition,
    eventId: e.eventId,
  })),
  nextExpectedRevision,
  correlationId,
});

/** The revision of `streamId` after a multi-stream append: its last event's, or what it was before. */
export const lastRevisionOn = (
  streamId: StreamId,
  events: ReadonlyArray<RecordedEvent>,
): StreamRevision | undefined => events.filter((e) => e.streamId === streamId).at(-1)?.streamRevision;
