import { type Decider, type DecisionsByKind, decideByKind } from '../eventsourcing/index.js';
import type { StaffCommand } from './commands.js';
import type { SupervisionError } from './decisions/guards.js';
import * as staff from './decisions/staff.js';
import type { StaffEvent } from './events/index.js';
import { evolveStaff, initialStaffState, type StaffState } from './state.js';

type Handlers = DecisionsByKind<StaffCommand, StaffState, StaffEvent, SupervisionError>;

const handlers: Handlers = {
  RegisterStaffMember: staff.registerStaffMember,
  RecordSupervisionSession: staff.recordSupervisionSession,
  CompleteAppraisal: staff.completeAppraisal,
  RecordReflectiveGroupAttendance: staff.recordReflectiveGroupAttendance,
  RecordStaffMemberLeaving: staff.recordStaffMemberLeaving,
};

/** The staff supervision stream's decider: every staff command, decided against the member's folded record. */
export const staffDecider: Decider<StaffCommand, StaffState, StaffEvent, SupervisionError> = {
  initialState: initialStaffState,
  evolve: evolveStaff,
  decide: decideByKind(handlers),
};

export const staffStreamId = (staffId: string): string => `staff-${staffId}`;
