import {
  checkClaimOptions,
  checkOutboxMessage,
  type JsonValue,
  newEventId,
  type Outbox,
  type OutboxEntry,
  type OutboxMessage,
  type StoreUnavailable,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import type { SqlClient, SqlExecutor } from './sql.js';
import { sqlFailure } from './sql-errors.js';

interface OutboxRow {
  readonly message_id: string;
  readonly topic: string;
  readonly payload: JsonValue;
  readonly source_event_id: string | null;
  readonly sequence: string;
  readonly status: OutboxEntry['status'];
  readonly attempts: number;
  readonly added_at: Date;
  readonly available_at: Date;
  readonly last_error: string | null;
  readonly settled_at: Date | null;
  readonly lease_id: string | null;
  readonly leased_until: Date | null;
}

const columnsOf = (table: string) =>
  ['message_id', 'topic', 'payload', 'source_event_id', 'status', 'attempts', 'added_at', 'available_at']
    .concat(['last_error', 'settled_at', 'lease_id', 'leased_until'])
    .map((column) => `${table}.${column}`)
    .concat(`${table}.sequence::text as sequence`)
    .join(', ');

const entryOf = (row: OutboxRow): OutboxEntry => ({
  messageId: row.message_id,
  topic: row.topic,
  payload: row.payload,
  ...(row.source_event_id === null ? {} : { sourceEventId: row.source_event_id }),
  sequence: Number(row.sequence),
  status: row.status,
  attempts: Number(row.attempts),
  addedAt: new Date(row.added_at),
  availableAt: new Date(row.available_at),
  ...(row.last_error === null ? {} : { lastError: row.last_error }),
  ...(row.settled_at === null ? {} : { settledAt: new Date(row.settled_at) }),
});

const bySequence = (a: OutboxRow, b: OutboxRow) => Number(a.sequence) - Number(b.sequence);

/**
 * Inserts messages in one statement, skipping ids already present. The messages travel as one JSON parameter
 * and are unpacked by the server, so no value is ever part of the statement text. Used by the append
 * transaction and by `add` alike.
 */
export const insertOutboxMessages = async (
  tx: SqlExecutor,
  messages: ReadonlyArray<OutboxMessage>,
  addedAt: Date,
): Promise<ReadonlyArray<string>> => {
  if (messages.length === 0) return [];
  messages.forEach(checkOutboxMessage);
  const rows = messages.map((message, ord) => ({
    ord,
    message_id: message.messageId,
    topic: message.topic,
    payload: message.payload,
    source_event_id: message.sourceEventId ?? null,
    deliver_after: message.deliverAfter?.toISOString() ?? null,
  }));
  const inserted = await tx.query<{ message_id: string }>(
    `insert into fostering_outbox (message_id, topic, payload, source_event_id, added_at, available_at)
     select m.message_id, m.topic, m.payload, m.source_event_id, $2, coalesce(m.deliver_after, $2)
     from jsonb_to_recordset($1::jsonb)
       as m(ord integer, message_id text, topic text, payload jsonb, source_event_id text, deliver_after timestamptz)
     order by m.ord
     on conflict (message_id) do nothing
     returning message_id`,
    [JSON.stringify(rows), addedAt],
  );
  const added = new Set(inserted.map((row) => row.message_id));
  return [...new Set(messages.map((m) => m.messageId))].filter((id) => added.has(id));
};

/**
 * The outbox in PostgreSQL: the table the event store writes derived messages to in the append's transaction.
 * Claims take row locks with SKIP LOCKED, so dispatchers in several processes share the work without waiting
 * for one another or ever holding the same message.
 */
export const postgresOutbox = (client: SqlClient): Outbox => {
  const run = async <A>(work: () => Promise<A>): Promise<E.Either<StoreUnavailable, A>> => {
    try {
      return E.right(await work());
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError) throw error;
      return E.left(sqlFailure(client.name, error));
    }
  };
  const topicsParam = (topics: ReadonlyArray<string> | undefined) =>
    topics === undefined ? null : [...topics];

  return {
    name: client.name,
    add: (messages, now) => run(() => insertOutboxMessages(client, messages, now)),
    claim: async (options) => {
      checkClaimOptions(options);
      const leaseId = newEventId();
      const leasedUntil = new Date(options.now.getTime() + options.leaseMs);
      return run(async () => {
        const rows = await client.query<OutboxRow>(
          `with due as (
             select sequence from fostering_outbox
             where status = 'pending' and available_at <= $1 and (leased_until is null or leased_until <= $1)
               and ($3::text[] is null or topic = any($3::text[]))
             order by sequence limit $2
             for update skip locked
           )
           update fostering_outbox o set attempts = o.attempts + 1, lease_id = $4, leased_until = $5
           from due where o.sequence = due.sequence
           returning ${columnsOf('o')}`,
          [options.now, options.limit, topicsParam(options.topics), leaseId, leasedUntil],
        );
        return [...rows].sort(bySequence).map((row) => ({ entry: entryOf(row), leaseId, leasedUntil }));
      });
    },
    settle: (lease, outcome, now) =>
      run(async () => {
        const rows = await client.query<{ message_id: string }>(
          `update fostering_outbox
           set status = $3, available_at = coalesce($4, available_at), last_error = $5, settled_at = $6,
             lease_id = null, leased_until = null
           where message_id = $1 and lease_id = $2 and status = 'pending'
           returning message_id`,
          [
            lease.entry.messageId,
            lease.leaseId,
            outcome.kind === 'retry' ? 'pending' : outcome.kind,
            outcome.kind === 'retry' ? outcome.at : null,
            outcome.kind === 'delivered' ? null : outcome.error,
            outcome.kind === 'retry' ? null : now,
          ],
        );
        return rows.length === 1 ? ('settled' as const) : ('lease-lost' as const);
      }),
    list: (options) =>
      run(async () => {
        const rows = await client.query<OutboxRow>(
          `select ${columnsOf('fostering_outbox')} from fostering_outbox
           where status = $1 and ($2::text[] is null or topic = any($2::text[]))
           order by fostering_outbox.sequence limit $3`, // the bare name would sort by the text alias
          [options.status, topicsParam(options.topics), options.limit ?? null],
        );
        return rows.map(entryOf);
      }),
    replay: (messageIds, now) =>
      run(async () => {
        const rows = await client.query<{ message_id: string }>(
          `update fostering_outbox set status = 'pending', attempts = 0, available_at = $2, settled_at = null
           where message_id = any($1::text[]) and status = 'dead'
           returning message_id`,
          [[...messageIds], now],
        );
        const replayed = new Set(rows.map((row) => row.message_id));
        return messageIds.filter((id) => replayed.has(id));
      }),
    purgeDelivered: (before) =>
      run(async () => {
        const rows = await client.query<{ purged: string }>(
          `with purged as (
             delete from fostering_outbox where status = 'delivered' and settled_at < $1 returning 1
           )
           select count(*)::text as purged from purged`,
          [before],
        );
        return Number(rows[0]?.purged ?? 0);
      }),
  };
};
