import {
  type AgencyPolicy,
  type ChildCommand,
  type ClinicCommand,
  childStreamId,
  clinicStreamId,
  defaultAgencyPolicy,
  type EndPlacement,
  type EventStore,
  type HouseholdCommand,
  householdStreamId,
  type PlacementCommand,
  placementStreamId,
  type RecordShortBreakStay,
  type StaffCommand,
  type StartPlacement,
  staffStreamId,
} from '@fostering/core';
import fc from 'fast-check';
import { agencyCommandHandlers } from '../invariants/agency-handle.js';
import {
  childCommands,
  clinicCommands,
  endPlacementCommands,
  householdCommands,
  placementCommands,
  shortBreakStayCommands,
  staffCommands,
  startPlacementCommands,
} from './agency-commands.js';
import { agencyIds as id, seedAgency } from './agency-seed.js';
import { type FuzzTarget, fuzzMetadata } from './fuzz-commands.js';

export interface AgencyFuzzTargetOptions {
  /** The policy the placement and clinic deciders use; the default policy when absent. */
  readonly policy?: AgencyPolicy;
}

/** Stream ids no well-behaved caller sends: empty, blank, NUL, RTL override, very long, prototype names. */
const oddStreamIds = (prefix: string): fc.Arbitrary<string> =>
  fc.constantFrom(
    '',
    ' ',
    `${prefix}\u0000`,
    `${prefix}\u202Eevil`,
    `${prefix}${'x'.repeat(2_000)}`,
    '__proto__',
    'constructor',
    `${prefix}👩‍👧`,
  );

/** Mostly streams with history (so commands reach the decider), some fresh ones, a few odd ones. */
const streamsOf = (prefix: string, ids: ReadonlyArray<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...ids.map((i) => `${prefix}${i}`)) },
    { weight: 2, arbitrary: fc.nat({ max: 9 }).map((n) => `${prefix}fuzz-${n}`) },
    { weight: 1, arbitrary: oddStreamIds(prefix) },
  );

const seeded = new WeakMap<EventStore, Promise<void>>();

/**
 * Ready-made fuzz targets for this repository's areas, all on one store: households, children, placements
 * (the placement decider's own commands), the placement process's start and end, clinics and staff. Each
 * handles commands as an embedder would (`commandHandler` with the area's decider, registry and command
 * codec; the placement process for starts and ends) with the actor `{ id: 'fuzzer', role: 'test' }`.
 *
 * The first target to run seeds the store once with a small agency (households at several stages, children,
 * placements, a clinic series, staff: see `agency-seed.ts`), so that mutated commands reach the deciders and
 * the store rather than stopping at "not registered". Use a store of its own: the seed expects empty streams.
 */
export const agencyFuzzTargets = (
  store: EventStore,
  options: AgencyFuzzTargetOptions = {},
): ReadonlyArray<FuzzTarget> => {
  const policy = options.policy ?? defaultAgencyPolicy;
  const { households, children, placements, process, clinics, staff } = agencyCommandHandlers({
    store,
    policy,
  });

  const prepare = () => {
    let seeding = seeded.get(store);
    if (seeding === undefined) {
      seeding = seedAgency(
        store,
        {
          child: (streamId, command, metadata) => children(streamId, command as ChildCommand, metadata),
          placement: (streamId, command, metadata) =>
            placements(streamId, command as PlacementCommand, metadata),
          start: (_streamId, command, metadata) => process.start(command as never, metadata),
          clinic: (streamId, command, metadata) => clinics(streamId, command as ClinicCommand, metadata),
          staff: (streamId, command, metadata) => staff(streamId, command as StaffCommand, metadata),
        },
        policy,
      );
      seeded.set(store, seeding);
    }
    return seeding;
  };

  const common = { store, metadata: fuzzMetadata, prepare };
  const placementIds = [id.placement, id.shortBreaksPlacement, id.endablePlacement, id.referredPlacement];
  return [
    {
      ...common,
      name: 'households',
      handle: households,
      streamIds: streamsOf(householdStreamId(''), [
        id.approvedHousehold,
        id.applicantHousehold,
        id.connectedHousehold,
        id.temporaryHousehold,
      ]),
      validCommands: householdCommands,
    } satisfies FuzzTarget<HouseholdCommand>,
    {
      ...common,
      name: 'children',
      handle: children,
      streamIds: streamsOf(childStreamId(''), [id.placedChild, ...id.freeChildren]),
      validCommands: childCommands,
    } satisfies FuzzTarget<ChildCommand>,
    {
      ...common,
      name: 'placements',
      handle: placements,
      streamIds: streamsOf(placementStreamId(''), placementIds),
      validCommands: placementCommands,
    } satisfies FuzzTarget<PlacementCommand>,
    {
      ...common,
      name: 'placement process: start',
      // A start names its placement in the command; the stream id is not used.
      handle: (_streamId, command, metadata) => process.start(command, metadata),
      streamIds: fc.constant(''),
      validCommands: startPlacementCommands,
    } satisfies FuzzTarget<StartPlacement>,
    {
      ...common,
      name: 'placement process: end',
      // An end is sent to a placement: the "stream id" here is the placement id.
      handle: (placementId, command, metadata) => process.end(placementId, command, metadata),
      streamIds: streamsOf('', placementIds),
      validCommands: endPlacementCommands,
    } satisfies FuzzTarget<EndPlacement>,
    {
      ...common,
      name: 'placement process: short-break stay',
      // Sent to a placement, like an end: the "stream id" is the placement id.
      handle: (placementId, command, metadata) =>
        process.recordShortBreakStay(placementId, command, metadata),
      streamIds: streamsOf('', placementIds),
      validCommands: shortBreakStayCommands,
    } satisfies FuzzTarget<RecordShortBreakStay>,
    {
      ...common,
      name: 'clinics',
      handle: clinics,
      streamIds: streamsOf(clinicStreamId(''), [id.clinicSeries]),
      validCommands: clinicCommands(policy),
    } satisfies FuzzTarget<ClinicCommand>,
    {
      ...common,
      name: 'staff supervision',
      handle: staff,
      streamIds: streamsOf(staffStreamId(''), [id.staff, id.supervisor]),
      validCommands: staffCommands,
    } satisfies FuzzTarget<StaffCommand>,
  ];
};
