import * as E from 'fp-ts/lib/Either.js';
import type { StreamId, StreamRevision } from './envelope.js';
import type { WrongExpectedRevision } from './errors.js';

/**
 * What the writer believes about the stream before appending:
 * - `any`: no check;
 * - `no_stream`: the stream has no events yet;
 * - `stream_exists`: the stream has at least one event;
 * - a number: the revision of the stream's last event is exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | StreamRevision;

/** A stream's current state: absent, or present with the revision of its last event. */
export type StreamState =
  | { readonly exists: false }
  | { readonly exists: true; readonly revision: StreamRevision };

export const noStream: StreamState = { exists: false };

export const streamAt = (revision: StreamRevision): StreamState => ({ exists: true, revision });

/** The revision to expect next time, given the state now; what an optimistic writer passes to `append`. */
export const expectedRevisionOf = (state: StreamState): StreamRevision | 'no_stream' =>
  state.exists ? state.revision : 'no_stream';

const describeExpected = (expected: ExpectedRevision): string =>
  typeof expected === 'number' ? `revision ${expected}` : expected;

/** The check every adapter applies (or mirrors in its database) before writing. */
export const checkExpectedRevision = (
  streamId: StreamId,
  expected: ExpectedRevision,
  state: StreamState,
): E.Either<WrongExpectedRevision, StreamState> => {
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && !state.exists) ||
    (expected === 'stream_exists' && state.exists) ||
    (typeof expected === 'number' && state.exists && state.revision === expected);
  return holds
    ? E.right(state)
    : E.left(wrongExpectedRevision(streamId, expected, expectedRevisionOf(state)));
};

export const wrongExpectedRevision = (
  streamId: StreamId,
  expected: ExpectedRevision,
  actual: StreamRevision | 'no_stream',
): WrongExpectedRevision => ({
  _tag: 'WrongExpectedRevision',
  streamId,
  expected,
  actual,
  message: `stream '${streamId}': expected ${describeExpected(expected)}, but it is ${
    actual === 'no_stream' ? 'absent' : `at revision ${actual}`
  }`,
});
