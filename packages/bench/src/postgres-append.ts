import { writeFile } from 'node:fs/promises';
import { type EventStore, type NewEvent, newEventId } from '@fostering/core';
import { pgPoolClient, postgresEventStore } from '@fostering/store-postgres';
import { startEmbeddedServer } from '@fostering/store-postgres/testing';
import * as E from 'fp-ts/lib/Either.js';
import type pg from 'pg';

// First workload (issue 6): 8 concurrent writers appending one event per transaction over 100 streams to an
// embedded PostgreSQL server, then a catch-up read of everything; each against the raw limit measured in the
// same run: the same rows inserted by plain INSERTs in the same number of transactions, read by a plain SELECT.
// Absolute figures depend on the machine; the ratios are what to compare.

const WRITERS = 8;
const STREAMS = 100;
const APPENDS = Number(process.env.BENCH_APPENDS ?? 4_000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);

const event = (i: number): NewEvent => ({
  eventId: newEventId(),
  type: 'BenchCounted',
  schemaVersion: 1,
  data: { i, note: 'a short therapeutic clinic note of ordinary length' },
  occurredAt: new Date(),
  actor: { id: 'bench', role: 'bench' },
  correlationId: 'bench',
  causationId: 'bench',
});

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

const inParallel = (count: number, perWriter: (w: number) => Promise<void>) =>
  Promise.all(Array.from({ length: count }, (_, w) => perWriter(w)));

const appendWorkload = (store: EventStore) =>
  inParallel(WRITERS, async (w) => {
    for (let i = w; i < APPENDS; i += WRITERS) {
      const result = await store.append(`bench-${i % STREAMS}`, [event(i)], { expectedRevision: 'any' });
      if (E.isLeft(result)) throw new Error(result.left.message);
    }
  });

const rawInsertWorkload = (pool: pg.Pool) =>
  inParallel(WRITERS, async (w) => {
    for (let i = w; i < APPENDS; i += WRITERS) {
      const e = event(i);
      await pool.query(
        `insert into raw_events (event_id, stream_id, type, schema_version, data, occurred_at, recorded_at, actor_id,
           actor_role, correlation_id, causation_id) values ($1, $2, $3, $4, $5::jsonb, $6, now(), $7, $8, $9, $10)`,
        [
          e.eventId,
          `bench-${i % STREAMS}`,
          e.type,
          e.schemaVersion,
          JSON.stringify(e.data),
          e.occurredAt,
          e.actor.id,
          e.actor.role,
          e.correlationId,
          e.causationId,
        ],
      );
    }
  });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const main = async () => {
  const server = await startEmbeddedServer();
  const pool = server.pool();
  const store = await postgresEventStore(pgPoolClient(pool, { closePool: false }));
  await pool.query(`create table raw_events (position bigint generated always as identity primary key, event_id text,
    stream_id text, type text, schema_version int, data jsonb, occurred_at timestamptz, recorded_at timestamptz,
    actor_id text, actor_role text, correlation_id text, causation_id text)`);

  const ours: number[] = [];
  const raw: number[] = [];
  // Interleaved repetitions, so that both see the same machine conditions.
  for (let r = 0; r < REPETITIONS; r++) {
    ours.push(APPENDS / (await timed(() => appendWorkload(store))));
    raw.push(APPENDS / (await timed(() => rawInsertWorkload(pool))));
  }
  const readOurs: number[] = [];
  const readRaw: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    let count = 0;
    const seconds = await timed(async () => {
      for await (const _ of store.readAll()) count++;
    });
    readOurs.push(count / seconds);
    let rawCount = 0;
    const rawSeconds = await timed(async () => {
      rawCount = (await pool.query('select * from raw_events order by position')).rows.length;
    });
    readRaw.push(rawCount / rawSeconds);
  }
  const rows = [
    ['append, 8 writers, 100 streams, 1 event per append', median(ours), median(raw)],
    ['catch-up read of everything in global order', median(readOurs), median(readRaw)],
  ] as const;
  const table = [
    '| workload | this project (events/s) | raw limit (events/s) | ratio to limit |',
    '|---|---|---|---|',
    ...rows.map(([name, a, b]) => `| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)} |`),
  ].join('\n');
  console.log(
    `PostgreSQL ${APPENDS} appends x ${REPETITIONS} repetitions, medians (machine-dependent):\n\n${table}`,
  );
  await writeFile(
    'bench-results.json',
    JSON.stringify({ appends: APPENDS, repetitions: REPETITIONS, rows }, null, 2),
  );
  await store.close();
  await server.stop();
};

await main();
