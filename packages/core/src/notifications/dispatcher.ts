import * as E from 'fp-ts/lib/Either.js';
import type { Clock, Outbox, OutboxEntry, OutboxLease, StoreUnavailable } from '../eventsourcing/index.js';
import { systemClock } from '../eventsourcing/index.js';

/** What a delivery adapter reports: delivered, or failed and whether trying again may help. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered' }
  | {
      readonly kind: 'failed';
      readonly retriable: boolean;
      readonly error: string;
      /** The receiver asked to wait at least this long (an HTTP Retry-After): honoured if longer than the backoff. */
      readonly retryAfterMs?: number;
    };

/** A delivery adapter (webhook, email): delivers one message and says how it went; never throws on purpose. */
export interface DeliveryChannel {
  readonly name: string;
  readonly deliver: (entry: OutboxEntry) => Promise<DeliveryOutcome>;
}

export interface RetryPolicy {
  /** Attempts before a message goes to the dead-letter list. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
};

/**
 * Exponential backoff with full jitter: a random delay up to base × 2^(attempt − 1), capped. The randomness
 * spreads retries from many dispatchers so that a receiver coming back up is not hit by all of them at once.
 */
export const retryDelay = (attempt: number, policy: RetryPolicy, random: () => number): number =>
  Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(attempt - 1, 0)));

export interface DispatcherConfig {
  readonly outbox: Outbox;
  readonly channel: DeliveryChannel;
  /** The outbox topics this dispatcher delivers. */
  readonly topics: ReadonlyArray<string>;
  readonly clock?: Clock;
  readonly retry?: RetryPolicy;
  readonly batchSize?: number;
  /** How long a claimed batch is ours; a dispatcher that dies loses its batch to another after this. */
  readonly leaseMs?: number;
  readonly random?: () => number;
}

export interface BatchResult {
  readonly claimed: number;
  readonly delivered: number;
  readonly retried: number;
  readonly dead: number;
  /** Reports ignored because the lease had passed to another dispatcher. */
  readonly leaseLost: number;
  /** Left undelivered because the batch's lease ran out first: another dispatcher may already have them. */
  readonly skipped: number;
}

/**
 * Delivers outbox messages through one channel with bounded retries. Each batch is claimed under a lease, so
 * dispatchers in several processes share the work and a crashed one's batch is picked up when its lease ends:
 * nothing is lost, and a message may be delivered more than once, which receivers handle by its id.
 */
export const dispatcher = (config: DispatcherConfig) => {
  const clock = config.clock ?? systemClock;
  const retry = config.retry ?? defaultRetryPolicy;
  const random = config.random ?? Math.random;
  const batchSize = config.batchSize ?? 10;
  const leaseMs = config.leaseMs ?? 60_000;

  const deliverOne = async (lease: OutboxLease): Promise<DeliveryOutcome> => {
    try {
      return await config.channel.deliver(lease.entry);
    } catch (error) {
      // A throwing adapter is a bug, but losing the message to it would be worse: retry, and keep the reason.
      return {
        kind: 'failed',
        retriable: true,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  };

  const runOnce = async (): Promise<E.Either<StoreUnavailable, BatchResult>> => {
    const claimed = await config.outbox.claim({
      now: clock.now(),
      limit: batchSize,
      leaseMs,
      topics: config.topics,
    });
    if (E.isLeft(claimed)) return claimed;
    const counts = {
      claimed: claimed.right.length,
      delivered: 0,
      retried: 0,
      dead: 0,
      leaseLost: 0,
      skipped: 0,
    };
    for (const lease of claimed.right) {
      // Slow deliveries can outlast the lease; past it the message may be someone else's, so leave it to them.
      if (clock.now().getTime() >= lease.leasedUntil.getTime()) {
        counts.skipped += 1;
        continue;
      }
      const outcome = await deliverOne(lease);
      const now = clock.now();
      const attempts = lease.entry.attempts;
      const settlement =
        outcome.kind === 'delivered'
          ? ({ kind: 'delivered' } as const)
          : outcome.retriable && attempts < retry.maxAttempts
            ? ({
                kind: 'retry',
                at: new Date(
                  now.getTime() + Math.max(retryDelay(attempts, retry, random), outcome.retryAfterMs ?? 0),
                ),
                error: outcome.error,
              } as const)
            : ({
                kind: 'dead',
                error: outcome.retriable ? `${outcome.error} (after ${attempts} attempts)` : outcome.error,
              } as const);
      const settled = await config.outbox.settle(lease, settlement, now);
      if (E.isLeft(settled)) return settled;
      if (settled.right === 'lease-lost') counts.leaseLost += 1;
      else if (settlement.kind === 'delivered') counts.delivered += 1;
      else if (settlement.kind === 'retry') counts.retried += 1;
      else counts.dead += 1;
    }
    return E.right(counts);
  };

  return { runOnce };
};
