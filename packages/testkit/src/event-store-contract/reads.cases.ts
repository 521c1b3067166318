import { describe, expect, it } from 'vitest';
import {
  collect,
  counted,
  freshCategory,
  idsOf,
  type MakeStore,
  noted,
  right,
  useStore,
} from './fixtures.js';

export const readCases = (makeStore: MakeStore) =>
  describe('reading streams and all events', () => {
    const store = useStore(makeStore);

    const streamOf = async (count: number) => {
      const streamId = `${freshCategory()}-1`;
      const events = Array.from({ length: count }, (_, i) => counted(i));
      right(await store().append(streamId, events, { expectedRevision: 'no_stream' }));
      return { streamId, ids: idsOf(events) };
    };

    const revisions = (events: ReadonlyArray<{ streamRevision: number }>) =>
      events.map((e) => e.streamRevision);

    it('reads a stream forwards and backwards, whole or from a revision (inclusive), with a count', async () => {
      const { streamId, ids } = await streamOf(5);
      expect(idsOf(await collect(store().readStream(streamId)))).toEqual(ids);
      expect(revisions(await collect(store().readStream(streamId, { direction: 'backwards' })))).toEqual([
        4, 3, 2, 1, 0,
      ]);
      expect(revisions(await collect(store().readStream(streamId, { fromRevision: 2 })))).toEqual([2, 3, 4]);
      expect(
        revisions(await collect(store().readStream(streamId, { fromRevision: 2, maxCount: 2 }))),
      ).toEqual([2, 3]);
      const backwardsFrom3 = store().readStream(streamId, {
        direction: 'backwards',
        fromRevision: 3,
        maxCount: 2,
      });
      expect(revisions(await collect(backwardsFrom3))).toEqual([3, 2]);
      expect(revisions(await collect(store().readStream(streamId, { fromRevision: 'end' })))).toEqual([4]);
    });

    it('reads nothing from an absent stream or past the end of one', async () => {
      expect(await collect(store().readStream(`${freshCategory()}-absent`))).toEqual([]);
      const { streamId } = await streamOf(2);
      expect(await collect(store().readStream(streamId, { fromRevision: 5 }))).toEqual([]);
      expect(await store().streamState(`${freshCategory()}-absent`)).toEqual({ exists: false });
      expect(await store().streamState(streamId)).toEqual({ exists: true, revision: 1 });
    });

    it('reads all events in one global order, consistent with every stream', async () => {
      const category = freshCategory();
      const a = `${category}-a`;
      const b = `${category}-b`;
      right(await store().append(a, [counted(1)], { expectedRevision: 'no_stream' }));
      right(await store().append(b, [counted(2), counted(3)], { expectedRevision: 'no_stream' }));
      right(await store().append(a, [counted(4)], { expectedRevision: 0 }));
      const all = await collect(store().readAll({ filter: { streamPrefixes: [`${category}-`] } }));
      expect(all.map((e) => `${e.streamId.slice(-1)}${e.streamRevision}`)).toEqual(['a0', 'b0', 'b1', 'a1']);
      const positions = all.map((e) => e.globalPosition);
      expect([...positions].sort()).toEqual(positions);
      const backwards = await collect(
        store().readAll({ direction: 'backwards', filter: { streamPrefixes: [`${category}-`] } }),
      );
      expect(idsOf(backwards)).toEqual(idsOf(all).reverse());
    });

    it('reads all after a position (exclusive) forwards and before one backwards, with a count', async () => {
      const category = freshCategory();
      const filter = { streamPrefixes: [`${category}-`] };
      const events = Array.from({ length: 6 }, (_, i) => counted(i));
      for (const [i, event] of events.entries()) {
        right(await store().append(`${category}-${i % 2}`, [event], { expectedRevision: 'any' }));
      }
      const all = await collect(store().readAll({ filter }));
      const third = all[2]?.globalPosition;
      if (third === undefined) throw new Error('expected six events');
      expect(idsOf(await collect(store().readAll({ after: third, filter })))).toEqual(idsOf(all.slice(3)));
      expect(idsOf(await collect(store().readAll({ after: third, filter, maxCount: 2 })))).toEqual(
        idsOf(all.slice(3, 5)),
      );
      const before = await collect(store().readAll({ direction: 'backwards', before: third, filter }));
      expect(idsOf(before)).toEqual(idsOf(all.slice(0, 2)).reverse());
      const last = all[5]?.globalPosition;
      if (last === undefined) throw new Error('expected six events');
      expect(await collect(store().readAll({ after: last, filter }))).toEqual([]);
    });

    it('filters all events by stream prefix, by event type, and by both', async () => {
      const category = freshCategory();
      right(
        await store().append(`${category}-household-1`, [counted(1), noted('visit')], {
          expectedRevision: 'any',
        }),
      );
      right(
        await store().append(`${category}-child-1`, [noted('review'), counted(2)], {
          expectedRevision: 'any',
        }),
      );
      const types = (filter: Parameters<ReturnType<typeof store>['readAll']>[0]) =>
        collect(store().readAll(filter)).then((all) =>
          all.map((e) => `${e.streamId.split('-')[1]}:${e.type}`),
        );
      expect(await types({ filter: { streamPrefixes: [`${category}-household-`] } })).toEqual([
        'household:ContractCounted',
        'household:ContractNoted',
      ]);
      expect(
        await types({ filter: { streamPrefixes: [`${category}-`], eventTypes: ['ContractNoted'] } }),
      ).toEqual(['household:ContractNoted', 'child:ContractNoted']);
      expect(
        await types({
          filter: {
            streamPrefixes: [`${category}-child-`, `${category}-nobody-`],
            eventTypes: ['ContractCounted'],
          },
        }),
      ).toEqual(['child:ContractCounted']);
    });

    it('treats a stream prefix literally: no character in it is a wildcard', async () => {
      const category = freshCategory();
      for (const stream of ['a_b-1', 'axb-1', 'a%b-1', 'a\\b-1', 'azzb-1']) {
        right(await store().append(`${category}-${stream}`, [counted(1)], { expectedRevision: 'any' }));
      }
      const streams = async (prefix: string) =>
        (await collect(store().readAll({ filter: { streamPrefixes: [`${category}-${prefix}`] } }))).map((e) =>
          e.streamId.slice(category.length + 1),
        );
      expect(await streams('a_b-')).toEqual(['a_b-1']);
      expect(await streams('a%b-')).toEqual(['a%b-1']);
      expect(await streams('a\\b-')).toEqual(['a\\b-1']);
    });
  });
