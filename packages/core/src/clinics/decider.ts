import { type Decider, type DecisionsByKind, decideByKind } from '../eventsourcing/index.js';
import { type AgencyPolicy, defaultAgencyPolicy } from '../policy/index.js';
import type { ClinicCommand } from './commands.js';
import type { ClinicError } from './decisions/guards.js';
import * as series from './decisions/series.js';
import * as sessions from './decisions/sessions.js';
import type { ClinicEvent } from './events/index.js';
import { type ClinicSeriesState, evolveClinicSeries, initialClinicSeriesState } from './state.js';

type Handlers = DecisionsByKind<ClinicCommand, ClinicSeriesState, ClinicEvent, ClinicError>;

const handlers = (policy: AgencyPolicy): Handlers => ({
  OpenClinicSeries: series.openClinicSeries,
  ChangeSupportedYoungPeople: series.changeSupportedYoungPeople,
  ScheduleSession: sessions.scheduleSession,
  RescheduleSession: sessions.rescheduleSession,
  HoldSession: sessions.holdSession(policy),
  CancelSession: sessions.cancelSession,
  RecordSessionNotes: sessions.recordSessionNotes,
  RecordTeamAroundTheChildAttendance: series.recordTeamAroundTheChildAttendance,
  RecordCarePlanContribution: series.recordCarePlanContribution,
  CloseClinicSeries: series.closeClinicSeries,
});

/**
 * The clinic series stream's decider. It takes the agency policy because a held session's length is blocked
 * against the policy's session lengths (rule `clinic-cadence`).
 */
export const clinicDecider = (
  policy: AgencyPolicy = defaultAgencyPolicy,
): Decider<ClinicCommand, ClinicSeriesState, ClinicEvent, ClinicError> => {
  const byKind = handlers(policy);
  return {
    initialState: initialClinicSeriesState,
    evolve: evolveClinicSeries,
    decide: decideByKind(byKind),
  };
};

export const clinicStreamId = (seriesId: string): string => `clinic-${seriesId}`;
