import { specify } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  aStaffMember,
  d,
  registered,
  sessionCommand,
  sessionRecorded,
  staffId,
  startedOn,
  supervisorId,
} from './__fixtures__/staff-history.js';
import { StaffCommand } from './commands.js';
import { staffDecider } from './decider.js';
import * as ev from './events/index.js';

const staff = specify(staffDecider);
const left = ev.StaffMemberLeft.create({ leftOn: d('2025-06-30') });

describe('registering a member of staff', () => {
  it('registers them with their role and start date', () => {
    staff
      .given([])
      .when({ kind: 'RegisterStaffMember', staffId, role: 'clinician', startedOn })
      .thenEvents([ev.StaffMemberRegistered.create({ staffId, role: 'clinician', startedOn })]);
  });

  it('refuses a second registration, and an empty id', () => {
    staff
      .given(aStaffMember())
      .when({ kind: 'RegisterStaffMember', staffId, role: 'clinician', startedOn })
      .thenRefused({ tag: 'NotAllowedNow' });
    staff
      .given([])
      .when({ kind: 'RegisterStaffMember', staffId: ' ', role: 'clinician', startedOn })
      .thenRefused({ tag: 'InvalidCommand', field: 'staffId' });
  });

  it('the codec refuses an unknown role', () => {
    const decoded = StaffCommand.decode({ kind: 'RegisterStaffMember', staffId, role: 'cook', startedOn });
    expect(E.isLeft(decoded)).toBe(true);
  });
});

