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

/** A store as EventStoreDB offers it (no multi-stream append) that fails the appends `failing` names. */
const singleStream = (store: EventStore, failing: Set<string> = new Set()): EventStore => {
  const { appendToStreams: _none, ...rest } = store;
  return {
    ...rest,
    append: async (streamId, events, options) =>
      failing.has(streamId)
        ? E.left(storeUnavailable(store.name, `${streamId} is down`, { reason: 'connection' }))
        : store.append(streamId, events, options),
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
    const down = new Set([householdStreamId('h1')]);
    const process = placementProcess({ store: singleStream(memory, down), children: childStreamReader });
    const cut = await process.start(startCommand('p1', 'c1', 'h1'), actor);
    expect(cut).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } });
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
});
