import { describeEventStoreContract } from '@fostering/testkit';
import { describe } from 'vitest';
import { realServerConnectionString as url } from './__fixtures__/emulator.js';
import { connectEventStoreDb } from './eventstoredb-event-store.js';

// A real EventStoreDB server, when EVENTSTOREDB_CONNECTION_STRING names one (for example
// `esdb://localhost:2113?tls=false`). Skipped, and reported as skipped, otherwise.
describe.skipIf(url === undefined)('real server named by EVENTSTOREDB_CONNECTION_STRING', () => {
  describeEventStoreContract('eventstoredb (real server)', () => connectEventStoreDb(url ?? ''));
});
