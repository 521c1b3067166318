import { inMemoryEventStore } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.js';
import { agencyHandle } from './agency-handle.js';
import { invariantCatalogue } from './catalogue.js';
import { checkRegulatoryInvariants, type InvariantResult } from './check.js';

const runs = propertyRuns();
const chunk = 100;
/** FOSTERING_INVARIANTS=limit,terms runs only those rules (a deep run in parts). */
const only = process.env.FOSTERING_INVARIANTS?.split(',').map((id) => id.trim());
const chosen = invariantCatalogue.filter((i) => only === undefined || only.includes(i.rule.id));
// A deep run (FOSTERING_PROPERTY_RUNS=10000) takes minutes per invariant (whole-agency histories up to 100 ms
// each on a busy machine); a test timeout must not cut it off.
const timeout = Math.max(600_000, runs * chosen.length * 100);

describe('checkRegulatoryInvariants on the in-memory store', () => {
  it(`holds for every rule with a property, ${runs} histories each, through the reference handle`, {
    timeout,
  }, async () => {
    const results: InvariantResult[] = [];
    for (const { rule } of chosen) {
      // A store per rule, and per hundred histories in a deep run: a thousand whole-agency histories, every event
      // kept, already fill a process's memory. The chunks are independent samples (fresh seeds), so 100 × 100
      // histories test as much as 10,000.
      const chunks = Math.ceil(runs / chunk);
      let done: InvariantResult | undefined;
      for (let c = 0; c < chunks; c++) {
        const store = inMemoryEventStore();
        const [result] = await checkRegulatoryInvariants({
          handle: agencyHandle({ store }),
          store,
          numRuns: Math.min(chunk, runs - c * chunk),
          rules: [rule.id],
        });
        await store.close();
        if (result === undefined) break;
        done =
          done === undefined
            ? result
            : {
                ...result,
                runs: done.runs + result.runs,
                milliseconds: done.milliseconds + result.milliseconds,
              };
        if (result.status !== 'held') break;
      }
      if (done === undefined) continue;
      // Progress for deep runs, whose figures go in the closing notes; quiet at CI's default.
      if (runs > 100)
        console.info(
          `${done.ruleId}: ${done.status}, ${done.runs} histories, ${(done.milliseconds / 1000).toFixed(1)} s`,
        );
      results.push(done);
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
