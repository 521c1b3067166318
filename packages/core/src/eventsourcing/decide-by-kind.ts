import type * as E from 'fp-ts/lib/Either.js';

/** One decision function per command kind: the compiler checks that every kind of the union has one. */
export type DecisionsByKind<Command extends { readonly kind: string }, State, Event, Err> = {
  readonly [K in Command['kind']]: (
    command: Extract<Command, { readonly kind: K }>,
    state: State,
  ) => E.Either<Err, ReadonlyArray<Event>>;
};

/** A decider's `decide` that dispatches on the command's `kind` to its decision function. */
export const decideByKind =
  <Command extends { readonly kind: string }, State, Event, Err>(
    decisions: DecisionsByKind<Command, State, Event, Err>,
  ) =>
  (command: Command, state: State): E.Either<Err, ReadonlyArray<Event>> =>
    (
      decisions[command.kind as Command['kind']] as (
        c: Command,
        s: State,
      ) => E.Either<Err, ReadonlyArray<Event>>
    )(command, state);
