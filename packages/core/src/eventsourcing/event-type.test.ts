import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from './envelope.js';
import { eventRegistry, mergeRegistries } from './event-registry.js';
import { eventType } from './event-type.js';
import { encodePosition } from './position.js';

// Three generations of one event: v1 had a single name, v2 split it, v3 added the legal status.
const ChildRegisteredV1 = t.type({ childId: t.string, name: t.string });
const ChildRegisteredV2 = t.type({ childId: t.string, givenName: t.string, familyName: t.string });
const ChildRegisteredV3 = t.type({
  childId: t.string,
  givenName: t.string,
  familyName: t.string,
  legalStatus: t.keyof({ s20: null, s31: null, unknown: null }),
});

const ChildRegistered = eventType('ChildRegistered', ChildRegisteredV1)
  .upcastTo(ChildRegisteredV2, ({ childId, name }) => {
    const [givenName = '', ...rest] = name.split(' ');
    return { childId, givenName, familyName: rest.join(' ') };
  })
  .upcastTo(ChildRegisteredV3, (v2) => ({ ...v2, legalStatus: 'unknown' as const }));

const Placed = eventType(
  'Placed',
  t.type({ household: t.type({ carers: t.array(t.type({ name: t.string, approvedOn: t.string })) }) }),
);

const registry = eventRegistry([ChildRegistered, Placed]);

const stored = (type: string, schemaVersion: number, data: unknown): RecordedEvent => ({
  eventId: 'e-1',
  streamId: 'child-1',
  streamRevision: 4,
  globalPosition: encodePosition(9),
  type,
  schemaVersion,
  data: data as RecordedEvent['data'],
  occurredAt: new Date('2026-01-01T00:00:00Z'),
  recordedAt: new Date('2026-01-02T00:00:00Z'),
  actor: { id: 'a', role: 'r' },
  correlationId: 'c',
  causationId: 'c',
});

describe('event types and the registry', () => {
  it('numbers versions from 1 and writes at the current one', () => {
    expect(ChildRegistered.schemaVersion).toBe(3);
    const event = ChildRegistered.create({
      childId: 'c1',
      givenName: 'Ava',
      familyName: 'Khan',
      legalStatus: 's20',
    });
    expect(registry.encode(event)).toEqual({ type: 'ChildRegistered', schemaVersion: 3, data: event.data });
  });

  it('upcasts every older version on read, through each step in turn', () => {
    const v1 = registry.decode(stored('ChildRegistered', 1, { childId: 'c1', name: 'Ava Mae Khan' }));
    expect(E.isRight(v1) && v1.right.data).toEqual({
      childId: 'c1',
      givenName: 'Ava',
      familyName: 'Mae Khan',
      legalStatus: 'unknown',
    });
    const v2 = registry.decode(
      stored('ChildRegistered', 2, { childId: 'c1', givenName: 'Ava', familyName: 'Khan' }),
    );
    expect(E.isRight(v2) && v2.right.data).toMatchObject({ legalStatus: 'unknown', givenName: 'Ava' });
    const v3data = { childId: 'c1', givenName: 'Ava', familyName: 'Khan', legalStatus: 's31' };
    expect(E.isRight(registry.decode(stored('ChildRegistered', 3, v3data)))).toBe(true);
  });

  it('validates stored data against the codec of the version it was written at', () => {
    // Valid at v3 but stored as v1: v1's codec must judge it, and it lacks v1's `name`.
    const decoded = registry.decode(
      stored('ChildRegistered', 1, { childId: 'c1', givenName: 'A', familyName: 'K', legalStatus: 's20' }),
    );
    expect(E.isLeft(decoded) && decoded.left).toMatchObject({
      reason: 'invalid-data',
      path: 'name',
      schemaVersion: 1,
    });
  });

  it('names stream, revision, type and the nested field path of a decode failure', () => {
    const bad = {
      household: {
        carers: [
          { name: 'Jo', approvedOn: '2020-01-01' },
          { name: 7, approvedOn: '' },
        ],
      },
    };
    const decoded = registry.decode(stored('Placed', 1, bad));
    if (E.isRight(decoded)) throw new Error('expected a decode failure');
    expect(decoded.left).toMatchObject({
      _tag: 'EventDecodeError',
      streamId: 'child-1',
      streamRevision: 4,
      type: 'Placed',
      path: 'household.carers.1.name',
    });
    expect(decoded.left.message).toContain("'household.carers.1.name' expected string, got 7");
  });

  it('reports unknown types and versions as errors, not as skipped events', () => {
    const unknownType = registry.decode(stored('Mystery', 1, {}));
    expect(E.isLeft(unknownType) && unknownType.left.reason).toBe('unknown-type');
    for (const version of [0, 4, 1.5]) {
      const decoded = registry.decode(stored('ChildRegistered', version, {}));
      expect(E.isLeft(decoded) && decoded.left.reason).toBe('unknown-version');
    }
  });

  it('refuses to register a type twice, and merges registries of different areas', () => {
    expect(() => eventRegistry([Placed, Placed])).toThrow(/registered twice/);
    const Other = eventType('Other', t.type({}));
    const merged = mergeRegistries(registry, eventRegistry([Other]));
    expect(merged.eventTypes).toEqual(['ChildRegistered', 'Placed', 'Other']);
    expect(merged.has('Other') && !merged.has('Mystery')).toBe(true);
  });

  it('encodes through the codec, so codecs with a wire form round-trip', () => {
    const Seconds = new t.Type<Date, string, unknown>(
      'DateFromISO',
      (u): u is Date => u instanceof Date,
      (u, c) =>
        typeof u === 'string' && !Number.isNaN(Date.parse(u)) ? t.success(new Date(u)) : t.failure(u, c),
      (d) => d.toISOString(),
    );
    const Timed = eventType('Timed', t.type({ at: Seconds }));
    const timedRegistry = eventRegistry([Timed]);
    const encoded = timedRegistry.encode(Timed.create({ at: new Date('2026-05-01T10:00:00Z') }));
    expect(encoded.data).toEqual({ at: '2026-05-01T10:00:00.000Z' });
    const decoded = timedRegistry.decode(stored('Timed', 1, encoded.data));
    expect(E.isRight(decoded) && decoded.right.data.at.getTime()).toBe(Date.parse('2026-05-01T10:00:00Z'));
  });
});
