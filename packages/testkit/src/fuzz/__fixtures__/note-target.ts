import {
  type CommandMetadata,
  commandHandler,
  type Decider,
  type DomainError,
  type EventOf,
  type EventStore,
  eventRegistry,
  eventStamper,
  eventType,
  inMemoryEventStore,
  systemClock,
} from '@fostering/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { FuzzTarget } from '../fuzz-commands.js';

/**
 * A tiny, well-behaved command entry point (notes on a stream, with a length rule), and broken variants of it,
 * to prove that `fuzzCommands` passes what is right and reports what is wrong.
 */

export const Noted = eventType('Noted', t.type({ text: t.string, tags: t.array(t.string) }));
export const noteEvents = eventRegistry([Noted]);

export const NoteCommand = t.union([
  t.type({ kind: t.literal('Note'), text: t.string, tags: t.array(t.string) }),
  t.type({ kind: t.literal('Clear') }),
]);
export type NoteCommand = t.TypeOf<typeof NoteCommand>;

const tooLong = { id: 'note-length', citation: 'House rules 1' };

const noteDecider: Decider<NoteCommand, number, EventOf<typeof Noted>, DomainError> = {
  initialState: 0,
  evolve: (count) => count + 1,
  decide: (command) => {
    if (command.kind === 'Clear')
      return E.left({ _tag: 'NotAllowedNow', message: 'notes are never cleared' });
    if (command.text.length > 200) {
      return E.left({ _tag: 'RuleViolation', rule: tooLong, message: 'a note is at most 200 characters' });
    }
    return E.right([Noted.create({ text: command.text, tags: command.tags })]);
  },
};

export const validNotes: fc.Arbitrary<NoteCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('Note' as const),
    text: fc.constantFrom('Visited; all well.', 'Riley settled in.'),
    tags: fc.constantFrom<string[][]>([], ['visit'], ['visit', 'school']),
  }),
  fc.constant({ kind: 'Clear' as const }),
);

export const noteStreams = fc.constantFrom('note-1', 'note-2');

/** The well-behaved target: the kernel's command handler with a codec. */
export const noteTarget = (store: EventStore = inMemoryEventStore()): FuzzTarget<NoteCommand> => ({
  name: 'notes',
  handle: commandHandler({ store, registry: noteEvents, decider: noteDecider, commandCodec: NoteCommand }),
  store,
  streamIds: noteStreams,
  validCommands: validNotes,
});

/** Appends a stray event, as a handler that writes an audit entry before validating would. */
export const appendStray = async (store: EventStore, streamId: string, metadata: CommandMetadata) => {
  const stamp = eventStamper(metadata, systemClock)(noteEvents);
  await store.append(streamId, [stamp(Noted.create({ text: 'audit: command received', tags: [] }))], {
    expectedRevision: 'any',
  });
};

/** A merge as written in many a code base: recursive, and blind to `__proto__`. */
export const naiveMerge = (target: Record<string, unknown>, source: unknown): Record<string, unknown> => {
  if (typeof source !== 'object' || source === null) return target;
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const existing = target[key];
      target[key] = naiveMerge(
        (typeof existing === 'object' && existing !== null ? existing : {}) as Record<string, unknown>,
        value,
      );
    } else target[key] = value;
  }
  return target;
};
