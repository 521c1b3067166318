import type { LocalDate } from '../calendar/index.js';
import { ownValue } from '../eventsourcing/index.js';
import type { AgencyPolicy } from '../policy/index.js';
import type {
  ClinicCancelledBy,
  ClinicEvent,
  ClinicMeetingKind,
  ClinicMode,
  ClinicRescheduleReason,
} from './events/index.js';

export interface ClinicReschedule {
  readonly to: LocalDate;
  readonly reason: ClinicRescheduleReason;
  readonly rescheduledOn: LocalDate;
}

/** One session of the series. A session held without being scheduled first (an extra clinic) has no date plan. */
export interface ClinicSession {
  readonly sessionId: string;
  readonly scheduledFor?: LocalDate;
  readonly mode?: ClinicMode;
  readonly reschedules: ReadonlyArray<ClinicReschedule>;
  readonly held?: {
    readonly heldOn: LocalDate;
    readonly mode: ClinicMode;
    readonly minutes: number;
    readonly youngPeopleDiscussed: ReadonlyArray<string>;
  };
  readonly cancelled?: { readonly cancelledBy: ClinicCancelledBy; readonly cancelledOn: LocalDate };
  /** When the notes were written up (the text itself stays in the event, as personal data). */
  readonly notesWrittenOn?: LocalDate;
}

/** The clinic series, folded from its stream. Gaps and overdue notes depend on a date: see `clinicCompliance`. */
export interface ClinicSeriesState {
  readonly seriesId?: string;
  readonly clinicianId?: string;
  readonly householdId?: string;
  readonly openedOn?: LocalDate;
  readonly closedOn?: LocalDate;
  /** Who is on a supported package from each date, in date order; the first entry is the opening. */
  readonly supported: ReadonlyArray<{ readonly childIds: ReadonlyArray<string>; readonly from: LocalDate }>;
  readonly sessions: Readonly<Record<string, ClinicSession>>;
  readonly meetings: ReadonlyArray<{
    readonly childId: string;
    readonly meetingOn: LocalDate;
    readonly kind: ClinicMeetingKind;
  }>;
  readonly carePlanContributions: ReadonlyArray<{
    readonly childId: string;
    readonly contributedOn: LocalDate;
    readonly planVersion?: number;
  }>;
}

export const initialClinicSeriesState: ClinicSeriesState = {
  supported: [],
  sessions: {},
  meetings: [],
  carePlanContributions: [],
};

/** The young people on a supported package on `date` (none before the series opened). */
export const supportedYoungPeopleOn = (state: ClinicSeriesState, date: LocalDate): ReadonlyArray<string> =>
  state.supported.findLast((s) => s.from <= date)?.childIds ?? [];

/** Rule `clinic-cadence`: the policy's session length for this many supported young people. */
export const clinicSessionMinutes = (policy: AgencyPolicy, youngPeople: number): number =>
  youngPeople >= 2
    ? policy.clinics.sessionMinutes.twoOrMoreYoungPeople
    : policy.clinics.sessionMinutes.oneYoungPerson;

/** Where a session stands on `asOf`: its date then (after the reschedules made by then). */
export const sessionDateOn = (session: ClinicSession, asOf: LocalDate): LocalDate | undefined =>
  session.reschedules.findLast((r) => r.rescheduledOn <= asOf)?.to ?? session.scheduledFor;

/** The date the session is now planned for. */
export const currentSessionDate = (session: ClinicSession): LocalDate | undefined =>
  session.reschedules[session.reschedules.length - 1]?.to ?? session.scheduledFor;

const updated = (
  state: ClinicSeriesState,
  sessionId: string,
  change: (session: ClinicSession) => ClinicSession,
): ClinicSeriesState => {
  const session = ownValue(state.sessions, sessionId) ?? { sessionId, reschedules: [] };
  return { ...state, sessions: { ...state.sessions, [sessionId]: change(session) } };
};

export const evolveClinicSeries = (state: ClinicSeriesState, event: ClinicEvent): ClinicSeriesState => {
  switch (event.type) {
    case 'ClinicSeriesOpened': {
      const { seriesId, clinicianId, householdId, youngPeople, openedOn } = event.data;
      return {
        ...state,
        seriesId,
        clinicianId,
        householdId,
        openedOn,
        supported: [{ childIds: youngPeople, from: openedOn }],
      };
    }
    case 'SupportedYoungPeopleChanged': {
      const { childIds, changedOn } = event.data;
      const earlier = state.supported.filter((s) => s.from < changedOn);
      return { ...state, supported: [...earlier, { childIds, from: changedOn }] };
    }
    case 'SessionScheduled': {
      const { sessionId, scheduledFor, mode } = event.data;
      return updated(state, sessionId, (s) => ({ ...s, scheduledFor, mode }));
    }
    case 'SessionRescheduled': {
      const { sessionId, to, reason, rescheduledOn } = event.data;
      return updated(state, sessionId, (s) => ({
        ...s,
        reschedules: [...s.reschedules, { to, reason, rescheduledOn }],
      }));
    }
    case 'SessionHeld': {
      const { sessionId, ...held } = event.data;
      return updated(state, sessionId, (s) => ({ ...s, held }));
    }
    case 'SessionCancelled': {
      const { sessionId, cancelledBy, cancelledOn } = event.data;
      return updated(state, sessionId, (s) => ({ ...s, cancelled: { cancelledBy, cancelledOn } }));
    }
    case 'SessionNotesRecorded': {
      const { sessionId, writtenOn } = event.data;
      return updated(state, sessionId, (s) => ({ ...s, notesWrittenOn: writtenOn }));
    }
    case 'TeamAroundTheChildAttended':
      return { ...state, meetings: [...state.meetings, event.data] };
    case 'CarePlanContributionRecorded':
      return { ...state, carePlanContributions: [...state.carePlanContributions, event.data] };
    case 'ClinicSeriesClosed':
      return { ...state, closedOn: event.data.closedOn };
  }
};
