import * as E from 'fp-ts/lib/Either.js';
import {
  type AppendError,
  type AppendResult,
  type EventStore,
  guardStore,
  type JsonValue,
  type NewEvent,
  newEventId,
  type ReadError,
  type RecordedEvent,
  type StreamWrite,
  storeUnavailable,
} from '../eventsourcing/index.js';

/**
 * How the placement process writes a decision that touches several streams (the placement, the household, the
 * child). With a store that appends to several streams atomically, in one transaction with the revisions it read
 * (`atomicWriter`). With one that cannot (EventStoreDB), through a log of decisions (`serialisedWriter`).
 */
export interface StreamWriter {
  /** Before each attempt to decide: what the commit will need to know (a log revision), once the log is settled. */
  readonly begin: () => Promise<E.Either<ReadError, WriteToken>>;
  readonly commit: (
    token: WriteToken,
    writes: ReadonlyArray<StreamWrite>,
  ) => Promise<E.Either<AppendError, ReadonlyArray<AppendResult>>>;
}

export type WriteToken = { readonly logRevision: number | 'no_stream' } | undefined;

export const atomicWriter = (appendToStreams: NonNullable<EventStore['appendToStreams']>): StreamWriter => ({
  begin: async () => E.right(undefined),
  commit: (_token, writes) => appendToStreams(writes),
});

/** The stream that serialises the placement process's decisions on stores without multi-stream append. */
export const placementDecisionLog = 'fosteringprocess-placements';

const decisionRecorded = 'PlacementDecisionRecorded';

interface LoggedWrite {
  readonly streamId: string;
  readonly events: ReadonlyArray<Omit<NewEvent, 'occurredAt'> & { readonly occurredAt: string }>;
}

const logged = (writes: ReadonlyArray<StreamWrite>): JsonValue =>
  writes
    .filter((w) => w.events.length > 0)
    .map((w) => ({
      streamId: w.streamId,
      events: w.events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
    })) as unknown as JsonValue;

const fromLog = (data: JsonValue): ReadonlyArray<StreamWrite> =>
  (data as unknown as ReadonlyArray<LoggedWrite>).map((w) => ({
    streamId: w.streamId,
    expectedRevision: 'any',
    events: w.events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
  }));

/**
 * For stores without multi-stream append. Every decision of the process is first recorded, whole, as one event
 * on one log stream, appended with the log revision read before deciding: two decisions racing (two placements
 * into one household, one child into two homes, two stays of one child) cannot both be recorded on stale facts,
 * since the second finds the log moved and decides again. Then each stream's events are appended in turn. A
 * decision recorded but not fully applied (a crash between the two, or a store failing for longer than a few
 * retries) is finished by the next `begin`, before anyone decides again; replays are harmless because the store
 * recognises event ids it already holds.
 *
 * What this does not give: a household or child command outside the process (a change of terms, a sibling link)
 * racing with a decision is not detected, as the atomic writer's revision checks on all three streams would;
 * the compliance projections report what such a race lets through. And readers of the three streams may see a
 * recorded decision partly applied until the next `begin` or `settle`.
 */
export const serialisedWriter = (
  store: EventStore,
  options: {
    readonly log?: string;
    readonly newEventId?: () => string;
    /**
     * How many times each stream's part of a recorded decision is appended while the store fails in a way it
     * says may pass (default 3). Once recorded, a decision stands: giving up only defers it to the next `begin`.
     */
    readonly applyAttempts?: number;
  } = {},
): StreamWriter & { readonly settle: () => Promise<E.Either<ReadError | AppendError, void>> } => {
  const log = options.log ?? placementDecisionLog;
  const nextId = options.newEventId ?? newEventId;

  const attempts = Math.max(1, options.applyAttempts ?? 3);

  /** One stream's part of a recorded decision, tried again while the store says a retry may succeed. */
  const applyOne = async (write: StreamWrite): Promise<E.Either<AppendError, AppendResult>> => {
    let result = await store.append(write.streamId, write.events, { expectedRevision: 'any' });
    for (let attempt = 1; attempt < attempts; attempt++) {
      if (E.isRight(result) || result.left._tag !== 'StoreUnavailable' || !result.left.retriable) break;
      result = await store.append(write.streamId, write.events, { expectedRevision: 'any' });
    }
    return result;
  };

  const apply = async (
    writes: ReadonlyArray<StreamWrite>,
  ): Promise<E.Either<AppendError, ReadonlyArray<AppendResult>>> => {
    const results: AppendResult[] = [];
    for (const write of writes) {
      const result = await applyOne(write);
      if (E.isLeft(result)) return result;
      results.push(result.right);
    }
    return E.right(results);
  };

  const lastDecision = () =>
    guardStore(async () => {
      // Read to the end (at most one event) rather than leaving the loop early: a read abandoned half-way leaves a
      // remote store's call to be cancelled, which some clients handle badly.
      let last: RecordedEvent | undefined;
      for await (const event of store.readStream(log, {
        direction: 'backwards',
        fromRevision: 'end',
        maxCount: 1,
      }))
        last = event;
      return last;
    });

  const begin = async (): Promise<E.Either<ReadError, WriteToken>> => {
    const last = await lastDecision();
    if (E.isLeft(last)) return last;
    if (last.right === undefined) return E.right({ logRevision: 'no_stream' });
    const settled = await apply(fromLog(last.right.data));
    if (E.isLeft(settled)) {
      // Only the store failing can stop a replay of recorded events: report it as the read it interrupted.
      const error = settled.left;
      return E.left(
        error._tag === 'StoreUnavailable'
          ? error
          : storeUnavailable(store.name, `could not finish decision ${last.right.eventId}: ${error.message}`),
      );
    }
    return E.right({ logRevision: last.right.streamRevision });
  };

  const commit = async (
    token: WriteToken,
    writes: ReadonlyArray<StreamWrite>,
  ): Promise<E.Either<AppendError, ReadonlyArray<AppendResult>>> => {
    const decided = writes.filter((w) => w.events.length > 0);
    const first = decided[0]?.events[0];
    const record: NewEvent = {
      eventId: nextId(),
      type: decisionRecorded,
      schemaVersion: 1,
      data: logged(decided),
      occurredAt: first?.occurredAt ?? new Date(),
      actor: first?.actor ?? { id: 'placement-process', role: 'system' },
      correlationId: first?.correlationId ?? '',
      causationId: first?.causationId ?? '',
    };
    const recorded = await store.append(log, [record], { expectedRevision: token?.logRevision ?? 'any' });
    if (E.isLeft(recorded)) return recorded;
    const applied = await apply(decided);
    if (E.isRight(applied) || applied.left._tag !== 'StoreUnavailable') return applied;
    // The caller must learn that the decision stands even though it is not on every stream yet.
    return E.left({
      ...applied.left,
      message: `${applied.left.message} (decision ${record.eventId} is recorded on ${log} and will be finished before the next decision, or by settle())`,
    });
  };

  const settle = async (): Promise<E.Either<ReadError | AppendError, void>> =>
    E.map(() => undefined)(await begin());

  return { begin, commit, settle };
};
