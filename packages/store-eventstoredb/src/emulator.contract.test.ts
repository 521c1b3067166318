import { describeEventStoreContract } from '@fostering/testkit';
import { useEmulatorClient } from './__fixtures__/emulator.js';
import { eventStoreDbEventStore } from './eventstoredb-event-store.js';

// The whole conformance suite against @fostering/eventstoredb-emulator, an in-process gRPC server speaking the
// EventStoreDB protocol, driven by the real @eventstore/db-client. These are emulator results, not a server's;
// server.contract.test.ts runs the same suite against a real server when EVENTSTOREDB_CONNECTION_STRING is set.
const client = useEmulatorClient();

describeEventStoreContract('eventstoredb (emulator, not a real server)', () =>
  eventStoreDbEventStore(client()),
);
