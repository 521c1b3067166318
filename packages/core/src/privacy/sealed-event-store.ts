import * as E from 'fp-ts/lib/Either.js';
import { type Clock, systemClock } from '../eventsourcing/clock.js';
import type { NewEvent, RecordedEvent } from '../eventsourcing/envelope.js';
import { erased } from '../eventsourcing/erased.js';
import { type AppendError, StoreFailure, storeUnavailable } from '../eventsourcing/errors.js';
import type { AppendResult, EventStore, StreamWrite, Subscription } from '../eventsourcing/event-store.js';
import type { JsonValue } from '../eventsourcing/json.js';
import type { PersonalField } from '../eventsourcing/personal-data.js';
import { isSealed, open, type SealedValue, seal } from './field-cipher.js';
import type { KeyLookup, SubjectKeyStore } from './key-store.js';
import { personalSpots, sealContext } from './sealed-values.js';
import type { SubjectKey } from './subject-key.js';

export interface SealedEventStoreOptions {
  readonly keys: SubjectKeyStore;
  /** The personal fields of an event type: `(type) => registry.personalFields(type)` over every registry. */
  readonly personalFields: (type: string) => ReadonlyArray<PersonalField>;
  /**
   * Whose data a personal field without a `subjectField` is: by default the entity its stream is about, the
   * stream id after its category (`child-7` is about `7`).
   */
  readonly subjectOf?: (streamId: string) => string;
  readonly clock?: Clock;
}

export const streamEntity = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(dash + 1);
};

type CurrentKey = (subject: string) => Promise<E.Either<AppendError, SubjectKey>>;

/** Seals every personal value of one event for `streamId`, under each subject's key from `currentKey`. */
const eventSealer = (options: SealedEventStoreOptions) => {
  const subjectOf = options.subjectOf ?? streamEntity;
  return async <Ev extends NewEvent>(
    streamId: string,
    event: Ev,
    currentKey: CurrentKey,
  ): Promise<E.Either<AppendError, Ev>> => {
    const fields = options.personalFields(event.type);
    if (fields.length === 0) return E.right(event);
    // A copy to seal in place: the caller's event is left as it was.
    const data = JSON.parse(JSON.stringify(event.data)) as JsonValue;
    for (const field of fields) {
      for (const spot of personalSpots(data, field)) {
        const subject =
          field.subjectField === undefined ? subjectOf(streamId) : spotSubject(spot.holder, field);
        const key = await currentKey(subject);
        if (E.isLeft(key)) return key;
        const value = (spot.holder as Record<string | number, JsonValue>)[spot.key] as JsonValue;
        (spot.holder as Record<string | number, JsonValue>)[spot.key] = seal(
          key.right,
          value,
          sealContext(streamId, event.eventId, spot.path),
        ) as unknown as JsonValue;
      }
    }
    return E.right({ ...event, data });
  };
};

/** Seals each event of a batch in turn, under the batch's keys; the first refusal stops it. */
const sealEach = async <Ev extends NewEvent>(
  sealEvent: ReturnType<typeof eventSealer>,
  events: ReadonlyArray<Ev>,
  streamOf: (event: Ev) => string,
  currentKey: CurrentKey,
): Promise<E.Either<AppendError, Ev[]>> => {
  const sealed: Ev[] = [];
  for (const event of events) {
    const outcome = await sealEvent(streamOf(event), event, currentKey);
    if (E.isLeft(outcome)) return outcome;
    sealed.push(outcome.right);
  }
  return E.right(sealed);
};

/** Each subject's current key, asked of the key store once per batch. */
const keysOnce = (keys: SubjectKeyStore, now: Date): CurrentKey => {
  const current = new Map<string, SubjectKey>();
  return async (subject) => {
    const known = current.get(subject);
    if (known !== undefined) return E.right(known);
    const key = await keys.currentKey(subject, now);
    if (E.isRight(key)) current.set(subject, key.right);
    return key;
  };
};

/**
 * Seals recorded events as `sealedEventStore` would have sealed their appends: for an import that keeps when
 * each was recorded (a migration, the demo's generated history).
 */
export const sealRecordedEvents = async (
  events: ReadonlyArray<RecordedEvent>,
  options: SealedEventStoreOptions,
): Promise<E.Either<AppendError, RecordedEvent[]>> =>
  sealEach(
    eventSealer(options),
    events,
    (event) => event.streamId,
    keysOnce(options.keys, (options.clock ?? systemClock).now()),
  );

/**
 * An event store that seals every personal field, per data subject, before it reaches `store`, and opens it on
 * every way out (appends' results, stream and global reads, subscriptions). A value whose subject was erased reads
 * as `Erased`; a value that was altered, moved to another event or field, or sealed under an unknown key
 * is a `StoreFailure` naming the stream, the revision and the field, never a silently wrong value. New personal
 * data about an erased subject is refused with `SubjectErased`, and nothing is written.
 */
