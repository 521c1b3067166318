import { inMemoryEventStore } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.js';
import { agencyHandle } from './agency-handle.js';
import { invariantCatalogue } from './catalogue.js';
import { checkRegulatoryInvariants } from './check.js';

const runs = propertyRuns();
// A deep run (FOSTERING_PROPERTY_RUNS=10000) takes minutes per invariant; a test timeout must not cut it off.
const timeout = Math.max(600_000, runs * invariantCatalogue.length * 20);

describe('checkRegulatoryInvariants on the in-memory store', () => {
  it(`holds for every rule with a property, ${runs} histories each, through the reference handle`, {
    timeout,
  }, async () => {
    const store = inMemoryEventStore();
    const results = await checkRegulatoryInvariants({
      handle: agencyHandle({ store }),
      store,
      numRuns: runs,
      // Progress for deep runs, whose figures go in the closing notes; quiet at CI's default.
      onInvariant: (r) => {
        if (runs > 100)
          console.info(
            `${r.ruleId}: ${r.status}, ${r.runs} histories, ${(r.milliseconds / 1000).toFixed(1)} s`,
          );
      },
    });
    expect(results.map((r) => r.ruleId)).toEqual(invariantCatalogue.map((i) => i.rule.id));
    for (const result of results) {
      const expected = invariantCatalogue.find((i) => i.rule.id === result.ruleId)?.property
        ? 'held'
        : 'not-a-property';
      expect(result.status, result.report).toBe(expected);
    }
  });
});
