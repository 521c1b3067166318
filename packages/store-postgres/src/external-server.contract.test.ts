import { describeEventStoreContract, describeOutboxContract } from '@fostering/testkit';
import pg from 'pg';
import { describe } from 'vitest';
import { postgresOutbox } from './outbox.js';
import { postgresEventStore } from './postgres-event-store.js';
import { pgPoolClient } from './sql.js';

// Any PostgreSQL server an operator names, for example a managed one: FOSTERING_DATABASE_URL (or DATABASE_URL).
// Skipped, and reported as skipped, when neither is set.
const url = process.env.FOSTERING_DATABASE_URL ?? process.env.DATABASE_URL;

describe.skipIf(url === undefined)(`server named by DATABASE_URL`, () => {
  describeEventStoreContract('postgres (external server)', () =>
    postgresEventStore(pgPoolClient(new pg.Pool({ connectionString: url }))),
  );
  describeOutboxContract('postgres (external server)', async (derive) => {
    const client = pgPoolClient(new pg.Pool({ connectionString: url }));
    return {
      store: await postgresEventStore(client, { outbox: { derive } }),
      outbox: postgresOutbox(client),
    };
  });
});
