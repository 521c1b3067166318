import { encodePosition, type JsonValue, type RecordedEvent } from '@fostering/core';

/** Columns every event read selects, with numbers as text so that both drivers hand back the same shapes. */
export const eventColumns = `global_position::text as position, event_id, stream_id, stream_revision::text as revision,
  type, schema_version, data, occurred_at, recorded_at, actor_id, actor_role, correlation_id, causation_id`;

export interface EventRow {
  readonly position: string;
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: JsonValue;
  readonly occurred_at: Date | string;
  readonly recorded_at: Date | string;
  readonly actor_id: string;
  readonly actor_role: string;
  readonly correlation_id: string;
  readonly causation_id: string;
}

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export const recordedEventOf = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  streamId: row.stream_id,
  streamRevision: Number(row.revision),
  globalPosition: encodePosition(BigInt(row.position)),
  type: row.type,
  schemaVersion: Number(row.schema_version),
  data: row.data,
  occurredAt: asDate(row.occurred_at),
  recordedAt: asDate(row.recorded_at),
  actor: { id: row.actor_id, role: row.actor_role },
  correlationId: row.correlation_id,
  causationId: row.causation_id,
});
