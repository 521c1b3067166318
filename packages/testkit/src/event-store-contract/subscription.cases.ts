import { describe, expect, it } from 'vitest';
import { counted, freshCategory, idsOf, type MakeStore, noted, right, useStore } from './fixtures.js';
import { readInBackground } from './subscription-reader.js';

export const subscriptionCases = (makeStore: MakeStore) =>
  describe('catch-up subscription to all', () => {
    const store = useStore(makeStore);

    it('delivers history, says it has caught up once, then delivers live events, each once and in order', async () => {
      const category = freshCategory();
      const history = [counted(1), counted(2), counted(3)];
      right(await store().append(`${category}-1`, history, { expectedRevision: 'no_stream' }));
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } });
      const reader = readInBackground(subscription);
      await reader.until(() => reader.messages.some((m) => m.kind === 'caught-up'));
      const live = [counted(4), counted(5)];
      right(
        await store().append(`${category}-2`, [live[0] ?? counted(0)], { expectedRevision: 'no_stream' }),
      );
      right(await store().append(`${category}-1`, [live[1] ?? counted(0)], { expectedRevision: 2 }));
      await reader.until(() => reader.events().length >= 5);
      await subscription.close();
      await reader.finished;
      expect(idsOf(reader.events())).toEqual(idsOf([...history, ...live]));
      const kinds = reader.messages.filter((m) => m.kind !== 'checkpoint').map((m) => m.kind);
      expect(kinds).toEqual(['event', 'event', 'event', 'caught-up', 'event', 'event']);
    });

    it('misses nothing and repeats nothing when events are appended while it catches up', async () => {
      const category = freshCategory();
      const filter = { streamPrefixes: [`${category}-`] };
      const written: string[] = [];
      const write = async (n: number) => {
        const event = counted(n);
        right(await store().append(`${category}-${n % 3}`, [event], { expectedRevision: 'any' }));
        written.push(event.eventId);
      };
      for (let n = 0; n < 30; n++) await write(n);
      const subscription = store().subscribeToAll({ filter });
      const reader = readInBackground(subscription);
      for (let n = 30; n < 60; n++) await write(n);
      await reader.until(() => reader.events().length >= 60);
      await subscription.close();
      expect(idsOf(reader.events())).toEqual(written);
    });

    it('resumes after a checkpoint position with only the events after it', async () => {
      const category = freshCategory();
      const filter = { streamPrefixes: [`${category}-`] };
      const events = [counted(1), counted(2), counted(3), counted(4)];
      const stored = right(
        await store().append(`${category}-1`, events, { expectedRevision: 'no_stream' }),
      ).events;
      const checkpoint = stored[1]?.globalPosition;
      if (checkpoint === undefined) throw new Error('expected four stored events');
      const subscription = store().subscribeToAll({ after: checkpoint, filter });
      const reader = readInBackground(subscription);
      await reader.until(() => reader.messages.some((m) => m.kind === 'caught-up'));
      await subscription.close();
      expect(idsOf(reader.events())).toEqual(idsOf(events.slice(2)));
      const caughtUp = reader.messages.find((m) => m.kind === 'caught-up');
      expect(caughtUp).toMatchObject({ position: stored[3]?.globalPosition });
    });

    it('applies filters to live events too; any checkpoint it reports moves forwards', async () => {
      const category = freshCategory();
      const subscription = store().subscribeToAll({
        filter: { streamPrefixes: [`${category}-`], eventTypes: ['ContractNoted'] },
      });
      const reader = readInBackground(subscription);
      await reader.until(() => reader.messages.some((m) => m.kind === 'caught-up'));
      const wanted = [noted('wanted'), noted('last')];
      right(
        await store().append(`${category}-1`, [counted(1), wanted[0] ?? noted(''), counted(2)], {
          expectedRevision: 'any',
        }),
      );
      right(await store().append(`${category}-2`, [counted(3)], { expectedRevision: 'any' }));
      right(await store().append(`${category}-3`, [wanted[1] ?? noted('')], { expectedRevision: 'any' }));
      await reader.until(() => reader.events().length >= 2);
      await subscription.close();
      expect(idsOf(reader.events())).toEqual(idsOf(wanted));
      const positions = reader.messages.flatMap((m) =>
        m.kind === 'event' ? [m.event.globalPosition] : m.position === undefined ? [] : [m.position],
      );
      expect([...positions].sort()).toEqual(positions);
    });

    it('ends iteration when closed, even while waiting for live events', async () => {
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [`${freshCategory()}-`] } });
      const reader = readInBackground(subscription);
      await reader.until(() => reader.messages.some((m) => m.kind === 'caught-up'));
      await subscription.close();
      await expect(reader.finished).resolves.toBeUndefined();
    });

    it('ends when the store is closed', async () => {
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [`${freshCategory()}-`] } });
      const reader = readInBackground(subscription);
      await reader.until(() => reader.messages.some((m) => m.kind === 'caught-up'));
      await store().close();
      await expect(reader.finished).resolves.toBeUndefined();
    });
  });
