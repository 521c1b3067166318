import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import { anApplication, approvedHousehold, d } from './__fixtures__/household-history.js';
import { householdDecider } from './decider.js';
import * as ev from './events/index.js';

const household = specify(householdDecider);

const member = {
  memberId: 'member-jamie',
  name: 'Jamie Morgan',
  dateOfBirth: d('2012-04-14'),
  relationship: 'carers-own-child' as const,
  joinedOn: d('2025-01-06'),
};
const withMember = [...approvedHousehold(), ev.HouseholdMemberJoined.create(member)];

const pet = { petId: 'pet-rex', species: 'dog', description: 'Rex, a Staffordshire bull terrier' };
const withPet = [...approvedHousehold(), ev.PetRecorded.create({ ...pet, recordedOn: d('2025-03-01') })];

describe('household members', () => {
  it('records a member joining the household', () => {
    household
      .given(anApplication())
      .when({ kind: 'AddHouseholdMember', ...member })
      .thenEvents([ev.HouseholdMemberJoined.create(member)]);
  });

  it('refuses a member already recorded, and a household with no application', () => {
    household
      .given(withMember)
      .when({ kind: 'AddHouseholdMember', ...member, joinedOn: d('2025-08-01') })
      .thenRefused({ tag: 'NotAllowedNow', field: 'memberId' });
    household
      .given([])
      .when({ kind: 'AddHouseholdMember', ...member })
      .thenRefused({ tag: 'NotAllowedNow' });
  });

  it('records a member leaving', () => {
    household
      .given(withMember)
      .when({ kind: 'RecordMemberLeaving', memberId: member.memberId, leftOn: d('2025-09-01') })
      .thenEvents([ev.HouseholdMemberLeft.create({ memberId: member.memberId, leftOn: d('2025-09-01') })]);
  });

  it('refuses a leaving for someone who is not a member, or who has already left', () => {
    household
      .given(withMember)
      .when({ kind: 'RecordMemberLeaving', memberId: 'member-unknown', leftOn: d('2025-09-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'memberId' });
    household
      .given([
        ...withMember,
        ev.HouseholdMemberLeft.create({ memberId: member.memberId, leftOn: d('2025-09-01') }),
      ])
      .when({ kind: 'RecordMemberLeaving', memberId: member.memberId, leftOn: d('2025-10-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'memberId' });
  });

  it('refuses a leaving dated before the member joined', () => {
    household
      .given(withMember)
      .when({ kind: 'RecordMemberLeaving', memberId: member.memberId, leftOn: d('2025-01-05') })
      .thenRefused({ tag: 'InvalidCommand', field: 'leftOn' });
  });
});

describe('pets', () => {
  it('records a pet in the household', () => {
    household
      .given(approvedHousehold())
      .when({ kind: 'RecordPet', ...pet, recordedOn: d('2025-03-01') })
      .thenEvents([ev.PetRecorded.create({ ...pet, recordedOn: d('2025-03-01') })]);
  });

  it('refuses a pet already recorded, and a household with no application', () => {
    household
      .given(withPet)
      .when({ kind: 'RecordPet', ...pet, recordedOn: d('2025-04-01') })
      .thenRefused({ tag: 'NotAllowedNow', field: 'petId' });
    household
      .given([])
      .when({ kind: 'RecordPet', ...pet, recordedOn: d('2025-04-01') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });

  it('records a pet leaving the household', () => {
    household
      .given(withPet)
      .when({ kind: 'RemovePet', petId: pet.petId, removedOn: d('2025-11-01') })
      .thenEvents([ev.PetRemoved.create({ petId: pet.petId, removedOn: d('2025-11-01') })]);
  });

  it('refuses to remove an unknown pet, a pet already removed, or before it was recorded', () => {
    household
      .given(withPet)
      .when({ kind: 'RemovePet', petId: 'pet-unknown', removedOn: d('2025-11-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'petId' });
    household
      .given([...withPet, ev.PetRemoved.create({ petId: pet.petId, removedOn: d('2025-11-01') })])
      .when({ kind: 'RemovePet', petId: pet.petId, removedOn: d('2025-12-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'petId' });
    household
      .given(withPet)
      .when({ kind: 'RemovePet', petId: pet.petId, removedOn: d('2025-02-28') })
      .thenRefused({ tag: 'InvalidCommand', field: 'removedOn' });
  });
});

describe('safe care and risk assessments', () => {
  it('records a version of the safe-care plan', () => {
    const covers = ['dog in the household', 'pond in the garden'];
    household
      .given(approvedHousehold())
      .when({ kind: 'RecordSafeCarePlan', recordedOn: d('2025-06-20'), covers })
      .thenEvents([ev.SafeCarePlanRecorded.create({ recordedOn: d('2025-06-20'), covers })]);
  });

  it('refuses a safe-care plan for a household with no application', () => {
    household
      .given([])
      .when({ kind: 'RecordSafeCarePlan', recordedOn: d('2025-06-20'), covers: [] })
      .thenRefused({ tag: 'NotAllowedNow' });
  });

  it('records a pet risk assessment for a recorded pet, and it counts for that pet', () => {
    const command = {
      kind: 'RecordRiskAssessment' as const,
      assessmentId: 'ra-1',
      assessmentKind: 'pet' as const,
      assessedOn: d('2025-03-05'),
      petId: pet.petId,
    };
    const assessed = ev.RiskAssessmentRecorded.create({
      assessmentId: 'ra-1',
      kind: 'pet',
      assessedOn: d('2025-03-05'),
      petId: pet.petId,
    });
    household.given(withPet).when(command).thenEvents([assessed]);
    household
      .given(withPet)
      .when(command)
      .thenState((state) => expect(state.petRiskAssessments).toEqual({ [pet.petId]: '2025-03-05' }));
  });

  it('records a home-safety assessment, which names no pet', () => {
    household
      .given(approvedHousehold())
      .when({
        kind: 'RecordRiskAssessment',
        assessmentId: 'ra-2',
        assessmentKind: 'home-safety',
        assessedOn: d('2025-06-01'),
      })
      .thenEvents([
        ev.RiskAssessmentRecorded.create({
          assessmentId: 'ra-2',
          kind: 'home-safety',
          assessedOn: d('2025-06-01'),
        }),
      ]);
  });

  it('refuses a pet risk assessment for an unknown pet, or naming no pet', () => {
    const assess = {
      kind: 'RecordRiskAssessment' as const,
      assessmentId: 'ra-3',
      assessmentKind: 'pet' as const,
    };
    household
      .given(withPet)
      .when({ ...assess, assessedOn: d('2025-03-05'), petId: 'pet-unknown' })
      .thenRefused({ tag: 'InvalidCommand', field: 'petId' });
    household
      .given(withPet)
      .when({ ...assess, assessedOn: d('2025-03-05') })
      .thenRefused({ tag: 'InvalidCommand', field: 'petId' });
  });
});

describe('ids named like properties every object has', () => {
  // State keeps members, pets and applicants in objects keyed by id: each is looked up as an own property, so
  // 'constructor' or '__proto__' is an id like any other, not the inherited `Object` or `Object.prototype`.
  const inherited = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

  it.each(inherited)("refuses to remove pet '%s', or a member '%s' leaving, when none was recorded", (id) => {
    household
      .given(withPet)
      .when({ kind: 'RemovePet', petId: id, removedOn: d('2025-11-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'petId' });
    household
      .given(withMember)
      .when({ kind: 'RecordMemberLeaving', memberId: id, leftOn: d('2025-09-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'memberId' });
    household
      .given(withPet)
      .when({
        kind: 'RecordRiskAssessment',
        assessmentId: 'ra-1',
        assessmentKind: 'pet',
        petId: id,
        assessedOn: d('2025-04-01'),
      })
      .thenRefused({ tag: 'InvalidCommand', field: 'petId' });
  });

  it.each(inherited)("refuses training and checks for adult '%s', who is not an applicant", (adultId) => {
    household
      .given(approvedHousehold())
      .when({ kind: 'RecordTraining', adultId, course: 'first-aid', completedOn: d('2025-09-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'adultId' });
    household
      .given(approvedHousehold())
      .when({ kind: 'CompleteCheck', check: 'dbs', adultId, completedOn: d('2025-09-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'adultId' });
    household
      .given(approvedHousehold())
      .when({ kind: 'SignFosterCareAgreement', signedOn: d('2025-09-01'), signedBy: ['adult-alex', adultId] })
      .thenRefused({ tag: 'InvalidCommand', field: 'signedBy' });
  });

  it.each(inherited)("records pet '%s', which no pet before had, and then its removal", (petId) => {
    const recorded = ev.PetRecorded.create({ ...pet, petId, recordedOn: d('2025-03-01') });
    household
      .given(approvedHousehold())
      .when({ kind: 'RecordPet', ...pet, petId, recordedOn: d('2025-03-01') })
      .thenEvents([recorded]);
    household
      .given([...approvedHousehold(), recorded])
      .when({ kind: 'RemovePet', petId, removedOn: d('2025-11-01') })
      .thenState((state) => {
        expect(Object.hasOwn(state.pets, petId)).toBe(true);
        expect(state.pets[petId]).toMatchObject({ species: 'dog', removedOn: '2025-11-01' });
        expect(Object.getPrototypeOf(state.pets)).toBe(Object.prototype);
      });
  });
});
