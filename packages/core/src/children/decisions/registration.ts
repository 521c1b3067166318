import * as E from 'fp-ts/lib/Either.js';
import { ownValue } from '../../eventsourcing/index.js';
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

const filled = (value: string) => value.trim() !== '';

export const registerChild = (command: ChildCommandOf<'RegisterChild'>, state: ChildState): Decision =>
  E.flatMap(
    firstRefusal(
      () => (state.registeredOn === undefined ? ok : notAllowed('this child is already registered')),
      requireThat(filled(command.childId), 'childId', 'must not be empty'),
      requireThat(filled(command.name), 'name', 'must not be empty'),
      requireThat(filled(command.placingAuthority), 'placingAuthority', 'must name the placing authority'),
      requireThat(
        command.dateOfBirth <= command.registeredOn,
        'dateOfBirth',
        `must not be after the registration (${command.registeredOn})`,
      ),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.ChildRegistered.create(data));
    },
  );

export const changeLegalStatus = (
  command: ChildCommandOf<'ChangeLegalStatus'>,
  state: ChildState,
): Decision => {
  const latest = state.legalStatusHistory[state.legalStatusHistory.length - 1];
  return E.flatMap(
    firstRefusal(
      requireRegistered(state),
      notBefore(command.changedOn, latest?.from, 'changedOn', 'the current legal status'),
    ),
    // Already the child's status: nothing new to record.
    () =>
      command.legalStatus === state.legalStatus
        ? accept()
        : accept(
            ev.LegalStatusChanged.create({ legalStatus: command.legalStatus, changedOn: command.changedOn }),
          ),
  );
};

export const recordRelationship = (
  command: ChildCommandOf<'RecordRelationship'>,
  state: ChildState,
): Decision =>
  E.flatMap(
    firstRefusal(
      requireRegistered(state),
      requireThat(filled(command.otherChildId), 'otherChildId', 'must not be empty'),
      requireThat(
        command.otherChildId !== state.childId,
        'otherChildId',
        'must be another child, not this one',
      ),
    ),
    () =>
      ownValue(state.relationships, command.otherChildId) === command.relationship
        ? accept()
        : accept(
            ev.ChildRelationshipRecorded.create({
              otherChildId: command.otherChildId,
              relationship: command.relationship,
              recordedOn: command.recordedOn,
            }),
          ),
  );
