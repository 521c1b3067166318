import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { fieldIssues } from './codec-issues.js';
import type { DomainEvent } from './envelope.js';
import type { FieldIssue } from './errors.js';
import type { JsonValue } from './json.js';
import { type PersonalField, personalFields } from './personal-data.js';

export interface EventDataFailure {
  readonly reason: 'unknown-version' | 'invalid-data';
  readonly issues: ReadonlyArray<FieldIssue>;
}

/**
 * One event type: its name, the codec of its current schema version, and how to read every older version.
 * Methods use method syntax on purpose: it lets `EventType<'X', Data>` stand where `EventType<string, unknown>`
 * is expected, which is how registries hold types of different data.
 */
export interface EventType<Type extends string, Data> {
  readonly type: Type;
  /** The current schema version; versions run 1, 2, 3... with an upcaster between each pair. */
  readonly schemaVersion: number;
  /** Validates data of the current version (a decoder only, so that types of any data fit one registry). */
  readonly codec: t.Decoder<unknown, Data>;
  readonly personalFields: ReadonlyArray<PersonalField>;
  /** Decodes data stored at any known version and lifts it to the current one. */
  decode(schemaVersion: number, data: unknown): E.Either<EventDataFailure, Data>;
  /** Encodes data for storage at the current schema version. */
  encode(data: Data): JsonValue;
  /** Makes the domain event, for deciders. */
  create(data: Data): DomainEvent<Type, Data>;
  is(event: DomainEvent): event is DomainEvent<Type, Data>;
  /**
   * A new schema version: `codec` is its shape and `upcast` lifts data of the current version to it. Events
   * already stored keep their version and are upcast on every read, so history is never rewritten.
   */
  upcastTo<Next>(
    codec: t.Type<Next, unknown, unknown>,
    upcast: (previous: Data) => Next,
  ): EventType<Type, Next>;
}

export type AnyEventType = EventType<string, unknown>;

/** The domain event an event type produces. */
export type EventOf<T> = T extends EventType<infer Type, infer Data> ? DomainEvent<Type, Data> : never;

interface Version {
  readonly codec: t.Type<unknown, unknown, unknown>;
  /** Lifts data of the previous version to this one; absent for version 1. */
  readonly upcast?: (previous: unknown) => unknown;
}

const make = <Type extends string, Data>(
  type: Type,
  versions: ReadonlyArray<Version>,
): EventType<Type, Data> => {
  const current = versions[versions.length - 1] as Version;
  const codec = current.codec as t.Type<Data, unknown, unknown>;
  return {
    type,
    schemaVersion: versions.length,
    codec,
    personalFields: personalFields(codec),
    decode(schemaVersion, data) {
      const stored = Number.isInteger(schemaVersion) ? versions[schemaVersion - 1] : undefined;
      if (stored === undefined) return E.left({ reason: 'unknown-version', issues: [] });
      const decoded = stored.codec.decode(data);
      if (E.isLeft(decoded)) return E.left({ reason: 'invalid-data', issues: fieldIssues(decoded.left) });
      let value = decoded.right;
      for (const later of versions.slice(schemaVersion))
        value = (later.upcast as (v: unknown) => unknown)(value);
      return E.right(value as Data);
    },
    encode: (data) => codec.encode(data) as JsonValue,
    create: (data) => ({ type, data }),
    is: (event): event is DomainEvent<Type, Data> => event.type === type,
    upcastTo: <Next>(next: t.Type<Next, unknown, unknown>, upcast: (previous: Data) => Next) =>
      make<Type, Next>(type, [
        ...versions,
        { codec: next as t.Type<unknown, unknown, unknown>, upcast: upcast as (v: unknown) => unknown },
      ]),
  };
};

/** Defines an event type at schema version 1. Later versions are added with `upcastTo`. */
export const eventType = <Type extends string, Data>(
  type: Type,
  codec: t.Type<Data, unknown, unknown>,
): EventType<Type, Data> => make<Type, Data>(type, [{ codec: codec as t.Type<unknown, unknown, unknown> }]);
