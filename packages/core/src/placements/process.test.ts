import { collect } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { commandHandler } from '../eventsourcing/index.js';
import { actor, agency, d, seedChild, seedHousehold, startCommand } from './__fixtures__/agency.js';
import { placementDecider, placementStreamId } from './decider.js';
import { placementEvents } from './events.js';

describe('placement process', () => {
  it('writes the placement, the household occupancy and the child’s placement in one transaction', async () => {
    const { store, process } = agency();
    await seedHousehold(store, 'h1');
    await seedChild(store, 'c1');
    const started = await process.start(startCommand('p1', 'c1', 'h1'), actor);
    if (E.isLeft(started)) throw new Error(started.left.message);
    expect(started.right.events.map((e) => `${e.streamId}:${e.type}`)).toEqual([
      'placement-p1:PlacementStarted',
      'household-h1:ChildJoinedHousehold',
      'child-c1:ChildPlaced',
    ]);
    expect(started.right.events[0]?.data).toMatchObject({ carerNames: ['Carer of h1'], householdId: 'h1' });
    // One transaction: the three events sit next to each other in the global order.
    const positions = started.right.events.map((e) => e.globalPosition);
    const all = (await collect(store.readAll())).map((e) => e.globalPosition);
    expect(all.slice(-3)).toEqual(positions);
  });

  it('never places one child twice, and writes nothing when it refuses', async () => {
    const { store, process } = agency();
    await seedHousehold(store, 'h1');
    await seedHousehold(store, 'h2');
    await seedChild(store, 'c1');
    expect(E.isRight(await process.start(startCommand('p1', 'c1', 'h1'), actor))).toBe(true);
    const before = await collect(store.readAll());
    const second = await process.start(startCommand('p2', 'c1', 'h2', { startedOn: d('2025-04-01') }), actor);
    expect(E.isLeft(second) && second.left).toMatchObject({ _tag: 'NotAllowedNow', field: 'childId' });
    expect(await collect(store.readAll())).toEqual(before);
  });

  it('ends a placement on all three streams, after which the child can be placed again', async () => {
    const { store, process } = agency();
    await seedHousehold(store, 'h1');
    await seedHousehold(store, 'h2');
    await seedChild(store, 'c1');
    await process.start(startCommand('p1', 'c1', 'h1'), actor);
    const end = {
      kind: 'EndPlacement' as const,
      endedOn: d('2025-05-01'),
      planned: false,
      reason: 'disruption',
      childAddressAfter: 'h2',
    };
    const ended = await process.end('p1', end, actor);
    expect(E.isRight(ended) && ended.right.map((e) => e.type)).toEqual([
      'PlacementEnded',
      'ChildLeftHousehold',
      'ChildPlacementEnded',
    ]);
    expect(E.isLeft(await process.end('p1', end, actor))).toBe(true);
    const again = await process.start(startCommand('p2', 'c1', 'h2', { startedOn: d('2025-05-01') }), actor);
    expect(E.isRight(again)).toBe(true);
  });

  it('refuses blank register fields (FSR 22, Schedule 2), naming the field, and writes nothing', async () => {
    const { store, process } = agency();
    await seedHousehold(store, 'h1');
    await seedChild(store, 'c1');
    const blank = [
      ['placingAuthority', ''],
      ['carersAddress', '  '],
      ['childAddressBefore', '\n'],
    ] as const;
    for (const [field, value] of blank) {
      const refused = await process.start(startCommand('p1', 'c1', 'h1', { [field]: value }), actor);
      expect(E.isLeft(refused) && refused.left, field).toMatchObject({ _tag: 'InvalidCommand', field });
    }
    expect(await collect(store.readStream(placementStreamId('p1')))).toEqual([]);
    expect(E.isRight(await process.start(startCommand('p1', 'c1', 'h1'), actor))).toBe(true);
    const end = {
      kind: 'EndPlacement' as const,
      endedOn: d('2025-05-01'),
      planned: true,
      reason: 'returned home',
      childAddressAfter: ' ',
    };
    const refused = await process.end('p1', end, actor);
    expect(E.isLeft(refused) && refused.left).toMatchObject({
      _tag: 'InvalidCommand',
      field: 'childAddressAfter',
    });
    expect(E.isRight(await process.end('p1', { ...end, childAddressAfter: '3 Mill Lane' }, actor))).toBe(
      true,
    );
  });

  it('refuses a placement id that is already used', async () => {
    const { store, process } = agency();
    await seedHousehold(store, 'h1');
    await seedChild(store, 'c1');
    await seedChild(store, 'c2');
    await process.start(startCommand('p1', 'c1', 'h1'), actor);
    const reused = await process.start(startCommand('p1', 'c2', 'h1'), actor);
    expect(E.isLeft(reused) && reused.left).toMatchObject({ _tag: 'NotAllowedNow', field: 'placementId' });
  });
});

describe('placement process from a referral and match', () => {
  it('starts the referred child in the matched household, and refuses another child or household', async () => {
    const { store, process } = agency();
    await seedHousehold(store, 'h1');
    await seedHousehold(store, 'h2');
    await seedChild(store, 'c1');
    await seedChild(store, 'c2');
    const decide = commandHandler({ store, registry: placementEvents, decider: placementDecider() });
    const refer = {
      kind: 'ReferPlacement' as const,
      placementId: 'p1',
      childId: 'c1',
      referredOn: d('2025-02-01'),
      placingAuthority: 'Shropshire',
      needs: 'therapeutic',
    };
    expect(E.isRight(await decide(placementStreamId('p1'), refer, actor))).toBe(true);
    const match = {
      kind: 'MatchPlacement' as const,
      householdId: 'h1',
      matchedOn: d('2025-02-10'),
      rationale: 'fit',
    };
    expect(E.isRight(await decide(placementStreamId('p1'), match, actor))).toBe(true);
    const wrongChild = await process.start(startCommand('p1', 'c2', 'h1'), actor);
    expect(E.isLeft(wrongChild) && wrongChild.left).toMatchObject({
      _tag: 'InvalidCommand',
      field: 'childId',
    });
    const wrongHousehold = await process.start(startCommand('p1', 'c1', 'h2'), actor);
    expect(E.isLeft(wrongHousehold) && wrongHousehold.left).toMatchObject({
      _tag: 'NotAllowedNow',
      field: 'householdId',
    });
    const started = await process.start(startCommand('p1', 'c1', 'h1'), actor);
    expect(
      E.isRight(started) && started.right.events.map((e) => `${e.streamId}@${e.streamRevision}`),
    ).toEqual(['placement-p1@2', 'household-h1@3', 'child-c1@1']);
  });
});
