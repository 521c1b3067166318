import type * as E from 'fp-ts/lib/Either.js';
import type { DomainEvent } from './envelope.js';
import type { DomainError } from './errors.js';

/**
 * The pure core of a stream: given a command and the state folded from the stream's events, decide which new
 * events happen, or refuse with a typed error. No I/O, no clock: everything time-dependent arrives in the
 * command, which is what makes deciders replayable and property-testable.
 */
export interface Decider<Command, State, Event extends DomainEvent, Err extends DomainError = DomainError> {
  readonly decide: (command: Command, state: State) => E.Either<Err, ReadonlyArray<Event>>;
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

/** Folds events onto a state; `fold(decider)(events)` is the state a stream of those events stands at. */
export const fold =
  <State, Event>(evolver: { readonly evolve: (s: State, e: Event) => State; readonly initialState: State }) =>
  (events: Iterable<Event>, from: State = evolver.initialState): State => {
    let state = from;
    for (const event of events) state = evolver.evolve(state, event);
    return state;
  };
