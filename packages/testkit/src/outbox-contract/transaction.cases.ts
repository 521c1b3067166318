import { describe, expect, it } from 'vitest';
import { collect, counted, right } from '../event-store-contract/fixtures.js';
import { at, type MakeOutboxSetup, useOutboxSetup } from './fixtures.js';

/** Messages derived from an append exist exactly when its events do. */
export const transactionCases = (make: MakeOutboxSetup) =>
  describe('messages derived in the append', () => {
    const setup = useOutboxSetup(make);

    it('are written with the events, one per event, in position order, citing their source event', async () => {
      const { store, outbox } = setup.get();
      const { category, topic } = setup.register();
      const result = right(
        await store.append(`${category}-1`, [counted(1), counted(2)], { expectedRevision: 'no_stream' }),
      );
      const pending = right(await outbox.list({ status: 'pending', topics: [topic] }));
      expect(pending.map((entry) => entry.sourceEventId)).toEqual(
        result.events.map((event) => event.eventId),
      );
      expect(pending.map((entry) => entry.messageId)).toEqual(
        result.events.map((event) => `${event.eventId}:notice`),
      );
      expect(pending[0]).toMatchObject({ topic, status: 'pending', attempts: 0, payload: { n: { n: 1 } } });
      expect(pending[0]?.addedAt.getTime()).toBe(result.events[0]?.recordedAt.getTime());
    });

    it('are not written when the append is refused', async () => {
      const { store, outbox } = setup.get();
      const { category, topic } = setup.register();
      right(await store.append(`${category}-1`, [counted(1)], { expectedRevision: 'no_stream' }));
      const refused = await store.append(`${category}-1`, [counted(2)], { expectedRevision: 'no_stream' });
      expect(refused._tag).toBe('Left');
      expect(right(await outbox.list({ status: 'pending', topics: [topic] }))).toHaveLength(1);
    });

    it('are not written twice when an append is replayed', async () => {
      const { store, outbox } = setup.get();
      const { category, topic } = setup.register();
      const batch = [counted(1), counted(2)];
      right(await store.append(`${category}-1`, batch, { expectedRevision: 'no_stream' }));
      const replay = right(await store.append(`${category}-1`, batch, { expectedRevision: 'no_stream' }));
      expect(replay.replayed).toBe(true);
      expect(right(await outbox.list({ status: 'pending', topics: [topic] }))).toHaveLength(2);
    });

    it('fail the whole append when the derivation throws: neither events nor messages are kept', async () => {
      const { store, outbox } = setup.get();
      const { category, topic } = setup.register('throw');
      await expect(store.append(`${category}-1`, [counted(1)], { expectedRevision: 'any' })).rejects.toThrow(
        'derivation bug on purpose',
      );
      expect(await store.streamState(`${category}-1`)).toEqual({ exists: false });
      expect(await collect(store.readStream(`${category}-1`))).toEqual([]);
      expect(right(await outbox.list({ status: 'pending', topics: [topic] }))).toEqual([]);
    });

    it('are derived from every stream of an atomic multi-stream append, or from none', async (context) => {
      const { store, outbox } = setup.get();
      const appendToStreams = store.appendToStreams;
      if (appendToStreams === undefined) return context.skip('this store has no atomic multi-stream append');
      const { category, topic } = setup.register();
      right(await store.append(`${category}-b`, [counted(0)], { expectedRevision: 'no_stream' }));
      const refused = await appendToStreams([
        { streamId: `${category}-a`, events: [counted(1)], expectedRevision: 'no_stream' },
        { streamId: `${category}-b`, events: [counted(2)], expectedRevision: 'no_stream' },
      ]);
      expect(refused._tag).toBe('Left');
      expect(right(await outbox.list({ status: 'pending', topics: [topic] }))).toHaveLength(1);
      right(
        await appendToStreams([
          { streamId: `${category}-a`, events: [counted(1)], expectedRevision: 'no_stream' },
          { streamId: `${category}-b`, events: [counted(2)], expectedRevision: 0 },
        ]),
      );
      expect(right(await outbox.list({ status: 'pending', topics: [topic] }))).toHaveLength(3);
    });

    it('are claimable like any other message', async () => {
      const { store, outbox } = setup.get();
      const { category, topic } = setup.register();
      const { events } = right(
        await store.append(`${category}-1`, [counted(1)], { expectedRevision: 'any' }),
      );
      const recordedAt = events[0]?.recordedAt ?? at(0);
      const leases = right(
        await outbox.claim({
          now: new Date(recordedAt.getTime() + 1),
          limit: 10,
          leaseMs: 1_000,
          topics: [topic],
        }),
      );
      expect(leases.map((lease) => lease.entry.sourceEventId)).toEqual([events[0]?.eventId]);
    });
  });
