import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  agencyPersonalFields,
  type EventStore,
  inMemoryCheckpointStore,
  inMemoryKeyStore,
  type ProjectionCheckpointStore,
  type RecordedEvent,
  StoreFailure,
  type SubjectKeyStore,
  sealedCheckpointStore,
  sealedEventStore,
  sealRecordedEvents,
} from '@fostering/core';
import {
  type ImportOptions,
  importHistory,
  pgliteClient,
  pgPoolClient,
  postgresCheckpointStore,
  postgresEventStore,
  postgresKeyStore,
  type SqlClient,
} from '@fostering/store-postgres';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { CliError } from './errors.js';
import type { Io } from './io.js';
import { masterKeyFor } from './master-key.js';
import type { StoreSpec } from './options.js';

/** An opened store and the few things commands need beyond the port. */
export interface OpenedStore {
  /** Seals personal data on the way in and opens it on the way out (a database store), or holds it in memory. */
  readonly store: EventStore;
  /** The subject keys: in the database beside the events' tables, wrapped under the master key. */
  readonly keys: SubjectKeyStore;
  readonly label: string;
  readonly checkpoints: <State>() => ProjectionCheckpointStore<State>;
  /** How many events the store holds (for progress bars). */
  readonly count: () => Promise<number>;
  /** Copies a recorded history into the store's new streams, keeping recorded-at. */
  readonly importHistory: (events: ReadonlyArray<RecordedEvent>, options?: ImportOptions) => Promise<void>;
  readonly close: () => Promise<void>;
}

const describeSpec = (spec: StoreSpec, cwd: string): string =>
  spec.kind === 'memory'
    ? 'memory (this process only)'
    : spec.kind === 'pglite'
      ? `pglite:${resolve(cwd, spec.directory)}`
      : `postgres:${spec.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`;

const sqlStore = async (client: SqlClient, label: string, masterKey: Uint8Array): Promise<OpenedStore> => {
  const cannotOpen = (error: unknown): never => {
    throw new CliError(
      `cannot open ${label}: ${error instanceof StoreFailure ? error.error.message : String(error)}`,
    );
  };
  const inner = await postgresEventStore(client).catch(cannotOpen);
  const keys = await postgresKeyStore(client, { masterKey }).catch(cannotOpen);
  const store = sealedEventStore(inner, { keys, personalFields: agencyPersonalFields });
  return {
    store,
    keys,
    label,
    checkpoints: <State>() => sealedCheckpointStore<State>(postgresCheckpointStore(client), { keys }),
    count: async () =>
      Number(
        (await client.query<{ n: string }>('select count(*)::text as n from fostering_events'))[0]?.n ?? 0,
      ),
    importHistory: async (events, options) => {
      const sealed = await sealRecordedEvents(events, { keys, personalFields: agencyPersonalFields });
      if (E.isLeft(sealed)) throw new CliError(`sealing the history failed: ${sealed.left.message}`);
      const imported = await importHistory(client, sealed.right, options);
      if (E.isLeft(imported)) throw new CliError(`import into ${label} failed: ${imported.left.message}`);
    },
    close: () => store.close(),
  };
};

/** An in-memory store, optionally one that already holds a history (the demo's generated agency). */
export const memoryStore = (store: EventStore): OpenedStore => {
  const checkpoints = inMemoryCheckpointStore<unknown>();
  return {
    store,
    keys: inMemoryKeyStore(),
    label: 'memory (this process only)',
    checkpoints: <State>() => checkpoints as ProjectionCheckpointStore<State>,
    count: async () => {
      let n = 0;
      for await (const _ of store.readAll()) n += 1;
      return n;
    },
    importHistory: async () => {
      throw new CliError('an in-memory store is filled by the demo itself');
    },
    close: () => store.close(),
  };
};

/** Opens the store the spec names; a database store seals personal data under the master key (`masterKeyFor`). */
export const openStore = async (spec: StoreSpec, io: Io, memory: () => EventStore): Promise<OpenedStore> => {
  const { cwd } = io;
  const label = describeSpec(spec, cwd);
  if (spec.kind === 'memory') return memoryStore(memory());
  const masterKey = await masterKeyFor(spec, io);
  if (spec.kind === 'pglite') {
    const directory = resolve(cwd, spec.directory);
    await mkdir(directory, { recursive: true }).catch((error: unknown) => {
      throw new CliError(
        `cannot create ${directory}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    const db = await PGlite.create(directory).catch((error: unknown) => {
      throw new CliError(`cannot open ${label}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const client = pgliteClient(db);
    const opened = await sqlStore(client, label, masterKey);
    // PGlite has no autovacuum: refresh the planner's statistics, or filtered reads get slow plans as data grows.
    await client.query('analyze fostering_events');
    return opened;
  }
  const pool = new pg.Pool({ connectionString: spec.url, connectionTimeoutMillis: 10_000 });
  return sqlStore(pgPoolClient(pool), label, masterKey);
};

/** Deletes an embedded store's directory: what `fostering demo --reset` does before building a new agency. */
export const resetStore = async (spec: StoreSpec, cwd: string): Promise<void> => {
  if (spec.kind !== 'pglite')
    throw new CliError('--reset only deletes an embedded store (pglite:<directory>)', 2);
  await rm(resolve(cwd, spec.directory), { recursive: true, force: true });
};
