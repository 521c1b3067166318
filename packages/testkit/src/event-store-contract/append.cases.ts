import { describe, expect, it } from 'vitest';
import { collect, counted, freshCategory, idsOf, left, type MakeStore, right, useStore } from './fixtures.js';

export const appendCases = (makeStore: MakeStore) =>
  describe('append and expected revision', () => {
    const store = useStore(makeStore);

    const seeded = async (count: number) => {
      const streamId = `${freshCategory()}-1`;
      if (count > 0) {
        const events = Array.from({ length: count }, (_, i) => counted(i));
        right(await store().append(streamId, events, { expectedRevision: 'no_stream' }));
      }
      return streamId;
    };

    it('no_stream: succeeds on an absent stream, refuses an existing one reporting its revision', async () => {
      const absent = await seeded(0);
      const first = right(await store().append(absent, [counted(1)], { expectedRevision: 'no_stream' }));
      expect(first.nextExpectedRevision).toBe(0);
      expect(first.events.map((e) => e.streamRevision)).toEqual([0]);

      const existing = await seeded(3);
      const refused = left(await store().append(existing, [counted(9)], { expectedRevision: 'no_stream' }));
      expect(refused).toMatchObject({
        _tag: 'WrongExpectedRevision',
        streamId: existing,
        expected: 'no_stream',
        actual: 2,
      });
    });

    it('stream_exists: refuses an absent stream reporting no_stream, succeeds on an existing one', async () => {
      const absent = await seeded(0);
      const refused = left(await store().append(absent, [counted(1)], { expectedRevision: 'stream_exists' }));
      expect(refused).toMatchObject({
        _tag: 'WrongExpectedRevision',
        expected: 'stream_exists',
        actual: 'no_stream',
      });

      const existing = await seeded(2);
      const ok = right(await store().append(existing, [counted(2)], { expectedRevision: 'stream_exists' }));
      expect(ok.events.map((e) => e.streamRevision)).toEqual([2]);
    });

    it('exact revision: succeeds when it is the last revision, otherwise reports the actual one', async () => {
      const streamId = await seeded(2);
      const stale = left(await store().append(streamId, [counted(5)], { expectedRevision: 0 }));
      expect(stale).toMatchObject({ _tag: 'WrongExpectedRevision', expected: 0, actual: 1 });
      const ahead = left(await store().append(streamId, [counted(5)], { expectedRevision: 7 }));
      expect(ahead).toMatchObject({ expected: 7, actual: 1 });
      const ok = right(await store().append(streamId, [counted(5)], { expectedRevision: 1 }));
      expect(ok.nextExpectedRevision).toBe(2);

      const absent = await seeded(0);
      expect(left(await store().append(absent, [counted(1)], { expectedRevision: 0 }))).toMatchObject({
        expected: 0,
        actual: 'no_stream',
      });
    });

    it('any: succeeds whether or not the stream exists', async () => {
      const absent = await seeded(0);
      expect(
        right(await store().append(absent, [counted(1)], { expectedRevision: 'any' })).nextExpectedRevision,
      ).toBe(0);
      const existing = await seeded(4);
      const ok = right(await store().append(existing, [counted(1)], { expectedRevision: 'any' }));
      expect(ok.events[0]?.streamRevision).toBe(4);
    });

    it('a refused append leaves the store exactly as it was', async () => {
      const streamId = await seeded(2);
      const before = await collect(store().readStream(streamId));
      const stateBefore = await store().streamState(streamId);
      const refusedBatch = [counted(10), counted(11)];
      left(await store().append(streamId, refusedBatch, { expectedRevision: 5 }));
      expect(await collect(store().readStream(streamId))).toEqual(before);
      expect(await store().streamState(streamId)).toEqual(stateBefore);
      const everything = idsOf(await collect(store().readAll()));
      for (const id of idsOf(refusedBatch)) expect(everything).not.toContain(id);
    });

    it('appends several events atomically at contiguous revisions and increasing positions', async () => {
      const streamId = await seeded(1);
      const batch = [counted(1), counted(2), counted(3)];
      const result = right(await store().append(streamId, batch, { expectedRevision: 0 }));
      expect(result.events.map((e) => e.streamRevision)).toEqual([1, 2, 3]);
      expect(idsOf(result.events)).toEqual(idsOf(batch));
      const positions = result.events.map((e) => e.globalPosition);
      expect([...positions].sort()).toEqual(positions);
      expect(new Set(positions).size).toBe(3);
      expect(await store().streamState(streamId)).toEqual({ exists: true, revision: 3 });
    });

    it('an empty append checks the expected revision and writes nothing', async () => {
      const streamId = await seeded(2);
      const ok = right(await store().append(streamId, [], { expectedRevision: 1 }));
      expect(ok).toMatchObject({ nextExpectedRevision: 1, events: [] });
      left(await store().append(streamId, [], { expectedRevision: 'no_stream' }));
      const absent = await seeded(0);
      expect(
        right(await store().append(absent, [], { expectedRevision: 'no_stream' })).nextExpectedRevision,
      ).toBe('no_stream');
      expect(await store().streamState(absent)).toEqual({ exists: false });
    });

    it('keeps every envelope field as written and stamps revision, position and recorded-at', async () => {
      const streamId = `${freshCategory()}-1`;
      const written = counted(42, { actor: { id: 'ssw-9', role: 'supervising-social-worker' } });
      const [stored] = right(
        await store().append(streamId, [written], { expectedRevision: 'no_stream' }),
      ).events;
      const [read] = await collect(store().readStream(streamId));
      for (const event of [stored, read]) {
        expect(event).toMatchObject({
          eventId: written.eventId,
          streamId,
          streamRevision: 0,
          type: written.type,
          schemaVersion: written.schemaVersion,
          data: written.data,
          actor: written.actor,
          correlationId: written.correlationId,
          causationId: written.causationId,
        });
        expect(event?.occurredAt.getTime()).toBe(written.occurredAt.getTime());
        expect(Number.isNaN(event?.recordedAt.getTime())).toBe(false);
      }
      expect(read?.globalPosition).toBe(stored?.globalPosition);
    });
  });

