import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { type Clock, systemClock } from './clock.js';
import { describeIssue, fieldIssues } from './codec-issues.js';
import type { Decider } from './decider.js';
import { aggregateStream, guardStore, type ReadError } from './decoded-reads.js';
import type { Actor, DomainEvent, EventEnvelope, StreamId, StreamRevision } from './envelope.js';
import {
  type DomainError,
  type EventIdConflict,
  type InvalidCommand,
  invalidCommand,
  StoreFailure,
  type StoreUnavailable,
  type SubjectErased,
  type WrongExpectedRevision,
} from './errors.js';
import type { EventRegistry } from './event-registry.js';
import type { EventStore } from './event-store.js';
import { expectedRevisionOf } from './expected-revision.js';
import { newEventId } from './ids.js';
import type { SnapshotPolicy } from './snapshots.js';
import { eventStamper } from './stamp.js';
import type { StateCache } from './state-cache.js';
import { fieldPath, unknownFieldKeys } from './unknown-fields.js';

export interface CommandMetadata {
  /** Who is recording this; required because every record entry is attributed (rule `records`). */
  readonly actor: Actor;
  /** When the fact happened in the world; defaults to the clock's now. */
  readonly occurredAt?: Date;
  /** Ties together everything one request caused; a fresh id when absent. */
  readonly correlationId?: string;
  /** The message that caused this command; the correlation id when absent. */
  readonly causationId?: string;
}

export type CommandError<Err extends DomainError> =
  | Err
  | InvalidCommand
  | WrongExpectedRevision
  | EventIdConflict
  | SubjectErased
  | ReadError
  | StoreUnavailable;

export interface CommandResult<State, Event extends DomainEvent> {
  readonly streamId: StreamId;
  readonly events: ReadonlyArray<EventEnvelope<Event>>;
  readonly state: State;
  readonly nextExpectedRevision: StreamRevision | 'no_stream';
  /** How many times the command was decided; more than one means it lost a race and was retried. */
  readonly attempts: number;
}

export interface CommandHandlerConfig<Command, State, Event extends DomainEvent, Err extends DomainError> {
  readonly store: EventStore;
  readonly registry: EventRegistry<Event>;
  readonly decider: Decider<Command, State, Event, Err>;
  /** Validates commands arriving from outside TypeScript; refusals name the field. */
  readonly commandCodec?: t.Type<Command, unknown, unknown>;
  readonly clock?: Clock;
  readonly snapshots?: SnapshotPolicy<State>;
  /**
   * Remembers the state of the streams this handler wrote (`stateCache()`), so a command reads only the events
   * appended since. Checked before snapshots.
   */
  readonly cache?: StateCache<State>;
  /** Decide-and-append attempts before a write conflict is returned to the caller. */
  readonly maxAttempts?: number;
  readonly newEventId?: () => string;
}

export type CommandHandler<Command, State, Event extends DomainEvent, Err extends DomainError> = (
  streamId: StreamId,
  command: Command,
  metadata: CommandMetadata,
) => Promise<E.Either<CommandError<Err>, CommandResult<State, Event>>>;

/**
 * Checks a command against its codec: every field present and well-formed, and no field it does not declare.
 * Refusals name the field.
 */
export const validateCommand = <Command>(
  codec: t.Type<Command, unknown, unknown> | undefined,
  command: Command,
): E.Either<InvalidCommand, Command> => {
  if (codec === undefined) return E.right(command);
  const decoded = E.mapLeft((errors: t.Errors) => {
    const issue = fieldIssues(errors)[0];
    return issue === undefined
      ? invalidCommand('', 'is not a valid command')
      : invalidCommand(issue.path, `must be ${issue.expected}`, `invalid command: ${describeIssue(issue)}`);
  })(codec.decode(command));
  if (E.isLeft(decoded)) return decoded;
  // Deciders copy commands into events: a field the command does not declare would be stored for ever.
  const extra = unknownFieldKeys(codec, command);
  if (extra === undefined) return decoded;
  // A field named '' is shown as `""`: an empty `field` would mean the command as a whole.
  return E.left(
    invalidCommand(
      fieldPath(extra),
      extra.at(-1) === ''
        ? 'is not a field of this command: a field name must not be empty'
        : 'is not a field of this command',
    ),
  );
};

