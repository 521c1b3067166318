/**
 * The in-memory log: every stream's events and the global `$all` order, with the write-side rules (expected
 * revisions, soft delete, tombstones, idempotent re-appends) and listeners for live subscriptions.
 */
import {
  isMetastream,
  METASTREAM_LIMITS,
  metastreamOf,
  parseStreamLimits,
  type StreamLimits,
} from './metadata.js';
import { PositionAllocator } from './positions.js';

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** 100-nanosecond ticks since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
  /** Commit and prepare position (always equal here). */
  readonly position: bigint;
}

export type ExpectedRevision =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export interface WrongExpectedVersion {
  readonly kind: 'wrong-expected-version';
  /** The stream's current revision; undefined when the stream does not exist (or was soft-deleted). */
  readonly current: bigint | undefined;
  readonly expected: ExpectedRevision;
}

export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: bigint | undefined; readonly position?: bigint }
  | WrongExpectedVersion
  | { readonly kind: 'stream-deleted' };

export type DeleteOutcome =
  | { readonly kind: 'success'; readonly position: bigint }
  | WrongExpectedVersion
  | { readonly kind: 'stream-deleted' };

/** What a reader may see of a stream: the readable revision window, or why there is none. */
export type StreamView =
  | { readonly kind: 'not-found' /** the revision the stream's next event will get */; readonly next: number }
  | { readonly kind: 'tombstoned' }
  | {
      readonly kind: 'found';
      readonly events: readonly StoredEvent[];
      readonly first: number;
      readonly last: number;
    };

export interface LogListener {
  appended?(events: readonly StoredEvent[]): void;
  tombstoned?(streamName: string): void;
  reset?(): void;
}

interface StreamState {
  readonly events: StoredEvent[];
  tombstoned: boolean;
  softDeleted: boolean;
  /** Revisions below this were soft-deleted and stay unreadable after the stream is recreated. */
  deletedBefore: number;
}

const TICKS_PER_MILLISECOND = 10_000n;
const TICKS_PER_SECOND = 10_000_000n;

export class EventLog {
  #streams = new Map<string, StreamState>();
  #all: StoredEvent[] = [];
  readonly #positions = new PositionAllocator();
  readonly #listeners = new Set<LogListener>();
  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  /** Every event in commit order (a live array: subscriptions keep an index into it). */
  get all(): readonly StoredEvent[] {
    return this.#all;
  }