export const multiStreamCases = (makeStore: MakeStore) =>
  describe('atomic multi-stream append', () => {
    const store = useStore(makeStore);

    it('writes to every stream when every expected revision holds', async (context) => {
      const appendToStreams = store().appendToStreams;
      if (appendToStreams === undefined) return context.skip('this store has no atomic multi-stream append');
      const category = freshCategory();
      const results = right(
        await appendToStreams([
          { streamId: `${category}-a`, events: [counted(1)], expectedRevision: 'no_stream' },
          { streamId: `${category}-b`, events: [counted(2), counted(3)], expectedRevision: 'any' },
        ]),
      );
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([0, 1]);
      expect(await store().streamState(`${category}-b`)).toEqual({ exists: true, revision: 1 });
    });

    it('writes nothing at all when one expected revision fails, and reports that stream', async (context) => {
      const appendToStreams = store().appendToStreams;
      if (appendToStreams === undefined) return context.skip('this store has no atomic multi-stream append');
      const category = freshCategory();
      right(await store().append(`${category}-b`, [counted(1)], { expectedRevision: 'no_stream' }));
      const refused = left(
        await appendToStreams([
          { streamId: `${category}-a`, events: [counted(2)], expectedRevision: 'no_stream' },
          { streamId: `${category}-b`, events: [counted(3)], expectedRevision: 'no_stream' },
        ]),
      );
      expect(refused).toMatchObject({ _tag: 'WrongExpectedRevision', streamId: `${category}-b`, actual: 0 });
      expect(await store().streamState(`${category}-a`)).toEqual({ exists: false });
      expect(await collect(store().readAll({ filter: { streamPrefixes: [`${category}-`] } }))).toHaveLength(
        1,
      );
    });
  });
