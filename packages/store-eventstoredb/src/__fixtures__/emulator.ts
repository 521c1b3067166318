import { EventStoreDBClient } from '@eventstore/db-client';
import { type NewEvent, newEventId } from '@fostering/core';
import { type Emulator, startEmulator } from '@fostering/eventstoredb-emulator';
import { afterAll, beforeAll } from 'vitest';

/**
 * One emulator and one client for a whole test file: the tests keep apart by stream category, as the
 * conformance suite does. Results against it are the emulator's, not a real EventStoreDB server's.
 */
export const useEmulatorClient = (): (() => EventStoreDBClient) => {
  let emulator: Emulator | undefined;
  let client: EventStoreDBClient | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
    client = EventStoreDBClient.connectionString(emulator.connectionString);
  });
  afterAll(async () => {
    await client?.dispose();
    await emulator?.close();
  });
  return () => {
    if (client === undefined) throw new Error('the emulator is only running inside the tests');
    return client;
  };
};

/** The real server named by EVENTSTOREDB_CONNECTION_STRING, if any (for example `esdb://localhost:2113?tls=false`). */
export const realServerConnectionString = process.env.EVENTSTOREDB_CONNECTION_STRING;

let sequence = 0;

/** A stream category no other test uses. */
export const freshCategory = (): string => `t${Date.now().toString(36)}${(sequence++).toString(36)}`;

/** A ledger event as a command handler would stamp it. */
export const ledgerEvent = (n: number, overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: newEventId(),
  type: 'CarerVisitRecorded',
  schemaVersion: 1,
  data: { n },
  occurredAt: new Date(Date.UTC(2026, 1, 2, 10, 0, n % 60)),
  actor: { id: 'ssw-1', role: 'supervising-social-worker' },
  correlationId: newEventId(),
  causationId: newEventId(),
  ...overrides,
});

/** A port on which nothing listens: an emulator's, after it has been stopped. */
export const deadConnectionString = async (): Promise<string> => {
  const emulator = await startEmulator();
  await emulator.close();
  return `${emulator.connectionString}&defaultDeadline=3000`;
};
