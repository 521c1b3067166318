import { PGlite } from '@electric-sql/pglite';
import {
  type EventOf,
  eventRegistry,
  eventType,
  newEventId,
  type Projection,
  projectionRunner,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { afterAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrate, migrations, schemaVersion } from './migrations.js';
import { postgresEventStore } from './postgres-event-store.js';
import { pgliteClient } from './sql.js';
import { postgresCheckpointStore, postgresSnapshotStore } from './state-stores.js';

const db = new PGlite();
const client = pgliteClient(db, { closeDatabase: false });
afterAll(() => db.close());

const Counted = eventType('Counted', t.type({ n: t.number }));
const registry = eventRegistry([Counted]);
const total: Projection<{ sum: number }, EventOf<typeof Counted>> = {
  name: 'test.total',
  registry,
  initialState: { sum: 0 },
  evolve: (state, event) => ({ sum: state.sum + event.data.n }),
};

const counted = (n: number) => ({
  ...registry.encode(Counted.create({ n })),
  eventId: newEventId(),
  occurredAt: new Date(),
  actor: { id: 'a', role: 'r' },
  correlationId: 'c',
  causationId: 'c',
});

describe('migrations', () => {
  it('apply from empty, then re-apply as a no-op, recording the version', { timeout: 60_000 }, async () => {
    const fresh = pgliteClient(new PGlite());
    expect(await migrate(fresh)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(fresh)).toEqual([]);
    expect(await schemaVersion(fresh)).toBe(latestSchemaVersion);
    await fresh.close();
  });

  it('upgrade a database from the previous version, keeping its events', { timeout: 60_000 }, async () => {
    const old = pgliteClient(new PGlite(), { closeDatabase: true });
    expect(await migrate(old, { to: latestSchemaVersion - 1 })).toEqual(
      migrations.map((m) => m.version).filter((v) => v < latestSchemaVersion),
    );
    const before = await postgresEventStore(old, { migrate: false });
    const written = await before.append('h-1', [counted(1), counted(2)], { expectedRevision: 'no_stream' });
    expect(E.isRight(written)).toBe(true);
    expect(await migrate(old)).toEqual([latestSchemaVersion]);
    const after = await postgresEventStore(old);
    const events = [];
    for await (const event of after.readStream('h-1')) events.push(event.data);
    expect(events).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await schemaVersion(old)).toBe(latestSchemaVersion);
    await after.close();
  });
});

describe('snapshots and checkpoints in PostgreSQL', () => {
  it('keeps the newest snapshot of a version, and replaces it when the version changes', async () => {
    await migrate(client);
    const snapshots = postgresSnapshotStore<{ held: number }>(client);
    await snapshots.save({ streamId: 's1', revision: 9, version: 1, state: { held: 9 } });
    await snapshots.save({ streamId: 's1', revision: 4, version: 1, state: { held: 4 } });
    expect(await snapshots.load('s1')).toEqual({
      streamId: 's1',
      revision: 9,
      version: 1,
      state: { held: 9 },
    });
    await snapshots.save({ streamId: 's1', revision: 2, version: 2, state: { held: 2 } });
    expect((await snapshots.load('s1'))?.version).toBe(2);
    expect(await snapshots.load('nothing')).toBeUndefined();
  });

  it('lets a restarted projection resume from its stored checkpoint without applying anything twice', async () => {
    const store = await postgresEventStore(client);
    const checkpoints = postgresCheckpointStore<{ sum: number }>(client);
    await store.append('count-1', [counted(1), counted(2)], { expectedRevision: 'any' });
    const first = await projectionRunner({ store, projection: total, checkpoints }).catchUp();
    expect(E.isRight(first) && first.right.state).toEqual({ sum: 3 });
    await store.append('count-1', [counted(10)], { expectedRevision: 'any' });
    const restarted = await projectionRunner({ store, projection: total, checkpoints }).catchUp();
    expect(E.isRight(restarted) && restarted.right.state).toEqual({ sum: 13 });
    await store.close();
  });
});
