import {
  type RecordedEvent,
  StoreFailure,
  type StoreUnavailable,
  type WrongExpectedRevision,
  wrongExpectedRevision,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { APPENDED_CHANNEL, POSITION_LOCK } from './positions.js';
import type { SqlClient } from './sql.js';
import { sqlFailure } from './sql-errors.js';

/** Rolls the import's transaction back with an expected refusal. */
class Refused extends Error {
  constructor(readonly error: WrongExpectedRevision) {
    super(error.message);
  }
}

export interface ImportOptions {
  /** Events per INSERT statement. */
  readonly batchSize?: number;
  readonly onProgress?: (imported: number, total: number) => void;
}

/**
 * Copies a history recorded elsewhere (another store, a synthetic agency, a legacy system's export) into empty
 * streams, keeping each event's id, revision, occurred-at and recorded-at: an import must not make old entries
 * look freshly recorded, or as-of-recorded replays would lie. Global positions are new, in the order given,
 * which must be the source's global order. All in one transaction: on any failure nothing is imported. Every
 * stream must be new here; otherwise it is refused with the stream's actual revision.
 */
export const importHistory = async (
  client: SqlClient,
  events: ReadonlyArray<RecordedEvent>,
  options: ImportOptions = {},
): Promise<E.Either<WrongExpectedRevision | StoreUnavailable, { readonly imported: number }>> => {
  const batchSize = options.batchSize ?? 2_000;
  const next = new Map<string, number>();
  for (const event of events) {
    const expected = next.get(event.streamId) ?? 0;
    if (event.streamRevision !== expected) {
      throw new RangeError(
        `importHistory: stream '${event.streamId}' goes from revision ${expected - 1} to ${event.streamRevision}; give whole streams in order`,
      );
    }
    next.set(event.streamId, expected + 1);
  }
  try {
    await client.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [POSITION_LOCK]);
      const existing = await tx.query<{ stream_id: string; revision: string }>(
        `select stream_id, revision::text as revision from fostering_streams
         where stream_id = any($1::text[]) and revision >= 0 limit 1`,
        [[...next.keys()]],
      );
      const taken = existing[0];
      if (taken !== undefined) {
        throw new Refused(wrongExpectedRevision(taken.stream_id, 'no_stream', Number(taken.revision)));
      }
      for (let start = 0; start < events.length; start += batchSize) {
        const batch = events.slice(start, start + batchSize).map((event, ord) => ({
          ord,
          event_id: event.eventId,
          stream_id: event.streamId,
          stream_revision: event.streamRevision,
          type: event.type,
          schema_version: event.schemaVersion,
          data: event.data,
          occurred_at: event.occurredAt.toISOString(),
          recorded_at: event.recordedAt.toISOString(),
          actor_id: event.actor.id,
          actor_role: event.actor.role,
          correlation_id: event.correlationId,
          causation_id: event.causationId,
        }));
        // One JSON parameter per batch, unpacked by the server: no value is ever part of the statement.
        await tx.query(
          `insert into fostering_events (event_id, stream_id, stream_revision, type, schema_version, data,
             occurred_at, recorded_at, actor_id, actor_role, correlation_id, causation_id)
           select e.event_id, e.stream_id, e.stream_revision, e.type, e.schema_version, e.data, e.occurred_at,
             e.recorded_at, e.actor_id, e.actor_role, e.correlation_id, e.causation_id
           from jsonb_to_recordset($1::jsonb) as e(ord integer, event_id text, stream_id text, stream_revision bigint,
             type text, schema_version integer, data jsonb, occurred_at timestamptz, recorded_at timestamptz,
             actor_id text, actor_role text, correlation_id text, causation_id text)
           order by e.ord`,
          [JSON.stringify(batch)],
        );
        options.onProgress?.(Math.min(start + batchSize, events.length), events.length);
      }
      await tx.query(
        `insert into fostering_streams (stream_id, revision)
         select s.stream_id, s.revision from jsonb_to_recordset($1::jsonb) as s(stream_id text, revision bigint)
         on conflict (stream_id) do update set revision = excluded.revision`,
        [JSON.stringify([...next].map(([stream_id, count]) => ({ stream_id, revision: count - 1 })))],
      );
      // Fresh statistics: without them the planner guesses that a filtered read matches a handful of rows and
      // sorts every match for each page (PGlite has no autovacuum to gather them later).
      await tx.query('analyze fostering_events');
      await tx.query('select pg_notify($1, $2)', [APPENDED_CHANNEL, '']);
    });
    return E.right({ imported: events.length });
  } catch (error) {
    if (error instanceof Refused) return E.left(error.error);
    if (error instanceof StoreFailure) return E.left(error.error);
    return E.left(sqlFailure(client.name, error));
  }
};
