import { AssertionError } from 'node:assert';
import { type Decider, type DomainEvent, invalidCommand, ruleViolation } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { specify } from './specify.js';

type Added = DomainEvent<'Added', { n: number }>;
type Command = { readonly add: number };

const capRule = { id: 'cap', citation: 'test citation' };
const counter: Decider<Command, number, Added> = {
  initialState: 0,
  evolve: (total, event) => total + event.data.n,
  decide: ({ add }, total) =>
    add === 0
      ? E.right([])
      : add < 0
        ? E.left(invalidCommand('add', 'must be positive'))
        : total + add > 10
          ? E.left(ruleViolation(capRule, 'over the cap'))
          : E.right([{ type: 'Added', data: { n: add } }]),
};

const added = (n: number): Added => ({ type: 'Added', data: { n } });

describe('specify', () => {
  const spec = specify(counter);

  it('passes when the events match, and fails with an assertion when they do not', () => {
    spec
      .given([added(2)])
      .when({ add: 3 })
      .thenEvents([added(3)]);
    expect(() =>
      spec
        .given([])
        .when({ add: 3 })
        .thenEvents([added(4)]),
    ).toThrow(AssertionError);
    expect(() => spec.given([]).when({ add: 3 }).thenEvents([])).toThrow(AssertionError);
  });

  it('folds the given history before deciding', () => {
    spec
      .given([added(9)])
      .when({ add: 2 })
      .thenRefused({ tag: 'RuleViolation', ruleId: 'cap' });
    spec
      .given([added(9)])
      .when({ add: 1 })
      .thenState((state) => expect(state).toBe(10));
  });

  it('checks a refusal’s tag, rule id and field, and returns it', () => {
    const error = spec.given([]).when({ add: -1 }).thenRefused({ tag: 'InvalidCommand', field: 'add' });
    expect(error.message).toContain('add');
    expect(() => spec.given([]).when({ add: -1 }).thenRefused({ tag: 'RuleViolation' })).toThrow(
      AssertionError,
    );
    expect(() => spec.given([]).when({ add: -1 }).thenRefused({ tag: 'InvalidCommand', field: 'x' })).toThrow(
      AssertionError,
    );
    expect(() =>
      spec
        .given([added(9)])
        .when({ add: 5 })
        .thenRefused({ tag: 'RuleViolation', ruleId: 'other' }),
    ).toThrow(/rule id/);
  });

  it('fails a refusal expectation when the command is accepted, and vice versa', () => {
    expect(() => spec.given([]).when({ add: 1 }).thenRefused({ tag: 'RuleViolation' })).toThrow(
      /expected a refusal/,
    );
    expect(() =>
      spec
        .given([added(9)])
        .when({ add: 5 })
        .thenEvents([]),
    ).toThrow(/refused/);
    spec.given([]).when({ add: 0 }).thenNothing();
    expect(() => spec.given([]).when({ add: 1 }).thenNothing()).toThrow(AssertionError);
  });

  it('insists that a rule refusal names its citation', () => {
    const uncited: Decider<Command, number, Added> = {
      ...counter,
      decide: () => E.left(ruleViolation({ id: 'cap', citation: '' }, 'over')),
    };
    expect(() =>
      specify(uncited).given([]).when({ add: 1 }).thenRefused({ tag: 'RuleViolation', ruleId: 'cap' }),
    ).toThrow(/citation/);
  });
});
