import { unsafeLocalDate } from '../../calendar/index.js';
import type { ClinicEvent } from '../events/index.js';
import * as ev from '../events/index.js';

/** Typical histories of one clinic series, with literal dates so expected events can be read off the page. */

export const d = unsafeLocalDate;

export const seriesId = 'series-1';
export const clinicianId = 'clinician-barbara';
export const householdId = 'household-morgan';
export const riley = 'child-riley';
export const jordan = 'child-jordan';

export const opening = {
  seriesId,
  clinicianId,
  householdId,
  youngPeople: [riley],
  openedOn: d('2025-01-06'),
};

export const seriesOpened = () => ev.ClinicSeriesOpened.create(opening);

/** Opened for Riley on Monday 6 January 2025, nothing else. */
export const anOpenSeries = (): ClinicEvent[] => [seriesOpened()];

/** Opened, then Jordan joined Riley on a supported package on 3 February. */
export const aSeriesWithTwo = (): ClinicEvent[] => [
  seriesOpened(),
  ev.SupportedYoungPeopleChanged.create({ childIds: [riley, jordan], changedOn: d('2025-02-03') }),
];

export const scheduled = (sessionId: string, scheduledFor: string) =>
  ev.SessionScheduled.create({ sessionId, scheduledFor: d(scheduledFor), mode: 'online' });

export const held = (sessionId: string, heldOn: string, minutes = 60, youngPeopleDiscussed = [riley]) =>
  ev.SessionHeld.create({ sessionId, heldOn: d(heldOn), mode: 'online', minutes, youngPeopleDiscussed });

export const notes = (sessionId: string, writtenOn: string) =>
  ev.SessionNotesRecorded.create({ sessionId, writtenOn: d(writtenOn), notes: 'Reviewed the fortnight.' });

/** Opened, with session s1 scheduled for 13 January. */
export const aScheduledSession = (): ClinicEvent[] => [...anOpenSeries(), scheduled('s1', '2025-01-13')];

/** Opened, with s1 scheduled and held on 13 January. */
export const aHeldSession = (): ClinicEvent[] => [...aScheduledSession(), held('s1', '2025-01-13')];
