import {
  type Command,
  DeciderCommandHandler,
  type DefaultCommandMetadata,
  type Event,
} from '@event-driven-io/emmett';
import {
  type Actor,
  type ClinicCommand,
  ClinicCommand as ClinicCommandCodec,
  type ClinicEvent,
  type ClinicSeriesState,
  type ClinicSession,
  clinicSessionMinutes,
  defaultAgencyPolicy,
  evolveClinicSeries,
  initialClinicSeriesState,
  type LocalDate,
  ownValue,
  supportedYoungPeopleOn,
  validateCommand,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';

/**
 * A port of this project's clinic decider (packages/core/src/clinics) in the style the peers use: `decide`
 * returns the event or throws. Same state (the fold is core's own `evolveClinicSeries`, a pure function a port
 * would carry over unchanged), same rules and same events for the commands the benchmark sends (open, schedule,
 * hold, write up notes, close); the other five commands of the decider are not ported and are refused.
 */
export class ClinicRefused extends Error {}

const refuse = (message: string): never => {
  throw new ClinicRefused(message);
};

const requireOpen = (state: ClinicSeriesState): void => {
  if (state.openedOn === undefined) refuse('this clinic series has not been opened');
  if (state.closedOn !== undefined) refuse(`this clinic series closed on ${state.closedOn}`);
};

const requireNonEmpty = (value: string, field: string): void => {
  if (value.trim() === '') refuse(`${field} must not be empty`);
};

const notBefore = (date: LocalDate, earliest: LocalDate | undefined, field: string): void => {
  if (earliest !== undefined && date < earliest) refuse(`${field} must not be before ${earliest}`);
};

const distinctIds = (ids: ReadonlyArray<string>): boolean =>
  ids.length > 0 && new Set(ids).size === ids.length && ids.every((id) => id.trim() !== '');

const requirePlanned = (session: ClinicSession | undefined): void => {
  if (session?.scheduledFor === undefined) refuse('no such session has been scheduled');
  if (session?.held !== undefined) refuse(`this session was held on ${session.held.heldOn}`);
  if (session?.cancelled !== undefined)
    refuse(`this session was cancelled on ${session.cancelled.cancelledOn}`);
};

const policy = defaultAgencyPolicy;

/** The clinic decider's rules for the benchmark's commands, one event per accepted command. */
export const decideClinic = (command: ClinicCommand, state: ClinicSeriesState): ClinicEvent => {
  switch (command.kind) {
    case 'OpenClinicSeries': {
      if (state.openedOn !== undefined) refuse('this clinic series is already open');
      requireNonEmpty(command.seriesId, 'seriesId');
      requireNonEmpty(command.clinicianId, 'clinicianId');
      requireNonEmpty(command.householdId, 'householdId');
      if (!distinctIds(command.youngPeople)) refuse('youngPeople must name at least one child, none twice');
      const { kind: _kind, ...data } = command;
      return { type: 'ClinicSeriesOpened', data };
    }
    case 'ScheduleSession': {
      requireOpen(state);
      requireNonEmpty(command.sessionId, 'sessionId');
      if (ownValue(state.sessions, command.sessionId) !== undefined)
        refuse('this session id is already used in the series');
      notBefore(command.scheduledFor, state.openedOn, 'scheduledFor');
      const { kind: _kind, ...data } = command;
      return { type: 'SessionScheduled', data };
    }
    case 'HoldSession': {
      const session = ownValue(state.sessions, command.sessionId);
      const supported = supportedYoungPeopleOn(state, command.heldOn);
      const expected = clinicSessionMinutes(policy, supported.length);
      requireOpen(state);
      requireNonEmpty(command.sessionId, 'sessionId');
      if (session !== undefined) requirePlanned(session);
      notBefore(command.heldOn, state.openedOn, 'heldOn');
      const discussed = command.youngPeopleDiscussed;
      if (
        discussed.length === 0 ||
        new Set(discussed).size !== discussed.length ||
        !discussed.every((id) => supported.includes(id))
      )
        refuse(`youngPeopleDiscussed must name, once each, young people supported on ${command.heldOn}`);
      // Rule `clinic-cadence`: the policy's length for the young people supported that day.
      if (command.minutes !== expected) refuse(`a clinic lasts ${expected} minutes, not ${command.minutes}`);
      const { kind: _kind, ...data } = command;
      return { type: 'SessionHeld', data };
    }
    case 'RecordSessionNotes': {
      const session = ownValue(state.sessions, command.sessionId);
      if (state.openedOn === undefined) refuse('this clinic series has not been opened');
      if (session?.held === undefined) refuse('this session has not been held');
      if (session?.notesWrittenOn !== undefined) refuse('the notes of this session are already recorded');
      notBefore(command.writtenOn, session?.held?.heldOn, 'writtenOn');
      requireNonEmpty(command.notes, 'notes');
      const { kind: _kind, ...data } = command;
      return { type: 'SessionNotesRecorded', data };
    }
    case 'CloseClinicSeries': {
      const lastHeld = Object.values(state.sessions)
        .flatMap((s) => (s.held === undefined ? [] : [s.held.heldOn]))
        .sort()
        .pop();
      requireOpen(state);
      notBefore(command.closedOn, state.openedOn, 'closedOn');
      notBefore(command.closedOn, lastHeld, 'closedOn');
      return { type: 'ClinicSeriesClosed', data: { closedOn: command.closedOn } };
    }
    default:
      return refuse(`${command.kind} is not part of this benchmark's port`);
  }
};

/**
 * The same boundary check as this project's command handler: the command's io-ts codec (fields present and
 * well-formed, none undeclared). Peers validate before deciding, where their docs put input validation.
 */
export const validClinicCommand = (raw: unknown): ClinicCommand => {
  const decoded = validateCommand(ClinicCommandCodec, raw as ClinicCommand);
  if (E.isLeft(decoded)) throw new ClinicRefused(decoded.left.message);
  return decoded.right;
};

/** Who, when and why, as this project's envelope records it; the peers keep it in their event metadata. */
export type ClinicMetadata = {
  readonly actor: Actor;
  readonly occurredAt: Date;
  readonly correlationId: string;
  readonly causationId: string;
};

/** Emmett's commands carry `now` (when the command was issued): here the same instant as `occurredAt`. */
export type EmmettClinicCommand = Command<
  ClinicCommand['kind'],
  ClinicCommand,
  ClinicMetadata & DefaultCommandMetadata
>;
export type EmmettClinicEvent = Event<ClinicEvent['type'], ClinicEvent['data'], ClinicMetadata>;

/** Emmett's decider command handler over the port: load by `aggregateStream`, decide, append. */
export const emmettClinicHandler = DeciderCommandHandler<
  ClinicSeriesState,
  EmmettClinicCommand,
  EmmettClinicEvent
>({
  initialState: () => initialClinicSeriesState,
  evolve: (state, event) => evolveClinicSeries(state, { type: event.type, data: event.data } as ClinicEvent),
  decide: (command, state) => {
    const event = decideClinic(command.data, state);
    return { type: event.type, data: event.data, metadata: command.metadata };
  },
});
