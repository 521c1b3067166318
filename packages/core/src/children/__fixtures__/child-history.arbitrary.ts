import fc from 'fast-check';
import { addDays, type LocalDate, unsafeLocalDate } from '../../calendar/index.js';
import type { ChildCommand } from '../commands.js';
import type { ChildRelationship, HealthNeedKind, LegalStatus } from '../events/index.js';

/**
 * Generated lives of one looked-after child (`c1`), for property tests of `childDecider` and the child's
 * deadlines: a start date and what happened, each 0 to 60 days after the one before. Most entries are
 * commands; some are the placement process starting or ending a placement, which appends `ChildPlaced` and
 * `ChildPlacementEnded` itself. Many commands are refused: out of turn, misdated, naming unknown things.
 */
export type HistoryEntry =
  | { readonly kind: 'command'; readonly command: ChildCommand }
  | { readonly kind: 'placed'; readonly on: LocalDate; readonly longTerm: boolean }
  | { readonly kind: 'ended'; readonly on: LocalDate };

export interface GeneratedChildHistory {
  readonly start: LocalDate;
  readonly entries: ReadonlyArray<HistoryEntry>;
}

interface Step {
  readonly advance: number;
  readonly build: (now: LocalDate, placements: number) => HistoryEntry;
}

const weighted = <T>(...choices: ReadonlyArray<readonly [number, fc.Arbitrary<T>]>): fc.Arbitrary<T> =>
  fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const days = (min: number, max: number) => fc.integer({ min, max });
/** Usually 0, now and then an offset: a date written up late, or wrongly early. */
const mostlyZero = (min: number, max: number) => weighted([4, fc.constant(0)], [1, days(min, max)]);
/** Mostly days or weeks apart, sometimes two months: enough for visits and reviews to be met or missed. */
const advance = weighted([2, days(0, 14)], [3, days(10, 50)], [1, days(40, 60)]);

const step = <T>(
  payload: fc.Arbitrary<T>,
  build: (p: T, now: LocalDate, placements: number) => HistoryEntry,
) => fc.tuple(advance, payload).map(([n, p]): Step => ({ advance: n, build: (now, k) => build(p, now, k) }));
const command = <T>(
  payload: fc.Arbitrary<T>,
  build: (p: T, now: LocalDate, placements: number) => ChildCommand,
) => step(payload, (p, now, k) => ({ kind: 'command', command: build(p, now, k) }));

const legalStatuses: LegalStatus[] = ['section-20', 'interim-care-order', 'care-order', 'placement-order'];
const relationships: ChildRelationship[] = ['sibling', 'half-sibling', 'step-sibling', 'other'];
const needKinds: HealthNeedKind[] = ['allergy', 'medical'];

const register = command(
  fc.record({ age: days(-2, 6000), status: fc.constantFrom(...legalStatuses) }),
  ({ age, status }, now) => ({
    kind: 'RegisterChild',
    childId: 'c1',
    name: 'Child c1',
    dateOfBirth: addDays(now, -age),
    legalStatus: status,
    placingAuthority: 'Leeds',
    registeredOn: now,
  }),
);

const placed = step(fc.boolean(), (longTerm, now): HistoryEntry => ({ kind: 'placed', on: now, longTerm }));
const ended = step(fc.constant(null), (_, now): HistoryEntry => ({ kind: 'ended', on: now }));

const visit = command(
  fc.tuple(mostlyZero(-20, 0), fc.option(fc.boolean(), { nil: undefined })),
  ([late, alone], now) => ({
    kind: 'RecordSocialWorkerVisit',
    visitedOn: addDays(now, late),
    ...(alone === undefined ? {} : { seenAlone: alone }),
  }),
);

const review = command(mostlyZero(-20, 0), (late, now) => ({
  kind: 'HoldLookedAfterReview',
  heldOn: addDays(now, late),
}));

/** Usually for the placement just started (`p<n>`), sometimes an earlier or unknown one. */
const placementPlan = command(
  fc.record({
    back: mostlyZero(0, 2),
    before: days(-10, 10),
    signed: weighted([4, fc.constant(true)], [1, fc.constant(false)]),
  }),
  ({ back, before, signed }, now, placements) => ({
    kind: 'RecordPlacementPlan',
    placementId: `p${Math.max(placements - back, 0)}`,
    agreedOn: addDays(now, -before),
    signedByCarer: signed,
  }),
);

