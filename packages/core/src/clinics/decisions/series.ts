import * as E from 'fp-ts/lib/Either.js';
import type { ClinicCommandOf } from '../commands.js';
import * as ev from '../events/index.js';
import type { ClinicSeriesState } from '../state.js';
import {
  accept,
  type ClinicDecision,
  distinctIds,
  firstRefusal,
  notAllowed,
  notBefore,
  notBeforeOpening,
  ok,
  requireOpen,
  requireSupported,
  requireThat,
} from './guards.js';

export const openClinicSeries = (
  command: ClinicCommandOf<'OpenClinicSeries'>,
  state: ClinicSeriesState,
): ClinicDecision =>
  E.flatMap(
    firstRefusal(
      () => (state.openedOn === undefined ? ok : notAllowed('this clinic series is already open')),
      requireThat(command.seriesId.trim() !== '', 'seriesId', 'must not be empty'),
      requireThat(command.clinicianId.trim() !== '', 'clinicianId', 'must not be empty'),
      requireThat(command.householdId.trim() !== '', 'householdId', 'must not be empty'),
      requireThat(
        distinctIds(command.youngPeople),
        'youngPeople',
        'must name at least one child, none twice',
      ),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.ClinicSeriesOpened.create(data));
    },
  );

export const changeSupportedYoungPeople = (
  command: ClinicCommandOf<'ChangeSupportedYoungPeople'>,
  state: ClinicSeriesState,
): ClinicDecision =>
  E.flatMap(
    firstRefusal(
      requireOpen(state),
      requireThat(distinctIds(command.childIds), 'childIds', 'must name at least one child, none twice'),
      notBefore(
        command.changedOn,
        state.supported[state.supported.length - 1]?.from,
        'changedOn',
        'the last change',
      ),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.SupportedYoungPeopleChanged.create(data));
    },
  );

export const recordTeamAroundTheChildAttendance = (
  command: ClinicCommandOf<'RecordTeamAroundTheChildAttendance'>,
  state: ClinicSeriesState,
): ClinicDecision =>
  E.flatMap(
    firstRefusal(
      requireOpen(state),
      notBeforeOpening(state, command.meetingOn, 'meetingOn'),
      requireSupported(state, command.childId, command.meetingOn, 'meetingOn'),
    ),
    () =>
      accept(
        ev.TeamAroundTheChildAttended.create({
          childId: command.childId,
          meetingOn: command.meetingOn,
          kind: command.meetingKind,
        }),
      ),
  );

export const recordCarePlanContribution = (
  command: ClinicCommandOf<'RecordCarePlanContribution'>,
  state: ClinicSeriesState,
): ClinicDecision =>
  E.flatMap(
    firstRefusal(
      requireOpen(state),
      notBeforeOpening(state, command.contributedOn, 'contributedOn'),
      requireSupported(state, command.childId, command.contributedOn, 'contributedOn'),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.CarePlanContributionRecorded.create(data));
    },
  );

/** Closing on a date before a session already held would leave that session outside the series. */
export const closeClinicSeries = (
  command: ClinicCommandOf<'CloseClinicSeries'>,
  state: ClinicSeriesState,
): ClinicDecision => {
  const lastHeld = Object.values(state.sessions)
    .flatMap((s) => (s.held === undefined ? [] : [s.held.heldOn]))
    .sort()
    .pop();
  return E.flatMap(
    firstRefusal(
      requireOpen(state),
      notBeforeOpening(state, command.closedOn, 'closedOn'),
      notBefore(command.closedOn, lastHeld, 'closedOn', 'the last session held'),
    ),
    () => accept(ev.ClinicSeriesClosed.create({ closedOn: command.closedOn })),
  );
};
