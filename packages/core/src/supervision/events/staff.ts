import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType } from '../../eventsourcing/index.js';

/** What a member of staff does: which supervision rules apply to them depends on it. */
export const StaffRole = t.keyof({
  'therapeutic-support-worker': null,
  clinician: null,
  'supervising-social-worker': null,
  manager: null,
});
export type StaffRole = t.TypeOf<typeof StaffRole>;

/** Clinical supervision (reflective, about the work with children and carers) or managerial (caseload, HR). */
export const SupervisionKind = t.keyof({ clinical: null, managerial: null });
export type SupervisionKind = t.TypeOf<typeof SupervisionKind>;

/** A time of day, `HH:MM` on the 24-hour clock: rule `staff-supervision` asks for the time of each session. */
export const SupervisionStartTime = t.refinement(
  t.string,
  (s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s),
  'a time of day HH:MM',
);

/** The length of a session in whole minutes: rule `staff-supervision` asks for it. */
export const SupervisionMinutes = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1 && n <= 480,
  'whole minutes from 1 to 480',
);

/** A member of staff joins the agency (or the system starts recording them). */
export const StaffMemberRegistered = eventType(
  'StaffMemberRegistered',
  t.type({ staffId: t.string, role: StaffRole, startedOn: LocalDateC }),
);

/**
 * A supervision session held with this member of staff (the supervisee). Rule `staff-supervision` (NMS 24):
 * the record shows date, time and length, and is signed by both; the decider refuses one that is not.
 */
export const SupervisionSessionRecorded = eventType(
  'SupervisionSessionRecorded',
  t.type({
    sessionId: t.string,
    supervisorId: t.string,
    heldOn: LocalDateC,
    startTime: SupervisionStartTime,
    minutes: SupervisionMinutes,
    kind: SupervisionKind,
    signedBySupervisee: t.boolean,
    signedBySupervisor: t.boolean,
  }),
);

/** An appraisal of this member of staff (rule `staff-supervision`: at least yearly). */
export const AppraisalCompleted = eventType(
  'AppraisalCompleted',
  t.type({ appraisedOn: LocalDateC, appraiserId: t.string }),
);

/** Attendance at a reflective practice group: recorded for the file, no rule counts it as supervision. */
export const ReflectiveGroupAttended = eventType(
  'ReflectiveGroupAttended',
  t.type({ groupSessionId: t.string, attendedOn: LocalDateC }),
);

/** The member of staff leaves the agency; from then on no supervision is due. */
export const StaffMemberLeft = eventType('StaffMemberLeft', t.type({ leftOn: LocalDateC }));
