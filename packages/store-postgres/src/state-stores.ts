import {
  type GlobalPosition,
  type ProjectionCheckpointStore,
  type Snapshot,
  type SnapshotStore,
  StoreFailure,
} from '@fostering/core';
import type { SqlClient, SqlExecutor } from './sql.js';
import { sqlFailure } from './sql-errors.js';

/** Queries whose failures surface as `StoreFailure` with a typed reason, as the ports expect of adapters. */
const mapped = (client: SqlClient): SqlExecutor => ({
  query: async (text, params) => {
    try {
      return await client.query(text, params);
    } catch (error) {
      throw new StoreFailure(sqlFailure(client.name, error));
    }
  },
});

/**
 * Snapshots in the database. States are stored as JSON, so a snapshotted state must be plain JSON data (no
 * Maps, Dates or undefined): give the snapshot policy a state that round-trips, or do not snapshot it.
 */
export const postgresSnapshotStore = <State>(database: SqlClient): SnapshotStore<State> => {
  const client = mapped(database);
  return {
    load: async (streamId) => {
      const rows = await client.query<{ revision: string; version: number; state: State }>(
        'select revision::text as revision, version, state from fostering_snapshots where stream_id = $1',
        [streamId],
      );
      const row = rows[0];
      return row === undefined
        ? undefined
        : ({
            streamId,
            revision: Number(row.revision),
            version: Number(row.version),
            state: row.state,
          } satisfies Snapshot<State>);
    },
    save: async (snapshot) => {
      // Concurrent handlers may finish out of order: a snapshot never replaces a newer one of the same version.
      await client.query(
        `insert into fostering_snapshots (stream_id, revision, version, state) values ($1, $2, $3, $4::jsonb)
       on conflict (stream_id) do update set revision = excluded.revision, version = excluded.version, state = excluded.state
       where fostering_snapshots.version <> excluded.version or fostering_snapshots.revision < excluded.revision`,
        [snapshot.streamId, snapshot.revision, snapshot.version, JSON.stringify(snapshot.state)],
      );
    },
  };
};

/** Projection checkpoints (position and state) in the database, so a restarted projection resumes. */
export const postgresCheckpointStore = <State>(database: SqlClient): ProjectionCheckpointStore<State> => {
  const client = mapped(database);
  return {
    load: async (name) => {
      const rows = await client.query<{ position: string | null; state: State }>(
        'select position, state from fostering_checkpoints where name = $1',
        [name],
      );
      const row = rows[0];
      return row === undefined
        ? undefined
        : { position: (row.position ?? undefined) as GlobalPosition | undefined, state: row.state };
    },
    save: async (name, checkpoint) => {
      await client.query(
        `insert into fostering_checkpoints (name, position, state) values ($1, $2, $3::jsonb)
       on conflict (name) do update set position = excluded.position, state = excluded.state, updated_at = now()`,
        [name, checkpoint.position ?? null, JSON.stringify(checkpoint.state)],
      );
    },
  };
};
