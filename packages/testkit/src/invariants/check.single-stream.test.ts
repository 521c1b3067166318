import { type EventStore, inMemoryEventStore } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.js';
import { agencyHandle } from './agency-handle.js';
import { checkRegulatoryInvariants } from './check.js';

/** The in-memory store as EventStoreDB's model offers it: one stream per append, nothing atomic across streams. */
const singleStream = (store: EventStore): EventStore => {
  const { appendToStreams: _none, ...rest } = store;
  return { ...rest, name: `${store.name} without multi-stream append` };
};

describe('checkRegulatoryInvariants on a store without multi-stream append', () => {
  it('holds for every rule: the placement process serialises its decisions through its log', {
    timeout: 600_000,
  }, async () => {
    const store = singleStream(inMemoryEventStore());
    const results = await checkRegulatoryInvariants({
      handle: agencyHandle({ store }),
      store,
      // A quarter of the in-memory runs: the catalogue itself is the same; what differs is the process's writer.
      numRuns: Math.max(1, Math.floor(propertyRuns() / 4)),
    });
    expect(results.filter((r) => r.status === 'broken')).toEqual([]);
    expect(results.every((r) => r.status === 'held')).toBe(true);
  });
});
