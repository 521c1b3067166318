import { specify } from '@fostering/testkit';
import { describe, it } from 'vitest';
import {
  aHeldSession,
  anOpenSeries,
  aSeriesWithTwo,
  d,
  jordan,
  opening,
  riley,
} from './__fixtures__/clinic-history.js';
import { clinicDecider } from './decider.js';
import * as ev from './events/index.js';

const clinic = specify(clinicDecider());
const closed = () => [...anOpenSeries(), ev.ClinicSeriesClosed.create({ closedOn: d('2025-06-30') })];

describe('opening a clinic series', () => {
  it('opens for the household’s supported young people', () => {
    clinic
      .given([])
      .when({ kind: 'OpenClinicSeries', ...opening })
      .thenEvents([ev.ClinicSeriesOpened.create(opening)]);
  });

  it('refuses a second opening, no young people, a child twice, or an empty id', () => {
    const open = { kind: 'OpenClinicSeries' as const, ...opening };
    clinic.given(anOpenSeries()).when(open).thenRefused({ tag: 'NotAllowedNow' });
    clinic
      .given([])
      .when({ ...open, youngPeople: [] })
      .thenRefused({ tag: 'InvalidCommand', field: 'youngPeople' });
    clinic
      .given([])
      .when({ ...open, youngPeople: [riley, riley] })
      .thenRefused({ tag: 'InvalidCommand', field: 'youngPeople' });
    clinic
      .given([])
      .when({ ...open, clinicianId: ' ' })
      .thenRefused({ tag: 'InvalidCommand', field: 'clinicianId' });
    clinic
      .given([])
      .when({ ...open, householdId: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'householdId' });
    clinic
      .given([])
      .when({ ...open, seriesId: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'seriesId' });
  });
});

describe('changing the supported young people', () => {
  const change = {
    kind: 'ChangeSupportedYoungPeople' as const,
    childIds: [riley, jordan],
    changedOn: d('2025-02-03'),
  };

  it('records who is supported from a date', () => {
    clinic
      .given(anOpenSeries())
      .when(change)
      .thenEvents([
        ev.SupportedYoungPeopleChanged.create({ childIds: [riley, jordan], changedOn: d('2025-02-03') }),
      ]);
  });

  it('refuses before opening, after closing, with nobody, or dated before the last change', () => {
    clinic.given([]).when(change).thenRefused({ tag: 'NotAllowedNow' });
    clinic.given(closed()).when(change).thenRefused({ tag: 'NotAllowedNow' });
    clinic
      .given(anOpenSeries())
      .when({ ...change, childIds: [] })
      .thenRefused({ tag: 'InvalidCommand', field: 'childIds' });
    clinic
      .given(aSeriesWithTwo())
      .when({ ...change, childIds: [riley], changedOn: d('2025-01-31') })
      .thenRefused({ tag: 'InvalidCommand', field: 'changedOn' });
  });
});

describe('team around the child meetings and care plan contributions', () => {
  const meeting = {
    kind: 'RecordTeamAroundTheChildAttendance' as const,
    childId: riley,
    meetingOn: d('2025-01-20'),
    meetingKind: 'tatc' as const,
  };
  const contribution = {
    kind: 'RecordCarePlanContribution' as const,
    childId: riley,
    contributedOn: d('2025-01-22'),
    planVersion: 1,
  };

  it('records attendance at a meeting for a supported young person', () => {
    clinic
      .given(anOpenSeries())
      .when(meeting)
      .thenEvents([
        ev.TeamAroundTheChildAttended.create({ childId: riley, meetingOn: d('2025-01-20'), kind: 'tatc' }),
      ]);
  });

  it('records a contribution to a care plan, with or without its version', () => {
    const { kind: _kind, ...data } = contribution;
    clinic
      .given(anOpenSeries())
      .when(contribution)
      .thenEvents([ev.CarePlanContributionRecorded.create(data)]);
    clinic
      .given(anOpenSeries())
      .when({ kind: 'RecordCarePlanContribution', childId: riley, contributedOn: d('2025-01-22') })
      .thenEvents([
        ev.CarePlanContributionRecorded.create({ childId: riley, contributedOn: d('2025-01-22') }),
      ]);
  });

  it('refuses a child not supported on that date, a date before opening, or a closed series', () => {
    clinic
      .given(anOpenSeries())
      .when({ ...meeting, childId: jordan })
      .thenRefused({ tag: 'InvalidCommand', field: 'childId' });
    clinic
      .given(aSeriesWithTwo())
      .when({ ...contribution, childId: jordan })
      .thenRefused({ tag: 'InvalidCommand', field: 'childId' });
    clinic
      .given(aSeriesWithTwo())
      .when({ ...meeting, childId: jordan, meetingOn: d('2025-02-03') })
      .thenEvents([
        ev.TeamAroundTheChildAttended.create({ childId: jordan, meetingOn: d('2025-02-03'), kind: 'tatc' }),
      ]);
    clinic
      .given(anOpenSeries())
      .when({ ...meeting, meetingOn: d('2025-01-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'meetingOn' });
    clinic
      .given(anOpenSeries())
      .when({ ...contribution, contributedOn: d('2025-01-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'contributedOn' });
    clinic.given(closed()).when(meeting).thenRefused({ tag: 'NotAllowedNow' });
    clinic.given([]).when(contribution).thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('closing a clinic series', () => {
  const close = { kind: 'CloseClinicSeries' as const, closedOn: d('2025-06-30') };

  it('closes an open series', () => {
    clinic
      .given(aHeldSession())
      .when(close)
      .thenEvents([ev.ClinicSeriesClosed.create({ closedOn: d('2025-06-30') })]);
  });

  it('refuses to close twice, before opening, or before the last session held', () => {
    clinic.given(closed()).when(close).thenRefused({ tag: 'NotAllowedNow' });
    clinic.given([]).when(close).thenRefused({ tag: 'NotAllowedNow' });
    clinic
      .given(anOpenSeries())
      .when({ ...close, closedOn: d('2025-01-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'closedOn' });
    clinic
      .given(aHeldSession())
      .when({ ...close, closedOn: d('2025-01-12') })
      .thenRefused({ tag: 'InvalidCommand', field: 'closedOn' });
  });
});
