import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType } from '../../eventsourcing/index.js';

/** A statutory visit by the child's social worker (rule `child-visits`, CPPR 28). */
export const SocialWorkerVisitRecorded = eventType(
  'SocialWorkerVisitRecorded',
  t.intersection([t.type({ visitedOn: LocalDateC }), t.partial({ seenAlone: t.boolean })]),
);

/** A looked-after review chaired by the independent reviewing officer (rule `lac-reviews`, CPPR 33). */
export const LookedAfterReviewHeld = eventType('LookedAfterReviewHeld', t.type({ heldOn: LocalDateC }));

/**
 * A version of the placement plan for one of the child's placements (rule `placement-plan`, CPPR 9). A later
 * version may add the carer's signature to a plan agreed earlier.
 */
export const PlacementPlanRecorded = eventType(
  'PlacementPlanRecorded',
  t.type({ placementId: t.string, agreedOn: LocalDateC, signedByCarer: t.boolean }),
);
