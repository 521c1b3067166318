import {
  type AgencyPolicy,
  addDays,
  type LocalDate,
  type PlacementType,
  type SupportPackage,
} from '@fostering/core';
import fc from 'fast-check';
import { end, wideTerms } from '../journeys.js';
import type { Script, ScriptStep } from '../script.js';
import {
  agreedOn,
  approvedHousehold,
  at,
  days,
  layout,
  type Move,
  move,
  placement,
  registerChild,
  startOf,
  weighted,
} from './placements-common.js';

/**
 * Histories of breaks (rules `respite` and `short-breaks`): one child's placements one after another, in one
 * household or two, each on a support package and of a type (short breaks, or an ordinary placement), and on
 * each, respite taken (mostly short, some long, often around the end of a placement year, a quarter of them
 * authorised, some recorded days late) and short-break stays (adding up to near 75 days, across two placements
 * of the same child within 12 months). A placement may end, and the next start, on the same day.
 */

const offset = weighted(
  [3, days(0, 330)],
  [2, fc.tuple(fc.constantFrom(365, 730), days(-14, 10)).map(([y, n]) => y + n)],
);

const breakShape = fc.record({
  kind: weighted([1, fc.constant('respite' as const)], [1, fc.constant('short-break' as const)]),
  /** On an ordinary placement a short break is usually recorded as respite instead. */
  asRespite: weighted([3, fc.constant(true)], [1, fc.constant(false)]),
  offset,
  days: weighted([3, days(1, 7)], [3, days(8, 30)]),
  /** A break of the package's whole entitlement (from policy), or one day less: the boundary. */
  whole: weighted([4, fc.constant(undefined)], [1, days(0, 1)]),
  /** Short breaks run longer: a year's stays come near 75 days. */
  stayDays: weighted([1, days(1, 10)], [3, days(10, 30)]),
  authorised: weighted([3, fc.constant(false)], [1, fc.constant(true)]),
  recordedLate: weighted([4, fc.constant(0)], [1, days(1, 10)]),
});

const placementShape = fc.record({
  child: fc.nat(1),
  household: fc.nat(1),
  placementType: weighted<PlacementType>([3, fc.constant('short-breaks')], [1, fc.constant('long-term')]),
  supportPackage: fc.constantFrom<SupportPackage>('standard', 'enhanced', 'intensive'),
  lasts: weighted([2, days(60, 300)], [1, days(300, 800)]),
  gap: weighted([2, fc.constant(0)], [1, days(1, 60)]),
  breaks: fc.array(breakShape, { minLength: 1, maxLength: 8 }),
});

const world = fc.record({ placements: fc.array(placementShape, { minLength: 1, maxLength: 3 }) });

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

const authorisation = (on: LocalDate) => ({
  authorisedBy: 'registered-manager',
  authorisedOn: on,
  reason: 'carer unwell',
});

const build = (w: World, policy: AgencyPolicy): Script => {
  const moves: Move[] = [
    ...approvedHousehold('h1', { from: at(0), terms: wideTerms }),
    ...approvedHousehold('h2', { from: at(2), terms: wideTerms }),
    move(at(1), ...registerChild('c1', { on: at(1), dateOfBirth: at(-3650) })),
    move(at(1), ...registerChild('c2', { on: at(1), dateOfBirth: at(-2900) })),
  ];
  // Each child's placements follow one another: the next starts the day the last ends, or a little later.
  const free = [addDays(agreedOn(at(2)), 1), addDays(agreedOn(at(2)), 5)];
  w.placements.forEach((p, i) => {
    const child = `c${p.child + 1}`;
    const name = `p${i + 1}`;
    const startedOn = addDays(free[p.child] as LocalDate, p.gap);
    const endedOn = addDays(startedOn, p.lasts);
    free[p.child] = endedOn;
    const household = `h${p.household + 1}`;
    moves.push(
      move(
        startedOn,
        startOf(name, {
          child,
          household,
          startedOn,
          placementType: p.placementType,
          supportPackage: p.supportPackage,
        }),
      ),
    );
    const entitlement = policy.placements.respiteDaysPerYear[p.supportPackage];
    for (const b of p.breaks) {
      const respiteDays = b.whole === undefined ? b.days : Math.max(1, entitlement - b.whole);
      const startsOn = addDays(startedOn, Math.min(b.offset, p.lasts - 1));
      const sentOn = addDays(startsOn, b.recordedLate);
      const step: ScriptStep =
        b.kind === 'respite' || (p.placementType !== 'short-breaks' && b.asRespite)
          ? placement(name, sentOn, {
              kind: 'RecordRespite',
              startsOn,
              days: respiteDays,
              ...(b.authorised ? { authorisation: authorisation(startsOn) } : {}),
            })
          : placement(name, sentOn, { kind: 'RecordShortBreakStay', startsOn, days: b.stayDays });
      moves.push(move(sentOn, step));
    }
    moves.push(move(endedOn, end(name, endedOn)));
  });
  return layout(moves);
};

export const breaksHistories = (policy: AgencyPolicy): fc.Arbitrary<Script> =>
  world.map((w) => build(w, policy));
