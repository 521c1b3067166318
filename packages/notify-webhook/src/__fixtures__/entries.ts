import type { JsonValue, OutboxEntry } from '@fostering/core';

/** An outbox entry as a dispatcher hands it to a channel after claiming it. */
export const claimedEntry = (
  messageId: string,
  options: { readonly attempts?: number; readonly payload?: JsonValue; readonly topic?: string } = {},
): OutboxEntry => ({
  messageId,
  topic: options.topic ?? 'notification.webhook',
  payload: options.payload ?? { title: 'Annual review due', rule: { id: 'annual-review' } },
  sequence: 1,
  status: 'pending',
  attempts: options.attempts ?? 1,
  addedAt: new Date('2026-03-02T09:00:00Z'),
  availableAt: new Date('2026-03-02T09:00:00Z'),
});

/** Secrets for tests: 32 bytes and more, as the settings require. */
export const secretA = 'test-secret-A-0123456789abcdef0123456789abcdef';
export const secretB = 'test-secret-B-fedcba9876543210fedcba9876543210';
