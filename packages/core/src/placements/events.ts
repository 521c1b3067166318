import * as t from 'io-ts';
import { PlacementType, SupportPackage } from '../approvals/terms.js';
import { LocalDateC } from '../calendar/index.js';
import { type EventOf, eventRegistry, eventType, personalData } from '../eventsourcing/index.js';

/** The legal basis of the child's placement, as the register records it (FSR 22, Schedule 2). */
export const LegalBasis = t.keyof({
  'section-20': null,
  'care-order': null,
  'interim-care-order': null,
  'placement-order': null,
  'emergency-protection-order': null,
  remand: null,
  'staying-put': null,
  other: null,
});

/** How the child sleeps: sharing a bedroom over age 3 needs a written agreement and assessment (rule `bedroom`). */
export const Bedroom = t.intersection([
  t.type({ shared: t.boolean }),
  t.partial({ sharingAgreedOn: LocalDateC, sharingAssessedOn: LocalDateC }),
]);

/** A local authority asks the agency for a placement for a child. */
export const PlacementReferred = eventType(
  'PlacementReferred',
  t.type({
    placementId: t.string,
    childId: t.string,
    referredOn: LocalDateC,
    placingAuthority: t.string,
    needs: t.string,
  }),
);

/** The agency matched the referral with a household; the placement can then start there. */
export const PlacementMatched = eventType(
  'PlacementMatched',
  t.type({ householdId: t.string, matchedOn: LocalDateC, rationale: t.string }),
);

/** Every field the placements register needs is here, so the register can never be incomplete (rule `register`). */
export const PlacementStarted = eventType(
  'PlacementStarted',
  t.intersection([
    t.type({
      placementId: t.string,
      childId: t.string,
      householdId: t.string,
      startedOn: LocalDateC,
      placementType: PlacementType,
      supportPackage: SupportPackage,
      legalBasis: LegalBasis,
      placingAuthority: t.string,
      carerNames: personalData(t.array(t.string), { subjectField: 'householdId' }),
      carersAddress: personalData(t.string, { subjectField: 'householdId' }),
      childAddressBefore: personalData(t.string, { subjectField: 'childId' }),
      bedroom: Bedroom,
      longTerm: t.boolean,
    }),
    t.partial({ outsideTermsUntil: LocalDateC, exemptionId: t.string }),
  ]),
);

export const RespiteTaken = eventType(
  'RespiteTaken',
  t.intersection([
    t.type({ startsOn: LocalDateC, days: t.number }),
    t.partial({
      authorisation: t.type({ authorisedBy: t.string, authorisedOn: LocalDateC, reason: t.string }),
    }),
  ]),
);

/** A stay under a short-breaks placement; 75 days in any 12 months at most (rule `short-breaks`). */
export const ShortBreakStayRecorded = eventType(
  'ShortBreakStayRecorded',
  t.type({ startsOn: LocalDateC, days: t.number }),
);

export const StabilityMeetingHeld = eventType('StabilityMeetingHeld', t.type({ heldOn: LocalDateC }));

/** A worker's concern that the placement may break down: an opinion about the child and the carers, personal. */
export const DisruptionWarningRecorded = eventType(
  'DisruptionWarningRecorded',
  t.type({ recordedOn: LocalDateC, concern: personalData(t.string) }),
);

export const PlacementEnded = eventType(
  'PlacementEnded',
  t.intersection([
    t.type({
      endedOn: LocalDateC,
      planned: t.boolean,
      reason: personalData(t.string),
      childAddressAfter: personalData(t.string),
    }),
    t.partial({ movedToPlacementId: t.string }),
  ]),
);

const definitions = [
  PlacementReferred,
  PlacementMatched,
  PlacementStarted,
  RespiteTaken,
  ShortBreakStayRecorded,
  StabilityMeetingHeld,
  DisruptionWarningRecorded,
  PlacementEnded,
] as const;

/** Every event of the placement stream (`placement-<id>`). */
export const placementEvents = eventRegistry(definitions);
export type PlacementEvent = EventOf<(typeof definitions)[number]>;
export type PlacementStartedData = EventOf<typeof PlacementStarted>['data'];