const carePlan = command(
  fc.tuple(
    fc.boolean(),
    weighted([3, fc.constant(1)], [2, fc.constant(2)], [1, days(3, 4)]),
    mostlyZero(-20, 0),
  ),
  ([agree, version, late], now) =>
    agree
      ? { kind: 'AgreeTherapeuticCarePlan', version, agreedOn: addDays(now, late) }
      : { kind: 'ReviewTherapeuticCarePlan', version, reviewedOn: addDays(now, late) },
);

const needId = fc.constantFrom('n1', 'n1', 'n2', 'n3', '');
const healthNeed = command(
  fc.tuple(fc.boolean(), needId, fc.constantFrom(...needKinds), mostlyZero(-20, 0)),
  ([record, id, kind, late], now) =>
    record
      ? { kind: 'RecordHealthNeed', needId: id, needKind: kind, description: `need ${id}`, recordedOn: now }
      : { kind: 'ResolveHealthNeed', needId: id, resolvedOn: addDays(now, late) },
);

const relationship = command(
  fc.tuple(fc.constantFrom('c1', 'c2', 'c3', 'c4'), fc.constantFrom(...relationships)),
  ([otherChildId, relation], now) => ({
    kind: 'RecordRelationship',
    otherChildId,
    relationship: relation,
    recordedOn: now,
  }),
);

/** Commands that need nothing but a date. */
const records = command(
  fc.constantFrom<(on: LocalDate) => ChildCommand>(
    (on) => ({ kind: 'ChangeLegalStatus', legalStatus: 'care-order', changedOn: on }),
    (on) => ({ kind: 'ChangeLegalStatus', legalStatus: 'section-20', changedOn: addDays(on, -90) }),
    (on) => ({ kind: 'RecordIdentityNeeds', recordedOn: on, religion: 'none' }),
    (on) => ({ kind: 'RecordIdentityNeeds', recordedOn: on }),
    (on) => ({
      kind: 'RecordEducation',
      recordedOn: on,
      setting: 'primary',
      educationHealthAndCarePlan: false,
    }),
    (on) => ({
      kind: 'RecordChildRiskAssessment',
      assessmentId: 'r1',
      assessedOn: on,
      areas: ['online'],
      facts: 'f',
      analysis: 'a',
    }),
    (on) => ({ kind: 'RecordSafetyPlan', recordedOn: on, assessmentIds: ['r1'], measures: ['m'] }),
  ),
  (make, now) => make(now),
);

const life = weighted(
  [6, visit],
  [3, review],
  [2, placementPlan],
  [2, placed],
  [1, ended],
  [3, carePlan],
  [4, healthNeed],
  [2, relationship],
  [2, records],
  [1, register],
);

const printout = ({ start, entries }: GeneratedChildHistory): string =>
  [
    `child history from ${start}, ${entries.length} entries:`,
    ...entries.map((entry, i) => {
      if (entry.kind !== 'command')
        return `  ${i + 1}. (placement process) ${entry.kind} ${JSON.stringify(entry)}`;
      const { kind, ...fields } = entry.command;
      return `  ${i + 1}. ${kind} ${JSON.stringify(fields)}`;
    }),
  ].join('\n');

export const childHistoryOf = (
  start: LocalDate,
  entries: ReadonlyArray<HistoryEntry>,
): GeneratedChildHistory => {
  const history = { start, entries };
  return Object.assign(history, { [fc.toStringMethod]: () => printout(history) });
};

const materialise = (start: LocalDate, steps: ReadonlyArray<Step>): GeneratedChildHistory => {
  let now = start;
  let placements = 0;
  const entries = steps.map((s) => {
    now = addDays(now, s.advance);
    const entry = s.build(now, placements);
    if (entry.kind === 'placed') placements += 1;
    return entry;
  });
  return childHistoryOf(start, entries);
};

/**
 * A child's life: usually registered first, then placed, then years of visits, reviews and records. Starts
 * fall between 2016 and 2023, so that working-day deadlines stay inside the calendar's years.
 */
export const childHistory: fc.Arbitrary<GeneratedChildHistory> = fc
  .record({
    start: days(0, 2900).map((i) => addDays(unsafeLocalDate('2016-01-01'), i)),
    opening: weighted<ReadonlyArray<Step>>([19, fc.tuple(register)], [1, fc.constant([])]),
    placement: weighted<ReadonlyArray<Step>>([9, fc.tuple(placed)], [1, fc.constant([])]),
    life: fc.array(life, { maxLength: 40, size: '+1' }),
  })
  .map(({ start, opening, placement, life }) => materialise(start, [...opening, ...placement, ...life]));
