import {
  type Actor,
  ChildCommand,
  type ChildEvent,
  type ChildState,
  ClinicCommand,
  type ClinicEvent,
  type ClinicSeriesState,
  childDecider,
  childEvents,
  childStreamId,
  childStreamReader,
  clinicDecider,
  clinicEvents,
  clinicStreamId,
  commandHandler,
  type DomainError,
  defaultAgencyPolicy,
  type EndPlacement,
  type EventStore,
  englandWorkingDayCalendar,
  evolveChild,
  evolveClinicSeries,
  evolveHousehold,
  evolvePlacement,
  evolveStaff,
  HouseholdCommand,
  type HouseholdEvent,
  type HouseholdState,
  householdDecider,
  householdEvents,
  householdStreamId,
  initialChildState,
  initialClinicSeriesState,
  initialHouseholdState,
  initialPlacementState,
  initialStaffState,
  inMemoryEventStore,
  type ManualClock,
  manualClock,
  type PlacementCommand,
  PlacementCommand as PlacementCommandCodec,
  type PlacementEvent,
  type PlacementState,
  placementDecider,
  placementEvents,
  placementProcess,
  placementStreamId,
  type RecordedEvent,
  type Snapshot,
  type SnapshotStore,
  type StaffCommand,
  StaffCommand as StaffCommandCodec,
  type StaffEvent,
  type StaffState,
  type StartPlacement,
  staffDecider,
  staffEvents,
  staffStreamId,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { type Day, dateOf, dayOfInstant, instantOf } from './days.js';

/**
 * The latest folded state of every stream of one kind, kept current from the results of every append. It is
 * both the generator's view of the records (which households have room, which child is placed where) and the
 * command handlers' snapshot store, so a command loads its stream's state without reading the stream again.
 * States are kept by reference, not copied: the deciders' `evolve` functions never mutate a state, and nor does
 * the generator.
 */
export interface Mirror<S> extends SnapshotStore<S> {
  readonly state: (streamId: string) => S;
  readonly has: (streamId: string) => boolean;
  /** Folds events appended by the placement process, which writes household and child streams directly. */
  readonly apply: (event: RecordedEvent) => void;
}

const mirror = <S, Ev>(initial: S, evolve: (state: S, event: Ev) => S): Mirror<S> => {
  const snapshots = new Map<string, Snapshot<S>>();
  return {
    load: async (streamId) => snapshots.get(streamId),
    save: async (snapshot) => {
      snapshots.set(snapshot.streamId, snapshot);
    },
    state: (streamId) => snapshots.get(streamId)?.state ?? initial,
    has: (streamId) => snapshots.has(streamId),
    apply: (event) => {
      const current = snapshots.get(event.streamId);
      const expected = current === undefined ? 0 : current.revision + 1;
      if (event.streamRevision !== expected) {
        throw new Error(
          `mirror of ${event.streamId} is at ${expected - 1}, got revision ${event.streamRevision}`,
        );
      }
      // Stored data is the codec's JSON form, which for these event types is their decoded form too.
      const state = evolve(current?.state ?? initial, { type: event.type, data: event.data } as Ev);
      snapshots.set(event.streamId, {
        streamId: event.streamId,
        revision: event.streamRevision,
        state,
        version,
      });
    },
  };
};

const version = 1;
const always = () => true;

export interface CommandCounts {
  readonly accepted: number;
  readonly refused: number;
  /** Refusals by the id of the rule that refused them, or by the error's tag when no rule did. */
  readonly refusedByRule: Record<string, number>;
}

export interface Refusal {
  readonly streamId: string;
  readonly kind: string;
  readonly reason: string;
  readonly message: string;
}

/** How a command is attributed and dated: who records it, and the day the fact happened. */
export interface Recording {
  readonly actor: Actor;
  /** The day the fact happened; `occurredAt` is that day, recorded now (the clock) or earlier. */
  readonly on: Day;
  /** Minute of the day (UTC) it happened, when it matters; otherwise shortly before it was recorded. */
  readonly minute?: number;
}

export interface Ledger {
  readonly store: EventStore;
  readonly clock: ManualClock;
  /** Moves the store's clock to the instant the next commands are recorded at (never backwards). */
  readonly recordAt: (ms: number) => void;
  readonly household: (id: string, command: HouseholdCommand, recording: Recording) => Promise<boolean>;
  readonly child: (id: string, command: ChildCommand, recording: Recording) => Promise<boolean>;
  readonly placement: (id: string, command: PlacementCommand, recording: Recording) => Promise<boolean>;
  readonly clinic: (id: string, command: ClinicCommand, recording: Recording) => Promise<boolean>;
  readonly staff: (id: string, command: StaffCommand, recording: Recording) => Promise<boolean>;
  readonly startPlacement: (command: StartPlacement, recording: Recording) => Promise<boolean>;
  readonly endPlacement: (id: string, command: EndPlacement, recording: Recording) => Promise<boolean>;
  readonly households: Mirror<HouseholdState>;
  readonly children: Mirror<ChildState>;
  readonly placements: Mirror<PlacementState>;
  readonly clinics: Mirror<ClinicSeriesState>;
  readonly staffMembers: Mirror<StaffState>;
  readonly counts: () => CommandCounts;
  readonly events: () => number;
  readonly refusals: () => ReadonlyArray<Refusal>;
}

type Outcome = E.Either<DomainError & { readonly _tag: string }, { readonly events: ReadonlyArray<unknown> }>;

const infrastructure = new Set([
  'WrongExpectedRevision',
  'EventIdConflict',
  'StoreUnavailable',
  'EventDecodeError',
]);

/**
 * A 48-bit millisecond time, a version nibble 7 and a counter: the shape of a UUID v7, so correlation ids sort
 * by the time their command was recorded, but deterministic, so that two runs with one seed agree on them.
 */
const correlationIdOf = (ms: number, n: number, seed: number): string => {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0').slice(-width);
  const time = hex(ms, 12);
  const seedPart = hex(seed >>> 0, 8);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${seedPart.slice(0, 3)}-8${seedPart.slice(3, 6)}-${hex(n, 12)}`;
};

/**
 * Every command of the simulation goes through here, to the real deciders: `commandHandler` for the household,
 * child, placement, clinic series and staff streams, and `placementProcess` to start and end placements (three
 * streams in one append) and to record short-break stays (counted across the child's placements). Accepted and
 * refused commands are counted, a refusal by its rule; nothing is retried or hidden. Infrastructure errors
 * cannot happen on the in-memory store and throw if they do.
 */
export const ledger = (seed: number): Ledger => {
  const clock = manualClock(new Date(0));
  const store = inMemoryEventStore({ clock });
  const households = mirror<HouseholdState, HouseholdEvent>(initialHouseholdState, evolveHousehold);
  const children = mirror<ChildState, ChildEvent>(initialChildState, evolveChild);
  const placements = mirror<PlacementState, PlacementEvent>(initialPlacementState, evolvePlacement);
  const clinics = mirror<ClinicSeriesState, ClinicEvent>(initialClinicSeriesState, evolveClinicSeries);
  const staffMembers = mirror<StaffState, StaffEvent>(initialStaffState, evolveStaff);
  const snapshot = <S>(m: Mirror<S>) => ({ store: m, strategy: always, version });

  const handleHousehold = commandHandler({
    store,
    clock,
    registry: householdEvents,
    decider: householdDecider,
    commandCodec: HouseholdCommand,
    snapshots: snapshot(households),
  });
  const handleChild = commandHandler({
    store,
    clock,
    registry: childEvents,
    decider: childDecider,
    commandCodec: ChildCommand,
    snapshots: snapshot(children),
  });
  const handlePlacement = commandHandler({
    store,
    clock,
    registry: placementEvents,
    decider: placementDecider(defaultAgencyPolicy),
    commandCodec: PlacementCommandCodec,
    snapshots: snapshot(placements),
  });
  const handleClinic = commandHandler({
    store,
    clock,
    registry: clinicEvents,
    decider: clinicDecider(defaultAgencyPolicy),
    commandCodec: ClinicCommand,
    snapshots: snapshot(clinics),
  });
  const handleStaff = commandHandler({
    store,
    clock,
    registry: staffEvents,
    decider: staffDecider,
    commandCodec: StaffCommandCodec,
    snapshots: snapshot(staffMembers),
  });
  const process = placementProcess({
    store,
    children: childStreamReader,
    calendar: englandWorkingDayCalendar,
    clock,
  });

  let now = 0;
  let accepted = 0;
  let refused = 0;
  let events = 0;
  let commandNumber = 0;
  const refusedByRule: Record<string, number> = {};
  const refusals: Refusal[] = [];

  const metadata = (recording: Recording) => {
    // Each command is recorded a second after the one before, so that `recordedAt` is strictly increasing.
    now += 1000;
    clock.set(new Date(now));
    const today = dayOfInstant(now);
    const minuteNow = Math.floor((now % 86_400_000) / 60_000);
    // Something recorded the day it happened happened earlier that day; earlier facts at their own time.
    const wanted = recording.minute ?? (recording.on === today ? Math.max(420, minuteNow - 30) : 600);
    const minute = recording.on === today ? Math.min(wanted, minuteNow) : wanted;
    if (recording.on > today)
      throw new Error(`a fact of ${dateOf(recording.on)} recorded before it happened`);
    return {
      actor: recording.actor,
      occurredAt: instantOf(recording.on, minute),
      correlationId: correlationIdOf(now, ++commandNumber, seed),
    };
  };

  const settle = (streamId: string, kind: string, outcome: Outcome): boolean => {
    if (E.isRight(outcome)) {
      accepted++;
      events += outcome.right.events.length;
      return true;
    }
    const error = outcome.left;
    if (infrastructure.has(error._tag)) {
      throw new Error(`the in-memory store failed on ${streamId} (${kind}): ${error._tag}: ${error.message}`);
    }
    const reason = error.rule?.id ?? error._tag;
    refused++;
    refusedByRule[reason] = (refusedByRule[reason] ?? 0) + 1;
    refusals.push({ streamId, kind, reason, message: error.message });
    return false;
  };

  const applyAll = (recorded: ReadonlyArray<RecordedEvent>) => {
    for (const event of recorded) {
      if (event.streamId.startsWith('household-')) households.apply(event);
      else if (event.streamId.startsWith('child-')) children.apply(event);
      else if (event.streamId.startsWith('placement-')) placements.apply(event);
    }
  };

  return {
    store,
    clock,
    recordAt: (ms) => {
      now = Math.max(now, ms);
    },
    household: async (id, command, recording) => {
      const streamId = householdStreamId(id);
      return settle(streamId, command.kind, await handleHousehold(streamId, command, metadata(recording)));
    },
    child: async (id, command, recording) => {
      const streamId = childStreamId(id);
      return settle(streamId, command.kind, await handleChild(streamId, command, metadata(recording)));
    },
    placement: async (id, command, recording) => {
      const streamId = placementStreamId(id);
      if (command.kind === 'RecordShortBreakStay') {
        // The 75 days are the child's across all their placements: the process reads the others.
        const outcome = await process.recordShortBreakStay(id, command, metadata(recording));
        const settled = settle(
          streamId,
          command.kind,
          E.map((events: ReadonlyArray<RecordedEvent>) => ({ events }))(outcome),
        );
        if (E.isRight(outcome)) applyAll(outcome.right);
        return settled;
      }
      return settle(streamId, command.kind, await handlePlacement(streamId, command, metadata(recording)));
    },
    clinic: async (id, command, recording) => {
      const streamId = clinicStreamId(id);
      return settle(streamId, command.kind, await handleClinic(streamId, command, metadata(recording)));
    },
    staff: async (id, command, recording) => {
      const streamId = staffStreamId(id);
      return settle(streamId, command.kind, await handleStaff(streamId, command, metadata(recording)));
    },
    startPlacement: async (command, recording) => {
      const outcome = await process.start(command, metadata(recording));
      if (E.isRight(outcome)) applyAll(outcome.right.events);
      return settle(placementStreamId(command.placementId), command.kind, outcome);
    },
    endPlacement: async (id, command, recording) => {
      const outcome = await process.end(id, command, metadata(recording));
      const settled = settle(
        placementStreamId(id),
        command.kind,
        E.map((events: ReadonlyArray<RecordedEvent>) => ({ events }))(outcome),
      );
      if (E.isRight(outcome)) applyAll(outcome.right);
      return settled;
    },
    households,
    children,
    placements,
    clinics,
    staffMembers,
    counts: () => ({ accepted, refused, refusedByRule: { ...refusedByRule } }),
    events: () => events,
    refusals: () => refusals,
  };
};
