import type { HouseholdRecords } from '../../approvals/projections/households.js';
import { initialHouseholdState } from '../../approvals/state.js';
import { isApprovedOn, occupantsOn, termsOn } from '../../approvals/status.js';
import type { LocalDate } from '../../calendar/index.js';
import { type Personal, type Projection, recordsByStream } from '../../eventsourcing/index.js';
import type { AgencyPolicy } from '../../policy/index.js';
import { placementYearInCalendar, respiteDaysIn } from '../decider.js';
import { type PlacementEvent, placementEvents } from '../events.js';
import { evolvePlacement, initialPlacementState, type PlacementState } from '../state.js';

export type PlacementRecords = Readonly<Record<string, PlacementState>>;

/** Every placement's folded record, by placement id. */
export const placementRecords: Projection<PlacementRecords, PlacementEvent> = recordsByStream({
  name: 'placements.placement-records',
  registry: placementEvents,
  prefix: 'placement-',
  initialState: initialPlacementState,
  evolve: evolvePlacement,
});

/** One line of the placements register: every field FSR 22 and Schedule 2 require (rule `register`). */
export interface RegisterLine {
  readonly placementId: string;
  readonly childId: string;
  readonly startedOn: LocalDate;
  /** Personal data: each reads as `Erased` once its subject (the household, the child) was erased. */
  readonly carerNames: Personal<ReadonlyArray<string>>;
  readonly carersAddress: Personal<string>;
  readonly endedOn?: LocalDate;
  readonly childAddressBefore: Personal<string>;
  readonly childAddressAfter?: Personal<string>;
  readonly placingAuthority: string;
  readonly legalBasis: string;
  readonly householdId: string;
  readonly placementType: string;
}

const started = (records: PlacementRecords, asOf: LocalDate) =>
  Object.values(records).flatMap((state) =>
    state.started !== undefined && state.started.startedOn <= asOf ? [{ state, started: state.started }] : [],
  );

/** The placements register as of a date: placements started by then, with their end if it had happened. */
export const placementsRegister = (records: PlacementRecords, asOf: LocalDate): ReadonlyArray<RegisterLine> =>
  started(records, asOf)
    .map(({ state, started: s }) => {
      const ended = state.ended !== undefined && state.ended.endedOn <= asOf ? state.ended : undefined;
      return {
        placementId: s.placementId,
        childId: s.childId,
        householdId: s.householdId,
        startedOn: s.startedOn,
        placementType: s.placementType,
        carerNames: s.carerNames,
        carersAddress: s.carersAddress,
        childAddressBefore: s.childAddressBefore,
        placingAuthority: s.placingAuthority,
        legalBasis: s.legalBasis,
        ...(ended === undefined
          ? {}
          : { endedOn: ended.endedOn, childAddressAfter: ended.childAddressAfter }),
      };
    })
    .sort((a, b) =>
      a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : a.placementId < b.placementId ? -1 : 1,
    );

/** A child's or a household's placements in start order. */
export const placementHistory = (
  records: PlacementRecords,
  asOf: LocalDate,
  of: { readonly childId: string } | { readonly householdId: string },
): ReadonlyArray<RegisterLine> =>
  placementsRegister(records, asOf).filter((line) =>
    'childId' in of ? line.childId === of.childId : line.householdId === of.householdId,
  );

export interface Occupancy {
  readonly householdId: string;
  readonly maxChildren: number;
  readonly fostered: ReadonlyArray<string>;
  readonly stayingPut: ReadonlyArray<string>;
  readonly vacancies: number;
}

/** Who lives in each approved household on a date, and how many more children its terms allow. */
export const householdOccupancy = (households: HouseholdRecords, asOf: LocalDate): ReadonlyArray<Occupancy> =>
  Object.entries(households)
    .filter(([, state]) => isApprovedOn(state, asOf))
    .map(([householdId, state]) => {
      const occupants = occupantsOn(state ?? initialHouseholdState, asOf);
      const fostered = occupants.filter((o) => o.placementType !== 'staying-put').map((o) => o.childId);
      const maxChildren = termsOn(state, asOf)?.maxChildren ?? 0;
      return {
        householdId,
        maxChildren,
        fostered,
        stayingPut: occupants.filter((o) => o.placementType === 'staying-put').map((o) => o.childId),
        vacancies: Math.max(0, Math.min(maxChildren, 3) - fostered.length),
      };
    })
    .sort((a, b) => (a.householdId < b.householdId ? -1 : 1));

export interface RespiteBalance {
  readonly yearFrom: LocalDate;
  /**
   * The first day of the next placement year (days are counted before it), or 9999-12-31 when the year runs
   * past the calendar (no stay reaches that day, since a stay must end by then).
   */
  readonly yearTo: LocalDate;
  readonly entitlement: number;
  readonly used: number;
  readonly authorisedBeyond: number;
  readonly remaining: number;
}

/** Respite used against entitlement in the placement year containing `asOf` (rule `respite`). */
export const respiteBalance = (
  state: PlacementState,
  asOf: LocalDate,
  policy: AgencyPolicy,
): RespiteBalance | undefined => {
  if (state.started === undefined || state.started.startedOn > asOf) return undefined;
  const year = placementYearInCalendar(state.started.startedOn, asOf);
  const entitlement = policy.placements.respiteDaysPerYear[state.started.supportPackage];
  const used = respiteDaysIn(
    state.respite.filter((r) => r.startsOn <= asOf),
    year.from,
    year.to,
  );
  return {
    yearFrom: year.from,
    yearTo: year.to,
    entitlement,
    used,
    authorisedBeyond: Math.max(0, used - entitlement),
    remaining: Math.max(0, entitlement - used),
  };
};

export interface StabilityFigures {
  readonly placementsStarted: number;
  readonly placementsEnded: number;
  readonly unplannedEndings: number;
  /** Moves per child: placements started in the period after the child's first one in it. */
  readonly movesPerChild: Readonly<Record<string, number>>;
  readonly disruptionWarnings: number;
  readonly stabilityMeetings: number;
}

/** Agency-wide stability over a period [from, to): unplanned endings and moves per child. */
export const stabilityFigures = (
  records: PlacementRecords,
  from: LocalDate,
  to: LocalDate,
): StabilityFigures => {
  const within = (d: LocalDate) => d >= from && d < to;
  const states = Object.values(records).filter((s) => s.started !== undefined);
  const startsByChild = new Map<string, number>();
  for (const s of states) {
    if (s.started !== undefined && within(s.started.startedOn)) {
      startsByChild.set(s.started.childId, (startsByChild.get(s.started.childId) ?? 0) + 1);
    }
  }
  const ended = states.filter((s) => s.ended !== undefined && within(s.ended.endedOn));
  return {
    placementsStarted: [...startsByChild.values()].reduce((a, b) => a + b, 0),
    placementsEnded: ended.length,
    unplannedEndings: ended.filter((s) => s.ended?.planned === false).length,
    movesPerChild: Object.fromEntries([...startsByChild].map(([childId, n]) => [childId, n - 1])),
    disruptionWarnings: states.flatMap((s) => s.disruptionWarnings).filter((w) => within(w.recordedOn))
      .length,
    stabilityMeetings: states.flatMap((s) => s.stabilityMeetings).filter(within).length,
  };
};
