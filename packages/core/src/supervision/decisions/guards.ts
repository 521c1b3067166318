import * as E from 'fp-ts/lib/Either.js';
import { type NotAllowedNow, notAllowed, ok } from '../../approvals/decisions/guards.js';
import type { LocalDate } from '../../calendar/index.js';
import { type InvalidCommand, invalidCommand, type RuleViolation } from '../../eventsourcing/index.js';
import type { StaffEvent } from '../events/index.js';
import type { StaffState } from '../state.js';

// The lifecycle helpers are the approvals area's: the refusal shapes are the same across streams.
export { firstRefusal, notAllowed, ok } from '../../approvals/decisions/guards.js';
export type { NotAllowedNow };

export type SupervisionError = RuleViolation | InvalidCommand | NotAllowedNow;
export type Decision = E.Either<SupervisionError, ReadonlyArray<StaffEvent>>;

export const accept = (...events: ReadonlyArray<StaffEvent>): Decision => E.right(events);

export const requireRegistered = (state: StaffState) => (): E.Either<SupervisionError, void> =>
  state.startedOn === undefined ? notAllowed('this member of staff has not been registered') : ok;

export const requireThat =
  (holds: boolean, field: string, reason: string) => (): E.Either<SupervisionError, void> =>
    holds ? ok : E.left(invalidCommand(field, reason));

/** Supervision, appraisals and groups fall within employment: not before the start, not after leaving. */
export const withinEmployment =
  (state: StaffState, date: LocalDate, field: string) => (): E.Either<SupervisionError, void> => {
    if (state.startedOn !== undefined && date < state.startedOn) {
      return E.left(
        invalidCommand(field, `must not be before the member of staff started (${state.startedOn})`),
      );
    }
    if (state.leftOn !== undefined && date > state.leftOn) {
      return notAllowed(`the member of staff left on ${state.leftOn}`, field);
    }
    return ok;
  };
