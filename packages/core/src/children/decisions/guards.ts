import * as E from 'fp-ts/lib/Either.js';
import { type NotAllowedNow, notAllowed, ok } from '../../approvals/decisions/guards.js';
import type { LocalDate } from '../../calendar/index.js';
import { type InvalidCommand, invalidCommand, type RuleViolation } from '../../eventsourcing/index.js';
import type { ChildEvent } from '../events/index.js';
import type { ChildState } from '../state.js';

// The lifecycle helpers are the approvals area's: the refusal shapes are the same across streams.
export { firstRefusal, notAllowed, notBefore, ok } from '../../approvals/decisions/guards.js';
export type { NotAllowedNow };

export type ChildrenError = RuleViolation | InvalidCommand | NotAllowedNow;
export type Decision = E.Either<ChildrenError, ReadonlyArray<ChildEvent>>;

export const accept = (...events: ReadonlyArray<ChildEvent>): Decision => E.right(events);

export const requireRegistered = (state: ChildState) => (): E.Either<ChildrenError, void> =>
  state.registeredOn === undefined ? notAllowed('this child has not been registered') : ok;

export const requireThat =
  (holds: boolean, field: string, reason: string) => (): E.Either<ChildrenError, void> =>
    holds ? ok : E.left(invalidCommand(field, reason));

/** Statutory visits and reviews are of a looked-after child: none can predate the child becoming looked after. */
export const notBeforeRegistration =
  (state: ChildState, date: LocalDate, field: string) => (): E.Either<ChildrenError, void> =>
    state.registeredOn !== undefined && date < state.registeredOn
      ? E.left(invalidCommand(field, `must not be before the child was registered (${state.registeredOn})`))
      : ok;
