import { collect } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  actor,
  VisitBooked,
  VisitCancelled,
  VisitCommand,
  visitDecider,
  visitEvents,
} from './__fixtures__/visit-log.js';
import { fixedClock } from './clock.js';
import { commandHandler } from './command-handler.js';
import { StoreFailure, storeUnavailable } from './errors.js';
import type { EventStore } from './event-store.js';
import { newEventId } from './ids.js';
import { inMemoryEventStore } from './in-memory-event-store.js';

const setup = (store: EventStore = inMemoryEventStore(), maxAttempts = 3) =>
  commandHandler({
    store,
    registry: visitEvents,
    decider: visitDecider,
    commandCodec: VisitCommand,
    maxAttempts,
  });

/** A real store with another writer that gets in first on the first `times` appends to the stream. */
const raced = (
  store: EventStore,
  competitor: (attempt: number) => Promise<unknown>,
  times: number,
): EventStore => {
  let appends = 0;
  return {
    ...store,
    append: async (streamId, events, options) => {
      appends++;
      if (appends <= times) await competitor(appends);
      return store.append(streamId, events, options);
    },
  };
};

const competingBooking = (store: EventStore, streamId: string) => (n: number) =>
  setup(store)(streamId, { kind: 'Book', visitId: `rival-${n}`, on: '2026-02-01' }, { actor });

