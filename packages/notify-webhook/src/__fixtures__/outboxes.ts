import { PGlite } from '@electric-sql/pglite';
import {
  type AudienceRole,
  type DeliveryChannel,
  type DeliveryOutcome,
  deadlineKey,
  inMemoryOutbox,
  type NotificationIntent,
  notificationMessages,
  type Outbox,
  type OutboxMessage,
  unsafeLocalDate,
} from '@fostering/core';
import { migrate, pgliteClient, postgresOutbox } from '@fostering/store-postgres';
import * as E from 'fp-ts/lib/Either.js';

export interface OutboxUnderTest {
  readonly outbox: Outbox;
  readonly close: () => Promise<void>;
}

/** The outboxes the delivery tests run on: core's in-memory one, and PostgreSQL's on an in-process PGlite. */
export const outboxes: ReadonlyArray<{
  readonly name: string;
  readonly open: () => Promise<OutboxUnderTest>;
}> = [
  {
    name: 'in-memory',
    open: async () => {
      const outbox = inMemoryOutbox();
      return { outbox, close: async () => outbox.close() };
    },
  },
  {
    name: 'PostgreSQL (PGlite)',
    open: async () => {
      const client = pgliteClient(new PGlite());
      await migrate(client);
      return { outbox: postgresOutbox(client), close: () => client.close() };
    },
  },
];

/** The value of a Right, or a test failure naming the Left. */
export const rightOf = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`unexpected failure: ${JSON.stringify(result.left)}`);
  return result.right;
};

const audiences: ReadonlyArray<AudienceRole> = [
  'supervising-social-worker',
  'registered-manager',
  'clinician',
];

/** `count` distinct overdue-deadline notifications, as the scheduler would raise them, each on the webhook channel. */
export const webhookNotifications = (count: number, prefix = 'h'): ReadonlyArray<OutboxMessage> =>
  Array.from({ length: count }, (_, index): NotificationIntent => {
    const rule = { id: 'annual-review', citation: 'Fostering Services (England) Regulations 2011, reg. 28' };
    const subject = { householdId: `${prefix}-${Math.floor(index / audiences.length)}` };
    const dueOn = unsafeLocalDate('2026-02-27');
    const audience = audiences[index % audiences.length] ?? 'registered-manager';
    return {
      idempotencyKey: `deadline-overdue:${deadlineKey({ rule, code: 'annual-review', subject, dueOn })}:${audience}`,
      kind: 'deadline-overdue',
      rule,
      code: 'annual-review',
      subject,
      dueOn,
      audience,
      title: `Overdue since ${dueOn}: annual review of the foster carers' approval`,
      raisedOn: unsafeLocalDate('2026-03-02'),
    };
  }).flatMap((intent) => notificationMessages(intent, ['webhook']));

export interface Observation {
  readonly id: string;
  readonly attempt: number;
  readonly outcome: DeliveryOutcome;
}

/** Wraps a channel to record every outcome the dispatcher was told, with the attempt it was for. */
export const observed = (channel: DeliveryChannel) => {
  const seen: Observation[] = [];
  return {
    seen,
    channel: {
      name: channel.name,
      deliver: async (entry) => {
        const outcome = await channel.deliver(entry);
        seen.push({ id: entry.messageId, attempt: entry.attempts, outcome });
        return outcome;
      },
    } satisfies DeliveryChannel,
  };
};
