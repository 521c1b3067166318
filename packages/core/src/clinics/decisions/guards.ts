import * as E from 'fp-ts/lib/Either.js';
import { type NotAllowedNow, notAllowed, ok } from '../../approvals/decisions/guards.js';
import type { LocalDate } from '../../calendar/index.js';
import { type InvalidCommand, invalidCommand, type RuleViolation } from '../../eventsourcing/index.js';
import type { ClinicEvent } from '../events/index.js';
import { type ClinicSeriesState, supportedYoungPeopleOn } from '../state.js';

// The lifecycle helpers are the approvals area's: the refusal shapes are the same across streams.
export { firstRefusal, notAllowed, notBefore, ok } from '../../approvals/decisions/guards.js';
export type { NotAllowedNow };

export type ClinicError = RuleViolation | InvalidCommand | NotAllowedNow;
export type ClinicDecision = E.Either<ClinicError, ReadonlyArray<ClinicEvent>>;

export const accept = (...events: ReadonlyArray<ClinicEvent>): ClinicDecision => E.right(events);

export const requireOpened = (state: ClinicSeriesState) => (): E.Either<ClinicError, void> =>
  state.openedOn === undefined ? notAllowed('this clinic series has not been opened') : ok;

/** Opened and not closed: only notes of sessions already held may be written up after the series closes. */
export const requireOpen = (state: ClinicSeriesState) => (): E.Either<ClinicError, void> =>
  state.openedOn === undefined
    ? notAllowed('this clinic series has not been opened')
    : state.closedOn !== undefined
      ? notAllowed(`this clinic series closed on ${state.closedOn}`)
      : ok;

export const requireThat =
  (holds: boolean, field: string, reason: string) => (): E.Either<ClinicError, void> =>
    holds ? ok : E.left(invalidCommand(field, reason));

export const notBeforeOpening =
  (state: ClinicSeriesState, date: LocalDate, field: string) => (): E.Either<ClinicError, void> =>
    state.openedOn !== undefined && date < state.openedOn
      ? E.left(invalidCommand(field, `must not be before the series opened (${state.openedOn})`))
      : ok;

/** A list of child ids: at least one, none twice. */
export const distinctIds = (ids: ReadonlyArray<string>): boolean =>
  ids.length > 0 && new Set(ids).size === ids.length && ids.every((id) => id.trim() !== '');

/** The child is on a supported package of this series on `date`. */
export const requireSupported =
  (state: ClinicSeriesState, childId: string, date: LocalDate, dateField: string) =>
  (): E.Either<ClinicError, void> =>
    supportedYoungPeopleOn(state, date).includes(childId)
      ? ok
      : E.left(
          invalidCommand(
            'childId',
            `must be a young person supported by this series on ${date} (${dateField})`,
          ),
        );
