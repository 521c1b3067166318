import { randomBytes } from 'node:crypto';
import {
  eraseSubject,
  isErased,
  type NewEvent,
  newEventId,
  StoreFailure,
  sealedCheckpointStore,
  sealedEventStore,
  unsafeLocalDate,
} from '@fostering/core';
import { collect } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { testDatabases } from './__fixtures__/databases.js';
import { postgresKeyStore } from './key-store.js';
import { postgresEventStore } from './postgres-event-store.js';
import type { SqlClient } from './sql.js';
import { postgresCheckpointStore } from './state-stores.js';

const masterKey = new Uint8Array(randomBytes(32));
const { targets } = testDatabases();

// The personal fields of the one event type used here, as a registry would give them.
const personalFields = (type: string) =>
  type === 'ChildNoted'
    ? [
        { path: ['name'], subjectField: undefined },
        { path: ['story'], subjectField: undefined },
        { path: ['carers', '*', 'name'], subjectField: 'adultId' },
      ]
    : [];

const noted = (tag: string, name: string, story: string, carer: string): NewEvent => ({
  eventId: newEventId(),
  type: 'ChildNoted',
  schemaVersion: 1,
  data: { childId: tag, name, story, carers: [{ adultId: `carer-${tag}`, name: carer }] },
  occurredAt: new Date('2026-03-01T10:00:00Z'),
  actor: { id: 'ssw-1', role: 'supervising-social-worker' },
  correlationId: 'c',
  causationId: 'c',
});

/** Every table of the database, every row, as text: what a plain-text dump would hold. */
const dump = async (client: SqlClient): Promise<string> => {
  const tables = await client.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' order by 1",
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await client.query<{ row: string }>(
      `select t::text as row from "${name.replace(/"/g, '""')}" t`,
    );
    parts.push(`-- ${name}`, ...rows.map((r) => r.row));
  }
  return parts.join('\n');
};

/** A sealed store on `client` with the database's key store, and a child stream of the test's own. */
const sealedOn = async (client: SqlClient) => {
  const keys = await postgresKeyStore(client, { masterKey });
  const store = sealedEventStore(await postgresEventStore(client), { keys, personalFields });
  const tag = newEventId().slice(-12);
  return { client, keys, store, tag, stream: `child-${tag}` };
};

describe.each(targets)('personal data in a dump of %s', (_, clientOf) => {
  it('holds no personal value before or after erasure; the erased subject reads as erased', {
    timeout: 60_000,
  }, async () => {
    const { client, keys, store, tag, stream } = await sealedOn(clientOf());
    const values = {
      mine: [`Amara ${tag}`, `came into care after ${tag} at school`, `Jo ${tag}`],
      theirs: [`Bea ${tag}`, `loves swimming ${tag}`],
    };
    try {
      const first = await store.append(
        stream,
        [noted(tag, values.mine[0] as string, values.mine[1] as string, values.mine[2] as string)],
        {
          expectedRevision: 'no_stream',
        },
      );
      expect(E.isRight(first)).toBe(true);
      const other = `child-${tag}b`;
      await store.append(
        other,
        [noted(`${tag}b`, values.theirs[0] as string, values.theirs[1] as string, 'Kim')],
        {
          expectedRevision: 'no_stream',
        },
      );
      // A projection's checkpoint holds the values opened, from many subjects: sealed whole.
      const checkpoints = sealedCheckpointStore<unknown>(postgresCheckpointStore(client), { keys });
      await checkpoints.save(`records-${tag}`, {
        position: undefined,
        state: { names: [...values.mine, ...values.theirs] },
      });
      const before = await dump(client);
      expect(before).toContain(tag); // the dump does hold this test's rows: ids are not personal
      for (const value of [...values.mine, ...values.theirs]) expect(before).not.toContain(value);

      const erased = await eraseSubject({
        store,
        keys,
        record: { kind: 'child', subjectId: tag, dateOfBirth: unsafeLocalDate('2010-01-01') },
        on: unsafeLocalDate('2100-01-01'),
        now: new Date('2100-01-01T00:00:00Z'),
        actor: { id: 'dpo-1', role: 'data-protection-officer' },
      });
      expect(E.isRight(erased)).toBe(true);
      const after = await dump(client);
      for (const value of [...values.mine, ...values.theirs]) expect(after).not.toContain(value);
      const keyRows = await client.query('select 1 from fostering_subject_keys where subject_id = $1', [tag]);
      expect(keyRows).toHaveLength(0);
      // The checkpoint was taken before the erasure: it no longer opens, and is rebuilt from the log.
      expect(await checkpoints.load(`records-${tag}`)).toBeUndefined();

      const [read] = await collect(store.readStream(stream));
      if (read === undefined) throw new Error('the child stream is empty');
      const data = read.data as { name: unknown; story: unknown; carers: Array<{ name: unknown }> };
      expect(isErased(data.name) && isErased(data.story)).toBe(true);
      // The carer is a subject of their own, not erased with the child.
      expect(data.carers[0]?.name).toBe(values.mine[2]);
      const [theirs] = await collect(store.readStream(other));
      if (theirs === undefined) throw new Error('the other child stream is empty');
      expect((theirs.data as { name: unknown }).name).toBe(values.theirs[0]);
    } finally {
      await store.close();
    }
  });

  it('reports a value altered in the database with its stream, revision and field', {
    timeout: 60_000,
  }, async () => {
    const { client, store, tag, stream } = await sealedOn(clientOf());
    try {
      await store.append(stream, [noted(tag, 'Amara', 'a story', 'Jo')], { expectedRevision: 'no_stream' });
      await store.append(stream, [noted(tag, 'Amara', 'another story', 'Jo')], { expectedRevision: 0 });
      // Someone with access to the database changes one byte of the sealed story at revision 1.
      await client.query(
        `update fostering_events
            set data = jsonb_set(data, '{story,data}', to_jsonb(overlay(data->'story'->>'data' placing
              (case when substr(data->'story'->>'data', 5, 1) = 'A' then 'B' else 'A' end) from 5 for 1)))
          where stream_id = $1 and stream_revision = 1`,
        [stream],
      );
      const failure = await collect(store.readStream(stream)).then(
        () => 'opened',
        (error: unknown) => (error instanceof StoreFailure ? error.error.message : String(error)),
      );
      expect(failure).toMatch(new RegExp(`stream '${stream}' at revision 1, field 'story', was altered`));
      const [untouched] = await collect(store.readStream(stream, { maxCount: 1 }));
      if (untouched === undefined) throw new Error('the child stream is empty');
      expect((untouched.data as { story: unknown }).story).toBe('a story');
    } finally {
      await store.close();
    }
  });
});
