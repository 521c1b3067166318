import { AssertionError, strict as assert } from 'node:assert';
import type { Decider, DomainError, DomainEvent } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';

/** What a refusal must look like: its tag, and the rule id when a rule refused. */
export interface ExpectedRefusal {
  readonly tag: string;
  readonly ruleId?: string;
  readonly field?: string;
}

export interface WhenStep<State, Event extends DomainEvent, Err extends DomainError> {
  /** The command produced exactly these events, in this order. */
  readonly thenEvents: (expected: ReadonlyArray<Event>) => void;
  /** The command was accepted and produced no events (it was already true). */
  readonly thenNothing: () => void;
  /** The command was refused with this tag (and rule id, field, when given); returns the error for more checks. */
  readonly thenRefused: (expected: ExpectedRefusal) => Err;
  /** The state after the command's events, for assertions the event list cannot express. */
  readonly thenState: (check: (state: State, events: ReadonlyArray<Event>) => void) => void;
}

export interface GivenStep<Command, State, Event extends DomainEvent, Err extends DomainError> {
  readonly when: (command: Command) => WhenStep<State, Event, Err>;
}

export interface DeciderSpecification<Command, State, Event extends DomainEvent, Err extends DomainError> {
  readonly given: (events: ReadonlyArray<Event>) => GivenStep<Command, State, Event, Err>;
}

const show = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * Given/when/then for deciders: `specify(decider).given(history).when(command).thenEvents(events)`. Runner-agnostic:
 * failures throw node's AssertionError, which every test runner reports with a diff.
 */
export const specify = <Command, State, Event extends DomainEvent, Err extends DomainError>(
  decider: Decider<Command, State, Event, Err>,
): DeciderSpecification<Command, State, Event, Err> => ({
  given: (history) => ({
    when: (command) => {
      const state = history.reduce(decider.evolve, decider.initialState);
      const outcome = decider.decide(command, state);
      const accepted = (): ReadonlyArray<Event> => {
        if (E.isLeft(outcome)) {
          throw new AssertionError({
            message: `expected the command to be accepted, but it was refused:\n${show(outcome.left)}`,
          });
        }
        return outcome.right;
      };
      return {
        thenEvents: (expected) => assert.deepStrictEqual(accepted(), expected),
        thenNothing: () => assert.deepStrictEqual(accepted(), []),
        thenState: (check) => {
          const events = accepted();
          check(events.reduce(decider.evolve, state), events);
        },
        thenRefused: (expected) => {
          if (E.isRight(outcome)) {
            throw new AssertionError({
              message: `expected a refusal '${expected.tag}', but the command produced:\n${show(outcome.right)}`,
            });
          }
          const error = outcome.left;
          assert.equal(error._tag, expected.tag, `refusal tag; the error was:\n${show(error)}`);
          if (expected.ruleId !== undefined) {
            assert.equal(error.rule?.id, expected.ruleId, `rule id; the error was:\n${show(error)}`);
            assert.ok(
              (error.rule?.citation ?? '') !== '',
              `a refusal by rule '${expected.ruleId}' names its citation`,
            );
          }
          if (expected.field !== undefined) {
            assert.equal(
              (error as { field?: string }).field,
              expected.field,
              `field; the error was:\n${show(error)}`,
            );
          }
          return error;
        },
      };
    },
  }),
});
