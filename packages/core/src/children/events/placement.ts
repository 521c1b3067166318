import * as t from 'io-ts';
import { PlacementType } from '../../approvals/terms.js';
import { LocalDateC } from '../../calendar/index.js';
import { eventType } from '../../eventsourcing/index.js';

/**
 * The child's side of a placement. The child stream owns "where is this child placed now", so that a child can
 * never be in two placements at once: the placement process appends these together with the placement and
 * household events, against the child stream's expected revision.
 */
export const ChildPlaced = eventType(
  'ChildPlaced',
  t.type({
    placementId: t.string,
    householdId: t.string,
    startedOn: LocalDateC,
    placementType: PlacementType,
    /** Long-term placements have 3-monthly social worker visits after the first year (rule `child-visits`). */
    longTerm: t.boolean,
  }),
);

export const ChildPlacementEnded = eventType(
  'ChildPlacementEnded',
  t.type({ placementId: t.string, endedOn: LocalDateC }),
);
