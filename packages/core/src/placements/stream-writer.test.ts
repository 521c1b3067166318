import { collect } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { householdStreamId } from '../approvals/decider.js';
import { childStreamId } from '../children/decider.js';
import { type EventStore, inMemoryEventStore, storeUnavailable } from '../eventsourcing/index.js';
import { actor, seedChild, seedHousehold, startCommand } from './__fixtures__/agency.js';
import { childStreamReader } from './child-reader.js';
import { placementStreamId } from './decider.js';
import { placementProcess } from './process.js';
import { placementDecisionLog, serialisedWriter } from './stream-writer.js';

/**
 * A store as EventStoreDB offers it (no multi-stream append) that fails the appends `failing` names, each for as
 * many more attempts as `failing` says (for ever when it says nothing).
 */
const singleStream = (store: EventStore, failing: Map<string, number> = new Map()): EventStore => {
  const { appendToStreams: _none, ...rest } = store;
  return {
    ...rest,
    append: async (streamId, events, options) => {
      const left = failing.get(streamId);
      if (left === undefined || left === 0) return store.append(streamId, events, options);
      failing.set(streamId, left - 1);
      return E.left(storeUnavailable(store.name, `${streamId} is down`, { reason: 'connection' }));
    },
  };
};

const types = async (store: EventStore, streamId: string) =>
  (await collect(store.readStream(streamId))).map((e) => e.type);

describe('the placement process on a store without multi-stream append', () => {
  it('records each decision on its log, then on the placement, household and child streams', async () => {
    const memory = inMemoryEventStore();
    await seedHousehold(memory, 'h1');
    await seedChild(memory, 'c1');
    const process = placementProcess({ store: singleStream(memory), children: childStreamReader });
    expect(E.isRight(await process.start(startCommand('p1', 'c1', 'h1'), actor))).toBe(true);
    expect(await types(memory, placementDecisionLog)).toEqual(['PlacementDecisionRecorded']);
    expect(await types(memory, placementStreamId('p1'))).toEqual(['PlacementStarted']);
    expect(await types(memory, householdStreamId('h1'))).toContain('ChildJoinedHousehold');
    expect(await types(memory, childStreamId('c1'))).toContain('ChildPlaced');
  });

  it('finishes a decision cut off half-written before anyone decides again, and a retried command sees it', async () => {
    const memory = inMemoryEventStore();
    await seedHousehold(memory, 'h1');
    await seedChild(memory, 'c1');
    await seedChild(memory, 'c2');
    const down = new Map([[householdStreamId('h1'), Number.POSITIVE_INFINITY]]);
    const process = placementProcess({ store: singleStream(memory, down), children: childStreamReader });
    const cut = await process.start(startCommand('p1', 'c1', 'h1'), actor);
    expect(cut).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } });
    if (E.isLeft(cut)) expect(cut.left.message).toContain(`is recorded on ${placementDecisionLog}`);
    // Recorded on the log and the placement, not yet on the household.
    expect(await types(memory, placementDecisionLog)).toEqual(['PlacementDecisionRecorded']);
    expect(await types(memory, placementStreamId('p1'))).toEqual(['PlacementStarted']);
    expect(await types(memory, householdStreamId('h1'))).not.toContain('ChildJoinedHousehold');

    down.clear();
    // The caller retries: the decision is finished first, and the placement has started after all.
    expect(await process.start(startCommand('p1', 'c1', 'h1'), actor)).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'NotAllowedNow', field: 'placementId' },
    });
    expect(
      (await types(memory, householdStreamId('h1'))).filter((t) => t === 'ChildJoinedHousehold'),
    ).toHaveLength(1);
    expect((await types(memory, childStreamId('c1'))).filter((t) => t === 'ChildPlaced')).toHaveLength(1);
    // Finishing again changes nothing: the events are recognised by id.
    const writer = serialisedWriter(memory);
    expect(E.isRight(await writer.settle())).toBe(true);
    expect(
      (await types(memory, householdStreamId('h1'))).filter((t) => t === 'ChildJoinedHousehold'),
    ).toHaveLength(1);
  });

  it('rides out a store that fails one stream of a decision twice, so the command succeeds whole', async () => {
    const memory = inMemoryEventStore();
    await seedHousehold(memory, 'h1');
    await seedChild(memory, 'c1');
    const blips = new Map([[childStreamId('c1'), 2]]);
    const process = placementProcess({ store: singleStream(memory, blips), children: childStreamReader });
    expect(E.isRight(await process.start(startCommand('p1', 'c1', 'h1'), actor))).toBe(true);
    expect(blips.get(childStreamId('c1'))).toBe(0);
    expect((await types(memory, childStreamId('c1'))).filter((t) => t === 'ChildPlaced')).toHaveLength(1);
  });

  it('gives up after three attempts and says the decision stands', async () => {
    const memory = inMemoryEventStore();
    await seedHousehold(memory, 'h1');
    await seedChild(memory, 'c1');
    const blips = new Map([[childStreamId('c1'), 3]]);
    const process = placementProcess({ store: singleStream(memory, blips), children: childStreamReader });
    const cut = await process.start(startCommand('p1', 'c1', 'h1'), actor);
    expect(cut).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable', retriable: true } });
    expect(await types(memory, childStreamId('c1'))).not.toContain('ChildPlaced');
    expect(E.isRight(await serialisedWriter(memory).settle())).toBe(true);
    expect((await types(memory, childStreamId('c1'))).filter((t) => t === 'ChildPlaced')).toHaveLength(1);
  });
});
