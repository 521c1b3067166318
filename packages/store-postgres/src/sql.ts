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
    options?: QueryOptions,
  ) => Promise<ReadonlyArray<Row>>;
}

export interface QueryOptions {
  /**
   * Names a statement whose text never changes, so a driver that can may prepare it once per connection and
   * skip parsing and planning on every later run (the store's hot statements: appends, stream and catch-up reads).
   * A driver may ignore it.
   */
  readonly name?: string;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it rejects. */
  readonly transaction: <A>(work: (tx: SqlExecutor) => Promise<A>) => Promise<A>;
  readonly close: () => Promise<void>;
  /**
   * Calls `onNotify` whenever a notification arrives on `channel` (PostgreSQL LISTEN/NOTIFY); resolves to a
   * function that stops listening.
   */
  readonly listen: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
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
  listen: async (channel, onNotify) => db.listen(channel, onNotify),
  close: async () => {
    if (options.closeDatabase ?? true) await db.close();
  },
});

const pgExecutor = (client: Pool | PoolClient, prepare: boolean): SqlExecutor => ({
  query: async <Row extends object>(
    text: string,
    params: ReadonlyArray<unknown> = [],
    options: QueryOptions = {},
  ) => {
    const name = prepare ? options.name : undefined;
    return (
      await client.query(
        name === undefined ? { text, values: [...params] } : { name, text, values: [...params] },
      )
    ).rows as Row[];
  },
});

// A connection the server drops (a restart, a failover) makes `pg` emit 'error' on the client; unlistened, that
// would crash the process. The failure reaches the caller anyway, as the rejection of the query in flight or of
// the next one, which the store turns into a `StoreUnavailable`.
const ignoreConnectionError = () => undefined;

export interface PgPoolClientOptions {
  /** End the pool when the store closes (default true). */
  readonly closePool?: boolean;
  /**
   * Prepare the store's hot statements once per connection (default true). Turn it off behind a connection
   * pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21, or without
   * `max_prepared_statements`).
   */
  readonly prepareStatements?: boolean;
}

/** A PostgreSQL server through a `pg` pool: each transaction on its own pooled connection. */
export const pgPoolClient = (pool: Pool, options: PgPoolClientOptions = {}): SqlClient => {
  pool.on('error', ignoreConnectionError);
  const prepare = options.prepareStatements ?? true;
  return {
    name: 'postgres',
    ...pgExecutor(pool, prepare),
    transaction: async (work) => {
      const client = await pool.connect();
      client.on('error', ignoreConnectionError);
      // A connection whose rollback failed is broken: destroy it rather than return it to the pool.
      let broken = false;
      try {
        await client.query('begin');
        const result = await work(pgExecutor(client, prepare));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.off('error', ignoreConnectionError);
        client.release(broken);
      }
    },
    listen: async (channel, onNotify) => {
      // LISTEN needs a connection of its own, held for as long as someone listens.
      const client = await pool.connect();
      client.on('error', ignoreConnectionError);
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.query(`listen ${client.escapeIdentifier(channel)}`);
      return async () => {
        await client.query(`unlisten ${client.escapeIdentifier(channel)}`).catch(() => undefined);
        client.off('error', ignoreConnectionError);
        client.release(true);
      };
    },
    close: async () => {
      if (options.closePool ?? true) await pool.end();
    },
  };
};
