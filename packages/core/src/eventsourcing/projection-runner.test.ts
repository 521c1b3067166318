import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { actor, type VisitEvent, visitDecider, visitEvents } from './__fixtures__/visit-log.js';
import { commandHandler } from './command-handler.js';
import type { EventStore } from './event-store.js';
import { newEventId } from './ids.js';
import { inMemoryEventStore } from './in-memory-event-store.js';
import { inMemoryCheckpointStore, type Projection, project } from './projection.js';
import { projectionRunner } from './projection-runner.js';

interface Tally {
  readonly booked: number;
  readonly held: number;
  readonly seen: ReadonlyArray<string>;
}

const tally: Projection<Tally, VisitEvent> = {
  name: 'test.visit-tally',
  registry: visitEvents,
  streamPrefixes: ['household-'],
  initialState: { booked: 0, held: 0, seen: [] },
  evolve: (state, event) => ({
    booked: state.booked + (event.type === 'VisitBooked' ? 1 : 0),
    held: state.held + (event.type === 'VisitHeld' ? 1 : 0),
    seen: [...state.seen, `${event.streamId}@${event.streamRevision}`],
  }),
};

const book = (store: EventStore, streamId: string, visitId: string) =>
  commandHandler({ store, registry: visitEvents, decider: visitDecider })(
    streamId,
    { kind: 'Book', visitId, on: '2026-05-01' },
    { actor },
  );

const unwrap = <L extends { message: string }, R>(either: E.Either<L, R>): R => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

describe('projection runner', () => {
  it('folds only the events and streams it is for, in global order', async () => {
    const store = inMemoryEventStore();
    await book(store, 'household-1', 'a');
    await book(store, 'elsewhere-1', 'b');
    await book(store, 'household-2', 'c');
    const runner = projectionRunner({ store, projection: tally });
    const checkpoint = unwrap(await runner.catchUp());
    expect(checkpoint.state).toEqual({ booked: 2, held: 0, seen: ['household-1@0', 'household-2@0'] });
    expect(runner.state()).toBe(checkpoint.state);
  });

  it('resumes from its checkpoint without applying any event twice', async () => {
    const store = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore<Tally>();
    await book(store, 'household-1', 'a');
    unwrap(await projectionRunner({ store, projection: tally, checkpoints }).catchUp());
    await book(store, 'household-1', 'b');
    const restarted = projectionRunner({ store, projection: tally, checkpoints });
    expect(unwrap(await restarted.catchUp()).state.seen).toEqual(['household-1@0', 'household-1@1']);
  });

  it('rebuilds from zero to the same state as a fresh fold of all events', async () => {
    const store = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore<Tally>();
    for (const id of ['a', 'b', 'c']) await book(store, `household-${id}`, id);
    const runner = projectionRunner({ store, projection: tally, checkpoints });
    unwrap(await runner.catchUp());
    const rebuilt = unwrap(await runner.rebuild());
    const all: Parameters<typeof tally.evolve>[1][] = [];
    for await (const recorded of store.readAll({ filter: { streamPrefixes: ['household-'] } })) {
      all.push(unwrap(visitEvents.decode(recorded)));
    }
    expect(rebuilt.state).toEqual(project(tally)(all));
    expect(rebuilt.state.booked).toBe(3);
  });

  it('keeps up live through a subscription and can be waited on', async () => {
    const store = inMemoryEventStore();
    await book(store, 'household-1', 'a');
    const runner = projectionRunner({ store, projection: tally });
    const live = runner.start();
    await live.caughtUp;
    expect(runner.state().booked).toBe(1);
    const appended = unwrap(await book(store, 'household-2', 'b'));
    await live.waitFor(appended.events[0]?.globalPosition ?? ('' as never));
    expect(runner.state().booked).toBe(2);
    await live.stop();
    expect(await live.done).toEqual(E.right(undefined));
  });

  it('stops at an event it cannot decode, reporting it, with the checkpoint at the last good event', async () => {
    const store = inMemoryEventStore();
    const checkpoints = inMemoryCheckpointStore<Tally>();
    const good = unwrap(await book(store, 'household-1', 'a'));
    await store.append(
      'household-1',
      [
        {
          eventId: newEventId(),
          type: 'VisitHeld',
          schemaVersion: 1,
          data: { visitId: null },
          occurredAt: new Date(),
          actor,
          correlationId: 'c',
          causationId: 'c',
        },
      ],
      { expectedRevision: 0 },
    );
    await book(store, 'household-2', 'b');
    const runner = projectionRunner({ store, projection: tally, checkpoints });
    const outcome = await runner.catchUp();
    expect(E.isLeft(outcome) && outcome.left).toMatchObject({ _tag: 'EventDecodeError', streamRevision: 1 });
    expect(runner.state().seen).toEqual(['household-1@0']);
    expect((await checkpoints.load(tally.name))?.position).toBe(good.events[0]?.globalPosition);
    const live = projectionRunner({ store, projection: tally, checkpoints }).start();
    expect(E.isLeft(await live.done)).toBe(true);
  });
});
