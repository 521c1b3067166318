import { describe, expect, it } from 'vitest';
import { collect, counted, freshCategory, idsOf, left, type MakeStore, right, useStore } from './fixtures.js';

export const idempotencyCases = (makeStore: MakeStore) =>
  describe('idempotent re-append by event id', () => {
    const store = useStore(makeStore);

    it('a retried append of the same event ids succeeds once and writes nothing the second time', async () => {
      const streamId = `${freshCategory()}-1`;
      const batch = [counted(1), counted(2)];
      const first = right(await store().append(streamId, batch, { expectedRevision: 'no_stream' }));
      right(await store().append(streamId, [counted(3)], { expectedRevision: 1 }));
      // The same call again, as after a lost acknowledgement: its expected revision no longer holds.
      const retry = right(await store().append(streamId, batch, { expectedRevision: 'no_stream' }));
      expect(retry.replayed).toBe(true);
      expect(first.replayed).toBe(false);
      expect(retry.events.map((e) => [e.eventId, e.streamRevision, e.globalPosition])).toEqual(
        first.events.map((e) => [e.eventId, e.streamRevision, e.globalPosition]),
      );
      expect(await collect(store().readStream(streamId))).toHaveLength(3);
    });

    it('a replay is recognised whatever the expected revision mode', async () => {
      const streamId = `${freshCategory()}-1`;
      const batch = [counted(1)];
      right(await store().append(streamId, batch, { expectedRevision: 'any' }));
      for (const expectedRevision of ['any', 'no_stream', 'stream_exists', 0, 12] as const) {
        expect(right(await store().append(streamId, batch, { expectedRevision })).replayed).toBe(true);
      }
      expect(await store().streamState(streamId)).toEqual({ exists: true, revision: 0 });
    });

    it('refuses an append that mixes recorded and new event ids, and writes none of it', async () => {
      const streamId = `${freshCategory()}-1`;
      const recorded = counted(1);
      right(await store().append(streamId, [recorded, counted(2)], { expectedRevision: 'no_stream' }));
      const fresh = counted(3);
      const refused = left(await store().append(streamId, [recorded, fresh], { expectedRevision: 'any' }));
      expect(refused).toMatchObject({ _tag: 'EventIdConflict', streamId, eventIds: [recorded.eventId] });
      expect(idsOf(await collect(store().readStream(streamId)))).not.toContain(fresh.eventId);
    });

    it('refuses recorded ids in another order, and an id repeated within one append', async () => {
      const streamId = `${freshCategory()}-1`;
      const [a, b] = [counted(1), counted(2)];
      right(await store().append(streamId, [a, b], { expectedRevision: 'no_stream' }));
      expect(left(await store().append(streamId, [b, a], { expectedRevision: 'any' }))._tag).toBe(
        'EventIdConflict',
      );
      const c = counted(3);
      expect(left(await store().append(streamId, [c, c], { expectedRevision: 'any' }))._tag).toBe(
        'EventIdConflict',
      );
      expect(await store().streamState(streamId)).toEqual({ exists: true, revision: 1 });
    });
  });
