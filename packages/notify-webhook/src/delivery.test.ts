import {
  type DeliveryOutcome,
  dispatcher,
  manualClock,
  notificationTopic,
  type Outbox,
  type RetryPolicy,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { secretA } from './__fixtures__/entries.js';
import {
  type OutboxUnderTest,
  observed,
  outboxes,
  rightOf,
  webhookNotifications,
} from './__fixtures__/outboxes.js';
import { type Receiver, type Respond, seededRandom, startReceiver } from './__fixtures__/receiver.js';
import { webhookChannel } from './channel.js';
import { verifyWebhook } from './signature.js';

const topics = [notificationTopic('webhook')];
const retry: RetryPolicy = { maxAttempts: 30, baseDelayMs: 100, maxDelayMs: 2_000 };
const start = new Date('2026-03-02T09:00:00Z');

const idsIn = async (outbox: Outbox, status: 'pending' | 'delivered' | 'dead') =>
  rightOf(await outbox.list({ status, topics })).map((entry) => entry.messageId);

describe.each(outboxes)('webhook delivery through the dispatcher, on the $name outbox', ({ open }) => {
  let under: OutboxUnderTest;
  let receiver: Receiver;
  // Every request the receiver verified, in order; and those it refused to verify.
  let verified: Array<{ readonly id: string; readonly attempt: number }>;
  let unverified: number;

  /** A receiver that verifies every request first, then answers as `respond` says. */
  const verifyingReceiver = (respond: (message: { id: string; attempt: number }) => ReturnType<Respond>) =>
    startReceiver((request) => {
      const result = verifyWebhook({ secret: secretA, body: request.body, headers: request.headers });
      if (E.isLeft(result)) {
        unverified += 1;
        return { status: 401, body: result.left.reason };
      }
      const { attempt } = JSON.parse(request.body.toString('utf8')) as { attempt: number };
      verified.push({ id: result.right.id, attempt });
      return respond({ id: result.right.id, attempt });
    });

  const channelTo = () => webhookChannel({ url: receiver.url(), secret: secretA, timeoutMs: 5_000 });

  beforeEach(async () => {
    under = await open();
    verified = [];
    unverified = 0;
  });
  afterEach(async () => {
    await receiver?.close();
    await under.close();
  });

  it('delivers every message exactly once after de-duplication, through random failures and an outage', async () => {
    const { outbox } = under;
    const messages = webhookNotifications(50);
    const added = messages.map((message) => message.messageId);
    expect(new Set(added).size).toBe(50);

    // What the receiver did with each request it verified: processed it and answered 2xx; processed it and then
    // lost the connection before answering (the sender cannot know it arrived); or failed without processing it.
    const processed: Array<{ readonly id: string; readonly attempt: number; readonly answered: boolean }> =
      [];
    const random = seededRandom(20_260_302);
    receiver = await verifyingReceiver((message) => {
      const roll = random();
      if (roll < 0.5) {
        processed.push({ ...message, answered: true });
        return { status: roll < 0.4 ? 200 : 204 };
      }
      if (roll < 0.6) {
        processed.push({ ...message, answered: false });
        return { destroy: true };
      }
      if (roll < 0.7) return { status: 500 };
      if (roll < 0.8) return { status: 503 };
      if (roll < 0.9) return { status: 429, headers: { 'retry-after': '1' } };
      return { destroy: true };
    });

    const clock = manualClock(start);
    expect(rightOf(await outbox.add(messages, clock.now()))).toEqual(added);
    const { channel, seen } = observed(channelTo());
    const dispatch = dispatcher({
      outbox,
      channel,
      topics,
      clock,
      retry,
      batchSize: 20,
      random: seededRandom(7),
    });

    // The receiver is down (not listening; connections refused) for runs 3 to 8, then back on the same port.
    const outage = { from: 3, to: 8 };
    let runs = 0;
    let pendingWhenItWentDown = 0;
    while ((await idsIn(outbox, 'pending')).length > 0) {
      runs += 1;
      if (runs > 200) throw new Error('the outbox did not drain in 200 runs');
      if (runs === outage.from) {
        pendingWhenItWentDown = (await idsIn(outbox, 'pending')).length;
        await receiver.down();
      }
      if (runs === outage.to + 1) await receiver.up();
      const batch = rightOf(await dispatch.runOnce());
      expect(batch.leaseLost).toBe(0);
      // Every retry is due within the maximum backoff.
      clock.advance(retry.maxDelayMs);
    }

    // The outage really happened while messages were waiting, and their attempts were refused connections.
    expect(pendingWhenItWentDown).toBeGreaterThan(0);
    const refused = seen.filter(
      (observation) =>
        observation.outcome.kind === 'failed' && /ECONNREFUSED/.test(observation.outcome.error),
    );
    expect(refused.length).toBeGreaterThan(0);

    // No dead letters: the policy allows enough attempts. Everything is delivered, as far as the outbox knows.
    expect(await idsIn(outbox, 'dead')).toEqual([]);
    expect(new Set(await idsIn(outbox, 'delivered'))).toEqual(new Set(added));

    // Every request the receiver got verified.
    expect(unverified).toBe(0);
    expect(verified.length).toBe(receiver.requests.length);

    // Every message arrived at least once; de-duplicated by id, exactly once each: the ids are the ids added.
    const processedIds = processed.map((entry) => entry.id);
    expect(new Set(processedIds)).toEqual(new Set(added));
    expect(processed.filter((entry) => entry.answered).map((entry) => entry.id)).toHaveLength(50);

    // Duplicates happened (the test exercises them) and only where the dispatcher never saw the earlier delivery
    // succeed: for each message, the dispatcher was told "failed" for the attempt of every processing but the
    // last (here, the receiver cut the connection after processing); the last was answered, and the dispatcher
    // was told "delivered" for it, once.
    expect(processed.length).toBeGreaterThan(added.length);
    const outcomeOf = (id: string, attempt: number): DeliveryOutcome['kind'] | undefined =>
      seen.find((observation) => observation.id === id && observation.attempt === attempt)?.outcome.kind;
    for (const id of added) {
      const times = processed.filter((entry) => entry.id === id);
      const last = times.at(-1);
      expect(last?.answered).toBe(true);
      expect(last && outcomeOf(id, last.attempt)).toBe('delivered');
      for (const earlier of times.slice(0, -1)) expect(outcomeOf(id, earlier.attempt)).toBe('failed');
      expect(
        seen.filter((observation) => observation.id === id && observation.outcome.kind === 'delivered'),
      ).toHaveLength(1);
    }
  });

  it('dead-letters a message the receiver refuses (410), and delivers it once replayed', async () => {
    const { outbox } = under;
    const messages = webhookNotifications(5, 'dl');
    const gone = messages[2]?.messageId ?? '';
    let fixed = false;
    receiver = await verifyingReceiver((message) =>
      message.id === gone && !fixed ? { status: 410, body: 'no such subscription' } : { status: 200 },
    );
    const clock = manualClock(start);
    rightOf(await outbox.add(messages, clock.now()));
    const dispatch = dispatcher({ outbox, channel: channelTo(), topics, clock, retry });

    expect(rightOf(await dispatch.runOnce())).toEqual({
      claimed: 5,
      delivered: 4,
      retried: 0,
      dead: 1,
      leaseLost: 0,
      skipped: 0,
    });
    const dead = rightOf(await outbox.list({ status: 'dead' }));
    expect(dead.map((entry) => entry.messageId)).toEqual([gone]);
    expect(dead[0]?.attempts).toBe(1); // refused, so not retried
    expect(dead[0]?.lastError).toBe(
      'HTTP 410 Gone: the receiver refused the message (not retriable); response: "no such subscription"',
    );
    // Later runs leave it alone.
    clock.advance(60_000);
    expect(rightOf(await dispatch.runOnce()).claimed).toBe(0);

    // The receiver is fixed; an operator replays the dead letter.
    fixed = true;
    expect(rightOf(await outbox.replay([gone], clock.now()))).toEqual([gone]);
    expect(rightOf(await dispatch.runOnce())).toEqual({
      claimed: 1,
      delivered: 1,
      retried: 0,
      dead: 0,
      leaseLost: 0,
      skipped: 0,
    });
    expect(await idsIn(outbox, 'dead')).toEqual([]);
    expect(new Set(await idsIn(outbox, 'delivered'))).toEqual(
      new Set(messages.map((message) => message.messageId)),
    );
    expect(verified.filter((request) => request.id === gone)).toEqual([
      { id: gone, attempt: 1 },
      { id: gone, attempt: 1 }, // a replay starts the count again
    ]);
  });

  it('loses nothing when a dispatcher dies mid-batch: another takes the batch over once the lease ends', async () => {
    const { outbox } = under;
    const messages = webhookNotifications(12, 'crash');
    const added = messages.map((message) => message.messageId);
    receiver = await verifyingReceiver(() => ({ status: 200 }));
    const clock = manualClock(start);
    rightOf(await outbox.add(messages, clock.now()));
    const leaseMs = 30_000;

    // The first dispatcher claims a batch of 8, then its process "dies": its delivery never returns, so it never
    // sends anything or settles anything.
    let wakeTheDead: (outcome: DeliveryOutcome) => void = () => undefined;
    const never = new Promise<DeliveryOutcome>((resolve) => {
      wakeTheDead = resolve;
    });
    const calls: string[] = [];
    const dying = dispatcher({
      outbox,
      channel: {
        name: 'webhook',
        deliver: (entry) => {
          calls.push(entry.messageId);
          return never;
        },
      },
      topics,
      clock,
      retry,
      batchSize: 8,
      leaseMs,
    });
    const deadRun = dying.runOnce();
    await vi.waitFor(() => expect(calls).toHaveLength(1));

    // A second dispatcher at once gets only what the first did not claim.
    const survivor = dispatcher({
      outbox,
      channel: channelTo(),
      topics,
      clock,
      retry,
      batchSize: 50,
      leaseMs,
    });
    expect(rightOf(await survivor.runOnce())).toMatchObject({ claimed: 4, delivered: 4 });
    clock.advance(leaseMs - 1);
    expect(rightOf(await survivor.runOnce()).claimed).toBe(0);
    // When the lease ends, it takes over the dead dispatcher's batch.
    clock.advance(1);
    expect(rightOf(await survivor.runOnce())).toMatchObject({ claimed: 8, delivered: 8, leaseLost: 0 });

    expect(await idsIn(outbox, 'pending')).toEqual([]);
    expect(new Set(await idsIn(outbox, 'delivered'))).toEqual(new Set(added));
    // Each arrived once; the taken-over ones as attempt 2, since the dead dispatcher's claim counted as one.
    expect(verified.map((request) => request.id).sort()).toEqual([...added].sort());
    const secondAttempts = verified.filter((request) => request.attempt === 2).map((request) => request.id);
    expect(secondAttempts).toHaveLength(8);
    expect(secondAttempts).toContain(calls[0]);

    // Should the "dead" dispatcher wake up, its report is ignored (its lease is gone) and it delivers nothing more
    // of the batch: past the lease the messages are someone else's.
    wakeTheDead({ kind: 'delivered' });
    expect(rightOf(await deadRun)).toEqual({
      claimed: 8,
      delivered: 0,
      retried: 0,
      dead: 0,
      leaseLost: 1,
      skipped: 7,
    });
    expect(verified).toHaveLength(12);
  });
});
