import fc from 'fast-check';
import type { LimitExemption, PlacementType, Terms } from '../../approvals/terms.js';
import { addDays, addYears, type LocalDate, maxDate } from '../../calendar/index.js';
import type { EventStore } from '../../eventsourcing/index.js';
import type { EndPlacement, StartPlacement } from '../commands.js';
import { d, seedChild, seedHousehold, startCommand } from './agency.js';

/**
 * Generated agency histories for property tests of the placement process: a few approved households with
 * varied terms (sometimes with an exemption from the usual fostering limit), a few children with varied dates
 * of birth and sibling links, then StartPlacement and EndPlacement commands. Time mostly moves forward; some
 * starts are backdated, and some runs aim at a young person's 18th birthday so that staying put is reached.
 * Households are approved on 2025-01-06 (see `agency.ts`); every date stays inside the England calendar.
 */
export interface SeededHousehold {
  readonly householdId: string;
  readonly terms: Terms;
}

export interface SeededChild {
  readonly childId: string;
  readonly dateOfBirth: LocalDate;
  /** Siblings recorded on this child's own stream (a link may be recorded on one side only). */
  readonly siblingsRecorded: ReadonlyArray<string>;
}

/** A start with only the fields the rules read; `startCommandOf` fills in the register's other fields. */
export interface GeneratedStart {
  readonly kind: 'StartPlacement';
  readonly placementId: string;
  readonly childId: string;
  readonly householdId: string;
  readonly startedOn: LocalDate;
  readonly placementType: PlacementType;
  readonly emergency?: true;
  readonly bedroom?: StartPlacement['bedroom'];
}

export interface GeneratedEnd {
  readonly kind: 'EndPlacement';
  readonly placementId: string;
  readonly endedOn: LocalDate;
}

export type AgencyCommand = GeneratedStart | GeneratedEnd;

export interface AgencyHistory {
  readonly households: ReadonlyArray<SeededHousehold>;
  readonly children: ReadonlyArray<SeededChild>;
  readonly commands: ReadonlyArray<AgencyCommand>;
}

export const startCommandOf = (c: GeneratedStart): StartPlacement =>
  startCommand(c.placementId, c.childId, c.householdId, {
    startedOn: c.startedOn,
    placementType: c.placementType,
    legalBasis: c.placementType === 'staying-put' ? 'staying-put' : 'care-order',
    longTerm: c.placementType === 'long-term',
    bedroom: c.bedroom ?? { shared: false },
    ...(c.emergency === true ? { emergency: true } : {}),
  });

export const endCommandOf = (c: GeneratedEnd): EndPlacement => ({
  kind: 'EndPlacement',
  endedOn: c.endedOn,
  planned: true,
  reason: 'care plan',
  childAddressAfter: '3 Next Street, Ludlow',
});

/** Seeds the households and children of a history on a store, through the `agency.ts` helpers. */
export const seedAgency = async (store: EventStore, history: AgencyHistory): Promise<void> => {
  for (const h of history.households) await seedHousehold(store, h.householdId, h.terms);
  for (const c of history.children) await seedChild(store, c.childId, c.dateOfBirth, c.siblingsRecorded);
};

export const approvedOn = d('2025-01-06');

const weighted = <T>(...choices: ReadonlyArray<readonly [number, fc.Arbitrary<T>]>): fc.Arbitrary<T> =>
  fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const days = (min: number, max: number) => fc.integer({ min, max });

const allTypes: PlacementType[] = [
  'short-term',
  'long-term',
  'emergency',
  'short-breaks',
  'parent-and-child',
  'sibling-group',
  'staying-put',
];
const maxChildrenCount = 8;

const householdShape = fc.record({
  maxChildren: weighted([1, fc.constant(1)], [1, fc.constant(2)], [2, fc.constant(3)], [5, fc.constant(4)]),
  minAge: weighted([6, fc.constant(0)], [1, days(1, 5)]),
  maxAge: weighted([4, fc.constant(17)], [2, fc.constant(18)], [1, days(8, 16)]),
  /** Long- and short-term always; some of the others. */
  placementTypes: fc.subarray(allTypes.slice(2), { minLength: 1 }),
  exemption: fc.option(
    fc.record({
      /** Whether each child (by index) is named: usually, so that it can cover a group of four. */
      names: fc.array(weighted([4, fc.constant(true)], [1, fc.constant(false)]), {
        minLength: maxChildrenCount,
        maxLength: maxChildrenCount,
      }),
      grantedAfter: weighted([3, fc.constant(0)], [1, days(1, 150)]),
      lasts: weighted<number | undefined>([2, fc.constant(undefined)], [1, days(20, 400)]),
    }),
    { nil: undefined, freq: 3 },
  ),
});

