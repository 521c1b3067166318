import { PGlite } from '@electric-sql/pglite';
import type { NewEvent } from '@fostering/core';
import { newEventId, StoreFailure } from '@fostering/core';
import { collect } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresEventStore } from './postgres-event-store.js';
import { pgliteClient, pgPoolClient } from './sql.js';
import { sqlFailure, sqlFailureReason } from './sql-errors.js';
import { freePort, type RunningServer, startEmbeddedServer } from './testing/embedded-server.js';

const event = (data: NewEvent['data'] = { n: 1 }): NewEvent => ({
  eventId: newEventId(),
  type: 'Counted',
  schemaVersion: 1,
  data,
  occurredAt: new Date(),
  actor: { id: 'a', role: 'r' },
  correlationId: 'c',
  causationId: 'c',
});

const failureOf = <L, A>(result: E.Either<L, A>): L => {
  if (E.isRight(result)) throw new Error('expected the append to fail');
  return result.left;
};

// Every failure here is provoked for real, on a real server or PGlite, and read back through the store.
describe('database failures as typed StoreUnavailable errors', () => {
  let server: RunningServer | undefined;
  const running = () => {
    if (server === undefined) throw new Error('the embedded server did not start');
    return server;
  };
  beforeAll(async () => {
    server = await startEmbeddedServer();
    await (await postgresEventStore(pgPoolClient(server.pool()))).close();
    await server.pool().query(`create role clerk login password 'clerk'`);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  it('no server listening: connection, retriable', async () => {
    const pool = new pg.Pool({
      host: '127.0.0.1',
      port: await freePort(),
      user: 'x',
      connectionTimeoutMillis: 2_000,
    });
    const store = await postgresEventStore(pgPoolClient(pool), { migrate: false });
    expect(failureOf(await store.append('s-1', [event()], { expectedRevision: 'any' }))).toMatchObject({
      _tag: 'StoreUnavailable',
      reason: 'connection',
      retriable: true,
      code: 'ECONNREFUSED',
    });
    // Opening with migrations on fails the same typed way, as a StoreFailure.
    const error = await postgresEventStore(
      pgPoolClient(new pg.Pool({ port: await freePort(), host: '127.0.0.1' })),
    )
      .then(() => undefined)
      .catch((thrown: unknown) => thrown);
    expect(error instanceof StoreFailure && error.error).toMatchObject({
      reason: 'connection',
      retriable: true,
    });
    await store.close();
  });

  it('schema never migrated: schema, not retriable, telling the operator to run the migrations', {
    timeout: 60_000,
  }, async () => {
    const store = await postgresEventStore(pgliteClient(new PGlite()), { migrate: false });
    const failure = failureOf(await store.append('s-1', [event()], { expectedRevision: 'any' }));
    expect(failure).toMatchObject({ reason: 'schema', retriable: false, code: '42P01' });
    expect(failure.message).toContain('run the migrations');
    const read = await collect(store.readAll()).catch((thrown: unknown) => thrown);
    expect(read instanceof StoreFailure && read.error).toMatchObject({ reason: 'schema', code: '42P01' });
    await store.close();
  });

  it('a read-only session (a standby after failover): read-only, retriable', async () => {
    const pool = running().pool({ options: '-c default_transaction_read_only=on' });
    const store = await postgresEventStore(pgPoolClient(pool), { migrate: false });
    expect(failureOf(await store.append('s-ro', [event()], { expectedRevision: 'any' }))).toMatchObject({
      reason: 'read-only',
      retriable: true,
      code: '25006',
    });
    await store.close();
  });

  it('a user without privileges: permission, not retriable', async () => {
    const store = await postgresEventStore(
      pgPoolClient(running().pool({ user: 'clerk', password: 'clerk' })),
      {
        migrate: false,
      },
    );
    expect(failureOf(await store.append('s-perm', [event()], { expectedRevision: 'any' }))).toMatchObject({
      reason: 'permission',
      retriable: false,
      code: '42501',
    });
    await store.close();
  });

  it('a stream locked past the lock timeout: timeout, retriable; and nothing written', async () => {
    const holder = await running().pool().connect();
    holder.on('error', () => undefined);
    const store = await postgresEventStore(pgPoolClient(running().pool({ options: '-c lock_timeout=200' })), {
      migrate: false,
    });
    await store.append('s-locked', [event()], { expectedRevision: 'any' });
    await holder.query('begin');
    await holder.query(`select 1 from fostering_streams where stream_id = 's-locked' for update`);
    expect(failureOf(await store.append('s-locked', [event()], { expectedRevision: 'any' }))).toMatchObject({
      reason: 'timeout',
      retriable: true,
      code: '55P03',
    });
    await holder.query('rollback');
    holder.release();
    expect(await store.streamState('s-locked')).toEqual({ exists: true, revision: 0 });
    await store.close();
  });

  it('a value PostgreSQL cannot store (a NUL character in JSON): data, not retriable', async () => {
    const store = await postgresEventStore(pgPoolClient(running().pool()), { migrate: false });
    expect(
      failureOf(await store.append('s-nul', [event({ note: 'a\u0000b' })], { expectedRevision: 'any' })),
    ).toMatchObject({ reason: 'data', retriable: false, code: '22P05' });
    expect(await store.streamState('s-nul')).toEqual({ exists: false });
    await store.close();
  });

  it('two transactions waiting on each other: the one PostgreSQL aborts is contention, retriable', async () => {
    const [a, b] = [await running().pool().connect(), await running().pool().connect()];
    for (const client of [a, b]) client.on('error', () => undefined);
    await a.query(`insert into fostering_streams values ('dl-1', -1), ('dl-2', -1) on conflict do nothing`);
    await a.query('begin');
    await b.query('begin');
    await a.query(`select 1 from fostering_streams where stream_id = 'dl-1' for update`);
    await b.query(`select 1 from fostering_streams where stream_id = 'dl-2' for update`);
    const outcomes = await Promise.allSettled([
      a.query(`select 1 from fostering_streams where stream_id = 'dl-2' for update`),
      b.query(`select 1 from fostering_streams where stream_id = 'dl-1' for update`),
    ]);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(sqlFailure('postgres', rejected?.reason)).toMatchObject({ reason: 'contention', code: '40P01' });
    await Promise.all([a.query('rollback'), b.query('rollback')]);
    a.release();
    b.release();
  });
});

describe('sqlFailureReason', () => {
  it('reads exact SQLSTATEs before their classes, and falls back on connection messages', () => {
    expect(sqlFailureReason({ code: '40001' })).toBe('contention');
    expect(sqlFailureReason({ code: '57P01' })).toBe('connection');
    expect(sqlFailureReason({ code: '53300' })).toBe('resources');
    expect(sqlFailureReason({ code: '42P01' })).toBe('schema');
    expect(sqlFailureReason({ code: '42601' })).toBe('unknown');
    expect(sqlFailureReason(new Error('Connection terminated unexpectedly'))).toBe('connection');
    expect(sqlFailureReason(new Error('something else'))).toBe('unknown');
  });
});
