import { encodePosition, type JsonValue, type RecordedEvent, type StreamWrite } from '@fostering/core';

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

/** What an append's insert hands back: with the events written, enough to make each recorded event. */
export interface InsertedRow {
  readonly position: string;
  readonly stream_id: string;
  readonly revision: string;
}

export const insertedColumns =
  'global_position::text as position, stream_id, stream_revision::text as revision';

/**
 * The recorded events of the writes just inserted, without reading them back: each write's events paired in
 * order with its stream's inserted rows. The data goes through a JSON round trip, as it does on its way into
 * the database, so the result holds what a read would return (bar the order of keys, which jsonb sorts).
 */
export const recordedFromWrites = (
  writes: ReadonlyArray<StreamWrite>,
  inserted: ReadonlyArray<InsertedRow>,
  recordedAt: Date,
): Map<string, RecordedEvent[]> => {
  const rowsOf = new Map<string, InsertedRow[]>();
  for (const row of inserted) {
    const rows = rowsOf.get(row.stream_id) ?? [];
    rows.push(row);
    rowsOf.set(row.stream_id, rows);
  }
  const byStream = new Map<string, RecordedEvent[]>();
  for (const write of writes) {
    const rows = (rowsOf.get(write.streamId) ?? []).sort((a, b) => Number(a.revision) - Number(b.revision));
    if (rows.length !== write.events.length) {
      throw new Error(
        `stream '${write.streamId}': ${rows.length} rows inserted for ${write.events.length} events`,
      );
    }
    byStream.set(
      write.streamId,
      write.events.map((event, i) => {
        const row = rows[i] as InsertedRow;
        return {
          eventId: event.eventId,
          streamId: write.streamId,
          streamRevision: Number(row.revision),
          globalPosition: encodePosition(BigInt(row.position)),
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: JSON.parse(JSON.stringify(event.data)) as JsonValue,
          occurredAt: new Date(event.occurredAt.getTime()),
          recordedAt,
          actor: { id: event.actor.id, role: event.actor.role },
          correlationId: event.correlationId,
          causationId: event.causationId,
        };
      }),
    );
  }
  return byStream;
};

/**
 * The rows of the events to insert, in order, as the insert statements unpack them from one JSON parameter: `n`
 * orders them, `i` is an event's place in its write, and `stream_revision` is filled in where the revision is
 * already known (the one-statement append computes it from the locked row instead).
 */
export const insertRows = (
  writes: ReadonlyArray<{ readonly write: StreamWrite; readonly first?: number }>,
): ReadonlyArray<Record<string, JsonValue>> => {
  let n = 0;
  return writes.flatMap(({ write, first }) =>
    write.events.map((event, i) => ({
      n: n++,
      i,
      stream_revision: first === undefined ? null : first + i,
      event_id: event.eventId,
      stream_id: write.streamId,
      type: event.type,
      schema_version: event.schemaVersion,
      data: event.data,
      occurred_at: event.occurredAt.toISOString(),
      actor_id: event.actor.id,
      actor_role: event.actor.role,
      correlation_id: event.correlationId,
      causation_id: event.causationId,
    })),
  );
};
