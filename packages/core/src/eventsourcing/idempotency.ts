import type { NewEvent, StreamId, StreamRevision } from './envelope.js';
import type { EventIdConflict } from './errors.js';

/**
 * How an append relates to what the stream already holds, judged by event id alone (the id is the event's
 * identity; data is not compared):
 * - `new`: none of the ids is in the stream;
 * - `replay`: every id is in the stream, at contiguous revisions, in the same order: an earlier append being
 *   retried (for example after a lost acknowledgement). It succeeds without writing, whatever the expected
 *   revision says now;
 * - a conflict otherwise: some ids are in the stream and some are not, or in another order, or an id repeats
 *   within the append.
 */
export type AppendClassification =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly firstRevision: StreamRevision }
  | { readonly kind: 'conflict'; readonly conflict: EventIdConflict };

export const classifyAppend = (
  streamId: StreamId,
  events: ReadonlyArray<Pick<NewEvent, 'eventId'>>,
  revisionOf: (eventId: string) => StreamRevision | undefined,
): AppendClassification => {
  const ids = events.map((event) => event.eventId);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) {
    return conflict(streamId, repeated, `the append repeats event ids ${repeated.join(', ')}`);
  }
  const revisions = ids.map(revisionOf);
  const present = ids.filter((_, index) => revisions[index] !== undefined);
  if (present.length === 0) return { kind: 'new' };
  const first = revisions[0];
  const exactReplay =
    present.length === ids.length &&
    first !== undefined &&
    revisions.every((revision, index) => revision === first + index);
  if (exactReplay) return { kind: 'replay', firstRevision: first };
  return conflict(
    streamId,
    present,
    `event ids ${present.join(', ')} are already in the stream, but the append is not an exact replay of an earlier one`,
  );
};

const conflict = (
  streamId: StreamId,
  eventIds: ReadonlyArray<string>,
  detail: string,
): AppendClassification => ({
  kind: 'conflict',
  conflict: { _tag: 'EventIdConflict', streamId, eventIds, message: `stream '${streamId}': ${detail}` },
});
