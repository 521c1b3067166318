import fc from 'fast-check';
import type { PlacementType, SupportPackage } from '../../approvals/terms.js';
import { addDays, type LocalDate } from '../../calendar/index.js';
import type { PlacementCommand } from '../commands.js';
import { d } from './agency.js';

/**
 * Generated lives of one placement for property tests of `placementDecider`: a start (sometimes an end) and
 * respite and short-break commands, mostly in the first placement year or near a year's end, some before the
 * start or after the end, with and without authorisation.
 */
/** A started (sometimes ended) placement and the respite and short-break commands recorded against it. */
export interface PlacementLife {
  readonly startedOn: LocalDate;
  readonly placementType: PlacementType;
  readonly supportPackage: SupportPackage;
  readonly endedOn?: LocalDate;
  readonly commands: ReadonlyArray<PlacementCommand>;
}

const weighted = <T>(...choices: ReadonlyArray<readonly [number, fc.Arbitrary<T>]>): fc.Arbitrary<T> =>
  fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const days = (min: number, max: number) => fc.integer({ min, max });
/** Days after the start: mostly the first year or so, where the limits bite, often near a placement year's end. */
const offset = weighted(
  [3, days(-5, 420)],
  [2, fc.tuple(fc.constantFrom(365, 730), days(-14, 14)).map(([year, n]) => year + n)],
  [1, days(0, 1100)],
);

const authorisation = {
  authorisedBy: 'registered-manager',
  authorisedOn: d('2025-01-06'),
  reason: 'carer ill',
};
const step = fc.oneof(
  fc.record({
    kind: fc.constant('RecordRespite' as const),
    offset,
    days: weighted([3, days(1, 7)], [1, days(8, 30)], [1, fc.constant(0)]),
    authorised: weighted([3, fc.constant(false)], [1, fc.constant(true)]),
  }),
  fc.record({
    kind: fc.constant('RecordShortBreakStay' as const),
    offset,
    days: weighted([3, days(1, 10)], [2, days(11, 40)]),
  }),
);

export const placementLife: fc.Arbitrary<PlacementLife> = fc
  .record({
    startedOn: weighted(
      [3, days(0, 1100).map((n) => addDays(d('2025-01-06'), n))],
      /** Placement years from 29 February, and short-break windows across it. */
      [1, fc.constantFrom('2027-03-01', '2027-02-28', '2028-02-29', '2027-12-31').map(d)],
    ),
    placementType: weighted<PlacementType>([3, fc.constant('short-breaks')], [1, fc.constant('long-term')]),
    supportPackage: fc.constantFrom<SupportPackage>('standard', 'enhanced', 'intensive'),
    endsAfter: fc.option(days(0, 1000), { nil: undefined, freq: 3 }),
    steps: fc.array(step, { minLength: 1, maxLength: 30, size: 'medium' }),
  })
  .map(({ startedOn, endsAfter, steps, ...rest }) => ({
    startedOn,
    ...rest,
    ...(endsAfter === undefined ? {} : { endedOn: addDays(startedOn, endsAfter) }),
    commands: steps.map(({ offset: n, ...s }): PlacementCommand => {
      const startsOn = addDays(startedOn, n);
      if (s.kind === 'RecordShortBreakStay') return { kind: s.kind, startsOn, days: s.days };
      return { kind: s.kind, startsOn, days: s.days, ...(s.authorised ? { authorisation } : {}) };
    }),
  }));
