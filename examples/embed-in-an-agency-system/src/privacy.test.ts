import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type EventStore, manualClock } from '@fostering/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placement, recordTheAgency } from './__fixtures__/agency.js';
import { recorder, type Service, startService, streamOf } from './__fixtures__/service.js';
import { openStore, storeConfigFromEnv } from './store.js';

const period = 'from=2025-03-01&to=2025-06-30';

describe('the service with personal data sealed (FOSTERING_MASTER_KEY), on embedded PostgreSQL', () => {
  let dir = '';
  let store: EventStore;
  let service: Service;
  const masterKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fostering-embed-sealed-'));
    const clock = manualClock(new Date('2024-06-01T12:00:00Z'));
    store = await openStore(
      storeConfigFromEnv({ FOSTERING_DATA: dir, FOSTERING_MASTER_KEY: masterKey }),
      clock,
    );
    service = await startService({ store, clock });
    await recordTheAgency(recorder(service, clock));
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back what it was sent, and keeps no personal value in the database', async () => {
    const [registered] = await streamOf(store, 'child-c-riley');
    expect(registered?.data).toMatchObject({ name: 'Riley Morgan-Price', dateOfBirth: '2014-05-01' });
    const pack = await service.request('GET', `${placement}/review-pack?${period}&format=json`);
    expect(pack.status).toBe(200);
    expect(pack.text).toContain('peanuts');

    await service.close();
    await store.close();
    const db = new PGlite(dir);
    try {
      const rows = await db.query<{ dump: string }>(
        'select string_agg(data::text, chr(10)) as dump from fostering_events',
      );
      const dump = rows.rows[0]?.dump ?? '';
      expect(dump).toContain('"$sealed": 1');
      for (const value of ['Riley Morgan-Price', '2014-05-01', 'peanuts']) expect(dump).not.toContain(value);
    } finally {
      await db.close();
    }
    // Opened again with the same key, everything reads as before.
    store = await openStore(storeConfigFromEnv({ FOSTERING_DATA: dir, FOSTERING_MASTER_KEY: masterKey }));
    service = await startService({ store });
    const again = await service.request('GET', `${placement}/review-pack?${period}&format=json`);
    expect(again.text).toBe(pack.text);
  });

  it('serves the review pack for one reader with ?for=, and names the readers it knows', async () => {
    const carers = await service.request(
      'GET',
      `${placement}/review-pack?${period}&format=json&for=foster-carer`,
    );
    expect(carers.status).toBe(200);
    const pack = carers.json as { audience: string; entries: ReadonlyArray<{ kind: string }> };
    expect(pack.audience).toBe('foster-carer');
    expect(pack.entries.some((e) => e.kind === 'clinic-notes')).toBe(false);
    const full = (await service.request('GET', `${placement}/review-pack?${period}&format=json`)).json as {
      entries: ReadonlyArray<{ kind: string }>;
    };
    expect(full.entries.some((e) => e.kind === 'clinic-notes')).toBe(true);
    const unknown = await service.request('GET', `${placement}/review-pack?${period}&for=neighbour`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('for');
  });
});
