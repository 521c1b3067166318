import type pg from 'pg';
import { processTypes, sharedServer, standardTypes } from '../postgres-server.js';

/**
 * A database of its own on the shared server, for one workload. Emmett creates its functions and tables only if
 * `pg_proc` / `pg_tables` hold none of that name in any schema, so two Emmett stores cannot live in schemas of
 * one database; a database apiece keeps every library's objects, and every other workload's, apart.
 */
export interface OwnDatabase {
  readonly name: string;
  /** For libraries that take a URL (Castore, Emmett's consumer). */
  readonly connectionString: string;
  /** A pool of 10 with pg's standard type parsers (see `standardTypes`); `peerPool` for Emmett. */
  readonly pool: () => pg.Pool;
  /** A pool of 10 with whatever parsers the process has: Emmett sets its own, globally, and reads through them. */
  readonly peerPool: () => pg.Pool;
  readonly drop: () => Promise<void>;
}

export { standardTypes } from '../postgres-server.js';

export const ownDatabase = async (name: string): Promise<OwnDatabase> => {
  const server = await sharedServer();
  const admin = server.pool({ max: 1 });
  const pools: pg.Pool[] = [];
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const pool = (config: pg.PoolConfig) => {
    const created = server.pool({ database: name, max: 10, ...config });
    pools.push(created);
    return created;
  };
  return {
    name,
    connectionString: server.connectionString.replace(/\/fostering$/, `/${name}`),
    pool: () => pool({ types: standardTypes }),
    peerPool: () => pool({ types: processTypes }),
    drop: async () => {
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
      const again = server.pool({ max: 1 });
      try {
        await again.query(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
};
