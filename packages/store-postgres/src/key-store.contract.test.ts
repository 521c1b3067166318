import { randomBytes } from 'node:crypto';
import { describeKeyStoreContract } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { testDatabases } from './__fixtures__/databases.js';
import { postgresKeyStore } from './key-store.js';
import { pgPoolClient } from './sql.js';

const masterKey = new Uint8Array(randomBytes(32));
const databases = testDatabases();

describeKeyStoreContract('PGlite', () => postgresKeyStore(databases.pglite(), { masterKey }), {
  numRuns: 25,
});

describeKeyStoreContract(
  'embedded PostgreSQL server',
  () => postgresKeyStore(pgPoolClient(databases.server().pool()), { masterKey }),
  { numRuns: 25 },
);

describe('postgresKeyStore', () => {
  const client = databases.pglite;

  it('keeps only wrapped keys: no key material appears in the table', async () => {
    const store = await postgresKeyStore(client(), { masterKey });
    const key = await store.currentKey('wrapped-child', new Date('2026-01-01T00:00:00Z'));
    if (E.isLeft(key)) throw new Error(key.left.message);
    const rows = await client().query<{ row: string }>(
      "select row_to_json(k)::text as row from fostering_subject_keys k where subject_id = 'wrapped-child'",
    );
    const material = Buffer.from(key.right.material);
    expect(rows).toHaveLength(1);
    for (const encoding of ['base64', 'hex'] as const) {
      expect(rows[0]?.row).not.toContain(material.toString(encoding));
    }
  });

  it('refuses to open keys under another master key, with a typed error', async () => {
    const store = await postgresKeyStore(client(), { masterKey });
    const made = await store.currentKey('master-child', new Date('2026-01-01T00:00:00Z'));
    expect(E.isRight(made)).toBe(true);
    const other = await postgresKeyStore(client(), { masterKey: new Uint8Array(randomBytes(32)) });
    const opened = await other.currentKey('master-child', new Date('2026-01-02T00:00:00Z'));
    expect(E.isLeft(opened) && opened.left).toMatchObject({ _tag: 'StoreUnavailable', reason: 'data' });
  });

  it('refuses a master key of the wrong length', async () => {
    await expect(postgresKeyStore(client(), { masterKey: new Uint8Array(16) })).rejects.toThrow(/32 bytes/);
  });
});
