import { EventStoreDBClient } from '@eventstore/db-client';
import { rules } from '@fostering/core';
import { agencyHandle, checkRegulatoryInvariants, propertyRuns } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import { realServerConnectionString as url, useEmulatorClient } from './__fixtures__/emulator.js';
import { eventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * The placement process on EventStoreDB, which has no multi-stream append: its decisions go through its log
 * stream (`serialisedWriter`). The catalogue's placement rules, racing starts included, run through the
 * reference handle against the adapter on the emulator, and on a real server when one is named.
 */
const placementRules = process.env.FOSTERING_INVARIANTS?.split(',') ?? [
  rules.limit.id,
  rules.terms.id,
  rules.approvalBeforePlacement.id,
  rules.stayingPut.id,
  rules.bedroom.id,
  rules.register.id,
  rules.shortBreaks.id,
  rules.respite.id,
  rules.records.id,
  rules.retention.id,
];

// Each command is several round trips to a gRPC server here (a quarter of a second a history on the emulator):
// a fiftieth of the in-memory runs, two by default.
const numRuns = Math.max(2, Math.floor(propertyRuns() / 50));
// Whole-agency histories take a few seconds each over gRPC on a busy machine.
const timeout = Math.max(600_000, numRuns * placementRules.length * 3_000);

const holds = (client: () => EventStoreDBClient) => async () => {
  const store = eventStoreDbEventStore(client());
  const results = await checkRegulatoryInvariants({
    handle: agencyHandle({ store }),
    store,
    numRuns,
    rules: placementRules,
  });
  // Results come in catalogue order.
  const held = results.map((r) => [r.ruleId, r.status]).sort();
  expect(held).toEqual(placementRules.map((id) => [id, 'held']).sort());
};

describe('the placement process on EventStoreDB (emulator, not a real server)', () => {
  const client = useEmulatorClient();
  it(`keeps the placement rules, ${numRuns} histories each`, { timeout }, holds(client));
});

describe.skipIf(url === undefined)('the placement process on EventStoreDB (real server)', () => {
  let real: EventStoreDBClient | undefined;
  const client = () => {
    real ??= EventStoreDBClient.connectionString(url ?? '');
    return real;
  };
  it(`keeps the placement rules, ${numRuns} histories each`, { timeout }, async () => {
    try {
      await holds(client)();
    } finally {
      await real?.dispose();
    }
  });
});
