import type { JsonValue } from './json.js';
import type { GlobalPosition } from './position.js';

/** Stream names follow `<category>-<id>`, for example `household-7f3a...`; the category drives filters. */
export type StreamId = string;

/** Zero-based index of an event within its stream; contiguous, never reused. */
export type StreamRevision = number;

/** Who recorded a fact: record entries must be attributed to their author (rule `records`, NMS 26). */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** A domain event as a decider produces it and a projection consumes it: its type and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** What a caller hands to the store. The store assigns revision, position and recorded-at. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonValue;
  /** When it happened in the world; may be long before it was recorded. */
  readonly occurredAt: Date;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
}

/** An event as stored: serialised data, before decoding and upcasting. */
export interface RecordedEvent extends NewEvent {
  readonly streamId: StreamId;
  readonly streamRevision: StreamRevision;
  readonly globalPosition: GlobalPosition;
  /** When the store appended it, from the store's clock. */
  readonly recordedAt: Date;
}

/**
 * The full envelope of a decoded event: a recorded event whose data has been decoded and upcast to the current
 * schema version of its type. Distributes over a union of events so that checking `type` narrows `data`.
 */
export type EventEnvelope<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? Omit<RecordedEvent, 'type' | 'data'> & { readonly type: E['type']; readonly data: E['data'] }
  : never;

/** The category of a stream id: the part before the first dash. */
export const streamCategory = (streamId: StreamId): string => {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
};
