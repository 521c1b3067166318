import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType } from '../../eventsourcing/index.js';
import { PlacementType } from '../terms.js';

/**
 * The household's side of a placement. The household stream owns its occupancy, so that two placements racing
 * into one household are decided against the same revision and can never together exceed its limit or terms.
 * Appended by the placement process together with the placement and child events.
 */
export const ChildJoinedHousehold = eventType(
  'ChildJoinedHousehold',
  t.intersection([
    t.type({ placementId: t.string, childId: t.string, startedOn: LocalDateC, placementType: PlacementType }),
    t.partial({
      /** An emergency placement outside the terms must end (or the terms change) by this date (rule `terms`). */
      outsideTermsUntil: LocalDateC,
      /** The exemption from the usual fostering limit that allowed this placement (rule `limit`). */
      exemptionId: t.string,
    }),
  ]),
);

export const ChildLeftHousehold = eventType(
  'ChildLeftHousehold',
  t.type({ placementId: t.string, childId: t.string, endedOn: LocalDateC }),
);
