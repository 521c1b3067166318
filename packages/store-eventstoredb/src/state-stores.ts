import {
  BACKWARDS,
  END,
  type EventStoreDBClient,
  type JSONType,
  jsonEvent,
  NO_STREAM,
} from '@eventstore/db-client';
import {
  type GlobalPosition,
  type ProjectionCheckpointStore,
  type Snapshot,
  type SnapshotStore,
  StoreFailure,
  storeUnavailable,
} from '@fostering/core';
import { onlyOf } from './client-reads.js';
import { esdbFailure, isStreamDeleted, isStreamNotFound, isWrongExpectedVersion } from './failures.js';

export interface StateStoreOptions {
  /** The store's name in errors; defaults to `eventstoredb`. */
  readonly name?: string;
  /**
   * Prefix of the streams kept, one per snapshotted stream or per projection. It must start with `$`: system
   * streams never appear in the event store's reads. On a secured server the user needs write access to
   * system streams (a member of `$admins`, or `$systemStreamAcl` granting it).
   */
  readonly streamPrefix?: string;
}

interface Latest {
  readonly revision: bigint;
  readonly data: unknown;
}

const prefixOf = (options: StateStoreOptions, fallback: string): string => {
  const prefix = options.streamPrefix ?? fallback;
  if (!prefix.startsWith('$')) throw new TypeError(`state stream prefix '${prefix}' must start with '$'`);
  return prefix;
};

const failed = (name: string, error: unknown): StoreFailure =>
  error instanceof StoreFailure ? error : new StoreFailure(esdbFailure(name, error));

/** The last event of a stream: with `$maxCount` 1 the only one left, and the only one that matters. */
const readLatest = async (client: EventStoreDBClient, stream: string): Promise<Latest | undefined> => {
  try {
    const last = await onlyOf(
      client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    return last?.event === undefined ? undefined : { revision: last.event.revision, data: last.event.data };
  } catch (error) {
    if (isStreamNotFound(error) || isStreamDeleted(error)) return undefined;
    throw error;
  }
};

/** Keeps only the newest event: old snapshots and checkpoints are history nobody reads again. */
const keepOnlyTheLatest = (client: EventStoreDBClient, stream: string) =>
  client.setStreamMetadata(stream, { maxCount: 1 });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Snapshots in EventStoreDB, one stream per snapshotted stream (`$fostering-snapshot-<stream id>` by default)
 * with `$maxCount` 1. A snapshot never replaces a newer one of the same fold version: saving re-reads the
 * latest and writes conditionally on its revision, retrying if another writer got in first. States are stored
 * as JSON, so a snapshotted state must be plain JSON data.
 */
export const eventStoreDbSnapshotStore = <State>(
  client: EventStoreDBClient,
  options: StateStoreOptions = {},
): SnapshotStore<State> => {
  const name = options.name ?? 'eventstoredb';
  const prefix = prefixOf(options, '$fostering-snapshot-');
  return {
    load: async (streamId) => {
      try {
        const latest = await readLatest(client, `${prefix}${streamId}`);
        const data = latest?.data;
        if (!isRecord(data) || !Number.isInteger(data.revision) || !Number.isInteger(data.version)) {
          return undefined;
        }
        return {
          streamId,
          revision: data.revision as number,
          version: data.version as number,
          state: data.state as State,
        };
      } catch (error) {
        throw failed(name, error);
      }
    },
    save: async (snapshot: Snapshot<State>) => {
      const stream = `${prefix}${snapshot.streamId}`;
      const data = {
        revision: snapshot.revision,
        version: snapshot.version,
        state: snapshot.state,
      } as JSONType;
      try {
        for (let attempt = 0; attempt < 10; attempt++) {
          const latest = await readLatest(client, stream);
          const held = latest?.data;
          if (
            isRecord(held) &&
            held.version === snapshot.version &&
            Number(held.revision) >= snapshot.revision
          ) {
            return;
          }
          if (latest === undefined) await keepOnlyTheLatest(client, stream);
          try {
            await client.appendToStream(stream, jsonEvent({ type: 'FosteringSnapshot', data }), {
              expectedRevision: latest === undefined ? NO_STREAM : latest.revision,
            });
            return;
          } catch (error) {
            if (!isWrongExpectedVersion(error)) throw error;
          }
        }
        throw new StoreFailure(
          storeUnavailable(name, `snapshot of '${snapshot.streamId}': kept losing the race`, {
            reason: 'contention',
          }),
        );
      } catch (error) {
        throw failed(name, error);
      }
    },
  };
};

/**
 * Projection checkpoints (position and state) in EventStoreDB, one stream per projection
 * (`$fostering-checkpoint-<name>` by default) with `$maxCount` 1, so a restarted projection resumes.
 */
export const eventStoreDbCheckpointStore = <State>(
  client: EventStoreDBClient,
  options: StateStoreOptions = {},
): ProjectionCheckpointStore<State> => {
  const name = options.name ?? 'eventstoredb';
  const prefix = prefixOf(options, '$fostering-checkpoint-');
  const limited = new Set<string>();
  return {
    load: async (projection) => {
      try {
        const data = (await readLatest(client, `${prefix}${projection}`))?.data;
        if (!isRecord(data)) return undefined;
        const position = typeof data.position === 'string' ? (data.position as GlobalPosition) : undefined;
        return { position, state: data.state as State };
      } catch (error) {
        throw failed(name, error);
      }
    },
    save: async (projection, checkpoint) => {
      const stream = `${prefix}${projection}`;
      try {
        if (!limited.has(stream)) {
          await keepOnlyTheLatest(client, stream);
          limited.add(stream);
        }
        const data = { position: checkpoint.position ?? null, state: checkpoint.state } as JSONType;
        await client.appendToStream(stream, jsonEvent({ type: 'FosteringCheckpoint', data }));
      } catch (error) {
        throw failed(name, error);
      }
    },
  };
};
