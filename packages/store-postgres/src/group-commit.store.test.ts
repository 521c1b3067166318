import { type NewEvent, newEventId, type OutboxDerivation } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { testDatabases } from './__fixtures__/databases.js';
import { postgresEventStore } from './postgres-event-store.js';
import { pgPoolClient, type SqlClient } from './sql.js';

const event = (type = 'Noted'): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: 1,
  data: { note: type },
  occurredAt: new Date('2026-03-01T10:00:00Z'),
  actor: { id: 'ssw-1', role: 'supervising-social-worker' },
  correlationId: 'c',
  causationId: 'c',
});

/** Counts the transactions the store opens: fewer than appends means appends shared them. */
const counting = (client: SqlClient) => {
  let transactions = 0;
  return {
    client: {
      ...client,
      transaction: <A>(work: Parameters<SqlClient['transaction']>[0]) => {
        transactions++;
        return client.transaction(work) as Promise<A>;
      },
    } as SqlClient,
    transactions: () => transactions,
  };
};

const databases = testDatabases();
const { targets } = databases;

const summarise = (outcome: E.Either<{ _tag: string }, unknown>) =>
  E.isLeft(outcome)
    ? `refused ${outcome.left._tag}`
    : JSON.stringify(
        [outcome.right].flat().map((r) => {
          const result = r as { nextExpectedRevision: unknown; events: unknown[]; replayed: boolean };
          return [result.nextExpectedRevision, result.events.length, result.replayed];
        }),
      );

describe.each(targets)('group commit on %s', (_, clientOf) => {
  const fixture = async (options: Parameters<typeof postgresEventStore>[1] = {}) => {
    const counted = counting(clientOf());
    const store = await postgresEventStore(counted.client, { groupCommit: { transactions: 1 }, ...options });
    const prefix = `gc-${newEventId().slice(-8)}-`;
    const streams = async () =>
      (
        await clientOf().query<{ stream_id: string; revision: string }>(
          'select stream_id, revision::text as revision from fostering_streams where stream_id like $1 order by 1',
          [`${prefix}%`],
        )
      ).map((r) => `${r.stream_id.slice(prefix.length)}@${r.revision}`);
    return { store, counted, stream: (name: string) => `${prefix}${name}`, streams };
  };

  it('answers concurrent appends in one transaction, each as if it ran alone', {
    timeout: 60_000,
  }, async () => {
    const { store, counted, stream, streams } = await fixture();
    try {
      const first = [event(), event()];
      for (const name of ['a', 'b', 'c', 'd']) {
        expect(
          E.isRight(await store.append(stream(name), [event()], { expectedRevision: 'no_stream' })),
        ).toBe(true);
      }
      expect(E.isRight(await store.append(stream('e'), first, { expectedRevision: 'no_stream' }))).toBe(true);
      const before = counted.transactions();
      const outcomes = await Promise.all([
        store.append(stream('a'), [event()], { expectedRevision: 0 }),
        store.append(stream('b'), [event()], { expectedRevision: 5 }),
        store.append(stream('c'), [event(), event()], { expectedRevision: 'any' }),
        store.append(stream('e'), first, { expectedRevision: 'no_stream' }),
        store.append(stream('new-1'), [event()], { expectedRevision: 'no_stream' }),
        store.append(stream('d'), [event()], { expectedRevision: 'no_stream' }),
        store.appendToStreams?.([
          { streamId: stream('new-2'), events: [event()], expectedRevision: 'no_stream' },
          { streamId: stream('f'), events: [event()], expectedRevision: 'any' },
        ]) ?? Promise.reject(new Error('no multi-stream append')),
      ]);
      expect(outcomes.map(summarise)).toEqual([
        '[[1,1,false]]',
        'refused WrongExpectedRevision',
        '[[2,2,false]]',
        '[[1,2,true]]',
        '[[0,1,false]]',
        'refused WrongExpectedRevision',
        '[[0,1,false],[0,1,false]]',
      ]);
      expect(counted.transactions() - before).toBe(1);
      expect(await streams()).toEqual(['a@1', 'b@0', 'c@2', 'd@0', 'e@1', 'f@0', 'new-1@0', 'new-2@0']);
    } finally {
      await store.close();
    }
  });

  it('leaves no trace of a refused append to a new stream, running its batch again without it', {
    timeout: 60_000,
  }, async () => {
    const { store, counted, stream, streams } = await fixture();
    try {
      const before = counted.transactions();
      const outcomes = await Promise.all([
        store.append(stream('x'), [event()], { expectedRevision: 'no_stream' }),
        store.append(stream('ghost'), [event()], { expectedRevision: 'stream_exists' }),
        store.append(stream('y'), [event()], { expectedRevision: 'any' }),
      ]);
      expect(outcomes.map(summarise)).toEqual([
        '[[0,1,false]]',
        'refused WrongExpectedRevision',
        '[[0,1,false]]',
      ]);
      // The batch (careful: it expects a new stream), rolled back; then each alone, careful (ghost and y after
      // a one-statement attempt, outside any transaction, found no row).
      expect(counted.transactions() - before).toBe(4);
      expect(await streams()).toEqual(['x@0', 'y@0']);
    } finally {
      await store.close();
    }
  });

  it('fails only the append whose outbox derivation throws; the others and their messages are written', {
    timeout: 60_000,
  }, async () => {
    const derive: OutboxDerivation = (events) =>
      events.map((e) => {
        if (e.type === 'Boom') throw new Error('derivation bug');
        return {
          messageId: `m-${e.eventId}`,
          topic: 'noted',
          payload: { id: e.eventId },
          sourceEventId: e.eventId,
        };
      });
    const { store, stream, streams } = await fixture({ outbox: { derive } });
    try {
      const kept = [event(), event()];
      const settled = await Promise.allSettled([
        store.append(stream('p'), [kept[0] as NewEvent], { expectedRevision: 'any' }),
        store.append(stream('q'), [event('Boom')], { expectedRevision: 'any' }),
        store.append(stream('r'), [kept[1] as NewEvent], { expectedRevision: 'any' }),
      ]);
      expect(settled.map((s) => (s.status === 'rejected' ? String(s.reason) : summarise(s.value)))).toEqual([
        '[[0,1,false]]',
        'Error: derivation bug',
        '[[0,1,false]]',
      ]);
      expect(await streams()).toEqual(['p@0', 'r@0']);
      const messages = await clientOf().query<{ message_id: string }>(
        'select message_id from fostering_outbox where message_id = any($1::text[]) order by sequence',
        [kept.map((e) => `m-${e.eventId}`)],
      );
      expect(messages.map((m) => m.message_id)).toEqual(kept.map((e) => `m-${e.eventId}`));
    } finally {
      await store.close();
    }
  });
});

