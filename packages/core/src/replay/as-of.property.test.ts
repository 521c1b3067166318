import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate, unsafeLocalDate } from '../calendar/index.js';
import {
  VisitBooked,
  type VisitEvent,
  visitDecider,
  visitEvents,
} from '../eventsourcing/__fixtures__/visit-log.js';
import {
  type EventStore,
  inMemoryEventStore,
  manualClock,
  newEventId,
  type Projection,
} from '../eventsourcing/index.js';
import { differenceBetween, historyAt, projectionAt, stateAt } from './as-of.js';
import { endOfDay, type HistoryCut, occurredBy, recordedBy } from './history-cut.js';

const start = unsafeLocalDate('2026-01-01');
const noon = (day: LocalDate) => new Date(`${day}T12:00:00Z`);

/** One generated fact: a visit booked on a stream, happening on one day and written down some days later. */
interface Fact {
  readonly stream: number;
  readonly happened: number;
  readonly delay: number;
}

const facts = fc.array(
  fc.record({
    stream: fc.nat({ max: 2 }),
    happened: fc.nat({ max: 60 }),
    delay: fc.oneof(fc.constant(0), fc.nat({ max: 20 })),
  }),
  { maxLength: 30 },
);

const bookings: Projection<Readonly<Record<string, number>>, VisitEvent> = {
  name: 'test.bookings',
  registry: visitEvents,
  initialState: {},
  evolve: (state, event) => ({ ...state, [event.streamId]: (state[event.streamId] ?? 0) + 1 }),
};

/** Appends the facts in the order they were recorded, the store's clock set to each one's recording day. */
const record = async (history: ReadonlyArray<Fact>) => {
  const clock = manualClock(noon(start));
  const store = inMemoryEventStore({ clock });
  const written = history
    .map((fact, i) => ({ ...fact, visitId: `v${i}`, recorded: fact.happened + fact.delay }))
    .sort((a, b) => a.recorded - b.recorded);
  for (const fact of written) {
    clock.set(noon(addDays(start, fact.recorded)));
    const appended = await store.append(
      `visits-${fact.stream}`,
      [
        {
          ...visitEvents.encode(
            VisitBooked.create({ visitId: fact.visitId, on: addDays(start, fact.happened) }),
          ),
          eventId: newEventId(),
          occurredAt: noon(addDays(start, fact.happened)),
          actor: { id: 'ssw', role: 'supervising-social-worker' },
          correlationId: 'c',
          causationId: 'c',
        },
      ],
      { expectedRevision: 'any' },
    );
    if (E.isLeft(appended)) throw new Error(appended.left.message);
  }
  return { store, written };
};

type Written = Awaited<ReturnType<typeof record>>['written'][number];

/** The model: which facts a cut keeps, by day numbers instead of instants. */
const keeps = (occurredDay: number | undefined, recordedDay: number | undefined) => (fact: Written) =>
  (occurredDay === undefined || fact.happened <= occurredDay) &&
  (recordedDay === undefined || fact.recorded <= recordedDay);

const cut = (occurredDay: number | undefined, recordedDay: number | undefined): HistoryCut => {
  const occurred = occurredDay === undefined ? {} : occurredBy(addDays(start, occurredDay));
  return recordedDay === undefined ? occurred : recordedBy(addDays(start, recordedDay), occurred);
};

const countByStream = (kept: ReadonlyArray<Written>) => {
  const counts: Record<string, number> = {};
  for (const fact of kept) counts[`visits-${fact.stream}`] = (counts[`visits-${fact.stream}`] ?? 0) + 1;
  return counts;
};

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const day = fc.option(fc.nat({ max: 90 }), { nil: undefined });
const streams = ['visits-0', 'visits-1', 'visits-2'];

describe('history as it stood on a date', () => {
  it('keeps exactly what had happened, and what had been recorded, by the dates asked', async () => {
    await fc.assert(
      fc.asyncProperty(facts, day, day, async (history, occurredDay, recordedDay) => {
        const { store, written } = await record(history);
        const kept = written.filter(keeps(occurredDay, recordedDay));
        const projected = right(await projectionAt(store, bookings, streams, cut(occurredDay, recordedDay)));
        expect(projected).toEqual({ state: countByStream(kept), events: kept.length });
        const one = right(
          await stateAt(store, visitEvents, visitDecider, 'visits-0', cut(occurredDay, recordedDay)),
        );
        expect(Object.keys(one.state.visits).sort()).toEqual(
          kept
            .filter((f) => f.stream === 0)
            .map((f) => f.visitId)
            .sort(),
        );
      }),
    );
  });

  it('gives the difference between two dates as the events in between, and both states', async () => {
    await fc.assert(
      fc.asyncProperty(facts, day, day, async (history, a, b) => {
        const { store, written } = await record(history);
        const [earlier, later] = [Math.min(a ?? 0, b ?? 0), Math.max(a ?? 0, b ?? 0)];
        const difference = right(
          await differenceBetween(store, bookings, streams, cut(undefined, earlier), cut(undefined, later)),
        );
        const between = written.filter((f) => f.recorded > earlier && f.recorded <= later);
        expect(difference.added.map((e) => (e.data as { visitId: string }).visitId).sort()).toEqual(
          between.map((f) => f.visitId).sort(),
        );
        expect(difference.removed).toEqual([]);
        expect(difference.before).toEqual(countByStream(written.filter(keeps(undefined, earlier))));
        expect(difference.after).toEqual(countByStream(written.filter(keeps(undefined, later))));
      }),
    );
  });

  it('a later cut never loses an event an earlier one had', async () => {
    await fc.assert(
      fc.asyncProperty(facts, fc.nat({ max: 90 }), fc.nat({ max: 30 }), async (history, first, more) => {
        const { store } = await record(history);
        const ids = async (c: HistoryCut) =>
          right(await historyAt(store, visitEvents, streams, c)).events.map((e) => e.eventId);
        const [before, after] = [await ids(cut(first, first)), await ids(cut(first + more, first + more))];
        expect(after).toEqual(expect.arrayContaining(before));
      }),
    );
  });
});

describe('cost', () => {
  it('reads only the streams asked about, never the whole store', async () => {
    const { store } = await record([
      { stream: 0, happened: 1, delay: 0 },
      { stream: 1, happened: 2, delay: 0 },
    ]);
    const read: string[] = [];
    const counting: EventStore = {
      ...store,
      readStream: (streamId, options) => {
        read.push(streamId);
        return store.readStream(streamId, options);
      },
      readAll: () => {
        throw new Error('readAll must not be used for named streams');
      },
    };
    const result = right(await projectionAt(counting, bookings, ['visits-1'], {}));
    expect(result.state).toEqual({ 'visits-1': 1 });
    expect(read).toEqual(['visits-1']);
  });
});

describe('endOfDay', () => {
  it('ends a date at local midnight in England, in winter and in summer time', () => {
    expect(endOfDay(unsafeLocalDate('2026-01-15')).toISOString()).toBe('2026-01-16T00:00:00.000Z');
    expect(endOfDay(unsafeLocalDate('2026-07-15')).toISOString()).toBe('2026-07-15T23:00:00.000Z');
  });
});
