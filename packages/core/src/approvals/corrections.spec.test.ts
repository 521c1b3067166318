import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import {
  anApplication,
  approvedHousehold,
  assessedHousehold,
  d,
  firstCarer,
  on,
  recommendedHousehold,
  suspendedHousehold,
  temporarilyApprovedHousehold,
} from './__fixtures__/household-history.js';
import { householdDecider } from './decider.js';
import * as ev from './events/index.js';
import { statusOn } from './status.js';

// Behaviours settled after the first round of specifications (see docs/domain/approvals.md, "Decisions").
const household = specify(householdDecider);

describe('panel recommendation belongs to a scheduled panel', () => {
  const recommend = { kind: 'RecordPanelRecommendation' as const, recommendation: 'approve' as const };

  it('is refused for a date no panel is scheduled on, naming the field', () => {
    household
      .given(assessedHousehold())
      .when({ ...recommend, panelOn: d('2025-06-09'), minutesFinalisedOn: d('2025-06-10') })
      .thenRefused({ tag: 'NotAllowedNow', field: 'panelOn' });
  });

  it('is recorded once only', () => {
    household
      .given(recommendedHousehold())
      .when({ ...recommend, panelOn: on.panel, minutesFinalisedOn: on.minutes })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('temporary approval covers exactly its weeks', () => {
  it('refuses an extension on the day it expires: it has lapsed', () => {
    household
      .given(temporarilyApprovedHousehold())
      .when({ kind: 'ExtendTemporaryApproval', extendedOn: on.temporaryExpiry })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'temporary-approval', field: 'extendedOn' });
  });

  it('refuses an extension once full approval has been refused', () => {
    const refused = ev.ApprovalRefused.create({
      decidedOn: d('2025-02-01'),
      noticeGivenOn: d('2025-02-01'),
      takesEffectOn: d('2025-03-01'),
      reason: 'assessment not supported',
    });
    household
      .given([...temporarilyApprovedHousehold(), refused])
      .when({ kind: 'ExtendTemporaryApproval', extendedOn: d('2025-04-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });

  it('can suspend a temporarily approved household', () => {
    household
      .given(temporarilyApprovedHousehold())
      .when({ kind: 'Suspend', suspendedOn: d('2025-02-01'), reason: 'allegation' })
      .thenEvents([ev.ApprovalSuspended.create({ suspendedOn: d('2025-02-01'), reason: 'allegation' })]);
  });
});

describe('suspensions are history', () => {
  it('keeps the suspended period after the suspension is lifted, for replay as of a past date', () => {
    household
      .given(suspendedHousehold(d('2025-09-01')))
      .when({ kind: 'LiftSuspension', liftedOn: d('2025-10-01') })
      .thenState((state) => {
        expect(statusOn(state, d('2025-08-31'))).toBe('approved');
        expect(statusOn(state, d('2025-09-15'))).toBe('suspended');
        expect(statusOn(state, d('2025-10-01'))).toBe('approved');
      });
  });
});

describe('household records name only what exists', () => {
  it('refuses a check for someone who is not an applicant', () => {
    household
      .given(anApplication())
      .when({ kind: 'CompleteCheck', check: 'dbs', completedOn: d('2025-02-01'), adultId: 'stranger' })
      .thenRefused({ tag: 'InvalidCommand', field: 'adultId' });
    household
      .given(anApplication())
      .when({
        kind: 'CompleteCheck',
        check: 'dbs',
        completedOn: d('2025-02-01'),
        adultId: firstCarer.adultId,
      })
      .thenEvents([
        ev.CheckCompleted.create({ check: 'dbs', completedOn: d('2025-02-01'), adultId: firstCarer.adultId }),
      ]);
  });

  it('refuses a pet named on a risk assessment that is not about a pet, and one for a pet no longer here', () => {
    const dog = ev.PetRecorded.create({
      petId: 'dog',
      species: 'dog',
      description: 'lurcher',
      recordedOn: d('2025-07-01'),
    });
    household
      .given([...approvedHousehold(), dog])
      .when({
        kind: 'RecordRiskAssessment',
        assessmentId: 'r1',
        assessmentKind: 'home-safety',
        assessedOn: d('2025-07-02'),
        petId: 'dog',
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'petId' });
    household
      .given([
        ...approvedHousehold(),
        dog,
        ev.PetRemoved.create({ petId: 'dog', removedOn: d('2025-07-05') }),
      ])
      .when({
        kind: 'RecordRiskAssessment',
        assessmentId: 'r2',
        assessmentKind: 'pet',
        assessedOn: d('2025-07-06'),
        petId: 'dog',
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'petId' });
  });

  it('lets a member who left come back, but not join twice while living here', () => {
    const joined = ev.HouseholdMemberJoined.create({
      memberId: 'm1',
      name: 'Jo',
      dateOfBirth: d('2001-04-01'),
      relationship: 'other-adult',
      joinedOn: d('2025-07-01'),
    });
    const rejoin = {
      kind: 'AddHouseholdMember' as const,
      memberId: 'm1',
      name: 'Jo',
      dateOfBirth: d('2001-04-01'),
      relationship: 'other-adult' as const,
      joinedOn: d('2025-09-01'),
    };
    household
      .given([...approvedHousehold(), joined])
      .when(rejoin)
      .thenRefused({ tag: 'NotAllowedNow', field: 'memberId' });
    household
      .given([
        ...approvedHousehold(),
        joined,
        ev.HouseholdMemberLeft.create({ memberId: 'm1', leftOn: d('2025-08-01') }),
      ])
      .when(rejoin)
      .thenState((state) =>
        expect(state.members.m1).toEqual({
          relationship: 'other-adult',
          dateOfBirth: '2001-04-01',
          joinedOn: '2025-09-01',
        }),
      );
  });
});
