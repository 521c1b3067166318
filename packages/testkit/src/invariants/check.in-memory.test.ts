import { inMemoryEventStore } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.js';
import { agencyHandle } from './agency-handle.js';
import { invariantCatalogue } from './catalogue.js';
import { checkRegulatoryInvariants, type InvariantResult } from './check.js';

const runs = propertyRuns();
/** FOSTERING_INVARIANTS=limit,terms runs only those rules (a deep run in parts). */
const only = process.env.FOSTERING_INVARIANTS?.split(',').map((id) => id.trim());
const chosen = invariantCatalogue.filter((i) => only === undefined || only.includes(i.rule.id));
// A deep run (FOSTERING_PROPERTY_RUNS=10000) takes minutes per invariant; a test timeout must not cut it off.
const timeout = Math.max(600_000, runs * chosen.length * 30);

describe('checkRegulatoryInvariants on the in-memory store', () => {
  it(`holds for every rule with a property, ${runs} histories each, through the reference handle`, {
    timeout,
  }, async () => {
    const results: InvariantResult[] = [];
    for (const { rule } of chosen) {
      // A store per rule: ten thousand histories of every rule in one process's memory would not fit.
      const store = inMemoryEventStore();
      results.push(
        ...(await checkRegulatoryInvariants({
          handle: agencyHandle({ store }),
          store,
          numRuns: runs,
          rules: [rule.id],
          // Progress for deep runs, whose figures go in the closing notes; quiet at CI's default.
          onInvariant: (r) => {
            if (runs > 100)
              console.info(
                `${r.ruleId}: ${r.status}, ${r.runs} histories, ${(r.milliseconds / 1000).toFixed(1)} s`,
              );
          },
        })),
      );
      await store.close();
    }
    expect(results.map((r) => r.ruleId)).toEqual(chosen.map((i) => i.rule.id));
    for (const result of results) {
      const expected = invariantCatalogue.find((i) => i.rule.id === result.ruleId)?.property
        ? 'held'
        : 'not-a-property';
      expect(result.status, result.report).toBe(expected);
    }
  });
});
