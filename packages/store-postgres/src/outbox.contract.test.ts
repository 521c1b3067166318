import { PGlite } from '@electric-sql/pglite';
import { describeOutboxContract } from '@fostering/testkit';
import { afterAll, beforeAll, describe } from 'vitest';
import { postgresOutbox } from './outbox.js';
import { postgresEventStore } from './postgres-event-store.js';
import { pgliteClient, pgPoolClient } from './sql.js';
import { type RunningServer, startEmbeddedServer } from './testing/embedded-server.js';

describe('PGlite', () => {
  const db = new PGlite();
  afterAll(() => db.close());
  describeOutboxContract('postgres (PGlite, in memory)', async (derive) => {
    const client = pgliteClient(db, { closeDatabase: false });
    return {
      store: await postgresEventStore(client, { outbox: { derive } }),
      outbox: postgresOutbox(client),
    };
  });
});

// On a server, claims from several connections run truly at once: the case SKIP LOCKED is there for.
describe('embedded PostgreSQL server', () => {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startEmbeddedServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);
  describeOutboxContract('postgres (embedded PostgreSQL server)', async (derive) => {
    if (server === undefined) throw new Error('the embedded server did not start');
    const client = pgPoolClient(server.pool());
    return {
      store: await postgresEventStore(client, { outbox: { derive } }),
      outbox: postgresOutbox(client),
    };
  });
});
