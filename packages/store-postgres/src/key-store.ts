import {
  decrypt,
  encrypt,
  KEY_BYTES,
  type KeyLookup,
  newSubjectKey,
  type StoreUnavailable,
  type SubjectErased,
  type SubjectKey,
  type SubjectKeyStore,
  storeUnavailable,
  subjectErased,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { migrate } from './migrations.js';
import type { SqlClient, SqlExecutor } from './sql.js';
import { sqlFailure } from './sql-errors.js';

export interface PostgresKeyStoreOptions {
  /**
   * The 32-byte key that wraps every subject key at rest (from the embedder's key management, never from the
   * database itself): a copy of the database alone opens nothing.
   */
  readonly masterKey: Uint8Array;
  /** Apply migrations when the store opens (default true). */
  readonly migrate?: boolean;
}

// The subject and key ids are authenticated with the wrapped key, so a wrapped key moved to another row fails.
const context = (subjectId: string, keyId: string) => `${subjectId}\u0000${keyId}`;

const wrap = (masterKey: Uint8Array, key: SubjectKey): string =>
  encrypt(masterKey, key.material, context(key.subjectId, key.keyId)).toString('base64');

class UnwrapFailure extends Error {}

const unwrap = (masterKey: Uint8Array, subjectId: string, keyId: string, wrapped: string): Uint8Array => {
  const material = decrypt(masterKey, Buffer.from(wrapped, 'base64'), context(subjectId, keyId));
  if (material?.length !== KEY_BYTES) throw new UnwrapFailure();
  return new Uint8Array(material);
};

interface KeyRow {
  readonly key_id: string;
  readonly wrapped: string;
  readonly created_at: Date | string;
}

/**
 * Subject keys in PostgreSQL (a server or PGlite), wrapped with AES-256-GCM under the master key. Making,
 * rotating and destroying a subject's keys take a lock on the subject, so a key is never made for a subject
 * being erased. Destroying deletes the rows and records the erasure; what a dump of the database holds
 * afterwards is the erasure's date, nothing that opens the subject's data.
 */
export const postgresKeyStore = async (
  client: SqlClient,
  options: PostgresKeyStoreOptions,
): Promise<SubjectKeyStore> => {
  if (options.masterKey.length !== KEY_BYTES) {
    throw new RangeError(
      `postgresKeyStore: 'masterKey' must be ${KEY_BYTES} bytes, not ${options.masterKey.length}`,
    );
  }
  const masterKey = new Uint8Array(options.masterKey);
  if (options.migrate ?? true) await migrate(client);

  const keyOf = (subjectId: string, row: KeyRow): SubjectKey => ({
    subjectId,
    keyId: row.key_id,
    material: unwrap(masterKey, subjectId, row.key_id, row.wrapped),
    createdAt: new Date(row.created_at),
  });

  const run = async <A>(work: () => Promise<A>): Promise<E.Either<StoreUnavailable, A>> => {
    try {
      return E.right(await work());
    } catch (error) {
      if (error instanceof UnwrapFailure) {
        return E.left(
          storeUnavailable(
            client.name,
            `${client.name} key store: a subject key does not open with the master key given (the wrong master key, or an altered key row)`,
            { reason: 'data' },
          ),
        );
      }
      return E.left(sqlFailure(client.name, error));
    }
  };

  const erasedAt = async (db: SqlExecutor, subjectId: string): Promise<Date | undefined> => {
    const rows = await db.query<{ erased_at: Date | string }>(
      'select erased_at from fostering_erased_subjects where subject_id = $1',
      [subjectId],
    );
    return rows[0] === undefined ? undefined : new Date(rows[0].erased_at);
  };

  const current = async (db: SqlExecutor, subjectId: string) => {
    const rows = await db.query<KeyRow>(
      'select key_id, wrapped, created_at from fostering_subject_keys where subject_id = $1 and is_current',
      [subjectId],
    );
    return rows[0] === undefined ? undefined : keyOf(subjectId, rows[0]);
  };

  /** In a transaction holding the subject's lock: a new current key, unless the subject is erased. */
  const makeCurrent = async (
    tx: SqlExecutor,
    subjectId: string,
    now: Date,
  ): Promise<E.Either<SubjectErased, SubjectKey>> => {
    const erased = await erasedAt(tx, subjectId);
    if (erased !== undefined) return E.left(subjectErased(subjectId, erased));
    const key = newSubjectKey(subjectId, now);
    await tx.query(
      'update fostering_subject_keys set is_current = false where subject_id = $1 and is_current',
      [subjectId],
    );
    await tx.query(
      `insert into fostering_subject_keys (subject_id, key_id, wrapped, created_at, is_current)
       values ($1, $2, $3, $4, true)`,
      [subjectId, key.keyId, wrap(masterKey, key), now],
    );
    return E.right(key);
  };

  const lockSubject = (tx: SqlExecutor, subjectId: string) =>
    tx.query('select pg_advisory_xact_lock(hashtext($1))', [`fostering-subject:${subjectId}`]);

  return {
    currentKey: async (subjectId, now) =>
      E.flattenW(
        await run(async () => {
          const known = await current(client, subjectId);
          if (known !== undefined) return E.right(known);
          return client.transaction(async (tx) => {
            await lockSubject(tx, subjectId);
            // Another process may have made it while this one waited for the lock.
            const made = await current(tx, subjectId);
            return made === undefined ? makeCurrent(tx, subjectId, now) : E.right(made);
          });
        }),
      ),
    findKey: async (subjectId, keyId) =>
      run(async (): Promise<KeyLookup> => {
        const erased = await erasedAt(client, subjectId);
        if (erased !== undefined) return { found: 'erased', erasedAt: erased };
        const rows = await client.query<KeyRow>(
          'select key_id, wrapped, created_at from fostering_subject_keys where subject_id = $1 and key_id = $2',
          [subjectId, keyId],
        );
        return rows[0] === undefined ? { found: 'none' } : { found: 'key', key: keyOf(subjectId, rows[0]) };
      }),
    rotate: async (subjectId, now) =>
      E.flattenW(
        await run(() =>
          client.transaction(async (tx) => {
            await lockSubject(tx, subjectId);
            return makeCurrent(tx, subjectId, now);
          }),
        ),
      ),
    destroy: async (subjectId, now) =>
      run(() =>
        client.transaction(async (tx) => {
          await lockSubject(tx, subjectId);
          await tx.query(
            'insert into fostering_erased_subjects (subject_id, erased_at) values ($1, $2) on conflict do nothing',
            [subjectId, now],
          );
          await tx.query('delete from fostering_subject_keys where subject_id = $1', [subjectId]);
          return { erasedAt: (await erasedAt(tx, subjectId)) ?? now };
        }),
      ),
  };
};
