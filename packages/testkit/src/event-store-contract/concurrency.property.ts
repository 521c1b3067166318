import type {
  AppendError,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
} from '@fostering/core';
import fc from 'fast-check';
import type * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.js';
import { collect, counted, freshCategory, idsOf, type MakeStore, useStore } from './fixtures.js';
import { readInBackground } from './subscription-reader.js';

type Mode = 'any' | 'no_stream' | 'stream_exists' | 'read-then-exact';

interface Step {
  readonly stream: number;
  readonly mode: Mode;
  readonly size: number;
}

interface Outcome {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly batch: ReadonlyArray<NewEvent>;
  readonly result: E.Either<AppendError, AppendResult>;
}

/** Default 100 generated histories; FOSTERING_PROPERTY_RUNS raises it for a longer soak. */
export { propertyRuns };

const historyArbitrary = fc.integer({ min: 1, max: 4 }).chain((streams) =>
  fc.record({
    streams: fc.constant(streams),
    writers: fc.array(
      fc.array(
        fc.record({
          stream: fc.nat({ max: streams - 1 }),
          mode: fc.constantFrom<Mode>('any', 'no_stream', 'stream_exists', 'read-then-exact'),
          size: fc.integer({ min: 1, max: 3 }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      { minLength: 2, maxLength: 4 },
    ),
  }),
);

const runWriters = async (
  store: EventStore,
  scheduler: fc.Scheduler,
  streamIdOf: (stream: number) => string,
  writers: ReadonlyArray<ReadonlyArray<Step>>,
): Promise<Outcome[]> => {
  const outcomes: Outcome[] = [];
  const writer = async (steps: ReadonlyArray<Step>, w: number) => {
    for (const [i, step] of steps.entries()) {
      const streamId = streamIdOf(step.stream);
      await scheduler.schedule(Promise.resolve(), `writer ${w} step ${i}: ${step.mode} ${streamId}`);
      let expected: ExpectedRevision = step.mode === 'read-then-exact' ? 'any' : step.mode;
      if (step.mode === 'read-then-exact') {
        const state = await store.streamState(streamId);
        // Another writer may append between this read and the append below: the race under test.
        await scheduler.schedule(Promise.resolve(), `writer ${w} step ${i}: append after read`);
        expected = state.exists ? state.revision : 'no_stream';
      }
      const batch = Array.from({ length: step.size }, (_, n) => counted(w * 100 + i * 10 + n));
      outcomes.push({
        streamId,
        expected,
        batch,
        result: await store.append(streamId, batch, { expectedRevision: expected }),
      });
    }
  };
  await scheduler.waitFor(Promise.all(writers.map(writer)));
  return outcomes;
};

const checkRefusal = (outcome: Outcome) => {
  if (outcome.result._tag === 'Right') return;
  const error = outcome.result.left;
  expect(error._tag).toBe('WrongExpectedRevision');
  if (error._tag !== 'WrongExpectedRevision') return;
  if (outcome.expected === 'no_stream') expect(error.actual).not.toBe('no_stream');
  if (outcome.expected === 'stream_exists') expect(error.actual).toBe('no_stream');
  if (typeof outcome.expected === 'number') expect(error.actual).not.toBe(outcome.expected);
  expect(outcome.expected).not.toBe('any');
};

const checkAccepted = (outcome: Outcome) => {
  if (outcome.result._tag === 'Left') return;
  const revisions = outcome.result.right.events.map((e) => e.streamRevision);
  const first =
    typeof outcome.expected === 'number'
      ? outcome.expected + 1
      : outcome.expected === 'no_stream'
        ? 0
        : revisions[0];
  expect(revisions).toEqual(revisions.map((_, i) => (first ?? 0) + i));
  expect(idsOf(outcome.result.right.events)).toEqual(idsOf(outcome.batch));
};

const checkLog = (all: ReadonlyArray<RecordedEvent>, outcomes: ReadonlyArray<Outcome>) => {
  const accepted = outcomes.flatMap((o) => (o.result._tag === 'Right' ? idsOf(o.batch) : []));
  const refused = outcomes.flatMap((o) => (o.result._tag === 'Left' ? idsOf(o.batch) : []));
  const stored = idsOf(all);
  expect(new Set(stored).size).toBe(stored.length);
  expect([...stored].sort()).toEqual([...accepted].sort());
  for (const id of refused) expect(stored).not.toContain(id);
  const positions = all.map((e) => e.globalPosition);
  expect([...positions].sort()).toEqual(positions);
  const lastRevision = new Map<string, number>();
  for (const event of all) {
    expect(event.streamRevision).toBe((lastRevision.get(event.streamId) ?? -1) + 1);
    lastRevision.set(event.streamId, event.streamRevision);
  }
};

export const concurrencyProperty = (makeStore: MakeStore, options: { readonly numRuns?: number } = {}) =>
  describe('concurrent writers (property)', () => {
    const store = useStore(makeStore);

    it('loses and duplicates nothing: contiguous revisions, one global order, subscribers see it all', {
      timeout: 120_000,
    }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), historyArbitrary, async (scheduler, history) => {
          const category = freshCategory();
          const filter = { streamPrefixes: [`${category}-`] };
          const subscription = store().subscribeToAll({ filter });
          const reader = readInBackground(subscription);
          try {
            const outcomes = await runWriters(store(), scheduler, (n) => `${category}-${n}`, history.writers);
            outcomes.forEach(checkRefusal);
            outcomes.forEach(checkAccepted);
            const all = await collect(store().readAll({ filter }));
            checkLog(all, outcomes);
            for (let n = 0; n < history.streams; n++) {
              const stream = await collect(store().readStream(`${category}-${n}`));
              expect(idsOf(stream)).toEqual(idsOf(all.filter((e) => e.streamId === `${category}-${n}`)));
            }
            await reader.until(() => reader.events().length >= all.length, 2_000);
            expect(idsOf(reader.events())).toEqual(idsOf(all));
          } finally {
            await subscription.close();
          }
        }),
        { numRuns: propertyRuns(options.numRuns) },
      );
    });
  });
