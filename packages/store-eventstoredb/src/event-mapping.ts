import {
  type RecordedEvent as EsdbRecordedEvent,
  type EventData,
  type JSONType,
  jsonEvent,
  type Position,
} from '@eventstore/db-client';
import {
  decodePosition,
  encodePosition,
  type GlobalPosition,
  type JsonValue,
  type NewEvent,
  type RecordedEvent,
} from '@fostering/core';

/**
 * The envelope fields EventStoreDB has no place for travel in the event's JSON metadata. Correlation and
 * causation use EventStoreDB's own `$correlationId`/`$causationId` keys, so its system projections
 * (`$by_correlation_id`) and tools understand them.
 */
export interface LedgerMetadata {
  readonly schemaVersion: number;
  /** ISO 8601 with milliseconds: when it happened in the world. */
  readonly occurredAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly $correlationId: string;
  readonly $causationId: string;
}

export const metadataOf = (event: NewEvent): LedgerMetadata => ({
  schemaVersion: event.schemaVersion,
  occurredAt: event.occurredAt.toISOString(),
  actor: { id: event.actor.id, role: event.actor.role },
  $correlationId: event.correlationId,
  $causationId: event.causationId,
});

/** A port event as EventStoreDB event data: JSON content, the port's event id as EventStoreDB's. */
export const eventDataOf = (event: NewEvent): EventData =>
  jsonEvent({
    id: event.eventId,
    type: event.type,
    // The client types data as an object, array or string; any JSON value serialises the same way.
    data: event.data as JSONType,
    metadata: metadataOf(event),
  });

/** EventStoreDB keeps UUIDs, not strings: ids come back in canonical lower case, so compare them that way. */
export const canonicalId = (eventId: string): string => eventId.toLowerCase();

export const positionOf = (position: Position): GlobalPosition =>
  encodePosition(position.commit, position.prepare);

export const nativePosition = (position: GlobalPosition): Position => {
  const parts = decodePosition(position);
  const [commit, prepare] = parts;
  if (parts.length !== 2 || commit === undefined || prepare === undefined) {
    throw new TypeError(`'${position}' is not an EventStoreDB position (commit:prepare)`);
  }
  return { commit, prepare };
};

/** Events EventStoreDB writes for itself (metadata, statistics, links, projections), never the ledger's. */
export const isSystemEvent = (event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean =>
  event.streamId.startsWith('$') || event.type.startsWith('$');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a stored event is not a ledger event, or undefined when its metadata is complete. */
const metadataProblem = (metadata: unknown): string | undefined => {
  if (!isRecord(metadata)) return 'it has no JSON metadata';
  const actor = metadata.actor;
  if (!Number.isInteger(metadata.schemaVersion)) return 'metadata.schemaVersion is not an integer';
  if (typeof metadata.occurredAt !== 'string' || Number.isNaN(Date.parse(metadata.occurredAt)))
    return 'metadata.occurredAt is not a date';
  if (!isRecord(actor) || typeof actor.id !== 'string' || typeof actor.role !== 'string')
    return 'metadata.actor is not an { id, role }';
  if (typeof metadata.$correlationId !== 'string') return 'metadata.$correlationId is missing';
  if (typeof metadata.$causationId !== 'string') return 'metadata.$causationId is missing';
  return undefined;
};

export class UnreadableEvent extends Error {
  override readonly name = 'UnreadableEvent';
}

/**
 * An EventStoreDB event as a port event. An event this adapter did not write (no ledger metadata, binary
 * content, no position) cannot be read as one; it is reported, never skipped, like any undecodable event.
 */
export const recordedEventOf = (event: EsdbRecordedEvent): RecordedEvent => {
  const where = `event ${event.id} at revision ${event.revision} of stream '${event.streamId}'`;
  const problem = !event.isJson
    ? 'it is not JSON'
    : event.position === undefined
      ? 'it has no position'
      : metadataProblem(event.metadata);
  if (problem !== undefined || event.position === undefined) {
    throw new UnreadableEvent(`${where} is not a ledger event: ${problem ?? 'it has no position'}`);
  }
  if (event.revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new UnreadableEvent(`${where}: the revision is beyond what a number holds exactly`);
  }
  const metadata = event.metadata as unknown as LedgerMetadata;
  return {
    eventId: event.id,
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    globalPosition: positionOf(event.position),
    type: event.type,
    schemaVersion: metadata.schemaVersion,
    data: event.data as JsonValue,
    occurredAt: new Date(metadata.occurredAt),
    recordedAt: event.created,
    actor: { id: metadata.actor.id, role: metadata.actor.role },
    correlationId: metadata.$correlationId,
    causationId: metadata.$causationId,
  };
};
