import * as E from 'fp-ts/lib/Either.js';
import { invalidCommand, ownValue } from '../../eventsourcing/index.js';
import type { CommandOf } from '../commands.js';
import * as ev from '../events/index.js';
import type { HouseholdState } from '../state.js';
import {
  type ApprovalsError,
  accept,
  type Decision,
  firstRefusal,
  notAllowed,
  notBefore,
  ok,
  requireApplication,
  requireApprovedOn,
} from './guards.js';

const known = (exists: boolean, field: string, what: string) => (): E.Either<ApprovalsError, void> =>
  exists ? ok : E.left(invalidCommand(field, `must be ${what}`));

export const addHouseholdMember = (
  command: CommandOf<'AddHouseholdMember'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(
    firstRefusal(requireApplication(state), () => {
      const member = ownValue(state.members, command.memberId);
      // Someone who left may come back; someone living here cannot join twice.
      return member === undefined || member.leftOn !== undefined
        ? ok
        : notAllowed('this member already lives in the household', 'memberId');
    }),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.HouseholdMemberJoined.create(data));
    },
  );

export const recordMemberLeaving = (
  command: CommandOf<'RecordMemberLeaving'>,
  state: HouseholdState,
): Decision => {
  const member = ownValue(state.members, command.memberId);
  return E.flatMap(
    firstRefusal(
      known(
        member !== undefined && member.leftOn === undefined,
        'memberId',
        'a current member of the household',
      ),
      notBefore(command.leftOn, member?.joinedOn, 'leftOn', 'the day they joined'),
    ),
    () => accept(ev.HouseholdMemberLeft.create({ memberId: command.memberId, leftOn: command.leftOn })),
  );
};

export const recordPet = (command: CommandOf<'RecordPet'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(requireApplication(state), () =>
      ownValue(state.pets, command.petId) === undefined
        ? ok
        : notAllowed('this pet is already recorded', 'petId'),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.PetRecorded.create(data));
    },
  );

export const removePet = (command: CommandOf<'RemovePet'>, state: HouseholdState): Decision => {
  const pet = ownValue(state.pets, command.petId);
  return E.flatMap(
    firstRefusal(
      known(pet !== undefined && pet.removedOn === undefined, 'petId', 'a pet currently in the household'),
      notBefore(command.removedOn, pet?.recordedOn, 'removedOn', 'the day it was recorded'),
    ),
    () => accept(ev.PetRemoved.create({ petId: command.petId, removedOn: command.removedOn })),
  );
};

export const recordSafeCarePlan = (
  command: CommandOf<'RecordSafeCarePlan'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(requireApplication(state)(), () =>
    accept(ev.SafeCarePlanRecorded.create({ recordedOn: command.recordedOn, covers: command.covers })),
  );

export const recordRiskAssessment = (
  command: CommandOf<'RecordRiskAssessment'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(
    firstRefusal(requireApplication(state), () => {
      if (command.assessmentKind !== 'pet') {
        return command.petId === undefined
          ? ok
          : E.left(invalidCommand('petId', 'is only for a pet risk assessment'));
      }
      const pet = command.petId === undefined ? undefined : ownValue(state.pets, command.petId);
      return known(
        pet !== undefined && pet.removedOn === undefined,
        'petId',
        'a pet currently in the household',
      )();
    }),
    () =>
      accept(
        ev.RiskAssessmentRecorded.create({
          assessmentId: command.assessmentId,
          kind: command.assessmentKind,
          assessedOn: command.assessedOn,
          ...(command.petId === undefined ? {} : { petId: command.petId }),
        }),
      ),
  );

export const recordTraining = (command: CommandOf<'RecordTraining'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(
      requireApplication(state),
      known(
        ownValue(state.applicants, command.adultId) !== undefined,
        'adultId',
        'an applicant or approved carer',
      ),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.TrainingCompleted.create(data));
    },
  );

export const recordSupervisoryVisit = (
  command: CommandOf<'RecordSupervisoryVisit'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(
    firstRefusal(requireApplication(state), requireApprovedOn(state, command.visitedOn, 'visitedOn')),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.SupervisoryVisitRecorded.create(data));
    },
  );

export const recordHomeCheck = (command: CommandOf<'RecordHomeCheck'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(requireApplication(state), requireApprovedOn(state, command.checkedOn, 'checkedOn')),
    () =>
      accept(ev.HomeCheckCompleted.create({ checkedOn: command.checkedOn, checkedBy: command.checkedBy })),
  );
