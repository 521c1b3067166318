import * as E from 'fp-ts/lib/Either.js';
import {
  comparePositions,
  type DomainEvent,
  type EventEnvelope,
  type EventRegistry,
  type EventStore,
  type Evolver,
  guardStore,
  type Projection,
  project,
  projectionFilter,
  type ReadError,
  type RecordedEvent,
  type StreamId,
} from '../eventsourcing/index.js';
import { type HistoryCut, withinCut } from './history-cut.js';

/** Events folded at once when replaying the whole store. */
const foldPage = 5_000;

/** A history as it stood at a cut: the decoded events kept, in global order. */
export interface HistoryAt<Event extends DomainEvent> {
  readonly events: ReadonlyArray<EventEnvelope<Event>>;
  readonly streams: ReadonlyArray<StreamId>;
}

const decodeKept = <Event extends DomainEvent>(
  registry: EventRegistry<Event>,
  recorded: ReadonlyArray<RecordedEvent>,
  cut: HistoryCut,
): E.Either<ReadError, ReadonlyArray<EventEnvelope<Event>>> => {
  const known = new Set(registry.eventTypes);
  const kept = withinCut(cut);
  const decoded: EventEnvelope<Event>[] = [];
  for (const event of recorded) {
    if (!known.has(event.type) || !kept(event)) continue;
    const envelope = registry.decode(event);
    if (E.isLeft(envelope)) return envelope;
    decoded.push(envelope.right);
  }
  return E.right(decoded);
};

/**
 * The named streams' events as they stood at the cut, merged in global order. Only those streams are read, so
 * the cost follows the size of the history asked about, not of the store. Event types the registry does not
 * know are left out (another area's events in a shared category), never reported as errors.
 */
export const historyAt = async <Event extends DomainEvent>(
  store: EventStore,
  registry: EventRegistry<Event>,
  streamIds: ReadonlyArray<StreamId>,
  cut: HistoryCut,
): Promise<E.Either<ReadError, HistoryAt<Event>>> => {
  const streams = [...new Set(streamIds)];
  const read = await guardStore(async () => {
    const all: RecordedEvent[] = [];
    for (const streamId of streams) for await (const event of store.readStream(streamId)) all.push(event);
    return all.sort((a, b) => comparePositions(a.globalPosition, b.globalPosition));
  });
  if (E.isLeft(read)) return read;
  return E.map((events: ReadonlyArray<EventEnvelope<Event>>) => ({ events, streams }))(
    decodeKept(registry, read.right, cut),
  );
};

/** Folds one stream as it stood at the cut: a decider's state "as of" a date. */
export const stateAt = async <State, Event extends DomainEvent>(
  store: EventStore,
  registry: EventRegistry<Event>,
  evolver: Evolver<State, Event>,
  streamId: StreamId,
  cut: HistoryCut,
): Promise<E.Either<ReadError, { readonly state: State; readonly events: number }>> =>
  E.map((history: HistoryAt<Event>) => ({
    state: history.events.reduce(
      (state, envelope) => evolver.evolve(state, { type: envelope.type, data: envelope.data } as Event),
      evolver.initialState,
    ),
    events: history.events.length,
  }))(await historyAt(store, registry, [streamId], cut));

/** A projection over the named streams as they stood at the cut. */
export const projectionAt = async <State, Event extends DomainEvent>(
  store: EventStore,
  projection: Projection<State, Event>,
  streamIds: ReadonlyArray<StreamId>,
  cut: HistoryCut,
): Promise<E.Either<ReadError, { readonly state: State; readonly events: number }>> =>
  E.map((history: HistoryAt<Event>) => ({
    state: project(projection)(history.events),
    events: history.events.length,
  }))(await historyAt(store, projection.registry, streamIds, cut));

/**
 * A projection over the whole store as it stood at the cut (an agency-wide view): reads every event the
 * projection's filter selects, so its cost is that of a rebuild.
 */
export const projectionAtOverAll = async <State, Event extends DomainEvent>(
  store: EventStore,
  projection: Projection<State, Event>,
  cut: HistoryCut,
): Promise<E.Either<ReadError, { readonly state: State; readonly events: number }>> => {
  const kept = withinCut(cut);
  const fold = project(projection);
  const outcome = await guardStore(async () => {
    let state = projection.initialState;
    let events = 0;
    // Folded a page at a time, so a projection with `foldMany` is not copied whole for every event.
    let page: EventEnvelope<Event>[] = [];
    for await (const event of store.readAll({ filter: projectionFilter(projection) })) {
      if (!kept(event)) continue;
      const envelope = projection.registry.decode(event);
      if (E.isLeft(envelope)) return envelope;
      page.push(envelope.right);
      events += 1;
      if (page.length >= foldPage) {
        state = fold(page, state);
        page = [];
      }
    }
    return E.right({ state: fold(page, state), events });
  });
  return E.flatten(outcome as E.Either<ReadError, E.Either<ReadError, { state: State; events: number }>>);
};

/** What changed between two cuts of the same streams. */
export interface HistoryDifference<State, Event extends DomainEvent> {
  readonly before: State;
  readonly after: State;
  /** In the later cut only: happened, or was recorded, in between. */
  readonly added: ReadonlyArray<EventEnvelope<Event>>;
  /** In the earlier cut only (when `to` is the narrower cut). */
  readonly removed: ReadonlyArray<EventEnvelope<Event>>;
}

/**
 * The difference between two dates for a projection over the named streams: its state at each, and the events
 * that separate them. One read serves both cuts.
 */
export const differenceBetween = async <State, Event extends DomainEvent>(
  store: EventStore,
  projection: Projection<State, Event>,
  streamIds: ReadonlyArray<StreamId>,
  from: HistoryCut,
  to: HistoryCut,
): Promise<E.Either<ReadError, HistoryDifference<State, Event>>> =>
  E.map((history: HistoryAt<Event>) => {
    const [inFrom, inTo] = [withinCut(from), withinCut(to)];
    const fold = (keep: (e: EventEnvelope<Event>) => boolean) =>
      project(projection)(history.events.filter(keep));
    return {
      before: fold(inFrom),
      after: fold(inTo),
      added: history.events.filter((e) => inTo(e) && !inFrom(e)),
      removed: history.events.filter((e) => inFrom(e) && !inTo(e)),
    };
  })(await historyAt(store, projection.registry, streamIds, {}));
