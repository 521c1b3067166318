import * as t from 'io-ts';
import { PlacementType, SupportPackage } from '../approvals/terms.js';
import { LocalDateC } from '../calendar/index.js';
import { NonBlankString } from '../eventsourcing/index.js';
import { Bedroom, LegalBasis } from './events.js';

/**
 * Starting a placement touches three streams (placement, household, child): the placement process runs it. The
 * register's free-text fields (FSR 22, Schedule 2) must hold something: blank ones are refused naming the field.
 */
export const StartPlacement = t.intersection([
  t.type({
    kind: t.literal('StartPlacement'),
    placementId: t.string,
    childId: t.string,
    householdId: t.string,
    startedOn: LocalDateC,
    placementType: PlacementType,
    supportPackage: SupportPackage,
    legalBasis: LegalBasis,
    placingAuthority: NonBlankString,
    carersAddress: NonBlankString,
    childAddressBefore: NonBlankString,
    bedroom: Bedroom,
    longTerm: t.boolean,
  }),
  /** An emergency placement may fall outside the terms for at most 6 working days (rule `terms`). */
  t.partial({ emergency: t.boolean }),
]);
export type StartPlacement = t.TypeOf<typeof StartPlacement>;

export const EndPlacement = t.intersection([
  t.type({
    kind: t.literal('EndPlacement'),
    endedOn: LocalDateC,
    planned: t.boolean,
    reason: t.string,
    childAddressAfter: NonBlankString,
  }),
  t.partial({ movedToPlacementId: t.string }),
]);
export type EndPlacement = t.TypeOf<typeof EndPlacement>;

/**
 * A short-break stay (rule `short-breaks`, CPPR 48). The 75 days in any 12 months are the child's, across all
 * their placements, so `placementProcess(...).recordShortBreakStay` decides it with the stays of the child's
 * other placements; the placement decider alone sees only this placement's stays.
 */
export const RecordShortBreakStay = t.type({
  kind: t.literal('RecordShortBreakStay'),
  startsOn: LocalDateC,
  days: t.number,
});
export type RecordShortBreakStay = t.TypeOf<typeof RecordShortBreakStay>;

/** Commands on the placement stream alone. */
export const PlacementCommand = t.union([
  t.type({
    kind: t.literal('ReferPlacement'),
    placementId: t.string,
    childId: t.string,
    referredOn: LocalDateC,
    placingAuthority: t.string,
    needs: t.string,
  }),
  t.type({
    kind: t.literal('MatchPlacement'),
    householdId: t.string,
    matchedOn: LocalDateC,
    rationale: t.string,
  }),
  t.intersection([
    t.type({ kind: t.literal('RecordRespite'), startsOn: LocalDateC, days: t.number }),
    t.partial({
      authorisation: t.type({ authorisedBy: t.string, authorisedOn: LocalDateC, reason: t.string }),
    }),
  ]),
  RecordShortBreakStay,
  t.type({ kind: t.literal('HoldStabilityMeeting'), heldOn: LocalDateC }),
  t.type({ kind: t.literal('RecordDisruptionWarning'), recordedOn: LocalDateC, concern: t.string }),
]);
export type PlacementCommand = t.TypeOf<typeof PlacementCommand>;
