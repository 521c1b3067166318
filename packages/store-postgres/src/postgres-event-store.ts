import {
  type AppendResult,
  AppendSignal,
  type Clock,
  catchUpSubscription,
  decodePosition,
  type EventFilter,
  type EventStore,
  matchesFilter,
  noStream,
  type OutboxDerivation,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  StoreFailure,
  storeUnavailable,
  streamAt,
  systemClock,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { type Append, type AppendOutcome, DerivationFailure, Refusal } from './append.js';
import { appendAll } from './append-all.js';
import { type GroupCommitOptions, groupCommit } from './group-commit.js';
import { migrate } from './migrations.js';
import { APPENDED_CHANNEL } from './positions.js';
import { type EventRow, eventColumns, recordedEventOf } from './rows.js';
import type { QueryOptions, SqlClient } from './sql.js';
import { sqlFailure } from './sql-errors.js';

export interface PostgresEventStoreOptions {
  readonly clock?: Clock;
  /** Apply migrations when the store opens (default true); embedders who migrate separately turn it off. */
  readonly migrate?: boolean;
  /** Rows per page for reads and subscriptions. */
  readonly pageSize?: number;
  /** Fallback: how often subscriptions look for new events if no notification woke them, in milliseconds. */
  readonly pollIntervalMs?: number;
  /**
   * Derives outbox messages from each append's events and writes them to the outbox table in the same
   * transaction; `postgresOutbox` over the same database hands them to dispatchers.
   */
  readonly outbox?: { readonly derive: OutboxDerivation };
  /**
   * Concurrent appends share transactions (group commit): how many append transactions may be in flight and how
   * many events one may take (docs/adapters/postgres.md).
   */
  readonly groupCommit?: GroupCommitOptions;
}

interface QueuedAppend {
  readonly writes: Append;
  readonly streamIds: ReadonlyArray<string>;
  readonly events: number;
}

const positionOf = (position: string | undefined): string =>
  position === undefined ? '0' : (decodePosition(position as never)[0]?.toString() ?? '0');

/** SQL conditions and parameters for a filter, numbered after `offset` parameters already used. */
const filterSql = (filter: EventFilter | undefined, offset: number): { sql: string; params: unknown[] } => {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter?.streamPrefixes !== undefined) {
    // LIKE patterns, with the prefix's own wildcards escaped: a plain per-row condition, so a read can walk the
    // log in position order (a join against the prefix list made the planner collect and sort every match).
    params.push(filter.streamPrefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
    parts.push(`stream_id like any($${offset + params.length}::text[])`);
  }
  if (filter?.eventTypes !== undefined) {
    params.push(filter.eventTypes);
    parts.push(`type = any($${offset + params.length}::text[])`);
  }
  return { sql: parts.map((p) => ` and ${p}`).join(''), params };
};

/**
 * The event store on PostgreSQL, for a server (`pgPoolClient`) or embedded PGlite (`pgliteClient`) alike.
 * Expected revisions are enforced under a row lock in the same transaction as the insert; positions are
 * allocated under a transaction-scoped advisory lock, so they become visible in order and a catch-up reader
 * never skips one (docs/adapters/postgres.md).
 */
export const postgresEventStore = async (
  client: SqlClient,
  options: PostgresEventStoreOptions = {},
): Promise<EventStore> => {
  if (options.migrate ?? true) await migrate(client);
  const clock = options.clock ?? systemClock;
  const pageSize = options.pageSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const signal = new AppendSignal();
  let closed = false;

  const failure = (error: unknown) => sqlFailure(client.name, error);
  const closedStore = () =>
    storeUnavailable(client.name, `store '${client.name}' is closed`, { reason: 'closed' });

  const query = async <Row extends object>(
    text: string,
    params: ReadonlyArray<unknown>,
    options?: QueryOptions,
  ) => {
    if (closed) throw new StoreFailure(closedStore());
    try {
      return await client.query<Row>(text, params, options);
    } catch (error) {
      throw new StoreFailure(failure(error));
    }
  };

  const batches = groupCommit<QueuedAppend, AppendOutcome>(
    (appends) =>
      appendAll(
        client,
        appends.map((a) => a.writes),
        clock,
        options.outbox?.derive,
      ),
    options.groupCommit,
  );

  const appendToStreams: NonNullable<EventStore['appendToStreams']> = async (writes) => {
    if (closed) return E.left(closedStore());
    const streamIds = writes.map((w) => w.streamId);
    if (new Set(streamIds).size !== streamIds.length) {
      throw new TypeError('appendToStreams: a stream appears twice');
    }
    const events = writes.reduce((n, w) => n + w.events.length, 0);
    try {
      const outcome = await batches.submit({ writes, streamIds, events });
      if (E.isRight(outcome) && outcome.right.some((r) => !r.replayed && r.events.length > 0))
        signal.notify();
      return outcome;
    } catch (error) {
      if (error instanceof Refusal) return E.left(error.error);
      // The transaction rolled back; a bug in the embedder's derivation is theirs to see, not a store failure.
      if (error instanceof DerivationFailure) throw error.thrown;
      return E.left(failure(error));
    }
  };

  const lastRevision = async (streamId: string): Promise<number> => {
    const rows = await query<{ revision: string }>(
      'select revision::text as revision from fostering_streams where stream_id = $1',
      [streamId],
      { name: 'fostering_stream_revision' },
    );
    return Number(rows[0]?.revision ?? -1);
  };

  async function* readStream(
    streamId: string,
    options: ReadStreamOptions = {},
  ): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    let next = from === 'start' ? 0 : from === 'end' ? await lastRevision(streamId) : from;
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let count = 0;
    // Keyset paging on the revision: each page starts where the last one stopped.
    while (count < limit) {
      const rows = await query<EventRow>(
        `select ${eventColumns} from fostering_events where stream_id = $1 and stream_revision ${backwards ? '<=' : '>='} $2
         order by stream_revision ${backwards ? 'desc' : 'asc'} limit $3`,
        [streamId, next, Math.min(pageSize, limit - count)],
        { name: backwards ? 'fostering_read_stream_backwards' : 'fostering_read_stream' },
      );
      for (const row of rows) {
        count++;
        yield recordedEventOf(row);
      }
      if (rows.length < pageSize) return;
      const last = Number((rows[rows.length - 1] as EventRow).revision);
      next = backwards ? last - 1 : last + 1;
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const filter = filterSql(options.filter, 2);
    let position =
      options.direction === 'backwards'
        ? options.before === undefined
          ? (2n ** 63n - 1n).toString()
          : positionOf(options.before)
        : positionOf(options.after);
    let count = 0;
    for (;;) {
      const rows = await query<EventRow>(
        `select ${eventColumns} from fostering_events where global_position ${backwards ? '<' : '>'} $1::bigint
         ${filter.sql} order by global_position ${backwards ? 'desc' : 'asc'} limit $2`,
        [position, Math.min(pageSize, limit - count), ...filter.params],
        // Filtered reads vary in text; only the unfiltered ones, the rebuild's, are worth preparing.
        filter.sql === '' ? { name: backwards ? 'fostering_read_all_backwards' : 'fostering_read_all' } : {},
      );
      for (const row of rows) {
        count++;
        yield recordedEventOf(row);
      }
      if (rows.length < pageSize || count >= limit) return;
      position = (rows[rows.length - 1] as EventRow).position;
    }
  }

  const readPage = async (after: string | undefined) => {
    const rows = await query<EventRow>(
      `select ${eventColumns} from fostering_events where global_position > $1::bigint order by global_position limit $2`,
      [positionOf(after), pageSize],
      { name: 'fostering_read_page' },
    );
    return rows.map(recordedEventOf);
  };

  // Subscriptions wake on NOTIFY from any process; polling remains as the fallback should a notification be lost.
  let listening: Promise<(() => Promise<void>) | undefined> | undefined;
  const listenOnce = () => {
    listening ??= client.listen(APPENDED_CHANNEL, () => signal.notify()).catch(() => undefined);
    return listening;
  };

  const nextAppend = () =>
    Promise.race([
      signal.next(),
      // Other processes append too: look again after the poll interval even without a local signal.
      new Promise<'appended'>((resolve) => setTimeout(() => resolve('appended'), pollIntervalMs).unref()),
    ]).then((outcome) => (closed ? ('closed' as const) : outcome));

  return {
    name: client.name,
    append: async (streamId, events, { expectedRevision }) =>
      E.map((results: ReadonlyArray<AppendResult>) => results[0] as AppendResult)(
        await appendToStreams([{ streamId, events, expectedRevision }]),
      ),
    appendToStreams,
    readStream,
    readAll,
    subscribeToAll: (subscribe = {}) => {
      const matches = matchesFilter(subscribe.filter);
      void listenOnce();
      return catchUpSubscription(
        {
          nextAppend,
          readPage: async (after) => {
            const page = await readPage(after);
            return { events: page.filter(matches), scannedTo: page[page.length - 1]?.globalPosition };
          },
        },
        subscribe.after,
      );
    },
    streamState: async (streamId) => {
      const revision = await lastRevision(streamId);
      return revision < 0 ? noStream : streamAt(revision);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      signal.close();
      const unlisten = await listening;
      await unlisten?.();
      await client.close();
    },
  };
};