describe('appends that wait for a stream lock on the embedded server', () => {
  // Without an outbox an append is tried as one statement; with one it runs in a transaction (the fast path).
  it.each([
    ['in one statement', {}],
    ['in a transaction', { outbox: { derive: () => [] } }],
  ])(
    'recognise a replay of events committed while they waited (%s)',
    { timeout: 60_000 },
    async (_, options) => {
      const server = databases.server();
      const store = await postgresEventStore(pgPoolClient(server.pool()), options);
      const streamId = `gc-wait-${newEventId().slice(-8)}`;
      const other = await server.pool({ max: 1 }).connect();
      try {
        expect(E.isRight(await store.append(streamId, [event()], { expectedRevision: 'no_stream' }))).toBe(
          true,
        );
        const racing = event();
        // Another writer holds the stream's lock while it writes `racing` at revision 1.
        await other.query('begin');
        await other.query('select revision from fostering_streams where stream_id = $1 for update', [
          streamId,
        ]);
        await other.query(
          `insert into fostering_events (event_id, stream_id, stream_revision, type, schema_version, data, occurred_at,
           recorded_at, actor_id, actor_role, correlation_id, causation_id)
         values ($1, $2, 1, $3, 1, '{}', now(), now(), 'a', 'r', 'c', 'c')`,
          [racing.eventId, streamId, racing.type],
        );
        await other.query('update fostering_streams set revision = 1 where stream_id = $1', [streamId]);
        const retry = store.append(streamId, [racing], { expectedRevision: 'any' });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await other.query('commit');
        const outcome = await retry;
        expect(summarise(outcome)).toBe('[[1,1,true]]');
      } finally {
        other.release(true);
        await store.close();
      }
    },
  );
});
