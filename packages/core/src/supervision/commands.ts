import * as t from 'io-ts';
import { LocalDateC } from '../calendar/index.js';
import { commandCodec } from '../eventsourcing/command-codec.js';
import { StaffRole, SupervisionKind, SupervisionMinutes, SupervisionStartTime } from './events/staff.js';

const command = commandCodec;

/**
 * Every command of the staff supervision stream, validated at the boundary by this codec. A supervision record
 * without its date, time or length is an `InvalidCommand` naming the field (rule `staff-supervision`); one
 * that is not signed by both is refused by the decider under the rule. A command's `kind` names the command, so
 * the session's kind (clinical or managerial) travels as `supervisionKind` and is recorded as the event's `kind`.
 */
export const StaffCommand = t.union([
  command('RegisterStaffMember', { staffId: t.string, role: StaffRole, startedOn: LocalDateC }),
  command('RecordSupervisionSession', {
    sessionId: t.string,
    supervisorId: t.string,
    heldOn: LocalDateC,
    startTime: SupervisionStartTime,
    minutes: SupervisionMinutes,
    supervisionKind: SupervisionKind,
    signedBySupervisee: t.boolean,
    signedBySupervisor: t.boolean,
  }),
  command('CompleteAppraisal', { appraisedOn: LocalDateC, appraiserId: t.string }),
  command('RecordReflectiveGroupAttendance', { groupSessionId: t.string, attendedOn: LocalDateC }),
  command('RecordStaffMemberLeaving', { leftOn: LocalDateC }),
]);
export type StaffCommand = t.TypeOf<typeof StaffCommand>;
export type StaffCommandKind = StaffCommand['kind'];
export type StaffCommandOf<K extends StaffCommandKind> = Extract<StaffCommand, { kind: K }>;
