import {
  type AgencyPolicy,
  ChildCommand,
  ClinicCommand,
  type CommandMetadata,
  childDecider,
  childEvents,
  childStreamId,
  childStreamReader,
  clinicDecider,
  clinicEvents,
  clinicStreamId,
  commandHandler,
  defaultAgencyPolicy,
  type EndPlacement,
  type EventStore,
  HouseholdCommand,
  householdDecider,
  householdEvents,
  householdStreamId,
  PlacementCommand,
  placementDecider,
  placementEvents,
  placementProcess,
  placementStreamId,
  StaffCommand,
  type StartPlacement,
  staffDecider,
  staffEvents,
  staffStreamId,
} from '@fostering/core';
import type * as E from 'fp-ts/lib/Either.js';

/**
 * One command for one record of the agency, as the invariant catalogue sends it. `id` is the record's own id
 * (a household id, not its stream id). A placement's start, end and short-break stays go to the placement
 * process; its other commands (referral, match…) to the placement decider.
 */
export type AgencyRequest =
  | { readonly area: 'households'; readonly id: string; readonly command: HouseholdCommand }
  | { readonly area: 'children'; readonly id: string; readonly command: ChildCommand }
  | {
      readonly area: 'placements';
      readonly id: string;
      readonly command: PlacementCommand | StartPlacement | EndPlacement;
    }
  | { readonly area: 'clinics'; readonly id: string; readonly command: ClinicCommand }
  | { readonly area: 'staff'; readonly id: string; readonly command: StaffCommand };

export type AgencyArea = AgencyRequest['area'];

/** A refusal: anything with a tag; a rule refusal also names its rule. */
export interface Refusal {
  readonly _tag: string;
  readonly rule?: { readonly id: string; readonly citation: string };
  readonly message?: string;
}

/**
 * The embedder's command pipeline as the catalogue drives it: one request in, an Either out, never a throw.
 * Wrap your own entry point (an HTTP client, a message bus, a function) in this shape; `agencyHandle` is this
 * library's own wiring, for comparison.
 */
export type AgencyHandle = (
  request: AgencyRequest,
  metadata: CommandMetadata,
) => Promise<E.Either<Refusal, unknown>>;

/** The streams a request writes to, by this library's stream naming (which the catalogue reads back). */
export const streamsOf = (request: AgencyRequest): ReadonlyArray<string> => {
  switch (request.area) {
    case 'households':
      return [householdStreamId(request.id)];
    case 'children':
      return [childStreamId(request.id)];
    case 'clinics':
      return [clinicStreamId(request.id)];
    case 'staff':
      return [staffStreamId(request.id)];
    case 'placements': {
      const { command } = request;
      // A start also records on the child's stream; the household is read, never written, but its stream is
      // read back so that the checks see the household the placement went to.
      const others =
        command.kind === 'StartPlacement'
          ? [childStreamId(command.childId), householdStreamId(command.householdId)]
          : [];
      return [placementStreamId(request.id), ...others];
    }
  }
};

export interface AgencyHandleOptions {
  readonly store: EventStore;
  /** The policy the placement and clinic deciders use; the default policy when absent. */
  readonly policy?: AgencyPolicy;
}

/**
 * Each area's command entry point on one store, wired as an embedder would: `commandHandler` with the area's
 * decider, registry and command codec; the placement process for starts, ends and short-break stays. The
 * catalogue's reference handle and the fuzz targets both use it.
 */
export const agencyCommandHandlers = ({ store, policy = defaultAgencyPolicy }: AgencyHandleOptions) => {
  const households = commandHandler({
    store,
    registry: householdEvents,
    decider: householdDecider,
    commandCodec: HouseholdCommand,
  });
  const children = commandHandler({
    store,
    registry: childEvents,
    decider: childDecider,
    commandCodec: ChildCommand,
  });
  const placements = commandHandler({
    store,
    registry: placementEvents,
    decider: placementDecider(policy),
    commandCodec: PlacementCommand,
  });
  const process = placementProcess({ store, children: childStreamReader });
  const clinics = commandHandler({
    store,
    registry: clinicEvents,
    decider: clinicDecider(policy),
    commandCodec: ClinicCommand,
  });
  const staff = commandHandler({
    store,
    registry: staffEvents,
    decider: staffDecider,
    commandCodec: StaffCommand,
  });
  return { households, children, placements, process, clinics, staff };
};

/** This library's reference wiring of every area on one store: what an embedder's pipeline should match. */
export const agencyHandle = (options: AgencyHandleOptions): AgencyHandle => {
  const { households, children, placements, process, clinics, staff } = agencyCommandHandlers(options);
  return async (request, metadata) => {
    switch (request.area) {
      case 'households':
        return households(householdStreamId(request.id), request.command, metadata);
      case 'children':
        return children(childStreamId(request.id), request.command, metadata);
      case 'clinics':
        return clinics(clinicStreamId(request.id), request.command, metadata);
      case 'staff':
        return staff(staffStreamId(request.id), request.command, metadata);
      case 'placements': {
        const { command } = request;
        if (command.kind === 'StartPlacement') return process.start(command, metadata);
        if (command.kind === 'EndPlacement') return process.end(request.id, command, metadata);
        // The 75 days of short breaks are the child's, across all their placements: the process counts them.
        if (command.kind === 'RecordShortBreakStay')
          return process.recordShortBreakStay(request.id, command, metadata);
        return placements(placementStreamId(request.id), command, metadata);
      }
    }
  };
};
