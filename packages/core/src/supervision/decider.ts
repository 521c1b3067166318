import type { Decider } from '../eventsourcing/index.js';
import type { StaffCommand } from './commands.js';
import type { Decision, SupervisionError } from './decisions/guards.js';
import * as staff from './decisions/staff.js';
import type { StaffEvent } from './events/index.js';
import { evolveStaff, initialStaffState, type StaffState } from './state.js';

type Handlers = {
  readonly [K in StaffCommand['kind']]: (
    command: Extract<StaffCommand, { kind: K }>,
    state: StaffState,
  ) => Decision;
};

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
  decide: (command, state) =>
    (handlers[command.kind] as (c: StaffCommand, s: StaffState) => Decision)(command, state),
};

export const staffStreamId = (staffId: string): string => `staff-${staffId}`;