describe('supervision sessions (rule staff-supervision, NMS 24)', () => {
  it('records a session signed by both, with date, time, length and kind', () => {
    staff.given(aStaffMember()).when(sessionCommand()).thenEvents([sessionRecorded()]);
  });

  it('refuses a record not signed by the supervisee, or by the supervisor, naming the field', () => {
    staff
      .given(aStaffMember())
      .when(sessionCommand({ signedBySupervisee: false }))
      .thenRefused({ tag: 'RuleViolation', ruleId: 'staff-supervision', field: 'signedBySupervisee' });
    staff
      .given(aStaffMember())
      .when(sessionCommand({ signedBySupervisor: false }))
      .thenRefused({ tag: 'RuleViolation', ruleId: 'staff-supervision', field: 'signedBySupervisor' });
  });

  it('the codec refuses a record without a date, a time or a length', () => {
    const { heldOn: _h, ...noDate } = sessionCommand();
    const { startTime: _s, ...noTime } = sessionCommand();
    const { minutes: _m, ...noLength } = sessionCommand();
    for (const command of [noDate, noTime, noLength, sessionCommand({ startTime: '25:00' })]) {
      expect(E.isLeft(StaffCommand.decode(command))).toBe(true);
    }
    expect(E.isLeft(StaffCommand.decode({ ...sessionCommand(), minutes: 0 }))).toBe(true);
    expect(E.isRight(StaffCommand.decode(sessionCommand()))).toBe(true);
  });

  it('keeps sessions in date order, however late they are written up', () => {
    staff
      .given([...aStaffMember(), sessionRecorded(d('2025-03-03'), 'session-2')])
      .when(sessionCommand())
      .thenState((state) =>
        expect(state.sessions.map((s) => s.heldOn)).toEqual(['2025-02-03', '2025-03-03']),
      );
  });

  it('refuses a session for someone not registered, a repeated session id, or self-supervision', () => {
    staff.given([]).when(sessionCommand()).thenRefused({ tag: 'NotAllowedNow' });
    staff
      .given([...aStaffMember(), sessionRecorded()])
      .when(sessionCommand({ heldOn: d('2025-03-03') }))
      .thenRefused({ tag: 'NotAllowedNow' });
    staff
      .given(aStaffMember())
      .when(sessionCommand({ supervisorId: staffId }))
      .thenRefused({ tag: 'InvalidCommand', field: 'supervisorId' });
    staff
      .given(aStaffMember())
      .when(sessionCommand({ sessionId: '' }))
      .thenRefused({ tag: 'InvalidCommand', field: 'sessionId' });
  });

  it('refuses a session before the start or after leaving', () => {
    staff
      .given(aStaffMember())
      .when(sessionCommand({ heldOn: d('2025-01-05') }))
      .thenRefused({ tag: 'InvalidCommand', field: 'heldOn' });
    staff
      .given([...aStaffMember(), left])
      .when(sessionCommand({ heldOn: d('2025-07-01') }))
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('appraisals', () => {
  it('records an appraisal, and nothing more for the same day again', () => {
    const appraisal = {
      kind: 'CompleteAppraisal',
      appraisedOn: d('2025-12-01'),
      appraiserId: supervisorId,
    } as const;
    staff
      .given(aStaffMember())
      .when(appraisal)
      .thenEvents([
        ev.AppraisalCompleted.create({ appraisedOn: d('2025-12-01'), appraiserId: supervisorId }),
      ]);
    staff
      .given([
        ...aStaffMember(),
        ev.AppraisalCompleted.create({ appraisedOn: d('2025-12-01'), appraiserId: supervisorId }),
      ])
      .when(appraisal)
      .thenNothing();
  });

  it('refuses an appraisal of someone not registered, by themselves, or before the start', () => {
    staff
      .given([])
      .when({ kind: 'CompleteAppraisal', appraisedOn: d('2025-12-01'), appraiserId: supervisorId })
      .thenRefused({ tag: 'NotAllowedNow' });
    staff
      .given(aStaffMember())
      .when({ kind: 'CompleteAppraisal', appraisedOn: d('2025-12-01'), appraiserId: staffId })
      .thenRefused({ tag: 'InvalidCommand', field: 'appraiserId' });
    staff
      .given(aStaffMember())
      .when({ kind: 'CompleteAppraisal', appraisedOn: d('2024-12-01'), appraiserId: supervisorId })
      .thenRefused({ tag: 'InvalidCommand', field: 'appraisedOn' });
  });
});

describe('reflective groups', () => {
  const attend = {
    kind: 'RecordReflectiveGroupAttendance',
    groupSessionId: 'group-1',
    attendedOn: d('2025-02-10'),
  } as const;

  it('records attendance once per group session', () => {
    staff
      .given(aStaffMember())
      .when(attend)
      .thenEvents([
        ev.ReflectiveGroupAttended.create({ groupSessionId: 'group-1', attendedOn: d('2025-02-10') }),
      ]);
    staff
      .given([
        ...aStaffMember(),
        ev.ReflectiveGroupAttended.create({ groupSessionId: 'group-1', attendedOn: d('2025-02-10') }),
      ])
      .when(attend)
      .thenNothing();
  });

  it('refuses attendance for someone not registered, after leaving, or without a group id', () => {
    staff.given([]).when(attend).thenRefused({ tag: 'NotAllowedNow' });
    staff
      .given([...aStaffMember(), left])
      .when({ ...attend, attendedOn: d('2025-07-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
    staff
      .given(aStaffMember())
      .when({ ...attend, groupSessionId: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'groupSessionId' });
  });
});

describe('leaving', () => {
  it('records the leaving date', () => {
    staff
      .given(aStaffMember())
      .when({ kind: 'RecordStaffMemberLeaving', leftOn: d('2025-06-30') })
      .thenEvents([left]);
  });

  it('refuses leaving twice, before registering, or before something already recorded', () => {
    staff
      .given([...aStaffMember(), left])
      .when({ kind: 'RecordStaffMemberLeaving', leftOn: d('2025-07-30') })
      .thenRefused({ tag: 'NotAllowedNow' });
    staff
      .given([])
      .when({ kind: 'RecordStaffMemberLeaving', leftOn: d('2025-06-30') })
      .thenRefused({ tag: 'NotAllowedNow' });
    staff
      .given([registered(), sessionRecorded(d('2025-05-01'))])
      .when({ kind: 'RecordStaffMemberLeaving', leftOn: d('2025-04-30') })
      .thenRefused({ tag: 'InvalidCommand', field: 'leftOn' });
  });
});
