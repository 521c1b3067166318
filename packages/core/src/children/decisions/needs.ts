import * as E from 'fp-ts/lib/Either.js';
import { invalidCommand, ownValue } from '../../eventsourcing/index.js';
import type { ChildCommandOf } from '../commands.js';
import * as ev from '../events/index.js';
import type { ChildState } from '../state.js';
import {
  accept,
  type Decision,
  firstRefusal,
  notAllowed,
  notBefore,
  ok,
  requireRegistered,
  requireThat,
} from './guards.js';

export const recordHealthNeed = (command: ChildCommandOf<'RecordHealthNeed'>, state: ChildState): Decision =>
  E.flatMap(
    firstRefusal(
      requireRegistered(state),
      requireThat(command.needId.trim() !== '', 'needId', 'must not be empty'),
      // A need id is never reused, so a safe-care plan entry that covers it cannot come to mean another need.
      () =>
        ownValue(state.healthNeeds, command.needId) === undefined &&
        ownValue(state.resolvedHealthNeeds, command.needId) === undefined
          ? ok
          : notAllowed('this health need is already recorded', 'needId'),
      requireThat(command.description.trim() !== '', 'description', 'must describe the need'),
    ),
    () =>
      accept(
        ev.HealthNeedRecorded.create({
          needId: command.needId,
          kind: command.needKind,
          description: command.description,
          recordedOn: command.recordedOn,
        }),
      ),
  );

export const resolveHealthNeed = (
  command: ChildCommandOf<'ResolveHealthNeed'>,
  state: ChildState,
): Decision => {
  const need = ownValue(state.healthNeeds, command.needId);
  return E.flatMap(
    firstRefusal(
      requireRegistered(state),
      requireThat(need !== undefined, 'needId', 'must be a current health need of this child'),
      notBefore(command.resolvedOn, need?.recordedOn, 'resolvedOn', 'the day the need was recorded'),
    ),
    () => accept(ev.HealthNeedResolved.create({ needId: command.needId, resolvedOn: command.resolvedOn })),
  );
};

export const recordIdentityNeeds = (
  command: ChildCommandOf<'RecordIdentityNeeds'>,
  state: ChildState,
): Decision => {
  const { kind: _kind, ...data } = command;
  const stated = [data.ethnicity, data.religion, data.languages, data.culture].some((v) => v !== undefined);
  return E.flatMap(
    firstRefusal(requireRegistered(state), () =>
      stated ? ok : E.left(invalidCommand('', 'must state at least one identity need')),
    ),
    () => accept(ev.IdentityNeedsRecorded.create(data)),
  );
};

export const recordEducation = (command: ChildCommandOf<'RecordEducation'>, state: ChildState): Decision =>
  E.flatMap(
    firstRefusal(
      requireRegistered(state),
      requireThat(
        command.setting !== 'not-in-education' || command.schoolName === undefined,
        'schoolName',
        'is only for a child in education',
      ),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.EducationRecorded.create(data));
    },
  );
