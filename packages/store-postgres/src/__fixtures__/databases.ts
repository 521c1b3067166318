import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import { pgliteClient, pgPoolClient, type SqlClient } from '../sql.js';
import { type RunningServer, startEmbeddedServer } from '../testing/embedded-server.js';

export interface TestDatabases {
  /** PGlite in memory and the embedded server, by name, for `describe.each`. */
  readonly targets: ReadonlyArray<readonly [string, () => SqlClient]>;
  readonly pglite: () => SqlClient;
  /** The embedded server itself, for tests that need a connection of their own. */
  readonly server: () => RunningServer;
}

/** Both real databases for one test file: started before its tests, stopped after them. */
export const testDatabases = (): TestDatabases => {
  const db = new PGlite();
  let running: RunningServer | undefined;
  beforeAll(async () => {
    running = await startEmbeddedServer();
  }, 120_000);
  afterAll(async () => {
    await db.close();
    await running?.stop();
  }, 60_000);
  const server = () => {
    if (running === undefined) throw new Error('the embedded server did not start');
    return running;
  };
  const pglite = () => pgliteClient(db, { closeDatabase: false });
  return {
    targets: [
      ['PGlite', pglite],
      ['embedded server', () => pgPoolClient(server().pool())],
    ],
    pglite,
    server,
  };
};
