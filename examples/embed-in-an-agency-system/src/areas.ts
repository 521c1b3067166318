import {
  type AgencyPolicy,
  ChildCommand,
  ClinicCommand,
  childDecider,
  childEvents,
  childStreamId,
  clinicDecider,
  clinicEvents,
  clinicStreamId,
  type Decider,
  type DomainError,
  type DomainEvent,
  type EventRegistry,
  HouseholdCommand,
  householdDecider,
  householdEvents,
  householdStreamId,
  PlacementCommand,
  placementDecider,
  placementEvents,
  placementStreamId,
  StaffCommand,
  staffDecider,
  staffEvents,
  staffStreamId,
} from '@fostering/core';
import type * as t from 'io-ts';

/**
 * One stream per resource, decided by one decider: what `POST /<resource>/:<param>/commands` needs to run
 * `commandHandler`. The placement stream's start, end and short-break stays run through the placement process
 * instead.
 */
export interface StreamArea<Command, State, Event extends DomainEvent, Err extends DomainError> {
  /** The path segment: `/households/:householdId/commands`. */
  readonly resource: string;
  /** The path parameter; a command field of the same name (`RegisterChild.childId`) must agree with it. */
  readonly param: string;
  readonly streamId: (id: string) => string;
  readonly registry: EventRegistry<Event>;
  readonly decider: Decider<Command, State, Event, Err>;
  readonly commandCodec: t.Type<Command, unknown, unknown>;
  /** Commands of this resource that have their own route (`:id` stands for the path's id). */
  readonly elsewhere?: Readonly<Record<string, string>>;
}

const area = <Command, State, Event extends DomainEvent, Err extends DomainError>(
  config: StreamArea<Command, State, Event, Err>,
) => config;

/** The five single-stream areas, with the policy the clinic and placement deciders read. */
export const streamAreas = (policy: AgencyPolicy) => ({
  households: area({
    resource: 'households',
    param: 'householdId',
    streamId: householdStreamId,
    registry: householdEvents,
    decider: householdDecider,
    commandCodec: HouseholdCommand,
  }),
  children: area({
    resource: 'children',
    param: 'childId',
    streamId: childStreamId,
    registry: childEvents,
    decider: childDecider,
    commandCodec: ChildCommand,
  }),
  clinics: area({
    resource: 'clinics',
    param: 'seriesId',
    streamId: clinicStreamId,
    registry: clinicEvents,
    decider: clinicDecider(policy),
    commandCodec: ClinicCommand,
  }),
  staff: area({
    resource: 'staff',
    param: 'staffId',
    streamId: staffStreamId,
    registry: staffEvents,
    decider: staffDecider,
    commandCodec: StaffCommand,
  }),
  placements: area({
    resource: 'placements',
    param: 'placementId',
    streamId: placementStreamId,
    registry: placementEvents,
    decider: placementDecider(policy),
    commandCodec: PlacementCommand,
    elsewhere: {
      StartPlacement: '/placements/:id/start',
      EndPlacement: '/placements/:id/end',
      RecordShortBreakStay: '/placements/:id/short-break-stays',
    },
  }),
});
