import { collect } from '@fostering/testkit';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  actor,
  type VisitCommand,
  VisitCommand as VisitCommandC,
  visitDecider,
  visitEvents,
} from './__fixtures__/visit-log.js';
import { commandHandler } from './command-handler.js';
import type { EventStore } from './event-store.js';
import { inMemoryEventStore } from './in-memory-event-store.js';
import { stateCache } from './state-cache.js';

/** The store, counting the events every read hands out. */
const counting = (store: EventStore) => {
  let read = 0;
  const wrapped: EventStore = {
    ...store,
    readStream: async function* (streamId, options) {
      for await (const event of store.readStream(streamId, options)) {
        read++;
        yield event;
      }
    },
  };
  return { store: wrapped, read: () => read };
};

const handlerOn = (store: EventStore, cache = stateCache<Parameters<typeof visitDecider.evolve>[0]>()) => ({
  cache,
  handle: commandHandler({
    store,
    registry: visitEvents,
    decider: visitDecider,
    commandCodec: VisitCommandC,
    cache,
  }),
});

const book = (visitId: string): VisitCommand => ({ kind: 'Book', visitId, on: '2026-02-01' });

describe('a command handler with a state cache', () => {
  it('reads only the events appended since the state it remembers', async () => {
    const { store, read } = counting(inMemoryEventStore());
    const { handle } = handlerOn(store);
    for (let n = 0; n < 5; n++)
      expect(E.isRight(await handle('household-1', book(`v${n}`), { actor }))).toBe(true);
    // The first command found nothing; every later one found its state remembered at the last revision.
    expect(read()).toBe(0);
  });

  it('reads what another writer appended in between, and decides on it', async () => {
    const memory = inMemoryEventStore();
    const first = handlerOn(memory);
    const second = handlerOn(memory);
    expect(E.isRight(await first.handle('household-1', book('v1'), { actor }))).toBe(true);
    expect(E.isRight(await second.handle('household-1', book('v2'), { actor }))).toBe(true);
    // The first handler remembers revision 0; v2 is at revision 1, and booking it again is refused.
    const again = await first.handle('household-1', book('v2'), { actor });
    expect(E.isLeft(again)).toBe(true);
    expect(first.cache.get('household-1')?.revision).toBe(1);
  });

  it('drops a remembered state the store contradicts and decides again from the stream', async () => {
    const memory = inMemoryEventStore();
    const { handle, cache } = handlerOn(memory);
    expect(E.isRight(await handle('household-1', book('v1'), { actor }))).toBe(true);
    // A state remembered at a revision the stream has not reached (a stream deleted and begun again).
    cache.set('household-1', { revision: 7, state: visitDecider.initialState });
    const result = await handle('household-1', book('v1'), { actor });
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'RuleViolation' } });
    expect(cache.get('household-1')?.revision).toBe(0);
    expect(await collect(memory.readStream('household-1'))).toHaveLength(1);
  });

  it('keeps the streams used most recently, up to its bound, and never goes back in revision', () => {
    const cache = stateCache<number>({ maxStreams: 2 });
    cache.set('a', { revision: 0, state: 1 });
    cache.set('b', { revision: 0, state: 2 });
    cache.get('a');
    cache.set('c', { revision: 0, state: 3 });
    expect([cache.get('a')?.state, cache.get('b'), cache.get('c')?.state]).toEqual([1, undefined, 3]);
    cache.set('a', { revision: 4, state: 5 });
    cache.set('a', { revision: 3, state: 4 });
    expect(cache.get('a')).toEqual({ revision: 4, state: 5 });
    expect(cache.size()).toBe(2);
    expect(() => stateCache({ maxStreams: 0 })).toThrow(RangeError);
  });

  const command = fc.oneof(
    fc.record({
      kind: fc.constant('Book' as const),
      visitId: fc.constantFrom('v1', 'v2', 'v3'),
      on: fc.constant('2026-02-01'),
    }),
    fc.record({ kind: fc.constant('Hold' as const), visitId: fc.constantFrom('v1', 'v2', 'v3') }),
    fc.record({
      kind: fc.constant('Cancel' as const),
      visitId: fc.constantFrom('v1', 'v2', 'v3'),
      reason: fc.constant('ill'),
    }),
  );
  /** Each step: which of three writers sends it, to which of two streams; some steps race the next. */
  const steps = (races: boolean) =>
    fc.array(
      fc.record({
        writer: fc.nat(2),
        stream: fc.constantFrom('s1', 's2'),
        command,
        races: races ? fc.boolean() : fc.constant(false),
      }),
      { maxLength: 30 },
    );
  type Step = { writer: number; stream: string; command: VisitCommand; races: boolean };
  type Answer = Awaited<ReturnType<ReturnType<typeof handlerOn>['handle']>>;

  const runSteps = async (history: ReadonlyArray<Step>, cached: boolean, bound: number) => {
    const memory = inMemoryEventStore();
    const writers = [0, 1, 2].map(() =>
      cached
        ? handlerOn(memory, stateCache({ maxStreams: bound + 1 })).handle
        : commandHandler({
            store: memory,
            registry: visitEvents,
            decider: visitDecider,
            commandCodec: VisitCommandC,
          }),
    );
    const answers: Answer[] = [];
    for (let i = 0; i < history.length; i++) {
      const group = [history[i]];
      while (history[i]?.races === true && i + 1 < history.length) group.push(history[++i]);
      const results = await Promise.all(
        group.map((s) => (s === undefined ? undefined : writers[s.writer]?.(s.stream, s.command, { actor }))),
      );
      for (const r of results) if (r !== undefined) answers.push(r);
    }
    return { memory, answers };
  };

  it('answers every generated history exactly as a handler without one', async () => {
    const shown = (a: Answer) =>
      E.isLeft(a) ? a.left._tag : `${a.right.nextExpectedRevision}:${JSON.stringify(a.right.state)}`;
    await fc.assert(
      fc.asyncProperty(steps(false), fc.nat(3), async (history, bound) => {
        const cached = await runSteps(history, true, bound);
        const plain = await runSteps(history, false, bound);
        expect(cached.answers.map(shown)).toEqual(plain.answers.map(shown));
        for (const s of ['s1', 's2'])
          expect((await collect(cached.memory.readStream(s))).map((e) => [e.type, e.data])).toEqual(
            (await collect(plain.memory.readStream(s))).map((e) => [e.type, e.data]),
          );
      }),
      { numRuns: 200 },
    );
  });

  it('with writers racing, reports for every accepted command the state the stored stream folds to', async () => {
    await fc.assert(
      fc.asyncProperty(steps(true), fc.nat(3), async (history, bound) => {
        const { memory, answers } = await runSteps(history, true, bound);
        for (const answer of answers) {
          if (E.isLeft(answer) || answer.right.nextExpectedRevision === 'no_stream') continue;
          const stored = await collect(memory.readStream(answer.right.streamId));
          const upTo = stored.slice(0, answer.right.nextExpectedRevision + 1);
          const folded = upTo.reduce(
            (state, e) =>
              visitDecider.evolve(state, { type: e.type, data: e.data } as Parameters<
                typeof visitDecider.evolve
              >[1]),
            visitDecider.initialState,
          );
          expect(answer.right.state).toEqual(folded);
        }
      }),
      { numRuns: 200 },
    );
  });
});
