import { type EventOf, eventRegistry } from '../../eventsourcing/index.js';
import * as contributions from './contributions.js';
import * as series from './series.js';
import * as sessions from './sessions.js';

export * from './contributions.js';
export * from './series.js';
export * from './sessions.js';

const definitions = [
  series.ClinicSeriesOpened,
  series.SupportedYoungPeopleChanged,
  sessions.SessionScheduled,
  sessions.SessionRescheduled,
  sessions.SessionHeld,
  sessions.SessionCancelled,
  sessions.SessionNotesRecorded,
  contributions.TeamAroundTheChildAttended,
  contributions.CarePlanContributionRecorded,
  series.ClinicSeriesClosed,
] as const;

/** Every event of the clinic series stream (`clinic-<seriesId>`). */
export const clinicEvents = eventRegistry(definitions);
export type ClinicEvent = EventOf<(typeof definitions)[number]>;
