import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { inMemoryOutbox } from '../eventsourcing/index.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { rileysPlacement } from '../reviews/__fixtures__/riley.js';
import { notificationScheduler } from './scheduler.js';

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

describe('notification scheduler', () => {
  it('raises each deadline notification once across ticks, restarts and days', async () => {
    const { store } = await rileysPlacement();
    const outbox = inMemoryOutbox();
    const policy = {
      ...defaultAgencyPolicy,
      notifications: { ...defaultAgencyPolicy.notifications, channels: ['webhook', 'email'] },
    };
    const day = (d: string) => new Date(`${d}T07:00:00Z`);
    const first = right(await notificationScheduler({ store, outbox, policy }).tick(day('2025-08-31')));
    expect(first.raised).toBeGreaterThan(0);
    expect(first.added).toBe(first.raised * 2);
    expect(right(await notificationScheduler({ store, outbox, policy }).tick(day('2025-08-31'))).added).toBe(
      0,
    );
    const messages = right(await outbox.list({ status: 'pending' }));
    expect(new Set(messages.map((m) => m.topic))).toEqual(
      new Set(['notification.webhook', 'notification.email']),
    );
    const payload = messages[0]?.payload as { rule: { id: string; citation: string }; audience: string };
    expect(payload.rule.citation).not.toBe('');
    const later = right(await notificationScheduler({ store, outbox, policy }).tick(day('2025-12-31')));
    expect(later.added).toBeLessThanOrEqual(later.raised * 2);
    const all = right(await outbox.list({ status: 'pending' })).map((m) => m.messageId);
    expect(new Set(all).size).toBe(all.length);
    expect(all.some((id) => id.startsWith('deadline-overdue:'))).toBe(true);
    // The allergy the safe-care plan leaves out is a finding with no deadline: raised once, to both audiences.
    expect(
      all.filter((id) => id.startsWith('finding:risk-complete/health-need-not-in-safe-care-plan/')),
    ).toHaveLength(4);
  });
});
