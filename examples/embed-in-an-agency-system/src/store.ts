import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import {
  agencyPersonalFields,
  type Clock,
  type EventStore,
  inMemoryEventStore,
  inMemoryKeyStore,
  sealedEventStore,
} from '@fostering/core';
import {
  pgliteClient,
  pgPoolClient,
  postgresEventStore,
  postgresKeyStore,
  type SqlClient,
} from '@fostering/store-postgres';
import pg from 'pg';

/**
 * Where the service keeps its events:
 * - `pglite`: embedded PostgreSQL in this process, in a directory (kept across restarts) or in memory;
 * - `postgres`: a PostgreSQL server through a `pg` pool;
 * - `memory`: the core's in-memory store (nothing survives a restart).
 * The PostgreSQL stores migrate their schema when they open. With a `masterKey` (32 bytes) every personal field
 * is sealed per data subject before it is written, under subject keys the database keeps wrapped by that key
 * (docs/privacy.md).
 */
export type StoreConfig = (
  | { readonly kind: 'pglite'; readonly dataDir?: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | { readonly kind: 'memory' }
) & { readonly masterKey?: Uint8Array };

const sealedOn = async (
  store: EventStore,
  client: SqlClient | undefined,
  masterKey: Uint8Array | undefined,
) => {
  if (masterKey === undefined) return store;
  const keys = client === undefined ? inMemoryKeyStore() : await postgresKeyStore(client, { masterKey });
  return sealedEventStore(store, { keys, personalFields: agencyPersonalFields });
};

export const openStore = async (config: StoreConfig, clock?: Clock): Promise<EventStore> => {
  const options = clock === undefined ? {} : { clock };
  switch (config.kind) {
    case 'memory':
      return sealedOn(inMemoryEventStore(options), undefined, config.masterKey);
    case 'postgres': {
      const client = pgPoolClient(new pg.Pool({ connectionString: config.connectionString }));
      return sealedOn(await postgresEventStore(client, options), client, config.masterKey);
    }
    case 'pglite': {
      if (config.dataDir !== undefined) await mkdir(config.dataDir, { recursive: true });
      const db = config.dataDir === undefined ? new PGlite() : new PGlite(config.dataDir);
      const client = pgliteClient(db);
      return sealedOn(await postgresEventStore(client, options), client, config.masterKey);
    }
  }
};

/**
 * From the environment: `FOSTERING_DATABASE_URL` names a server; otherwise PGlite in `FOSTERING_DATA`
 * (default `.fostering/embed-data`), where `FOSTERING_DATA=memory` keeps it in memory. `FOSTERING_MASTER_KEY`
 * (32 bytes, base64) turns sealing of personal data on.
 */
export const storeConfigFromEnv = (env: NodeJS.ProcessEnv): StoreConfig => {
  const key = env.FOSTERING_MASTER_KEY;
  const sealing = key === undefined || key === '' ? {} : { masterKey: masterKeyOf(key) };
  const url = env.FOSTERING_DATABASE_URL;
  if (url !== undefined && url !== '') return { kind: 'postgres', connectionString: url, ...sealing };
  const dir = env.FOSTERING_DATA;
  if (dir === 'memory') return { kind: 'pglite', ...sealing };
  return {
    kind: 'pglite',
    dataDir: dir === undefined || dir === '' ? '.fostering/embed-data' : dir,
    ...sealing,
  };
};

const masterKeyOf = (text: string): Uint8Array => {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 32) throw new RangeError('FOSTERING_MASTER_KEY must be 32 bytes in base64');
  return new Uint8Array(bytes);
};
