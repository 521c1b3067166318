import type { RecordedEvent } from './envelope.js';

/**
 * Narrows a read of all events. Both parts are optional; when both are given an event must match both.
 * Stream prefixes match the start of the stream id (`household-` selects every household stream).
 */
export interface EventFilter {
  readonly streamPrefixes?: ReadonlyArray<string>;
  readonly eventTypes?: ReadonlyArray<string>;
}

export const matchesFilter =
  (filter: EventFilter | undefined) =>
  (event: Pick<RecordedEvent, 'streamId' | 'type'>): boolean =>
    filter === undefined ||
    ((filter.streamPrefixes === undefined ||
      filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) &&
      (filter.eventTypes === undefined || filter.eventTypes.includes(event.type)));