  listen(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  append(streamName: string, expected: ExpectedRevision, proposed: readonly ProposedEvent[]): AppendOutcome {
    const state = this.#streams.get(streamName);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const replay = state && this.#idempotentReplay(state, expected, proposed);
    if (replay) return replay;
    const failure = checkExpected(state, expected);
    if (failure) return failure;
    const stream = state ?? this.#create(streamName);
    if (proposed.length === 0) {
      return { kind: 'success', currentRevision: currentRevision(stream) };
    }
    const created = BigInt(this.#clock()) * TICKS_PER_MILLISECOND;
    const appended = proposed.map((event): StoredEvent => {
      const stored: StoredEvent = {
        ...event,
        streamName,
        revision: BigInt(stream.events.length),
        created,
        position: this.#positions.allocate(payloadSize(streamName, event)),
      };
      stream.events.push(stored);
      this.#all.push(stored);
      return stored;
    });
    stream.softDeleted = false;
    for (const listener of this.#listeners) listener.appended?.(appended);
    const last = appended[appended.length - 1];
    return { kind: 'success', currentRevision: last?.revision, position: last?.position };
  }

  /** Soft delete: reads say "not found" until the stream is appended to again; revisions then carry on. */
  delete(streamName: string, expected: ExpectedRevision): DeleteOutcome {
    const state = this.#streams.get(streamName);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const failure = checkExpected(state, expected);
    if (failure) return failure;
    const stream = state ?? this.#create(streamName);
    stream.softDeleted = true;
    stream.deletedBefore = stream.events.length;
    return { kind: 'success', position: this.#positions.allocate(streamName.length) };
  }

  /** Hard delete: the stream can never be read or written again. */
  tombstone(streamName: string, expected: ExpectedRevision): DeleteOutcome {
    const state = this.#streams.get(streamName);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const failure = checkExpected(state, expected);
    if (failure) return failure;
    const stream = state ?? this.#create(streamName);
    stream.tombstoned = true;
    const position = this.#positions.allocate(streamName.length);
    for (const listener of this.#listeners) listener.tombstoned?.(streamName);
    return { kind: 'success', position };
  }

  isTombstoned(streamName: string): boolean {
    return this.#streams.get(streamName)?.tombstoned === true;
  }

  /** The readable part of a stream, after soft deletes and its `$maxCount` / `$tb` / `$maxAge` metadata. */
  view(streamName: string): StreamView {
    const state = this.#streams.get(streamName);
    if (state?.tombstoned) return { kind: 'tombstoned' };
    if (!state || state.softDeleted || state.events.length === 0) {
      return { kind: 'not-found', next: state?.events.length ?? 0 };
    }
    const last = state.events.length - 1;
    const limits = this.limitsOf(streamName);
    let first = state.deletedBefore;
    if (limits.truncateBefore !== undefined) first = Math.max(first, clampIndex(limits.truncateBefore, last));
    if (limits.maxCount !== undefined) first = Math.max(first, last + 1 - clampIndex(limits.maxCount, last));
    if (limits.maxAgeSeconds !== undefined) {
      const oldest =
        BigInt(this.#clock()) * TICKS_PER_MILLISECOND - BigInt(limits.maxAgeSeconds) * TICKS_PER_SECOND;
      while (first <= last && (state.events[first]?.created ?? oldest) < oldest) first += 1;
    }
    return { kind: 'found', events: state.events, first, last };
  }

  limitsOf(streamName: string): StreamLimits {
    if (isMetastream(streamName)) return METASTREAM_LIMITS;
    const meta = this.#streams.get(metastreamOf(streamName));
    if (!meta || meta.softDeleted || meta.tombstoned) return {};
    return parseStreamLimits(meta.events[meta.events.length - 1]?.data);
  }

  reset(): void {
    this.#streams = new Map();
    this.#all = [];
    for (const listener of this.#listeners) listener.reset?.();
  }

  #create(streamName: string): StreamState {
    const state: StreamState = { events: [], tombstoned: false, softDeleted: false, deletedBefore: 0 };
    this.#streams.set(streamName, state);
    return state;
  }

  /**
   * Idempotent writes: re-sending the same event ids with the same exact expected revision (or `no_stream`)
   * succeeds without writing them twice, as a real server does for a retried append.
   */
  #idempotentReplay(
    state: StreamState,
    expected: ExpectedRevision,
    proposed: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    if (proposed.length === 0) return undefined;
    const before =
      expected.kind === 'revision' ? Number(expected.revision) : expected.kind === 'no_stream' ? -1 : NaN;
    if (Number.isNaN(before)) return undefined;
    const written = proposed.map((_, index) => state.events[before + 1 + index]);
    if (!written.every((event, index) => event !== undefined && event.id === proposed[index]?.id))
      return undefined;
    const last = written[written.length - 1];
    return { kind: 'success', currentRevision: last?.revision, position: last?.position };
  }
}

const currentRevision = (state: StreamState): bigint | undefined =>
  state.events.length > 0 && !state.softDeleted ? BigInt(state.events.length - 1) : undefined;

/**
 * The expected-revision rule. A soft-deleted stream counts as absent (`no_stream` recreates it), but appending
 * with its last revision is accepted too, since its revisions carry on.
 */
const checkExpected = (
  state: StreamState | undefined,
  expected: ExpectedRevision,
): WrongExpectedVersion | undefined => {
  const current = state ? currentRevision(state) : undefined;
  const last = state && state.events.length > 0 ? BigInt(state.events.length - 1) : undefined;
  const ok =
    expected.kind === 'any' ||
    (expected.kind === 'no_stream' && current === undefined) ||
    (expected.kind === 'stream_exists' && current !== undefined) ||
    (expected.kind === 'revision' &&
      (current ?? (state?.softDeleted ? last : undefined)) === expected.revision);
  return ok ? undefined : { kind: 'wrong-expected-version', current, expected };
};

const clampIndex = (value: bigint, last: number): number =>
  value > BigInt(last + 1) ? last + 1 : Number(value);

const payloadSize = (streamName: string, event: ProposedEvent): number =>
  Buffer.byteLength(streamName) +
  Buffer.byteLength(event.type) +
  event.data.length +
  event.customMetadata.length;
