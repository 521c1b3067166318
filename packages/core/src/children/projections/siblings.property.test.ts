import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../calendar/index.js';
import { fold } from '../../eventsourcing/index.js';
import { runs } from '../__fixtures__/child-replay.js';
import { childDecider } from '../decider.js';
import * as ev from '../events/index.js';
import { type ChildRecords, siblingsOf } from './children.js';

const foldChild = fold(childDecider);

describe('siblings across children', () => {
  const children = ['c1', 'c2', 'c3', 'c4'];
  const recorded = fc.array(
    fc.record({
      from: fc.constantFrom(...children),
      to: fc.constantFrom(...children),
      relationship: fc.constantFrom<ev.ChildRelationship>('sibling', 'half-sibling', 'step-sibling', 'other'),
    }),
    { maxLength: 12 },
  );

  it('a relationship recorded on either side makes siblings both ways; a child is never its own sibling', () => {
    fc.assert(
      fc.property(recorded, (relations) => {
        const records: ChildRecords = Object.fromEntries(
          children.map((id) => {
            const registered = ev.ChildRegistered.create({
              childId: id,
              name: id,
              dateOfBirth: '2015-01-01' as LocalDate,
              legalStatus: 'care-order',
              placingAuthority: 'Leeds',
              registeredOn: '2025-01-01' as LocalDate,
            });
            const state = relations
              .filter((r) => r.from === id)
              .reduce(
                (s, r) => {
                  const decision = childDecider.decide(
                    {
                      kind: 'RecordRelationship',
                      otherChildId: r.to,
                      relationship: r.relationship,
                      recordedOn: '2025-02-01' as LocalDate,
                    },
                    s,
                  );
                  return E.isRight(decision) ? decision.right.reduce(childDecider.evolve, s) : s;
                },
                foldChild([registered]),
              );
            return [id, state];
          }),
        );
        for (const a of children) {
          expect(siblingsOf(records, a)).not.toContain(a);
          for (const b of siblingsOf(records, a)) expect(siblingsOf(records, b)).toContain(a);
          for (const b of records[a]?.siblingIds ?? []) expect(siblingsOf(records, a)).toContain(b);
        }
      }),
      { numRuns: runs },
    );
  });
});
