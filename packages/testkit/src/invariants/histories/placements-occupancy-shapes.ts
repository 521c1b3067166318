import { addDays, type PlacementType, type SupportPackage, unsafeLocalDate } from '@fostering/core';
import fc from 'fast-check';
import { days, type Relationship, weighted } from './placements-common.js';

/**
 * The random choices behind the occupancy histories (placements-occupancy.ts): households' terms, children and
 * what happens next. `limit` favours roomy terms, exemptions and groups of arrivals; `terms` favours narrow
 * terms, emergencies and changes of terms.
 */

export type Focus = 'limit' | 'terms';

export const allPackages: SupportPackage[] = ['standard', 'enhanced', 'intensive'];
export const maxKids = 6;

const otherTypes = fc.subarray<PlacementType>([
  'emergency',
  'short-breaks',
  'sibling-group',
  'parent-and-child',
]);

export const householdShape = (focus: Focus) =>
  fc.record({
    applyAfter: days(0, 30),
    maxChildren:
      focus === 'limit'
        ? weighted([1, fc.constant(2)], [2, fc.constant(3)], [4, fc.constant(4)], [3, fc.constant(5)])
        : weighted([2, fc.constant(1)], [2, fc.constant(2)], [2, fc.constant(3)], [1, fc.constant(4)]),
    minAge: weighted([focus === 'limit' ? 12 : 5, fc.constant(0)], [1, days(1, 6)]),
    maxAge: weighted([focus === 'limit' ? 12 : 4, fc.constant(17)], [2, days(8, 16)]),
    extraTypes:
      focus === 'limit'
        ? weighted(
            [3, fc.constant<PlacementType[]>(['emergency', 'sibling-group', 'short-breaks'])],
            [1, otherTypes],
          )
        : otherTypes,
    packages: weighted<SupportPackage[]>(
      [focus === 'limit' ? 12 : 3, fc.constant(allPackages)],
      [1, fc.constant([])],
      [2, fc.subarray(allPackages, { minLength: 1 })],
    ),
    exemption: fc.option(
      fc.record({
        names: fc.array(weighted([4, fc.constant(true)], [1, fc.constant(false)]), {
          minLength: maxKids,
          maxLength: maxKids,
        }),
        grantedAfter: weighted([3, days(150, 200)], [1, days(200, 400)]),
        lasts: fc.option(days(10, 300), { nil: undefined }),
      }),
      { nil: undefined, freq: focus === 'limit' ? 2 : 4 },
    ),
    ownChildren: weighted([3, fc.constant(0)], [1, fc.constant(1)], [1, fc.constant(2)]),
  });

export const childShape = (focus: Focus) =>
  fc.record({
    dob: weighted(
      [5, days(0, 4000).map((n) => addDays(unsafeLocalDate('2011-01-01'), n))],
      [1, days(0, 900).map((n) => addDays(unsafeLocalDate('2021-06-01'), n))],
      [focus === 'limit' ? 0 : 1, days(0, 700).map((n) => addDays(unsafeLocalDate('2007-09-01'), n))],
    ),
    /** 0: no siblings; children sharing a group above 0 are siblings. */
    group: weighted([2, fc.constant(0)], [focus === 'limit' ? 8 : 3, fc.constant(1)], [1, fc.constant(2)]),
    side: weighted([2, fc.constant('own')], [2, fc.constant('theirs')], [1, fc.constant('both')]),
    kind: weighted<Relationship>(
      [4, fc.constant('sibling')],
      [1, fc.constantFrom('half-sibling', 'step-sibling')],
    ),
  });

const placementType = weighted<PlacementType>(
  [4, fc.constant('long-term')],
  [3, fc.constant('short-term')],
  [2, fc.constant('emergency')],
  [1, fc.constantFrom('sibling-group', 'short-breaks', 'parent-and-child', 'staying-put')],
);
const supportPackage = weighted<SupportPackage>(
  [3, fc.constant('enhanced')],
  [2, fc.constantFrom(...allPackages)],
);

export const intent = (focus: Focus) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('start' as const),
        advance: days(0, 20),
        child: fc.nat(maxKids - 1),
        household: fc.nat(1),
        placementType,
        supportPackage,
        emergency: weighted([focus === 'terms' ? 2 : 4, fc.constant(false)], [1, fc.constant(true)]),
        backdated: weighted([5, fc.constant(0)], [1, days(1, 60)]),
        /** After an emergency: it ends, or the terms change, some days later (around its 6 working days). */
        followUp: fc.option(fc.record({ how: fc.constantFrom('end', 'terms'), after: days(1, 14) }), {
          nil: undefined,
        }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('end' as const), advance: days(0, 30), which: fc.nat(20) }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('arrivals' as const),
        advance: days(0, 20),
        household: fc.nat(1),
        /** To the household whose terms take the most children, siblings first: groups over 3 are reached. */
        roomiest: weighted([focus === 'limit' ? 3 : 1, fc.constant(true)], [1, fc.constant(false)]),
        count: focus === 'limit' ? days(3, 5) : days(2, 4),
        first: fc.nat(maxKids - 1),
        racing: weighted([2, fc.constant(true)], [1, fc.constant(false)]),
        placementType: fc.constantFrom<PlacementType>('long-term', 'short-term', 'sibling-group'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('two-homes' as const),
        advance: days(0, 20),
        child: fc.nat(maxKids - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('change-terms' as const),
        advance: days(0, 20),
        household: fc.nat(1),
        maxChildren: days(1, 5),
        wide: fc.boolean(),
        exemptOccupants: fc.boolean(),
        takesEffectAfter: weighted([3, days(0, 5)], [1, days(28, 40)]),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('withdraw-link' as const),
        advance: days(0, 20),
        child: fc.nat(maxKids - 1),
        other: fc.nat(maxKids - 1),
        household: fc.nat(1),
        newcomer: fc.nat(maxKids - 1),
      }),
    },
  );
