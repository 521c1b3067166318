import type { LocalDate } from '../calendar/index.js';
import type { Personal } from '../eventsourcing/index.js';
import type { PlacementEvent, PlacementStartedData } from './events.js';

export interface PlacementState {
  readonly referral?: {
    readonly childId: string;
    readonly referredOn: LocalDate;
    readonly placingAuthority: string;
  };
  readonly match?: { readonly householdId: string; readonly matchedOn: LocalDate };
  readonly started?: PlacementStartedData;
  readonly respite: ReadonlyArray<{
    readonly startsOn: LocalDate;
    readonly days: number;
    readonly authorised: boolean;
  }>;
  readonly shortBreakStays: ReadonlyArray<{ readonly startsOn: LocalDate; readonly days: number }>;
  readonly stabilityMeetings: ReadonlyArray<LocalDate>;
  readonly disruptionWarnings: ReadonlyArray<{
    readonly recordedOn: LocalDate;
    readonly concern: Personal<string>;
  }>;
  readonly ended?: {
    readonly endedOn: LocalDate;
    readonly planned: boolean;
    readonly reason: Personal<string>;
    readonly childAddressAfter: Personal<string>;
    readonly movedToPlacementId?: string;
  };
}

export const initialPlacementState: PlacementState = {
  respite: [],
  shortBreakStays: [],
  stabilityMeetings: [],
  disruptionWarnings: [],
};

export const evolvePlacement = (state: PlacementState, event: PlacementEvent): PlacementState => {
  switch (event.type) {
    case 'PlacementReferred': {
      const { childId, referredOn, placingAuthority } = event.data;
      return { ...state, referral: { childId, referredOn, placingAuthority } };
    }
    case 'PlacementMatched':
      return { ...state, match: { householdId: event.data.householdId, matchedOn: event.data.matchedOn } };
    case 'PlacementStarted':
      return { ...state, started: event.data };
    case 'RespiteTaken': {
      const { startsOn, days, authorisation } = event.data;
      return {
        ...state,
        respite: [...state.respite, { startsOn, days, authorised: authorisation !== undefined }],
      };
    }
    case 'ShortBreakStayRecorded':
      return { ...state, shortBreakStays: [...state.shortBreakStays, event.data] };
    case 'StabilityMeetingHeld':
      return { ...state, stabilityMeetings: [...state.stabilityMeetings, event.data.heldOn] };
    case 'DisruptionWarningRecorded':
      return { ...state, disruptionWarnings: [...state.disruptionWarnings, event.data] };
    case 'PlacementEnded': {
      const { movedToPlacementId, ...ended } = event.data;
      return {
        ...state,
        ended: { ...ended, ...(movedToPlacementId === undefined ? {} : { movedToPlacementId }) },
      };
    }
  }
};
