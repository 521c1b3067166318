import { specify } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../eventsourcing/index.js';
import {
  anApplication,
  approvedHousehold,
  d,
  firstCarer,
  householdId,
  on,
  secondCarer,
  terms,
  termsInput,
  termsWithoutMaximum,
} from './__fixtures__/household-history.js';
import { HouseholdCommand } from './commands.js';
import { householdDecider } from './decider.js';
import * as ev from './events/index.js';

const household = specify(householdDecider);

const previousService = { serviceId: 'svc-north', serviceName: 'Northern Fostering' };

describe('receiving an application', () => {
  it('records the applicants, the route and the fostering services that approved them before', () => {
    household
      .given([])
      .when({
        kind: 'ReceiveApplication',
        householdId,
        receivedOn: on.application,
        route: 'mainstream',
        applicants: [firstCarer, secondCarer],
        previousServices: [previousService],
      })
      .thenEvents([
        ev.ApplicationReceived.create({
          householdId,
          receivedOn: on.application,
          route: 'mainstream',
          applicants: [firstCarer, secondCarer],
          previousServices: [previousService],
        }),
      ]);
  });

  it('refuses an application naming no applicant, or more than two', () => {
    const application = {
      kind: 'ReceiveApplication' as const,
      householdId,
      receivedOn: on.application,
      route: 'mainstream' as const,
      previousServices: [],
    };
    household
      .given([])
      .when({ ...application, applicants: [] })
      .thenRefused({ tag: 'InvalidCommand', field: 'applicants' });
    household
      .given([])
      .when({ ...application, applicants: [firstCarer, secondCarer, { adultId: 'adult-3', name: 'Jo' }] })
      .thenRefused({ tag: 'InvalidCommand', field: 'applicants' });
  });

  it('refuses a blank applicant’s name, naming the field: it goes on the placements register (FSR 22)', () => {
    const application = {
      kind: 'ReceiveApplication' as const,
      householdId,
      receivedOn: on.application,
      route: 'mainstream' as const,
      previousServices: [],
    };
    for (const name of ['', ' ', '\t ']) {
      expect(
        validateCommand(HouseholdCommand, {
          ...application,
          applicants: [firstCarer, { ...secondCarer, name }],
        }),
      ).toMatchObject({ left: { _tag: 'InvalidCommand', field: 'applicants.1.name' } });
    }
    expect(
      E.isRight(validateCommand(HouseholdCommand, { ...application, applicants: [firstCarer, secondCarer] })),
    ).toBe(true);
  });

  it('refuses a second application for the same household', () => {
    household
      .given(anApplication())
      .when({
        kind: 'ReceiveApplication',
        householdId,
        receivedOn: d('2025-02-01'),
        route: 'mainstream',
        applicants: [firstCarer],
        previousServices: [],
      })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('starting the assessment', () => {
  it('starts stage one after the application', () => {
    household
      .given(anApplication())
      .when({ kind: 'StartAssessment', stage: 1, startedOn: on.stageOne })
      .thenEvents([ev.AssessmentStarted.create({ stage: 1, startedOn: on.stageOne })]);
  });

  it('starts stage two once stage one has started', () => {
    household
      .given([...anApplication(), ev.AssessmentStarted.create({ stage: 1, startedOn: on.stageOne })])
      .when({ kind: 'StartAssessment', stage: 2, startedOn: on.stageTwo })
      .thenEvents([ev.AssessmentStarted.create({ stage: 2, startedOn: on.stageTwo })]);
  });

  it('refuses stage two before stage one, and a stage that has already started', () => {
    household
      .given(anApplication())
      .when({ kind: 'StartAssessment', stage: 2, startedOn: on.stageTwo })
      .thenRefused({ tag: 'NotAllowedNow', field: 'stage' });
    household
      .given([...anApplication(), ev.AssessmentStarted.create({ stage: 1, startedOn: on.stageOne })])
      .when({ kind: 'StartAssessment', stage: 1, startedOn: on.stageTwo })
      .thenRefused({ tag: 'NotAllowedNow', field: 'stage' });
  });

  it('refuses an assessment without an application, or dated before it', () => {
    household
      .given([])
      .when({ kind: 'StartAssessment', stage: 1, startedOn: on.stageOne })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given(anApplication())
      .when({ kind: 'StartAssessment', stage: 1, startedOn: d('2025-01-05') })
      .thenRefused({ tag: 'InvalidCommand', field: 'startedOn' });
  });

  it('refuses to start an assessment once the application has been decided', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'StartAssessment', stage: 1, startedOn: d('2025-07-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('interviewing personal referees', () => {
  const interview = {
    kind: 'InterviewReferee' as const,
    refereeId: 'referee-1',
    name: 'Pat Lee',
    relationship: 'neighbour',
  };

  it('records the interview', () => {
    household
      .given(anApplication())
      .when({ ...interview, interviewedOn: on.firstReferee })
      .thenEvents([
        ev.RefereeInterviewed.create({
          refereeId: 'referee-1',
          name: 'Pat Lee',
          relationship: 'neighbour',
          interviewedOn: on.firstReferee,
        }),
      ]);
  });

  it('refuses an interview dated before the application, or after the decision', () => {
    household
      .given(anApplication())
      .when({ ...interview, interviewedOn: d('2024-12-31') })
      .thenRefused({ tag: 'InvalidCommand', field: 'interviewedOn' });
    household
      .given(approvedHousehold())
      .when({ ...interview, interviewedOn: d('2025-07-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('completing checks', () => {
  it('records a check for an applicant, also after approval (checks are renewed)', () => {
    household
      .given(anApplication())
      .when({
        kind: 'CompleteCheck',
        check: 'dbs',
        completedOn: d('2025-02-10'),
        adultId: firstCarer.adultId,
      })
      .thenEvents([
        ev.CheckCompleted.create({ check: 'dbs', completedOn: d('2025-02-10'), adultId: firstCarer.adultId }),
      ]);
    household
      .given(approvedHousehold())
      .when({ kind: 'CompleteCheck', check: 'health-and-safety', completedOn: d('2026-01-10') })
      .thenEvents([ev.CheckCompleted.create({ check: 'health-and-safety', completedOn: d('2026-01-10') })]);
  });

  it('refuses a check without an application, or dated before it', () => {
    household
      .given([])
      .when({ kind: 'CompleteCheck', check: 'medical', completedOn: d('2025-02-10') })
      .thenRefused({ tag: 'NotAllowedNow' });
    household
      .given(anApplication())
      .when({ kind: 'CompleteCheck', check: 'medical', completedOn: d('2025-01-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'completedOn' });
  });
});

describe('receiving a reference from a previous fostering service', () => {
  it('records a reference from a service declared in the application', () => {
    household
      .given(anApplication({ previousServices: [previousService] }))
      .when({ kind: 'ReceivePreviousServiceReference', serviceId: 'svc-north', receivedOn: d('2025-03-01') })
      .thenEvents([
        ev.PreviousServiceReferenceReceived.create({ serviceId: 'svc-north', receivedOn: d('2025-03-01') }),
      ]);
  });

  it('refuses a reference from a service the application did not declare', () => {
    household
      .given(anApplication({ previousServices: [previousService] }))
      .when({ kind: 'ReceivePreviousServiceReference', serviceId: 'svc-south', receivedOn: d('2025-03-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'serviceId' });
  });
});

describe('the two-day therapeutic-care course', () => {
  it('records the course for an applicant', () => {
    household
      .given(anApplication())
      .when({ kind: 'CompleteTherapeuticCourse', adultId: secondCarer.adultId, completedOn: on.course })
      .thenEvents([
        ev.TherapeuticCourseCompleted.create({ adultId: secondCarer.adultId, completedOn: on.course }),
      ]);
  });

  it('refuses the course for someone who is not an applicant', () => {
    household
      .given(anApplication())
      .when({ kind: 'CompleteTherapeuticCourse', adultId: 'adult-unknown', completedOn: on.course })
      .thenRefused({ tag: 'InvalidCommand', field: 'adultId' });
  });
});

describe('the assessment report', () => {
  it('records the proposed terms with an explicit maximum number of children', () => {
    household
      .given(anApplication())
      .when({ kind: 'CompleteAssessmentReport', completedOn: on.report, proposedTerms: termsInput })
      .thenEvents([ev.AssessmentReportCompleted.create({ completedOn: on.report, proposedTerms: terms })]);
  });

  it('refuses proposed terms that do not state the maximum number of children (rule terms)', () => {
    household
      .given(anApplication())
      .when({ kind: 'CompleteAssessmentReport', completedOn: on.report, proposedTerms: termsWithoutMaximum })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'terms', field: 'proposedTerms.maxChildren' });
    household
      .given(anApplication())
      .when({
        kind: 'CompleteAssessmentReport',
        completedOn: on.report,
        proposedTerms: { ...termsInput, maxChildren: null },
      })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'terms', field: 'proposedTerms.maxChildren' });
  });
});
