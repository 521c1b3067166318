import { terms } from '../../approvals/__fixtures__/household-history.js';
import type { HouseholdEvent } from '../../approvals/events/index.js';
import * as hev from '../../approvals/events/index.js';
import { evolveHousehold, type HouseholdState, initialHouseholdState } from '../../approvals/state.js';
import type { LocalDate } from '../../calendar/index.js';

/** A household's events in the shape the approvals stream records them, for supervision's pure functions. */
export const approvedHousehold = (householdId: string, approvedOn: LocalDate): HouseholdEvent[] => [
  hev.ApplicationReceived.create({
    householdId,
    receivedOn: approvedOn,
    route: 'mainstream',
    applicants: [{ adultId: `${householdId}-adult`, name: 'A Carer' }],
    previousServices: [],
  }),
  hev.HouseholdApproved.create({ decidedOn: approvedOn, terms }),
];

export const visit = (visitedOn: LocalDate, announced: boolean) =>
  hev.SupervisoryVisitRecorded.create({ sswId: 'ssw-kim', visitedOn, announced });

export const foldHousehold = (events: ReadonlyArray<HouseholdEvent>): HouseholdState =>
  events.reduce(evolveHousehold, initialHouseholdState);
