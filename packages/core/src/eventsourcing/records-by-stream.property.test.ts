import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { rileysPlacement } from '../reviews/__fixtures__/riley.js';
import { agencyRecords } from '../reviews/agency-records.js';
import { VisitBooked, visitDecider, visitEvents } from './__fixtures__/visit-log.js';
import type { EventEnvelope } from './envelope.js';
import { recordsByStream } from './projection.js';

const visits = recordsByStream({
  name: 'test.visits',
  registry: visitEvents,
  prefix: 'visits-',
  initialState: visitDecider.initialState,
  evolve: visitDecider.evolve,
});

const envelope = (stream: string, n: number): EventEnvelope<ReturnType<typeof VisitBooked.create>> => ({
  ...VisitBooked.create({ visitId: `v${n}`, on: '2026-01-01' }),
  eventId: `e${n}`,
  streamId: `visits-${stream}`,
  streamRevision: n,
  globalPosition: String(n).padStart(16, '0') as never,
  schemaVersion: 1,
  occurredAt: new Date(0),
  recordedAt: new Date(0),
  actor: { id: 'a', role: 'r' },
  correlationId: 'c',
  causationId: 'c',
});

describe('folding many events at once', () => {
  it('gives exactly what folding them one by one gives, keys in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor'), { maxLength: 40 }),
        fc.nat({ max: 40 }),
        (streams, split) => {
          const events = streams.map((stream, n) => envelope(stream, n));
          const [first, rest] = [events.slice(0, split), events.slice(split)];
          const oneByOne = events.reduce(visits.evolve, visits.initialState);
          const foldMany = visits.foldMany;
          if (foldMany === undefined) throw new Error('recordsByStream must fold many');
          const atOnce = foldMany(foldMany(visits.initialState, first), rest);
          expect(atOnce).toEqual(oneByOne);
          expect(Object.keys(atOnce)).toEqual(Object.keys(oneByOne));
          expect(Object.getPrototypeOf(atOnce)).toBe(Object.prototype);
        },
      ),
    );
  });

  it('for the agency records too, over a real history', async () => {
    const { store } = await rileysPlacement();
    const events: EventEnvelope<never>[] = [];
    for await (const recorded of store.readAll()) {
      const decoded = agencyRecords.registry.decode(recorded);
      if (E.isRight(decoded)) events.push(decoded.right as never);
    }
    const oneByOne = events.reduce(agencyRecords.evolve, agencyRecords.initialState);
    expect(agencyRecords.foldMany?.(agencyRecords.initialState, events)).toEqual(oneByOne);
  });
});

describe("streams whose id is named like a property every object has ('constructor', '__proto__')", () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    "folds stream '%s' from the initial state, not from an inherited property",
    (stream) => {
      const event = envelope(stream, 0);
      const expected = visitDecider.evolve(visitDecider.initialState, event);
      const oneByOne = visits.evolve(visits.initialState, event);
      const atOnce = visits.foldMany?.(visits.initialState, [event]) ?? {};
      for (const records of [oneByOne, atOnce]) {
        expect(Object.hasOwn(records, stream)).toBe(true);
        expect(records[stream]).toEqual(expected);
      }
    },
  );
});