export const sealedEventStore = (store: EventStore, options: SealedEventStoreOptions): EventStore => {
  const { keys } = options;
  const clock = options.clock ?? systemClock;
  const sealEvent = eventSealer(options);

  const sealWrites = async (
    writes: ReadonlyArray<StreamWrite>,
  ): Promise<E.Either<AppendError, StreamWrite[]>> => {
    const currentKey = keysOnce(keys, clock.now());
    const sealed: StreamWrite[] = [];
    for (const write of writes) {
      const events = await sealEach(sealEvent, write.events, () => write.streamId, currentKey);
      if (E.isLeft(events)) return events;
      sealed.push({ ...write, events: events.right });
    }
    return E.right(sealed);
  };

  /** Opens what one read, append or subscription delivers; keys are looked up once per call. */
  const opener = () => {
    const found = new Map<string, KeyLookup>();
    const lookup = async (sealed: SealedValue): Promise<KeyLookup> => {
      const id = `${sealed.subject}\u0000${sealed.key}`;
      const known = found.get(id);
      if (known !== undefined) return known;
      const result = await keys.findKey(sealed.subject, sealed.key);
      if (E.isLeft(result)) throw new StoreFailure(result.left);
      found.set(id, result.right);
      return result.right;
    };
    const openValue = async (value: JsonValue, event: RecordedEvent, path: string[]): Promise<JsonValue> => {
      if (isSealed(value)) {
        const key = await lookup(value);
        if (key.found === 'erased') return erased(value.subject, key.erasedAt) as unknown as JsonValue;
        if (key.found !== 'key')
          throw unopenable(store.name, event, path, 'is sealed under a key the key store does not hold');
        const opened = open(key.key, value, sealContext(event.streamId, event.eventId, path));
        if (E.isLeft(opened))
          throw unopenable(store.name, event, path, 'was altered, or moved from another event or field');
        return opened.right;
      }
      if (typeof value !== 'object' || value === null) return value;
      if (Array.isArray(value)) {
        const items: JsonValue[] = [];
        for (const [i, item] of value.entries())
          items.push(await openValue(item, event, [...path, String(i)]));
        return items;
      }
      const copy: Record<string, JsonValue> = {};
      for (const [key, inner] of Object.entries(value))
        copy[key] = await openValue(inner, event, [...path, key]);
      return copy;
    };
    return async (event: RecordedEvent): Promise<RecordedEvent> =>
      holdsSealed(event.data) ? { ...event, data: await openValue(event.data, event, []) } : event;
  };

  const openResults = async (results: ReadonlyArray<AppendResult>): Promise<AppendResult[]> => {
    const openEvent = opener();
    const opened: AppendResult[] = [];
    for (const result of results) {
      const events: RecordedEvent[] = [];
      for (const event of result.events) events.push(await openEvent(event));
      opened.push({ ...result, events });
    }
    return opened;
  };

  const appendToStreams = store.appendToStreams;
  return {
    name: store.name,
    append: async (streamId, events, { expectedRevision }) => {
      const sealed = await sealWrites([{ streamId, events, expectedRevision }]);
      if (E.isLeft(sealed)) return sealed;
      const [write] = sealed.right as [StreamWrite];
      const appended = await store.append(streamId, write.events, { expectedRevision });
      return E.isLeft(appended)
        ? appended
        : E.right(((await openResults([appended.right])) as [AppendResult])[0]);
    },
    ...(appendToStreams === undefined
      ? {}
      : {
          appendToStreams: async (writes: ReadonlyArray<StreamWrite>) => {
            const sealed = await sealWrites(writes);
            if (E.isLeft(sealed)) return sealed;
            const appended = await appendToStreams(sealed.right);
            return E.isLeft(appended) ? appended : E.right(await openResults(appended.right));
          },
        }),
    readStream: (streamId, readOptions) => mapEvents(store.readStream(streamId, readOptions), opener()),
    readAll: (readOptions) => mapEvents(store.readAll(readOptions), opener()),
    subscribeToAll: (subscribeOptions) => openedSubscription(store.subscribeToAll(subscribeOptions), opener),
    streamState: (streamId) => store.streamState(streamId),
    close: () => store.close(),
  };
};

const spotSubject = (holder: Record<string, JsonValue> | JsonValue[], field: PersonalField): string => {
  const subject = Array.isArray(holder) ? undefined : holder[field.subjectField as string];
  if (typeof subject !== 'string' || subject === '') {
    throw new TypeError(
      `personal field '${field.path.join('.')}' names its subject in '${field.subjectField}', which holds no id`,
    );
  }
  return subject;
};

const holdsSealed = (value: JsonValue): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  if (isSealed(value)) return true;
  return (Array.isArray(value) ? value : Object.values(value)).some(holdsSealed);
};

const unopenable = (storeName: string, event: RecordedEvent, path: ReadonlyArray<string>, what: string) =>
  new StoreFailure(
    storeUnavailable(
      storeName,
      `personal data in stream '${event.streamId}' at revision ${event.streamRevision}, field '${path.join('.')}', ${what}: it is not shown`,
      { reason: 'data', code: 'personal-data-unopenable' },
    ),
  );

async function* mapEvents(
  events: AsyncIterable<RecordedEvent>,
  openEvent: (event: RecordedEvent) => Promise<RecordedEvent>,
): AsyncGenerator<RecordedEvent> {
  for await (const event of events) yield await openEvent(event);
}

// A subscription lives for as long as its reader wants: keys are looked up afresh for each event rather than
// kept, so an erasure made while it runs shows in what it delivers next.
const openedSubscription = (
  subscription: Subscription,
  opener: () => (event: RecordedEvent) => Promise<RecordedEvent>,
): Subscription => ({
  close: () => subscription.close(),
  [Symbol.asyncIterator]: async function* () {
    for await (const message of subscription) {
      yield message.kind === 'event'
        ? { kind: 'event' as const, event: await opener()(message.event) }
        : message;
    }
  },
});
