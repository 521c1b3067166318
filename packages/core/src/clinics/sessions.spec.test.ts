import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import { defaultAgencyPolicy } from '../policy/index.js';
import {
  aHeldSession,
  anOpenSeries,
  aScheduledSession,
  aSeriesWithTwo,
  d,
  held,
  jordan,
  notes,
  riley,
  scheduled,
} from './__fixtures__/clinic-history.js';
import { clinicDecider } from './decider.js';
import * as ev from './events/index.js';

const clinic = specify(clinicDecider());
const closedAfterHolding = () => [
  ...aHeldSession(),
  ev.ClinicSeriesClosed.create({ closedOn: d('2025-01-20') }),
];
const cancelled = () => [
  ...aScheduledSession(),
  ev.SessionCancelled.create({
    sessionId: 's1',
    cancelledBy: 'carer',
    reason: 'Ill',
    cancelledOn: d('2025-01-10'),
  }),
];

describe('scheduling a session', () => {
  const schedule = {
    kind: 'ScheduleSession' as const,
    sessionId: 's1',
    scheduledFor: d('2025-01-13'),
    mode: 'online' as const,
  };

  it('schedules a session for a date', () => {
    clinic
      .given(anOpenSeries())
      .when(schedule)
      .thenEvents([scheduled('s1', '2025-01-13')]);
  });

  it('refuses a used session id, a date before opening, or a series not open', () => {
    clinic
      .given(aScheduledSession())
      .when(schedule)
      .thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic
      .given(anOpenSeries())
      .when({ ...schedule, scheduledFor: d('2025-01-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'scheduledFor' });
    clinic
      .given(anOpenSeries())
      .when({ ...schedule, sessionId: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'sessionId' });
    clinic.given([]).when(schedule).thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('rescheduling a session', () => {
  const move = {
    kind: 'RescheduleSession' as const,
    sessionId: 's1',
    to: d('2025-01-20'),
    reason: 'school-holidays' as const,
    rescheduledOn: d('2025-01-08'),
  };

  it('moves a planned session, and can move it again', () => {
    const { kind: _kind, ...data } = move;
    clinic
      .given(aScheduledSession())
      .when(move)
      .thenEvents([ev.SessionRescheduled.create(data)]);
    clinic
      .given([...aScheduledSession(), ev.SessionRescheduled.create(data)])
      .when({ ...move, to: d('2025-01-13'), reason: 'contact', rescheduledOn: d('2025-01-09') })
      .thenState((state) =>
        expect(state.sessions.s1?.reschedules.map((r) => r.to)).toEqual(['2025-01-20', '2025-01-13']),
      );
  });

  it('refuses an unknown, held or cancelled session, the same date, or a date before opening', () => {
    clinic.given(anOpenSeries()).when(move).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic.given(aHeldSession()).when(move).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic.given(cancelled()).when(move).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic
      .given(aScheduledSession())
      .when({ ...move, to: d('2025-01-13') })
      .thenRefused({ tag: 'InvalidCommand', field: 'to' });
    clinic
      .given(aScheduledSession())
      .when({ ...move, to: d('2025-01-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'to' });
    clinic
      .given(aScheduledSession())
      .when({ ...move, rescheduledOn: d('2025-01-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'rescheduledOn' });
  });
});

describe('holding a session (rule clinic-cadence blocks the wrong length)', () => {
  const hold = {
    kind: 'HoldSession' as const,
    sessionId: 's1',
    heldOn: d('2025-01-13'),
    mode: 'online' as const,
    minutes: defaultAgencyPolicy.clinics.sessionMinutes.oneYoungPerson,
    youngPeopleDiscussed: [riley],
  };

  it('holds a scheduled session for the policy length, or an extra unscheduled one', () => {
    clinic
      .given(aScheduledSession())
      .when(hold)
      .thenEvents([held('s1', '2025-01-13')]);
    clinic
      .given(anOpenSeries())
      .when({ ...hold, sessionId: 'extra' })
      .thenEvents([held('extra', '2025-01-13')]);
  });

  it('takes 90 minutes with two supported young people on the day, 60 before the second joined', () => {
    const two = { ...hold, sessionId: 's2', heldOn: d('2025-02-10'), youngPeopleDiscussed: [riley, jordan] };
    clinic
      .given(aSeriesWithTwo())
      .when({ ...two, minutes: 90 })
      .thenEvents([held('s2', '2025-02-10', 90, [riley, jordan])]);
    clinic
      .given(aSeriesWithTwo())
      .when({ ...two, minutes: 60 })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'clinic-cadence', field: 'minutes' });
    clinic
      .given(aSeriesWithTwo())
      .when(hold)
      .thenEvents([held('s1', '2025-01-13')]);
  });

  it('refuses any other length, citing the rule and naming the field', () => {
    const error = clinic
      .given(aScheduledSession())
      .when({ ...hold, minutes: 45 })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'clinic-cadence', field: 'minutes' });
    expect(error.message).toContain('60 minutes');
  });

  it('follows the policy it is given', () => {
    const policy = {
      ...defaultAgencyPolicy,
      clinics: {
        ...defaultAgencyPolicy.clinics,
        sessionMinutes: { oneYoungPerson: 50, twoOrMoreYoungPeople: 75 },
      },
    };
    specify(clinicDecider(policy))
      .given(aScheduledSession())
      .when({ ...hold, minutes: 50 })
      .thenEvents([held('s1', '2025-01-13', 50)]);
    specify(clinicDecider(policy))
      .given(aScheduledSession())
      .when(hold)
      .thenRefused({ tag: 'RuleViolation', ruleId: 'clinic-cadence', field: 'minutes' });
  });

  it('refuses a held or cancelled session, a date before opening, young people not supported, or a closed series', () => {
    clinic.given(aHeldSession()).when(hold).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic.given(cancelled()).when(hold).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic
      .given(aScheduledSession())
      .when({ ...hold, heldOn: d('2025-01-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'heldOn' });
    clinic
      .given(aScheduledSession())
      .when({ ...hold, youngPeopleDiscussed: [jordan] })
      .thenRefused({ tag: 'InvalidCommand', field: 'youngPeopleDiscussed' });
    clinic
      .given(aScheduledSession())
      .when({ ...hold, youngPeopleDiscussed: [] })
      .thenRefused({ tag: 'InvalidCommand', field: 'youngPeopleDiscussed' });
    clinic
      .given(closedAfterHolding())
      .when({ ...hold, sessionId: 's2' })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('cancelling a session', () => {
  const cancel = {
    kind: 'CancelSession' as const,
    sessionId: 's1',
    cancelledBy: 'carer' as const,
    reason: 'Ill',
    cancelledOn: d('2025-01-10'),
  };

  it('cancels a planned session', () => {
    const { kind: _kind, ...data } = cancel;
    clinic
      .given(aScheduledSession())
      .when(cancel)
      .thenEvents([ev.SessionCancelled.create(data)]);
  });

  it('refuses an unknown, held or cancelled session, no reason, or a date before opening', () => {
    clinic.given(anOpenSeries()).when(cancel).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic.given(aHeldSession()).when(cancel).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic.given(cancelled()).when(cancel).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic
      .given(aScheduledSession())
      .when({ ...cancel, reason: ' ' })
      .thenRefused({ tag: 'InvalidCommand', field: 'reason' });
    clinic
      .given(aScheduledSession())
      .when({ ...cancel, cancelledOn: d('2025-01-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'cancelledOn' });
  });
});

describe('recording session notes', () => {
  const record = {
    kind: 'RecordSessionNotes' as const,
    sessionId: 's1',
    writtenOn: d('2025-01-15'),
    notes: 'Reviewed the fortnight.',
  };

  it('records the notes of a held session, even after the series closed', () => {
    clinic
      .given(aHeldSession())
      .when(record)
      .thenEvents([notes('s1', '2025-01-15')]);
    clinic
      .given(closedAfterHolding())
      .when({ ...record, writtenOn: d('2025-01-25') })
      .thenEvents([notes('s1', '2025-01-25')]);
  });

  it('refuses a session not held, notes twice, a date before the session, empty notes, or no series', () => {
    clinic.given(aScheduledSession()).when(record).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic
      .given([...aHeldSession(), notes('s1', '2025-01-14')])
      .when(record)
      .thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    clinic
      .given(aHeldSession())
      .when({ ...record, writtenOn: d('2025-01-12') })
      .thenRefused({ tag: 'InvalidCommand', field: 'writtenOn' });
    clinic
      .given(aHeldSession())
      .when({ ...record, notes: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'notes' });
    clinic.given([]).when(record).thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe("session ids named like properties every object has ('constructor', '__proto__')", () => {
  const inherited = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

  it.each(inherited)(
    "refuses to move, cancel or write up session '%s', which was never scheduled",
    (sessionId) => {
      // Moving it threw a TypeError: the lookup found `Object` (or Object.prototype), with no reschedules.
      const move = {
        kind: 'RescheduleSession' as const,
        sessionId,
        to: d('2025-01-20'),
        reason: 'school-holidays' as const,
        rescheduledOn: d('2025-01-08'),
      };
      clinic.given([]).when(move).thenRefused({ tag: 'NotAllowedNow' });
      clinic.given(aHeldSession()).when(move).thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
      clinic
        .given(aHeldSession())
        .when({
          kind: 'CancelSession',
          sessionId,
          cancelledBy: 'carer',
          reason: 'Ill',
          cancelledOn: d('2025-01-10'),
        })
        .thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
      clinic
        .given(aHeldSession())
        .when({ kind: 'RecordSessionNotes', sessionId, writtenOn: d('2025-01-15'), notes: 'Notes.' })
        .thenRefused({ tag: 'NotAllowedNow', field: 'sessionId' });
    },
  );

  it.each(inherited)("schedules session '%s' as a new id, then moves it", (sessionId) => {
    clinic
      .given(anOpenSeries())
      .when({ kind: 'ScheduleSession', sessionId, scheduledFor: d('2025-01-13'), mode: 'online' })
      .thenEvents([scheduled(sessionId, '2025-01-13')]);
    clinic
      .given([...anOpenSeries(), scheduled(sessionId, '2025-01-13')])
      .when({
        kind: 'RescheduleSession',
        sessionId,
        to: d('2025-01-20'),
        reason: 'school-holidays',
        rescheduledOn: d('2025-01-08'),
      })
      .thenState((state) => {
        expect(Object.keys(state.sessions)).toEqual([sessionId]);
        expect(Object.getPrototypeOf(state.sessions)).toBe(Object.prototype);
      });
  });
});
