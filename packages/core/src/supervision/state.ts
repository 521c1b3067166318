import type { LocalDate } from '../calendar/index.js';
import type { StaffEvent, StaffRole, SupervisionKind } from './events/index.js';

export interface SupervisionSession {
  readonly sessionId: string;
  readonly supervisorId: string;
  readonly heldOn: LocalDate;
  readonly startTime: string;
  readonly minutes: number;
  readonly kind: SupervisionKind;
}

export interface Appraisal {
  readonly appraisedOn: LocalDate;
  readonly appraiserId: string;
}

/**
 * Everything recorded about one member of staff's supervision, folded from the staff stream. Deadlines depend on
 * the date they are asked about, so they are computed from this state as of a date (`staffCompliance`).
 */
export interface StaffState {
  readonly staffId?: string;
  readonly role?: StaffRole;
  readonly startedOn?: LocalDate;
  readonly leftOn?: LocalDate;
  /** Every session, in date order (notes are often written up late, so recording order is not date order). */
  readonly sessions: ReadonlyArray<SupervisionSession>;
  /** Every appraisal, in date order. */
  readonly appraisals: ReadonlyArray<Appraisal>;
  readonly reflectiveGroups: ReadonlyArray<{
    readonly groupSessionId: string;
    readonly attendedOn: LocalDate;
  }>;
}

export const initialStaffState: StaffState = { sessions: [], appraisals: [], reflectiveGroups: [] };

const inserted = <T>(items: ReadonlyArray<T>, item: T, key: (t: T) => string): ReadonlyArray<T> =>
  [...items, item].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

export const evolveStaff = (state: StaffState, event: StaffEvent): StaffState => {
  switch (event.type) {
    case 'StaffMemberRegistered': {
      const { staffId, role, startedOn } = event.data;
      return { ...state, staffId, role, startedOn };
    }
    case 'SupervisionSessionRecorded': {
      const { sessionId, supervisorId, heldOn, startTime, minutes, kind } = event.data;
      const session = { sessionId, supervisorId, heldOn, startTime, minutes, kind };
      return { ...state, sessions: inserted(state.sessions, session, (s) => `${s.heldOn}T${s.startTime}`) };
    }
    case 'AppraisalCompleted':
      return { ...state, appraisals: inserted(state.appraisals, event.data, (a) => a.appraisedOn) };
    case 'ReflectiveGroupAttended':
      return {
        ...state,
        reflectiveGroups: inserted(state.reflectiveGroups, event.data, (g) => g.attendedOn),
      };
    case 'StaffMemberLeft':
      return { ...state, leftOn: event.data.leftOn };
  }
};
