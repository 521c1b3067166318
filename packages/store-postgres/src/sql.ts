import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

/**
 * The little the store needs from a database: parameterised queries and transactions. Every statement takes its
 * values as parameters, never by concatenation, so no input can change a statement's meaning.
 */
export interface SqlExecutor {
  readonly query: <Row extends object>(
    text: string,
    params?: ReadonlyArray<unknown>,
  ) => Promise<ReadonlyArray<Row>>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it rejects. */
  readonly transaction: <A>(work: (tx: SqlExecutor) => Promise<A>) => Promise<A>;
  readonly close: () => Promise<void>;
  /** What the store reports in `StoreUnavailable` errors. */
  readonly name: string;
}

const pgliteExecutor = (db: PGlite | Transaction): SqlExecutor => ({
  query: async <Row extends object>(text: string, params: ReadonlyArray<unknown> = []) =>
    (await db.query<Row>(text, [...params])).rows,
});

/** PGlite, in process: in memory or in a directory. It runs one transaction at a time. */
export const pgliteClient = (db: PGlite, options: { readonly closeDatabase?: boolean } = {}): SqlClient => ({
  name: 'pglite',
  ...pgliteExecutor(db),
  transaction: (work) => db.transaction((tx) => work(pgliteExecutor(tx))),
  close: async () => {
    if (options.closeDatabase ?? true) await db.close();
  },
});

const pgExecutor = (client: Pool | PoolClient): SqlExecutor => ({
  query: async <Row extends object>(text: string, params: ReadonlyArray<unknown> = []) =>
    (await client.query(text, [...params])).rows as Row[],
});

/** A PostgreSQL server through a `pg` pool: each transaction on its own pooled connection. */
export const pgPoolClient = (pool: Pool, options: { readonly closePool?: boolean } = {}): SqlClient => ({
  name: 'postgres',
  ...pgExecutor(pool),
  transaction: async (work) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const result = await work(pgExecutor(client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  },
  close: async () => {
    if (options.closePool ?? true) await pool.end();
  },
});
