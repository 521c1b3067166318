import { inMemoryEventStore } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from './agency-handle.js';
import { invariantCatalogue } from './catalogue.js';
import { checkRegulatoryInvariants } from './check.js';

describe('checkRegulatoryInvariants on the in-memory store', () => {
  it('holds for every rule with a property, through the reference handle', { timeout: 600_000 }, async () => {
    const store = inMemoryEventStore();
    const results = await checkRegulatoryInvariants({ handle: agencyHandle({ store }), store });
    expect(results.map((r) => r.ruleId)).toEqual(invariantCatalogue.map((i) => i.rule.id));
    for (const result of results) {
      const expected = invariantCatalogue.find((i) => i.rule.id === result.ruleId)?.property
        ? 'held'
        : 'not-a-property';
      expect(result.status, result.report).toBe(expected);
    }
  });
});
