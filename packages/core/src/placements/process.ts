import * as E from 'fp-ts/lib/Either.js';
import { householdDecider, householdStreamId } from '../approvals/decider.js';
import { ChildJoinedHousehold, ChildLeftHousehold, householdEvents } from '../approvals/events/index.js';
import { occupantsFrom } from '../approvals/status.js';
import { englandWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/index.js';
import { ChildPlaced, ChildPlacementEnded } from '../children/events/placement.js';
import {
  type AppendError,
  aggregateStream,
  type Clock,
  type CommandMetadata,
  type DomainEvent,
  type EventRegistry,
  type EventStore,
  eventStamper,
  expectedRevisionOf,
  invalidCommand,
  type ReadError,
  type RecordedEvent,
  type StreamState,
  type StreamWrite,
  systemClock,
  validateCommand,
} from '../eventsourcing/index.js';
import { EndPlacement, RecordShortBreakStay, StartPlacement } from './commands.js';
import type { PlacementError } from './decider.js';
import { placementStreamId } from './decider.js';
import { PlacementEnded, PlacementStarted, placementEvents } from './events.js';
import { decideShortBreakStay } from './short-breaks.js';
import type { ChildFacts } from './start/child-facts.js';
import { decideStart, type StartDecision } from './start/decide-start.js';
import { evolvePlacement, initialPlacementState } from './state.js';
import { atomicWriter, type StreamWriter, serialisedWriter } from './stream-writer.js';

/** How the process reads a child's stream; the children area supplies it. */
export interface ChildStreamReader<E extends DomainEvent = DomainEvent> {
  readonly registry: EventRegistry<E>;
  readonly streamId: (childId: string) => string;
  readonly facts: (childId: string, events: ReadonlyArray<E>) => ChildFacts;
}

export type PlacementProcessError = PlacementError | AppendError | ReadError;

export interface PlacementProcessConfig<CE extends DomainEvent> {
  /**
   * With `appendToStreams`, the streams of a decision are written in one transaction with the revisions read;
   * without it (EventStoreDB), through a log of decisions: see `serialisedWriter`.
   */
  readonly store: EventStore;
  /** How decisions are written; chosen from the store when absent. */
  readonly writer?: StreamWriter;
  readonly children: ChildStreamReader<CE>;
  readonly calendar?: WorkingDayCalendar;
  readonly clock?: Clock;
  readonly maxAttempts?: number;
  /** Where event ids come from (uuid v7 by default); a generator for reproducible histories can pass its own. */
  readonly newEventId?: () => string;
}

export interface StartResult extends StartDecision {
  readonly events: ReadonlyArray<RecordedEvent>;
  readonly attempts: number;
}

interface Loaded<S> {
  readonly state: S;
  readonly streamState: StreamState;
}

/**
 * Starts and ends placements, and records short-break stays (counted per child, across placements). A placement changes three streams, each the owner of one fact: the placement
 * (its record), the household (its occupancy: limit and terms) and the child (where the child lives). The
 * process reads all three, decides with `decideStart`, and appends to all three in one transaction with the
 * revisions it read; children already in the household are included with empty writes, so a sibling link
 * recorded meanwhile also forces a retry. If any stream moved, nothing is written and the process decides
 * again, so two placements racing into one household, or one child racing into two households, can never both
 * succeed on stale facts. On a store without multi-stream append the decisions go through a log instead
 * (`serialisedWriter`). See docs/domain/placements.md.
 */
export const placementProcess = <CE extends DomainEvent>(config: PlacementProcessConfig<CE>) => {
  const { store, children } = config;
  const writer =
    config.writer ??
    (store.appendToStreams === undefined
      ? serialisedWriter(store, config.newEventId === undefined ? {} : { newEventId: config.newEventId })
      : atomicWriter(store.appendToStreams));
  const calendar = config.calendar ?? englandWorkingDayCalendar;
  const clock = config.clock ?? systemClock;
  const maxAttempts = config.maxAttempts ?? 5;

  const loadChild = async (childId: string): Promise<E.Either<ReadError, Loaded<ChildFacts>>> => {
    const folded = await aggregateStream(
      store,
      children.registry,
      { initialState: [] as CE[], evolve: (events: CE[], event: CE) => [...events, event] },
      children.streamId(childId),
    );
    return E.map((r: Loaded<CE[]>) => ({
      state: children.facts(childId, r.state),
      streamState: r.streamState,
    }))(folded);
  };

  const loadHousehold = (householdId: string) =>
    aggregateStream(store, householdEvents, householdDecider, householdStreamId(householdId));

  const loadPlacement = (placementId: string) =>
    aggregateStream(
      store,
      placementEvents,
      { initialState: initialPlacementState, evolve: evolvePlacement },
      placementStreamId(placementId),
    );

  const retrying = async <A>(
    attempt: (n: number) => Promise<E.Either<PlacementProcessError, A>>,
  ): Promise<E.Either<PlacementProcessError, A>> => {
    for (let n = 1; ; n++) {
      const outcome = await attempt(n);
      if (E.isRight(outcome) || outcome.left._tag !== 'WrongExpectedRevision' || n >= maxAttempts)
        return outcome;
    }
  };

  const start = async (
    raw: StartPlacement,
    metadata: CommandMetadata,
  ): Promise<E.Either<PlacementProcessError, StartResult>> => {
    const valid = validateCommand(StartPlacement, raw);
    if (E.isLeft(valid)) return valid;
    const command = valid.right;
    return retrying(async (attempt): Promise<E.Either<PlacementProcessError, StartResult>> => {
      const token = await writer.begin();
      if (E.isLeft(token)) return token;
      const placement = await loadPlacement(command.placementId);
      if (E.isLeft(placement)) return placement;
      // A placement may start fresh, or from a referral and match recorded on its stream beforehand.
      const { referral, match, started: already } = placement.right.state;
      if (already !== undefined) {
        return E.left({
          _tag: 'NotAllowedNow',
          message: `placement ${command.placementId} has already started`,
          field: 'placementId',
        });
      }
      if (referral !== undefined && referral.childId !== command.childId) {
        return E.left(invalidCommand('childId', `must be the referred child (${referral.childId})`));
      }
      if (match !== undefined && match.householdId !== command.householdId) {
        return E.left({
          _tag: 'NotAllowedNow',
          message: `the placement was matched with ${match.householdId}`,
          field: 'householdId',
        });
      }
      const household = await loadHousehold(command.householdId);
      if (E.isLeft(household)) return household;
      const child = await loadChild(command.childId);
      if (E.isLeft(child)) return child;
      const occupantIds = new Set(
        occupantsFrom(household.right.state, command.startedOn).map((o) => o.childId),
      );
      const occupantReads = await Promise.all([...occupantIds].map(loadChild));
      const failedRead = occupantReads.find(E.isLeft);
      if (failedRead !== undefined) return failedRead;
      const occupantFacts = occupantReads.flatMap((r) => (E.isRight(r) ? [r.right] : []));
      const decision = decideStart(command, {
        household: household.right.state,
        child: child.right.state,
        occupantSiblings: Object.fromEntries(occupantFacts.map((o) => [o.state.childId, o.state.siblingIds])),
        calendar,
      });
      if (E.isLeft(decision)) return decision;
      const { outsideTermsUntil, exemptionId, carerNames } = decision.right;
      const extra = {
        ...(outsideTermsUntil === undefined ? {} : { outsideTermsUntil }),
        ...(exemptionId === undefined ? {} : { exemptionId }),
      };
      const stamp = eventStamper(metadata, clock, config.newEventId);
      const { kind: _kind, emergency: _emergency, ...started } = command;
      const writes: StreamWrite[] = [
        {
          streamId: placementStreamId(command.placementId),
          expectedRevision: expectedRevisionOf(placement.right.streamState),
          events: [PlacementStarted.create({ ...started, carerNames: [...carerNames], ...extra })].map(
            stamp(placementEvents),
          ),
        },
        {
          streamId: householdStreamId(command.householdId),
          expectedRevision: expectedRevisionOf(household.right.streamState),
          events: [
            ChildJoinedHousehold.create({
              placementId: command.placementId,
              childId: command.childId,
              startedOn: command.startedOn,
              placementType: command.placementType,
              ...extra,
            }),
          ].map(stamp(householdEvents)),
        },
        {
          streamId: children.streamId(command.childId),
          expectedRevision: expectedRevisionOf(child.right.streamState),
          events: [
            ChildPlaced.create({
              placementId: command.placementId,
              householdId: command.householdId,
              startedOn: command.startedOn,
              placementType: command.placementType,
              longTerm: command.longTerm,
            }),
          ].map((event) => stamp(children.registry)(event as unknown as CE)),
        },
        ...occupantFacts
          // One check per child: a child may have several placements here (a foster placement, then staying put).
          .filter((o) => o.state.childId !== command.childId)
          .map((o) => ({
            streamId: children.streamId(o.state.childId),
            expectedRevision: expectedRevisionOf(o.streamState),
            events: [],
          })),
      ];
      const appended = await writer.commit(token.right, writes);
      return E.map((results: ReadonlyArray<{ events: ReadonlyArray<RecordedEvent> }>) => ({
        ...decision.right,
        events: results.flatMap((r) => r.events),
        attempts: attempt,
      }))(appended);
    });
  };

  const end = async (
    placementId: string,
    raw: EndPlacement,
    metadata: CommandMetadata,
  ): Promise<E.Either<PlacementProcessError, ReadonlyArray<RecordedEvent>>> => {
    const valid = validateCommand(EndPlacement, raw);
    if (E.isLeft(valid)) return valid;
    const command = valid.right;
    return retrying(async (): Promise<E.Either<PlacementProcessError, ReadonlyArray<RecordedEvent>>> => {
      const token = await writer.begin();
      if (E.isLeft(token)) return token;
      const placement = await loadPlacement(placementId);
      if (E.isLeft(placement)) return placement;
      const started = placement.right.state.started;
      if (started === undefined)
        return E.left({ _tag: 'NotAllowedNow', message: `placement ${placementId} has not started` });
      if (placement.right.state.ended !== undefined)
        return E.left({ _tag: 'NotAllowedNow', message: `placement ${placementId} has ended` });
      if (command.endedOn < started.startedOn) {
        return E.left(invalidCommand('endedOn', `must not be before the start (${started.startedOn})`));
      }
      const household = await loadHousehold(started.householdId);
      if (E.isLeft(household)) return household;
      const child = await loadChild(started.childId);
      if (E.isLeft(child)) return child;
      const stamp = eventStamper(metadata, clock, config.newEventId);
      const { kind: _kind, ...ended } = command;
      const appended = await writer.commit(token.right, [
        {
          streamId: placementStreamId(placementId),
          expectedRevision: expectedRevisionOf(placement.right.streamState),
          events: [PlacementEnded.create(ended)].map(stamp(placementEvents)),
        },
        {
          streamId: householdStreamId(started.householdId),
          expectedRevision: expectedRevisionOf(household.right.streamState),
          events: [
            ChildLeftHousehold.create({ placementId, childId: started.childId, endedOn: command.endedOn }),
          ].map(stamp(householdEvents)),
        },
        {
          streamId: children.streamId(started.childId),
          expectedRevision: expectedRevisionOf(child.right.streamState),
          events: [ChildPlacementEnded.create({ placementId, endedOn: command.endedOn })].map((event) =>
            stamp(children.registry)(event as unknown as CE),
          ),
        },
      ]);
      return E.map((results: ReadonlyArray<{ events: ReadonlyArray<RecordedEvent> }>) =>
        results.flatMap((r) => r.events),
      )(appended);
    });
  };

  /**
   * Records a short-break stay on a placement (rule `short-breaks`, CPPR 48): the child's stays on every
   * placement count toward the 75 days, since a child may have short breaks with more than one household. Reads
   * the placement, the child's stream (which lists the child's placements) and each other placement of the
   * child, decides with their stays, and appends the stay with the revisions it read: the child's stream and the
   * other placements with empty writes, so a stay recorded meanwhile on another of the child's placements, or a
   * placement started for the child, forces a retry on the new facts.
   */
  const recordShortBreakStay = async (
    placementId: string,
    raw: RecordShortBreakStay,
    metadata: CommandMetadata,
  ): Promise<E.Either<PlacementProcessError, ReadonlyArray<RecordedEvent>>> => {
    const valid = validateCommand(RecordShortBreakStay, raw);
    if (E.isLeft(valid)) return valid;
    const command = valid.right;
    return retrying(async (): Promise<E.Either<PlacementProcessError, ReadonlyArray<RecordedEvent>>> => {
      const token = await writer.begin();
      if (E.isLeft(token)) return token;
      const placement = await loadPlacement(placementId);
      if (E.isLeft(placement)) return placement;
      const { state } = placement.right;
      // On this placement alone first: a stay it refuses (not started, ended, too long…) needs nothing else read.
      const alone = decideShortBreakStay(command, state, []);
      if (E.isLeft(alone)) return alone;
      const childId = (state.started as NonNullable<typeof state.started>).childId;
      const child = await loadChild(childId);
      if (E.isLeft(child)) return child;
      const otherIds = [...new Set(child.right.state.placements.map((p) => p.placementId))].filter(
        (id) => id !== placementId,
      );
      const reads = await Promise.all(otherIds.map(loadPlacement));
      const failedRead = reads.find(E.isLeft);
      if (failedRead !== undefined) return failedRead;
      const others = otherIds.flatMap((id, i) => {
        const read = reads[i];
        return read !== undefined && E.isRight(read) ? [{ id, ...read.right }] : [];
      });
      const decision = decideShortBreakStay(
        command,
        state,
        others.flatMap((o) => o.state.shortBreakStays),
      );
      if (E.isLeft(decision)) return decision;
      const stamp = eventStamper(metadata, clock, config.newEventId);
      const appended = await writer.commit(token.right, [
        {
          streamId: placementStreamId(placementId),
          expectedRevision: expectedRevisionOf(placement.right.streamState),
          events: decision.right.map(stamp(placementEvents)),
        },
        {
          streamId: children.streamId(childId),
          expectedRevision: expectedRevisionOf(child.right.streamState),
          events: [],
        },
        ...others.map((o) => ({
          streamId: placementStreamId(o.id),
          expectedRevision: expectedRevisionOf(o.streamState),
          events: [],
        })),
      ]);
      return E.map((results: ReadonlyArray<{ events: ReadonlyArray<RecordedEvent> }>) =>
        results.flatMap((r) => r.events),
      )(appended);
    });
  };

  return { start, end, recordShortBreakStay };
};