const childShape = fc.record({
  dob: weighted(
    /** A young person whose 18th birthday falls between 2025-02 and 2027-06 (staying put). */
    [2, days(0, 880).map((n) => addDays(d('2007-02-01'), n))],
    [2, days(0, 1000).map((n) => addDays(d('2022-03-01'), n))],
    [4, days(0, 4000).map((n) => addDays(d('2009-01-01'), n))],
    [1, fc.constantFrom('2008-02-29', '2012-02-29', '2020-02-29', '2024-02-29').map(d)],
  ),
  /** 0: no siblings; children sharing a group above 0 are siblings. */
  group: weighted([1, fc.constant(0)], [4, fc.constant(1)], [1, fc.constant(2)]),
  /** Where this child's links to earlier siblings are recorded: its own stream, theirs, or both. */
  side: fc.constantFrom('own' as const, 'theirs' as const, 'both' as const),
});

const household = weighted([3, fc.constant(0)], [2, days(1, 2)]);
const bedroom = weighted<StartPlacement['bedroom'] | undefined>(
  [12, fc.constant(undefined)],
  [1, fc.constant({ shared: true })],
  [1, days(0, 40).map((n) => ({ shared: true, sharingAgreedOn: addDays(approvedOn, n) }))],
  [
    2,
    days(0, 40).map((n) => ({
      shared: true,
      sharingAgreedOn: addDays(approvedOn, n),
      sharingAssessedOn: addDays(approvedOn, n),
    })),
  ],
);

const startIntent = fc.record({
  kind: fc.constant('start' as const),
  advance: weighted([2, days(0, 7)], [2, days(0, 45)]),
  child: fc.nat(maxChildrenCount - 1),
  /** Usually a child the generator believes is not placed (some starts are refused, so it can be wrong). */
  fresh: weighted([4, fc.constant(true)], [1, fc.constant(false)]),
  household,
  placementType: weighted<PlacementType>(
    [4, fc.constant('long-term')],
    [3, fc.constant('short-term')],
    [2, fc.constant('emergency')],
    [1, fc.constantFrom('short-breaks', 'parent-and-child', 'sibling-group', 'staying-put')],
  ),
  emergency: weighted([3, fc.constant(false)], [1, fc.constant(true)]),
  backdated: weighted([5, fc.constant(0)], [2, days(1, 120)]),
  bedroom,
});

const endIntent = fc.record({
  kind: fc.constant('end' as const),
  advance: days(0, 60),
  /** Which placement: one believed open, or any earlier start. */
  which: fc.nat(6),
  open: weighted([4, fc.constant(true)], [1, fc.constant(false)]),
});

/** Placed before the 18th birthday, ended after it (or on it), then staying put, usually with the same carers. */
const stayingPutIntent = fc.record({
  kind: fc.constant('staying-put' as const),
  child: fc.nat(maxChildrenCount - 1),
  household,
  placedBefore: days(1, 200),
  endedAfter: weighted([1, fc.constant(0)], [4, days(1, 200)]),
  stayFrom: weighted([5, days(0, 30)], [1, days(900, 1100)]),
  elsewhere: weighted([5, fc.constant(false)], [1, fc.constant(true)]),
});

/** Several children arriving in one household within days: a sibling group first, or whoever is unplaced. */
const arrivalsIntent = fc.record({
  kind: fc.constant('arrivals' as const),
  advance: days(0, 30),
  household,
  roomiest: weighted([3, fc.constant(true)], [1, fc.constant(false)]),
  count: days(2, 5),
  siblingsFirst: fc.boolean(),
  apart: weighted([2, fc.constant(0)], [1, days(1, 5)], [1, days(10, 60)]),
  /** Recorded latest first, so the others are backdated before a placement already recorded. */
  latestFirst: weighted([2, fc.constant(false)], [1, fc.constant(true)]),
  placementType: fc.constantFrom('long-term' as const, 'short-term' as const, 'sibling-group' as const),
});

const world = fc.record({
  households: fc.array(householdShape, { minLength: 1, maxLength: 3 }),
  children: fc.array(childShape, { minLength: 6, maxLength: maxChildrenCount }),
  firstDay: days(-10, 20),
  intents: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: startIntent },
      { weight: 3, arbitrary: endIntent },
      { weight: 2, arbitrary: stayingPutIntent },
      { weight: 2, arbitrary: arrivalsIntent },
    ),
    {
      minLength: 3,
      maxLength: 24,
      size: 'medium',
    },
  ),
});

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

const at = <T>(items: ReadonlyArray<T>, index: number): T => items[index % items.length] as T;

const exemptionOf = (
  householdId: string,
  shape: NonNullable<World['households'][number]['exemption']>,
  childIds: ReadonlyArray<string>,
): LimitExemption[] => {
  const named = childIds.filter((_, i) => shape.names[i] === true);
  if (named.length === 0) return [];
  const grantedOn = addDays(approvedOn, shape.grantedAfter);
  return [
    {
      exemptionId: `${householdId}-exemption`,
      childIds: named,
      grantedBy: 'Shropshire',
      grantedOn,
      conditions: [],
      ...(shape.lasts === undefined ? {} : { endsOn: addDays(grantedOn, shape.lasts) }),
    },
  ];
};

