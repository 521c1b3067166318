import * as E from 'fp-ts/lib/Either.js';
import { ruleViolation } from '../../eventsourcing/index.js';
import { rules } from '../../rules/index.js';
import type { StaffCommandOf } from '../commands.js';
import * as ev from '../events/index.js';
import type { StaffState } from '../state.js';
import {
  accept,
  type Decision,
  firstRefusal,
  notAllowed,
  ok,
  requireRegistered,
  requireThat,
  type SupervisionError,
  withinEmployment,
} from './guards.js';

const nonEmpty = (value: string, field: string) =>
  requireThat(value.trim() !== '', field, 'must not be empty');

export const registerStaffMember = (
  command: StaffCommandOf<'RegisterStaffMember'>,
  state: StaffState,
): Decision =>
  E.flatMap(
    firstRefusal(
      () => (state.startedOn === undefined ? ok : notAllowed('this member of staff is already registered')),
      nonEmpty(command.staffId, 'staffId'),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.StaffMemberRegistered.create(data));
    },
  );

/** Rule `staff-supervision` (NMS 24): a supervision record is signed by both supervisee and supervisor. */
const signedByBoth =
  (command: StaffCommandOf<'RecordSupervisionSession'>) => (): E.Either<SupervisionError, void> => {
    const unsigned = !command.signedBySupervisee
      ? 'signedBySupervisee'
      : !command.signedBySupervisor
        ? 'signedBySupervisor'
        : undefined;
    if (unsigned === undefined) return ok;
    const who = unsigned === 'signedBySupervisee' ? 'the supervisee' : 'the supervisor';
    return E.left(
      ruleViolation(
        rules.staffSupervision,
        `a supervision record must be signed by both; ${who} has not signed`,
        {
          field: unsigned,
        },
      ),
    );
  };

export const recordSupervisionSession = (
  command: StaffCommandOf<'RecordSupervisionSession'>,
  state: StaffState,
): Decision =>
  E.flatMap(
    firstRefusal(
      requireRegistered(state),
      nonEmpty(command.sessionId, 'sessionId'),
      () =>
        state.sessions.some((s) => s.sessionId === command.sessionId)
          ? notAllowed(`session ${command.sessionId} is already recorded`, 'sessionId')
          : ok,
      nonEmpty(command.supervisorId, 'supervisorId'),
      requireThat(command.supervisorId !== state.staffId, 'supervisorId', 'must not be the supervisee'),
      withinEmployment(state, command.heldOn, 'heldOn'),
      signedByBoth(command),
    ),
    () => {
      const { kind: _kind, supervisionKind, ...data } = command;
      return accept(ev.SupervisionSessionRecorded.create({ ...data, kind: supervisionKind }));
    },
  );

export const completeAppraisal = (
  command: StaffCommandOf<'CompleteAppraisal'>,
  state: StaffState,
): Decision =>
  E.flatMap(
    firstRefusal(
      requireRegistered(state),
      nonEmpty(command.appraiserId, 'appraiserId'),
      requireThat(command.appraiserId !== state.staffId, 'appraiserId', 'must not be the member of staff'),
      withinEmployment(state, command.appraisedOn, 'appraisedOn'),
    ),
    // One appraisal a day: recording it again (a retried command) adds nothing.
    () =>
      state.appraisals.some((a) => a.appraisedOn === command.appraisedOn)
        ? accept()
        : accept(
            ev.AppraisalCompleted.create({
              appraisedOn: command.appraisedOn,
              appraiserId: command.appraiserId,
            }),
          ),
  );

export const recordReflectiveGroupAttendance = (
  command: StaffCommandOf<'RecordReflectiveGroupAttendance'>,
  state: StaffState,
): Decision =>
  E.flatMap(
    firstRefusal(
      requireRegistered(state),
      nonEmpty(command.groupSessionId, 'groupSessionId'),
      withinEmployment(state, command.attendedOn, 'attendedOn'),
    ),
    // Attendance at one group session is recorded once.
    () =>
      state.reflectiveGroups.some((g) => g.groupSessionId === command.groupSessionId)
        ? accept()
        : accept(
            ev.ReflectiveGroupAttended.create({
              groupSessionId: command.groupSessionId,
              attendedOn: command.attendedOn,
            }),
          ),
  );

/** Leaving cannot predate anything already recorded about the member of staff's work. */
const lastRecordedOn = (state: StaffState): string =>
  [
    state.startedOn ?? '',
    ...state.sessions.map((s) => s.heldOn),
    ...state.appraisals.map((a) => a.appraisedOn),
    ...state.reflectiveGroups.map((g) => g.attendedOn),
  ]
    .sort()
    .reverse()[0] ?? '';

export const recordStaffMemberLeaving = (
  command: StaffCommandOf<'RecordStaffMemberLeaving'>,
  state: StaffState,
): Decision =>
  E.flatMap(
    firstRefusal(
      requireRegistered(state),
      () =>
        state.leftOn === undefined ? ok : notAllowed(`the member of staff already left on ${state.leftOn}`),
      requireThat(
        command.leftOn >= lastRecordedOn(state),
        'leftOn',
        `must not be before the last recorded start, supervision, appraisal or group (${lastRecordedOn(state)})`,
      ),
    ),
    () => accept(ev.StaffMemberLeft.create({ leftOn: command.leftOn })),
  );
