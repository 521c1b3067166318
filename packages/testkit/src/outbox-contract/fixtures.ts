import type {
  EventStore,
  Outbox,
  OutboxDerivation,
  OutboxLease,
  OutboxMessage,
  RecordedEvent,
} from '@fostering/core';
import { afterEach, beforeEach } from 'vitest';
import { freshCategory } from '../event-store-contract/fixtures.js';

/** An event store that writes the outbox, and the outbox it writes; closed together after each test. */
export interface OutboxSetup {
  readonly store: EventStore;
  readonly outbox: Outbox;
  readonly close?: () => Promise<void>;
}

/**
 * Builds a store whose appends run `derive` and an outbox over the same storage. The suite passes a derivation
 * that routes by stream category, so a setup shared between tests (a database) still gives exact answers.
 */
export type MakeOutboxSetup = (derive: OutboxDerivation) => OutboxSetup | Promise<OutboxSetup>;

/**
 * The suite's derivation: one message per event of a category a test registered, on that test's topic. Events
 * of unregistered categories derive nothing; a category registered as throwing makes the derivation throw.
 */
export const suiteDerivation = () => {
  const topics = new Map<string, string | 'throw'>();
  const derive: OutboxDerivation = (events) =>
    events.flatMap((event: RecordedEvent): OutboxMessage[] => {
      const topic = topics.get(event.streamId.split('-')[0] ?? '');
      if (topic === 'throw') throw new Error('derivation bug on purpose');
      return topic === undefined
        ? []
        : [
            {
              messageId: `${event.eventId}:notice`,
              topic,
              payload: { n: event.data },
              sourceEventId: event.eventId,
            },
          ];
    });
  /** A fresh category whose events derive messages on a fresh topic. */
  const register = (behaviour: 'derive' | 'throw' = 'derive') => {
    const category = freshCategory();
    const topic = `topic.${category}`;
    topics.set(category, behaviour === 'throw' ? 'throw' : topic);
    return { category, topic };
  };
  return { derive, register };
};

export const useOutboxSetup = (make: MakeOutboxSetup) => {
  const derivation = suiteDerivation();
  let setup: OutboxSetup | undefined;
  beforeEach(async () => {
    setup = await make(derivation.derive);
  });
  afterEach(async () => {
    await setup?.close?.();
    await setup?.store.close();
    setup = undefined;
  });
  return {
    register: derivation.register,
    get: (): OutboxSetup => {
      if (setup === undefined) throw new Error('the outbox is only available inside a test');
      return setup;
    },
  };
};

export const at = (seconds: number): Date => new Date(Date.UTC(2026, 10, 1, 9, 0, 0) + seconds * 1000);

let sequence = 0;
export const message = (topic: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
  messageId: `${topic}:m${(sequence++).toString(36)}`,
  topic,
  payload: { due: '2026-12-01', rule: 'approval-review-annual' },
  ...overrides,
});

export const idsOfLeases = (leases: ReadonlyArray<OutboxLease>) =>
  leases.map((lease) => lease.entry.messageId);
