import { unsafeLocalDate } from '../../calendar/index.js';
import type { StaffCommandOf } from '../commands.js';
import type { StaffEvent } from '../events/index.js';
import * as ev from '../events/index.js';

/** Typical histories of one member of staff, for given/when/then specifications of `staffDecider`. */

export const d = unsafeLocalDate;

export const staffId = 'staff-jo';
export const supervisorId = 'staff-priya';
export const startedOn = d('2025-01-06');

export const registered = (role: ev.StaffRole = 'therapeutic-support-worker') =>
  ev.StaffMemberRegistered.create({ staffId, role, startedOn });

export const aStaffMember = (role: ev.StaffRole = 'therapeutic-support-worker'): StaffEvent[] => [
  registered(role),
];

export const sessionCommand = (
  overrides: Partial<StaffCommandOf<'RecordSupervisionSession'>> = {},
): StaffCommandOf<'RecordSupervisionSession'> => ({
  kind: 'RecordSupervisionSession',
  sessionId: 'session-1',
  supervisorId,
  heldOn: d('2025-02-03'),
  startTime: '10:00',
  minutes: 90,
  supervisionKind: 'clinical',
  signedBySupervisee: true,
  signedBySupervisor: true,
  ...overrides,
});

export const sessionRecorded = (
  heldOn = d('2025-02-03'),
  sessionId = 'session-1',
  kind: ev.SupervisionKind = 'clinical',
) =>
  ev.SupervisionSessionRecorded.create({
    sessionId,
    supervisorId,
    heldOn,
    startTime: '10:00',
    minutes: 90,
    kind,
    signedBySupervisee: true,
    signedBySupervisor: true,
  });
