import * as E from 'fp-ts/lib/Either.js';
import { describeIssue } from './codec-issues.js';
import type { DomainEvent, EventEnvelope, RecordedEvent } from './envelope.js';
import type { EventDecodeError } from './errors.js';
import type { AnyEventType, EventOf } from './event-type.js';
import type { JsonValue } from './json.js';
import type { PersonalField } from './personal-data.js';

export interface EncodedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonValue;
}

/** The event types one reader understands: how it encodes what it writes and decodes what it reads. */
export interface EventRegistry<E extends DomainEvent> {
  readonly eventTypes: ReadonlyArray<E['type']>;
  readonly has: (type: string) => type is E['type'];
  readonly encode: (event: E) => EncodedEvent;
  /** Decodes and upcasts a stored event; a failure names stream, revision, type and field path. */
  readonly decode: (recorded: RecordedEvent) => E.Either<EventDecodeError, EventEnvelope<E>>;
  readonly personalFields: (type: E['type']) => ReadonlyArray<PersonalField>;
  readonly definitions: ReadonlyArray<AnyEventType>;
}

const decodeError = (
  recorded: RecordedEvent,
  reason: EventDecodeError['reason'],
  issues: EventDecodeError['issues'],
  detail: string,
): EventDecodeError => ({
  _tag: 'EventDecodeError',
  streamId: recorded.streamId,
  streamRevision: recorded.streamRevision,
  type: recorded.type,
  schemaVersion: recorded.schemaVersion,
  reason,
  path: issues[0]?.path ?? '',
  issues,
  message: `cannot read event ${recorded.streamId}@${recorded.streamRevision} (${recorded.type} v${recorded.schemaVersion}): ${detail}`,
});

/** Builds a registry. Two definitions of one type name are a programmer error and throw. */
export const eventRegistry = <const Types extends ReadonlyArray<AnyEventType>>(
  definitions: Types,
): EventRegistry<EventOf<Types[number]>> => {
  type Ev = EventOf<Types[number]>;
  const byType = new Map<string, AnyEventType>();
  for (const definition of definitions) {
    if (byType.has(definition.type))
      throw new TypeError(`event type '${definition.type}' is registered twice`);
    byType.set(definition.type, definition);
  }
  const find = (type: string): AnyEventType => {
    const definition = byType.get(type);
    if (definition === undefined) throw new TypeError(`event type '${type}' is not in this registry`);
    return definition;
  };
  return {
    eventTypes: [...byType.keys()] as Ev['type'][],
    has: (type): type is Ev['type'] => byType.has(type),
    encode: (event) => {
      const definition = find(event.type);
      return {
        type: event.type,
        schemaVersion: definition.schemaVersion,
        data: definition.encode(event.data),
      };
    },
    decode: (recorded) => {
      const definition = byType.get(recorded.type);
      if (definition === undefined) {
        return E.left(decodeError(recorded, 'unknown-type', [], `unknown event type '${recorded.type}'`));
      }
      const decoded = definition.decode(recorded.schemaVersion, recorded.data);
      if (E.isLeft(decoded)) {
        const { reason, issues } = decoded.left;
        const detail =
          reason === 'unknown-version'
            ? `schema version ${recorded.schemaVersion} is unknown (current is ${definition.schemaVersion})`
            : issues.map(describeIssue).join('; ');
        return E.left(decodeError(recorded, reason, issues, detail));
      }
      return E.right({ ...recorded, data: decoded.right } as unknown as EventEnvelope<Ev>);
    },
    personalFields: (type) => find(type).personalFields,
    definitions,
  };
};

/** One registry that understands the events of several, for readers that span areas. */
export const mergeRegistries = <A extends DomainEvent, B extends DomainEvent>(
  a: EventRegistry<A>,
  b: EventRegistry<B>,
): EventRegistry<A | B> =>
  eventRegistry([...a.definitions, ...b.definitions]) as unknown as EventRegistry<A | B>;
