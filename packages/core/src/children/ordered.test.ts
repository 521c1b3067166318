import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inserted } from './ordered.js';

describe('inserting in date order', () => {
  it('gives what a stable sort of everything inserted so far gives, ties kept in arrival order', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.record({ on: day, n: fc.nat() }), { maxLength: 60 }), (arrivals) => {
        let items: ReadonlyArray<{ on: string; n: number }> = [];
        const all: Array<{ on: string; n: number }> = [];
        for (const arrival of arrivals) {
          items = inserted(items, arrival, (a) => a.on);
          all.push(arrival);
          const sorted = [...all].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
          expect(items).toEqual(sorted);
        }
      }),
      { numRuns: 500 },
    );
  });
});
