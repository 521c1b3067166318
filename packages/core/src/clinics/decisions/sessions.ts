import * as E from 'fp-ts/lib/Either.js';
import { ownValue, ruleViolation } from '../../eventsourcing/index.js';
import type { AgencyPolicy } from '../../policy/index.js';
import { rules } from '../../rules/index.js';
import type { ClinicCommandOf } from '../commands.js';
import * as ev from '../events/index.js';
import {
  type ClinicSeriesState,
  type ClinicSession,
  clinicSessionMinutes,
  currentSessionDate,
  supportedYoungPeopleOn,
} from '../state.js';
import {
  accept,
  type ClinicDecision,
  type ClinicError,
  firstRefusal,
  notAllowed,
  notBefore,
  notBeforeOpening,
  ok,
  requireOpen,
  requireOpened,
  requireThat,
} from './guards.js';

/** The session is scheduled and still planned: neither held nor cancelled. */
const requirePlanned = (session: ClinicSession | undefined) => (): E.Either<ClinicError, void> =>
  session?.scheduledFor === undefined
    ? notAllowed('no such session has been scheduled', 'sessionId')
    : session.held !== undefined
      ? notAllowed(`this session was held on ${session.held.heldOn}`, 'sessionId')
      : session.cancelled !== undefined
        ? notAllowed(`this session was cancelled on ${session.cancelled.cancelledOn}`, 'sessionId')
        : ok;

export const scheduleSession = (
  command: ClinicCommandOf<'ScheduleSession'>,
  state: ClinicSeriesState,
): ClinicDecision =>
  E.flatMap(
    firstRefusal(
      requireOpen(state),
      requireThat(command.sessionId.trim() !== '', 'sessionId', 'must not be empty'),
      () =>
        ownValue(state.sessions, command.sessionId) === undefined
          ? ok
          : notAllowed('this session id is already used in the series', 'sessionId'),
      notBeforeOpening(state, command.scheduledFor, 'scheduledFor'),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.SessionScheduled.create(data));
    },
  );

export const rescheduleSession = (
  command: ClinicCommandOf<'RescheduleSession'>,
  state: ClinicSeriesState,
): ClinicDecision => {
  const session = ownValue(state.sessions, command.sessionId);
  const current = session === undefined ? undefined : currentSessionDate(session);
  return E.flatMap(
    firstRefusal(
      requireOpen(state),
      requirePlanned(session),
      notBeforeOpening(state, command.to, 'to'),
      requireThat(command.to !== current, 'to', `must differ from the date already planned (${current})`),
      notBeforeOpening(state, command.rescheduledOn, 'rescheduledOn'),
      notBefore(
        command.rescheduledOn,
        session?.reschedules[session.reschedules.length - 1]?.rescheduledOn,
        'rescheduledOn',
        'the last time this session moved',
      ),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.SessionRescheduled.create(data));
    },
  );
};

/**
 * A scheduled session, or an extra one held without being scheduled (a new session id). Rule `clinic-cadence`
 * blocks any length but the policy's for the number of young people supported on `heldOn`.
 */
export const holdSession =
  (policy: AgencyPolicy) =>
  (command: ClinicCommandOf<'HoldSession'>, state: ClinicSeriesState): ClinicDecision => {
    const session = ownValue(state.sessions, command.sessionId);
    const supported = supportedYoungPeopleOn(state, command.heldOn);
    const expected = clinicSessionMinutes(policy, supported.length);
    return E.flatMap(
      firstRefusal(
        requireOpen(state),
        requireThat(command.sessionId.trim() !== '', 'sessionId', 'must not be empty'),
        () => (session === undefined ? ok : requirePlanned(session)()),
        notBeforeOpening(state, command.heldOn, 'heldOn'),
        requireThat(
          command.youngPeopleDiscussed.length > 0 &&
            new Set(command.youngPeopleDiscussed).size === command.youngPeopleDiscussed.length &&
            command.youngPeopleDiscussed.every((id) => supported.includes(id)),
          'youngPeopleDiscussed',
          `must name, once each, young people supported on ${command.heldOn} (${supported.join(', ')})`,
        ),
        () =>
          command.minutes === expected
            ? ok
            : E.left(
                ruleViolation(
                  rules.clinicCadence,
                  `a clinic for ${supported.length} supported young ${
                    supported.length === 1 ? 'person' : 'people'
                  } lasts ${expected} minutes, not ${command.minutes}`,
                  { field: 'minutes', details: { minutes: command.minutes, expected, supported } },
                ),
              ),
      ),
      () => {
        const { kind: _kind, ...data } = command;
        return accept(ev.SessionHeld.create(data));
      },
    );
  };

export const cancelSession = (
  command: ClinicCommandOf<'CancelSession'>,
  state: ClinicSeriesState,
): ClinicDecision =>
  E.flatMap(
    firstRefusal(
      requireOpen(state),
      requirePlanned(ownValue(state.sessions, command.sessionId)),
      notBeforeOpening(state, command.cancelledOn, 'cancelledOn'),
      requireThat(command.reason.trim() !== '', 'reason', 'must say why the session was cancelled'),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.SessionCancelled.create(data));
    },
  );

/** Notes of a held session, once; allowed after the series closed (the last clinic is still written up). */
export const recordSessionNotes = (
  command: ClinicCommandOf<'RecordSessionNotes'>,
  state: ClinicSeriesState,
): ClinicDecision => {
  const held = ownValue(state.sessions, command.sessionId)?.held;
  return E.flatMap(
    firstRefusal(
      requireOpened(state),
      () => (held === undefined ? notAllowed('this session has not been held', 'sessionId') : ok),
      () =>
        ownValue(state.sessions, command.sessionId)?.notesWrittenOn === undefined
          ? ok
          : notAllowed('the notes of this session are already recorded', 'sessionId'),
      notBefore(command.writtenOn, held?.heldOn, 'writtenOn', 'the session was held'),
      requireThat(command.notes.trim() !== '', 'notes', 'must not be empty'),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.SessionNotesRecorded.create(data));
    },
  );
};