/**
 * Load, decide, append: folds the stream (from a snapshot when there is one), decides, and appends with the
 * revision it read. When another writer got there first the whole cycle runs again on the new state, up to
 * `maxAttempts` times, because the decision may differ now. The store is untouched by any refusal.
 */
export const commandHandler = <Command, State, Event extends DomainEvent, Err extends DomainError>(
  config: CommandHandlerConfig<Command, State, Event, Err>,
): CommandHandler<Command, State, Event, Err> => {
  const { store, registry, decider, snapshots, cache } = config;
  const clock = config.clock ?? systemClock;
  const maxAttempts = config.maxAttempts ?? 3;
  const nextEventId = config.newEventId ?? newEventId;

  const load = async (streamId: StreamId) => {
    const cached = cache?.get(streamId);
    if (cached !== undefined) return aggregateStream(store, registry, decider, streamId, cached);
    // An unreadable snapshot store only costs speed: fold the stream from the start instead.
    const snapshot =
      snapshots === undefined ? undefined : await guardStore(() => snapshots.store.load(streamId));
    const usable =
      snapshot !== undefined && E.isRight(snapshot) && snapshot.right?.version === snapshots?.version
        ? snapshot.right
        : undefined;
    return aggregateStream(store, registry, decider, streamId, usable);
  };

  const saveSnapshot = async (
    streamId: StreamId,
    before: StreamRevision | 'no_stream',
    after: StreamRevision,
    state: State,
  ) => {
    if (snapshots === undefined || !snapshots.strategy(before, after)) return;
    try {
      await snapshots.store.save({ streamId, revision: after, state, version: snapshots.version });
    } catch (error) {
      // A snapshot is only a shortcut; failing to save one must not fail a command that was recorded.
      if (!(error instanceof StoreFailure)) throw error;
    }
  };

  return async (streamId, rawCommand, metadata) => {
    const decoded = validateCommand(config.commandCodec, rawCommand);
    if (E.isLeft(decoded)) return decoded;
    const command = decoded.right;
    const stamp = eventStamper(metadata, clock, nextEventId)(registry);

    for (let attempt = 1; ; attempt++) {
      const loaded = await load(streamId);
      if (E.isLeft(loaded)) return loaded;
      const { state, streamState } = loaded.right;
      if (streamState.exists) cache?.set(streamId, { revision: streamState.revision, state });
      const decision = decider.decide(command, state);
      if (E.isLeft(decision)) return decision;
      const events = decision.right;
      const before = expectedRevisionOf(streamState);
      if (events.length === 0) {
        return E.right({ streamId, events: [], state, nextExpectedRevision: before, attempts: attempt });
      }
      const appended = await store.append(streamId, events.map(stamp), { expectedRevision: before });
      if (E.isLeft(appended)) {
        // The cached state may be of a stream since deleted and begun again: read it whole next time.
        if (appended.left._tag === 'WrongExpectedRevision') cache?.delete(streamId);
        if (appended.left._tag === 'WrongExpectedRevision' && attempt < maxAttempts) continue;
        return appended;
      }
      const newState = events.reduce(decider.evolve, state);
      const recorded = appended.right.events;
      const after = (recorded[recorded.length - 1] as { streamRevision: StreamRevision }).streamRevision;
      cache?.set(streamId, { revision: after, state: newState });
      await saveSnapshot(streamId, before, after, newState);
      return E.right({
        streamId,
        events: recorded.map(
          (r, i) => ({ ...r, data: (events[i] as Event).data }) as unknown as EventEnvelope<Event>,
        ),
        state: newState,
        nextExpectedRevision: after,
        attempts: attempt,
      });
    }
  };
};
