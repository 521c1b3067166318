import type { DomainEvent, EventEnvelope } from './envelope.js';
import type { EventFilter } from './event-filter.js';
import type { EventRegistry } from './event-registry.js';
import { ownValue } from './own-value.js';
import type { GlobalPosition } from './position.js';

/**
 * A projection is a pure fold over the events it understands: its registry says which event types it reads
 * (and how to decode them), optional stream prefixes narrow it further. Being pure, the same events always
 * give the same state, which is what lets a projection be rebuilt, replayed as of a date and property-tested.
 */
export interface Projection<State, Event extends DomainEvent> {
  readonly name: string;
  readonly registry: EventRegistry<Event>;
  readonly streamPrefixes?: ReadonlyArray<string>;
  readonly initialState: State;
  readonly evolve: (state: State, event: EventEnvelope<Event>) => State;
  /**
   * Optional: folds many events at once, for rebuilds and replays. It must give exactly what folding them one
   * by one with `evolve` gives; it exists because a state keyed by stream would otherwise be copied whole for
   * every event.
   */
  readonly foldMany?: (state: State, events: ReadonlyArray<EventEnvelope<Event>>) => State;
}

export const projectionFilter = <State, Event extends DomainEvent>(
  projection: Projection<State, Event>,
): EventFilter => ({
  eventTypes: projection.registry.eventTypes,
  ...(projection.streamPrefixes === undefined ? {} : { streamPrefixes: projection.streamPrefixes }),
});

/** Folds already-decoded events into the projection's state, many at once where the projection can. */
export const project =
  <State, Event extends DomainEvent>(projection: Projection<State, Event>) =>
  (events: Iterable<EventEnvelope<Event>>, from: State = projection.initialState): State => {
    if (projection.foldMany !== undefined) return projection.foldMany(from, [...events]);
    let state = from;
    for (const event of events) state = projection.evolve(state, event);
    return state;
  };

/**
 * A projection holding one folded state per stream of a category, by the id after `prefix`: every area's
 * "records". One event costs a copy of the record (`evolve`); many at once (`foldMany`) cost one fold per event
 * plus one copy, which is what makes rebuilding an agency's records linear rather than quadratic.
 */
export const recordsByStream = <S, Event extends DomainEvent>(config: {
  readonly name: string;
  readonly registry: EventRegistry<Event>;
  readonly prefix: string;
  readonly initialState: S;
  readonly evolve: (state: S, event: EventEnvelope<Event>) => S;
}): Projection<Readonly<Record<string, S>>, Event> => {
  const idOf = (event: EventEnvelope<Event>) => event.streamId.slice(config.prefix.length);
  return {
    name: config.name,
    registry: config.registry,
    streamPrefixes: [config.prefix],
    initialState: {},
    evolve: (records, event) => {
      const id = idOf(event);
      return { ...records, [id]: config.evolve(ownValue(records, id) ?? config.initialState, event) };
    },
    foldMany: (records, events) => {
      const changed = new Map<string, S>();
      for (const event of events) {
        const id = idOf(event);
        changed.set(
          id,
          config.evolve(changed.get(id) ?? ownValue(records, id) ?? config.initialState, event),
        );
      }
      return changed.size === 0 ? records : { ...records, ...Object.fromEntries(changed) };
    },
  };
};

/** Where a projection has got to: the last position it has taken into account, and its state there. */
export interface ProjectionCheckpoint<State> {
  readonly position: GlobalPosition | undefined;
  readonly state: State;
}

export interface ProjectionCheckpointStore<State> {
  readonly load: (name: string) => Promise<ProjectionCheckpoint<State> | undefined>;
  readonly save: (name: string, checkpoint: ProjectionCheckpoint<State>) => Promise<void>;
}

/** Keeps checkpoints in memory (copied with structuredClone, so states must be plain data). */
export const inMemoryCheckpointStore = <State>(): ProjectionCheckpointStore<State> => {
  const checkpoints = new Map<string, ProjectionCheckpoint<State>>();
  return {
    load: async (name) => {
      const checkpoint = checkpoints.get(name);
      return checkpoint === undefined ? undefined : structuredClone(checkpoint);
    },
    save: async (name, checkpoint) => {
      checkpoints.set(name, structuredClone(checkpoint));
    },
  };
};
