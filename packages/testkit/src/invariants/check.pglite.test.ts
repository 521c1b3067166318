import { PGlite } from '@electric-sql/pglite';
import { pgliteClient, postgresEventStore } from '@fostering/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyHandle } from './agency-handle.js';
import { checkRegulatoryInvariants } from './check.js';

describe('checkRegulatoryInvariants on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
  }, 120_000);
  afterAll(() => db.close());

  it('holds for every rule with a property, through the reference handle', { timeout: 900_000 }, async () => {
    const store = await postgresEventStore(pgliteClient(db));
    // Fewer histories than in memory: each command is a real SQL transaction here.
    const results = await checkRegulatoryInvariants({
      handle: agencyHandle({ store }),
      store,
      numRuns: Math.max(1, Math.floor((Number(process.env.FOSTERING_PROPERTY_RUNS) || 100) / 10)),
    });
    expect(results.filter((r) => r.status === 'broken')).toEqual([]);
    expect(results.some((r) => r.status === 'held')).toBe(true);
  });
});