/** Lays the world's intents out as commands, with a cursor for "today" that mostly moves forward. */
const build = (w: World): AgencyHistory => {
  const childIds = w.children.map((_, i) => `c${i}`);
  const children: SeededChild[] = w.children.map((c, i) => ({
    childId: `c${i}`,
    dateOfBirth: c.dob,
    siblingsRecorded: w.children.flatMap((other, j) => {
      if (i === j || c.group === 0 || other.group !== c.group) return [];
      // The later child of each pair decides where their link is recorded.
      const side = i > j ? c.side : other.side;
      const recordedHere = i > j ? side !== 'theirs' : side !== 'own';
      return recordedHere ? [`c${j}`] : [];
    }),
  }));
  const households: SeededHousehold[] = w.households.map((h, i) => ({
    householdId: `h${i}`,
    terms: {
      maxChildren: h.maxChildren,
      ageRange: { minAge: Math.min(h.minAge, h.maxAge), maxAge: h.maxAge },
      placementTypes: ['short-term', 'long-term', ...h.placementTypes],
      supportPackages: ['standard', 'enhanced', 'intensive'],
      exemptions: h.exemption === undefined ? [] : exemptionOf(`h${i}`, h.exemption, childIds),
    },
  }));
  const householdId = (n: number) => `h${n % households.length}`;
  const youngPeople = children.filter((c) => c.dateOfBirth < d('2010-01-01'));
  const commands: AgencyCommand[] = [];
  const starts: string[] = [];
  /** Placements the generator believes open, by child. */
  const open = new Map<string, string>();
  let today = addDays(approvedOn, w.firstDay);
  const start = (fields: Omit<GeneratedStart, 'kind' | 'placementId'>) => {
    const placementId = `p${starts.length}`;
    starts.push(placementId);
    commands.push({ kind: 'StartPlacement', placementId, ...fields });
    open.set(fields.childId, placementId);
    return placementId;
  };
  const end = (placementId: string, endedOn: LocalDate) => {
    commands.push({ kind: 'EndPlacement', placementId, endedOn });
    for (const [childId, p] of open) if (p === placementId) open.delete(childId);
  };
  for (const intent of w.intents) {
    if (intent.kind === 'start') {
      today = addDays(today, intent.advance);
      const unplaced = childIds.filter((id) => !open.has(id));
      start({
        childId: at(intent.fresh && unplaced.length > 0 ? unplaced : childIds, intent.child),
        householdId: householdId(intent.household),
        startedOn: addDays(today, -intent.backdated),
        placementType: intent.placementType,
        ...(intent.emergency ? { emergency: true as const } : {}),
        ...(intent.bedroom === undefined ? {} : { bedroom: intent.bedroom }),
      });
    } else if (intent.kind === 'end') {
      today = addDays(today, intent.advance);
      const candidates = intent.open && open.size > 0 ? [...open.values()] : starts;
      if (candidates.length > 0) end(at(candidates, intent.which), today);
    } else if (intent.kind === 'arrivals') {
      today = addDays(today, intent.advance);
      // The household whose terms take the most children, and children young enough to be fostered for a
      // while, so that groups of more than 3 (siblings, exempted, or refused) are reached.
      const roomiest = households.reduce((a, b) => (b.terms.maxChildren > a.terms.maxChildren ? b : a));
      const home = intent.roomiest ? roomiest.householdId : householdId(intent.household);
      const groupOf = (id: string) => w.children[Number(id.slice(1))]?.group ?? 0;
      const family = (id: string) =>
        groupOf(id) === 0 ? 0 : childIds.filter((other) => groupOf(other) === groupOf(id)).length;
      const candidates = children
        .filter((c) => !open.has(c.childId) && c.dateOfBirth > d('2009-06-30'))
        .map((c) => c.childId);
      const ordered = intent.siblingsFirst
        ? [...candidates].sort((a, b) => family(b) - family(a) || groupOf(a) - groupOf(b))
        : candidates;
      const arriving = ordered.slice(0, intent.count);
      for (const [n, childId] of arriving.entries()) {
        const nth = intent.latestFirst ? arriving.length - 1 - n : n;
        start({
          childId,
          householdId: home,
          startedOn: addDays(today, nth * intent.apart),
          placementType: intent.placementType,
        });
      }
    } else {
      const child = at(youngPeople.length > 0 ? youngPeople : children, intent.child);
      const eighteenth = addYears(child.dateOfBirth, 18);
      const home = householdId(intent.household);
      const placementId = start({
        childId: child.childId,
        householdId: home,
        startedOn: addDays(eighteenth, -intent.placedBefore),
        placementType: 'long-term',
      });
      const endedOn = addDays(eighteenth, intent.endedAfter);
      end(placementId, endedOn);
      start({
        childId: child.childId,
        householdId: intent.elsewhere ? householdId(intent.household + 1) : home,
        startedOn: addDays(endedOn, intent.stayFrom),
        placementType: 'staying-put',
      });
      today = maxDate(today, endedOn);
    }
  }
  return { households, children, commands };
};

export const agencyHistory: fc.Arbitrary<AgencyHistory> = world.map(build);
