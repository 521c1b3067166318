import { PGlite } from '@electric-sql/pglite';
import { describeEventStoreContract } from '@fostering/testkit';
import { afterAll } from 'vitest';
import { postgresEventStore } from './postgres-event-store.js';
import { pgliteClient } from './sql.js';

// One in-memory PGlite database (a real PostgreSQL engine, in process) for the whole suite: starting one takes
// about a second, and the suite keeps its tests apart by stream category. Each test gets its own store over it.
const db = new PGlite();
afterAll(() => db.close());

describeEventStoreContract('postgres (PGlite, in memory)', () =>
  postgresEventStore(pgliteClient(db, { closeDatabase: false })),
);