describe('command handling', () => {
  it('decides, appends with the actor, dates and ids, and returns the new state', async () => {
    const clock = fixedClock(new Date('2026-03-01T12:00:00Z'));
    const store = inMemoryEventStore({ clock });
    const handle = commandHandler({ store, registry: visitEvents, decider: visitDecider, clock });
    const occurredAt = new Date('2026-02-27T15:00:00Z');
    const result = await handle(
      'household-1',
      { kind: 'Book', visitId: 'v1', on: '2026-03-05' },
      {
        actor,
        occurredAt,
        correlationId: 'corr-1',
      },
    );
    if (E.isLeft(result)) throw new Error(result.left.message);
    expect(result.right).toMatchObject({
      nextExpectedRevision: 0,
      attempts: 1,
      state: { visits: { v1: 'booked' } },
    });
    const [stored] = await collect(store.readStream('household-1'));
    expect(stored).toMatchObject({
      type: 'VisitBooked',
      actor,
      correlationId: 'corr-1',
      causationId: 'corr-1',
    });
    expect(stored?.occurredAt).toEqual(occurredAt);
    expect(stored?.recordedAt).toEqual(new Date('2026-03-01T12:00:00Z'));
    expect(result.right.events[0]?.eventId).toBe(stored?.eventId);
  });

  it('returns a rule refusal and leaves the store unchanged', async () => {
    const store = inMemoryEventStore();
    const handle = setup(store);
    await handle('household-1', { kind: 'Book', visitId: 'v1', on: '2026-03-05' }, { actor });
    const before = await collect(store.readAll());
    const refused = await handle('household-1', { kind: 'Book', visitId: 'v1', on: '2026-03-06' }, { actor });
    expect(E.isLeft(refused) && refused.left).toMatchObject({
      _tag: 'RuleViolation',
      rule: { id: 'test-visit' },
    });
    expect(await collect(store.readAll())).toEqual(before);
  });

  it('validates commands with the codec and names the offending field', async () => {
    const store = inMemoryEventStore();
    const malformed = { kind: 'Cancel', visitId: 'v1' } as unknown as VisitCommand;
    const refused = await setup(store)('household-1', malformed, { actor });
    expect(E.isLeft(refused) && refused.left).toMatchObject({ _tag: 'InvalidCommand', field: 'reason' });
    expect(await store.streamState('household-1')).toEqual({ exists: false });
  });

  it('produces nothing and appends nothing when the command is already true', async () => {
    const store = inMemoryEventStore();
    const handle = setup(store);
    await handle('h', { kind: 'Book', visitId: 'v1', on: 'x' }, { actor });
    await handle('h', { kind: 'Hold', visitId: 'v1' }, { actor });
    const again = await handle('h', { kind: 'Hold', visitId: 'v1' }, { actor });
    expect(E.isRight(again) && again.right).toMatchObject({ events: [], nextExpectedRevision: 1 });
    expect(await store.streamState('h')).toEqual({ exists: true, revision: 1 });
  });

  it('retries on a write conflict, deciding again on the state the other writer left', async () => {
    const store = inMemoryEventStore();
    const handle = setup(raced(store, competingBooking(store, 'h'), 1));
    const result = await handle('h', { kind: 'Book', visitId: 'v1', on: '2026-03-05' }, { actor });
    expect(E.isRight(result) && result.right.attempts).toBe(2);
    expect((await collect(store.readStream('h'))).map((e) => e.type)).toEqual(['VisitBooked', 'VisitBooked']);
  });

  it('refuses on retry when the other writer changed the outcome', async () => {
    const store = inMemoryEventStore();
    await setup(store)('h', { kind: 'Book', visitId: 'v1', on: '2026-03-05' }, { actor });
    const cancel = () =>
      setup(store)('h', { kind: 'Cancel', visitId: 'v1', reason: 'carer unwell' }, { actor });
    const result = await setup(raced(store, cancel, 1))('h', { kind: 'Hold', visitId: 'v1' }, { actor });
    expect(E.isLeft(result) && result.left.message).toBe('visit v1 is cancelled');
  });

  it('gives up after the configured attempts and reports the conflict with the actual revision', async () => {
    const store = inMemoryEventStore();
    const handle = setup(raced(store, competingBooking(store, 'h'), 10), 4);
    const result = await handle('h', { kind: 'Book', visitId: 'v1', on: '2026-03-05' }, { actor });
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'WrongExpectedRevision',
      streamId: 'h',
      actual: 3,
    });
    expect(await store.streamState('h')).toEqual({ exists: true, revision: 3 });
  });

  it('returns a decode error when the stream holds an event it cannot read, and appends nothing', async () => {
    const store = inMemoryEventStore();
    const corrupt = {
      ...visitEvents.encode(VisitBooked.create({ visitId: 'v1', on: 'x' })),
      data: { visitId: 1 },
    };
    const event = {
      ...corrupt,
      eventId: newEventId(),
      occurredAt: new Date(),
      actor,
      correlationId: 'c',
      causationId: 'c',
    };
    await store.append('h', [event], { expectedRevision: 'no_stream' });
    const result = await setup(store)('h', { kind: 'Hold', visitId: 'v1' }, { actor });
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'EventDecodeError',
      streamRevision: 0,
      path: 'visitId',
    });
    expect(await store.streamState('h')).toEqual({ exists: true, revision: 0 });
  });

  it('turns a failing store into a StoreUnavailable value', async () => {
    const failing: EventStore = {
      ...inMemoryEventStore(),
      readStream: () => {
        throw new StoreFailure(storeUnavailable('test', 'connection refused', { reason: 'connection' }));
      },
    };
    const result = await setup(failing)('h', { kind: 'Book', visitId: 'v1', on: 'x' }, { actor });
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'StoreUnavailable',
      reason: 'connection',
      retriable: true,
      message: 'connection refused',
    });
  });

  it('stamps one occurred-at on every event of a command', async () => {
    const store = inMemoryEventStore();
    const decider = {
      ...visitDecider,
      decide: () =>
        E.right([
          VisitBooked.create({ visitId: 'a', on: 'x' }),
          VisitCancelled.create({ visitId: 'a', reason: 'r' }),
        ]),
    };
    const result = await commandHandler({ store, registry: visitEvents, decider })(
      'h',
      { kind: 'Hold', visitId: 'a' },
      {
        actor,
      },
    );
    const times = E.isRight(result) ? result.right.events.map((e) => e.occurredAt.getTime()) : [];
    expect(times).toHaveLength(2);
    expect(times[0]).toBe(times[1]);
  });
});
