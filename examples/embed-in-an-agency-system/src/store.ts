import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { type Clock, type EventStore, inMemoryEventStore } from '@fostering/core';
import { pgliteClient, pgPoolClient, postgresEventStore } from '@fostering/store-postgres';
import pg from 'pg';

/**
 * Where the service keeps its events:
 * - `pglite`: embedded PostgreSQL in this process, in a directory (kept across restarts) or in memory;
 * - `postgres`: a PostgreSQL server through a `pg` pool;
 * - `memory`: the core's in-memory store (nothing survives a restart).
 * The PostgreSQL stores migrate their schema when they open.
 */
export type StoreConfig =
  | { readonly kind: 'pglite'; readonly dataDir?: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | { readonly kind: 'memory' };

export const openStore = async (config: StoreConfig, clock?: Clock): Promise<EventStore> => {
  const options = clock === undefined ? {} : { clock };
  switch (config.kind) {
    case 'memory':
      return inMemoryEventStore(options);
    case 'postgres':
      return postgresEventStore(
        pgPoolClient(new pg.Pool({ connectionString: config.connectionString })),
        options,
      );
    case 'pglite': {
      if (config.dataDir !== undefined) await mkdir(config.dataDir, { recursive: true });
      const db = config.dataDir === undefined ? new PGlite() : new PGlite(config.dataDir);
      return postgresEventStore(pgliteClient(db), options);
    }
  }
};

/**
 * From the environment: `FOSTERING_DATABASE_URL` names a server; otherwise PGlite in `FOSTERING_DATA`
 * (default `.fostering/embed-data`), where `FOSTERING_DATA=memory` keeps it in memory.
 */
export const storeConfigFromEnv = (env: NodeJS.ProcessEnv): StoreConfig => {
  const url = env.FOSTERING_DATABASE_URL;
  if (url !== undefined && url !== '') return { kind: 'postgres', connectionString: url };
  const dir = env.FOSTERING_DATA;
  if (dir === 'memory') return { kind: 'pglite' };
  return { kind: 'pglite', dataDir: dir === undefined || dir === '' ? '.fostering/embed-data' : dir };
};
