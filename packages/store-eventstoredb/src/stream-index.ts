import type { StreamId, StreamRevision } from '@fostering/core';

/** What this process has learned about a stream: the ids at each revision, up to `lastRevision`. */
export interface KnownStream {
  /** The revision of the last event recorded here; -1 when none is. Every earlier readable one is recorded. */
  lastRevision: StreamRevision;
  readonly revisionById: Map<string, StreamRevision>;
}

/**
 * Event ids of recently appended-to streams, so that the idempotency check before an append reads only the
 * events added since this process last looked (usually none) instead of the whole stream. What it holds is
 * only ever facts that stay true (an event id at a revision), so it is safe with other writers; when a stream
 * turns out to have been deleted its entry is dropped. Bounded: least recently used streams are forgotten.
 */
export class StreamIndex {
  private readonly streams = new Map<StreamId, KnownStream>();

  constructor(private readonly capacity: number) {}

  get(streamId: StreamId): KnownStream {
    const known = this.streams.get(streamId) ?? { lastRevision: -1, revisionById: new Map() };
    this.streams.delete(streamId);
    if (this.capacity > 0) {
      this.streams.set(streamId, known);
      if (this.streams.size > this.capacity) {
        const oldest = this.streams.keys().next().value;
        if (oldest !== undefined) this.streams.delete(oldest);
      }
    }
    return known;
  }

  forget(streamId: StreamId): void {
    this.streams.delete(streamId);
  }

  get size(): number {
    return this.streams.size;
  }
}

/**
 * Records events read forwards from `lastRevision + 1` (or appended right after it). A stream whose start was
 * truncated reads from its first remaining revision, so the last revision is simply the highest one seen.
 */
export const learn = (
  known: KnownStream,
  events: Iterable<{ readonly eventId: string; readonly streamRevision: StreamRevision }>,
): void => {
  for (const event of events) {
    known.revisionById.set(event.eventId, event.streamRevision);
    known.lastRevision = Math.max(known.lastRevision, event.streamRevision);
  }
};
