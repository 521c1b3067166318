import * as E from 'fp-ts/lib/Either.js';
import { type StoreUnavailable, storeUnavailable } from './errors.js';
import { newEventId } from './ids.js';
import type { JsonValue } from './json.js';
import {
  checkClaimOptions,
  checkOutboxMessage,
  type Outbox,
  type OutboxEntry,
  type OutboxMessage,
} from './outbox.js';

interface Row {
  entry: OutboxEntry;
  leaseId?: string;
  leasedUntil?: Date;
}

/** An in-memory outbox that an in-memory event store can also write to within an append. */
export interface InMemoryOutbox extends Outbox {
  /** Adds at once, with no await in between: what lets an in-memory append write events and messages together. */
  readonly addNow: (messages: ReadonlyArray<OutboxMessage>, now: Date) => ReadonlyArray<string>;
  readonly close: () => void;
}

const copy = (entry: OutboxEntry): OutboxEntry => structuredClone(entry);

/** The outbox in process memory, with the same semantics as the PostgreSQL one. */
export const inMemoryOutbox = (options: { readonly name?: string } = {}): InMemoryOutbox => {
  const name = options.name ?? 'in-memory';
  const rows = new Map<string, Row>();
  let sequence = 0;
  let closed = false;

  // Async so that a bug report (a malformed message, a nonsensical claim) arrives as a rejection, as elsewhere.
  const guard = async <A>(run: () => A): Promise<E.Either<StoreUnavailable, A>> =>
    closed
      ? E.left(storeUnavailable(name, `outbox '${name}' is closed`, { reason: 'closed' }))
      : E.right(run());

  const addNow = (messages: ReadonlyArray<OutboxMessage>, now: Date): ReadonlyArray<string> => {
    messages.forEach(checkOutboxMessage);
    const added: string[] = [];
    for (const message of messages) {
      if (rows.has(message.messageId)) continue;
      sequence += 1;
      rows.set(message.messageId, {
        entry: {
          messageId: message.messageId,
          topic: message.topic,
          payload: JSON.parse(JSON.stringify(message.payload)) as JsonValue,
          ...(message.sourceEventId === undefined ? {} : { sourceEventId: message.sourceEventId }),
          sequence,
          status: 'pending',
          attempts: 0,
          addedAt: new Date(now.getTime()),
          availableAt: new Date((message.deliverAfter ?? now).getTime()),
        },
      });
      added.push(message.messageId);
    }
    return added;
  };

  const inTopics = (topics: ReadonlyArray<string> | undefined) => (entry: OutboxEntry) =>
    topics === undefined || topics.includes(entry.topic);

  return {
    name,
    addNow,
    add: (messages, now) => guard(() => addNow(messages, now)),
    claim: (options) =>
      guard(() => {
        checkClaimOptions(options);
        const now = options.now.getTime();
        const leaseId = newEventId();
        const leasedUntil = new Date(now + options.leaseMs);
        const due = [...rows.values()]
          .filter(
            (row) =>
              row.entry.status === 'pending' &&
              row.entry.availableAt.getTime() <= now &&
              (row.leasedUntil === undefined || row.leasedUntil.getTime() <= now) &&
              inTopics(options.topics)(row.entry),
          )
          .sort((a, b) => a.entry.sequence - b.entry.sequence)
          .slice(0, options.limit);
        return due.map((row) => {
          row.entry = { ...row.entry, attempts: row.entry.attempts + 1 };
          row.leaseId = leaseId;
          row.leasedUntil = leasedUntil;
          return { entry: copy(row.entry), leaseId, leasedUntil: new Date(leasedUntil.getTime()) };
        });
      }),
    settle: (lease, outcome, now) =>
      guard(() => {
        const row = rows.get(lease.entry.messageId);
        if (row === undefined || row.leaseId !== lease.leaseId || row.entry.status !== 'pending') {
          return 'lease-lost' as const;
        }
        const { lastError: _previous, ...entry } = row.entry;
        row.entry =
          outcome.kind === 'delivered'
            ? { ...entry, status: 'delivered', settledAt: new Date(now.getTime()) }
            : outcome.kind === 'retry'
              ? { ...entry, availableAt: new Date(outcome.at.getTime()), lastError: outcome.error }
              : { ...entry, status: 'dead', lastError: outcome.error, settledAt: new Date(now.getTime()) };
        delete row.leaseId;
        delete row.leasedUntil;
        return 'settled' as const;
      }),
    list: (options) =>
      guard(() =>
        [...rows.values()]
          .map((row) => row.entry)
          .filter((entry) => entry.status === options.status && inTopics(options.topics)(entry))
          .sort((a, b) => a.sequence - b.sequence)
          .slice(0, options.limit ?? Number.POSITIVE_INFINITY)
          .map(copy),
      ),
    replay: (messageIds, now) =>
      guard(() =>
        messageIds.filter((id) => {
          const row = rows.get(id);
          if (row === undefined || row.entry.status !== 'dead') return false;
          const { settledAt: _settled, ...entry } = row.entry;
          row.entry = { ...entry, status: 'pending', attempts: 0, availableAt: new Date(now.getTime()) };
          return true;
        }),
      ),
    purgeDelivered: (before) =>
      guard(() => {
        let purged = 0;
        for (const [id, row] of rows) {
          if (row.entry.status === 'delivered' && (row.entry.settledAt?.getTime() ?? 0) < before.getTime()) {
            rows.delete(id);
            purged += 1;
          }
        }
        return purged;
      }),
    close: () => {
      closed = true;
    },
  };
};
