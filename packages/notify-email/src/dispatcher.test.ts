import {
  type AudienceRole,
  dispatcher,
  inMemoryOutbox,
  manualClock,
  notificationMessages,
  notificationTopic,
  type OutboxEntry,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { childSubject, date, intentFor, settingsFor } from './__fixtures__/intents.js';
import { header, startSmtpServer, type TestSmtpServer } from './__fixtures__/smtp-test-server.js';
import { type EmailChannel, emailChannel } from './channel.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const right = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) throw new Error(`unexpected failure: ${JSON.stringify(either.left)}`);
  return either.right;
};

describe('end to end with core’s dispatcher and outbox', () => {
  it('delivers 20 notifications through a server that refuses for a while, each once after de-duplication', async () => {
    // Sessions 1–2: 421 at the greeting; 3–4: 451 at RCPT TO; 5: 451 at DATA; 6: the server stores the message
    // but its reply comes after the client has given up (a lost 250, the way duplicates happen); then all is well.
    const smtp: TestSmtpServer = await startSmtpServer({
      onConnect: (session) => (session <= 2 ? { code: 421, message: 'Too busy, try later' } : undefined),
      onRcptTo: (_address, session) =>
        session === 3 || session === 4 ? { code: 451, message: 'Greylisted, try later' } : undefined,
      onData: (session) =>
        session === 5 ? { code: 451, message: 'Queue full' } : session === 6 ? { delayMs: 700 } : undefined,
    });
    cleanups.push(smtp.close);
    const channel: EmailChannel = emailChannel(settingsFor(smtp.port), {
      timeouts: { connectionMs: 2_000, greetingMs: 2_000, socketMs: 250 },
    });
    cleanups.push(channel.close);

    const clock = manualClock(new Date('2026-03-02T08:00:00Z'));
    const outbox = inMemoryOutbox();
    const audiences: ReadonlyArray<AudienceRole> = ['supervising-social-worker', 'registered-manager'];
    const intents = Array.from({ length: 20 }, (_, i) =>
      intentFor(
        {
          state: i % 2 === 0 ? 'due-soon' : 'overdue',
          subject: { ...childSubject, householdId: `household-${i}` },
          dueOn: date(i % 2 === 0 ? '2026-03-20' : '2026-02-20'),
        },
        audiences[i % 3 === 0 ? 1 : 0],
      ),
    );
    const messages = intents.flatMap((intent) => notificationMessages(intent, ['email']));
    expect(right(await outbox.add(messages, clock.now()))).toHaveLength(20);

    const run = dispatcher({
      outbox,
      channel,
      topics: [notificationTopic('email')],
      clock,
      retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 },
      batchSize: 10,
      leaseMs: 60_000,
    });
    let rounds = 0;
    const pending = async () => right(await outbox.list({ status: 'pending' }));
    while ((await pending()).length > 0 && rounds < 20) {
      right(await run.runOnce());
      clock.advance(30_001);
      rounds += 1;
    }

    const delivered: ReadonlyArray<OutboxEntry> = right(await outbox.list({ status: 'delivered' }));
    expect(right(await outbox.list({ status: 'dead' }))).toEqual([]);
    expect(await pending()).toEqual([]);
    expect(delivered.map((entry) => entry.messageId).sort()).toEqual(messages.map((m) => m.messageId).sort());
    // Six sessions failed, so at least six messages needed more than one attempt.
    expect(delivered.filter((entry) => entry.attempts > 1).length).toBeGreaterThanOrEqual(6);

    // The server holds one copy too many: the one whose 250 was lost. The header makes it harmless.
    expect(smtp.received).toHaveLength(21);
    const byId = new Map<string, number>();
    for (const { mail } of smtp.received) {
      const id = header(mail, 'X-Fostering-Id') ?? '';
      byId.set(id, (byId.get(id) ?? 0) + 1);
    }
    expect([...byId.keys()].sort()).toEqual(messages.map((m) => m.messageId).sort());
    expect([...byId.values()].filter((count) => count > 1)).toEqual([2]);

    // Each went to its audience's addresses.
    for (const { mail, rcptTo } of smtp.received) {
      const id = header(mail, 'X-Fostering-Id') ?? '';
      const intent = intents.find((each) => id.startsWith(each.idempotencyKey));
      expect(rcptTo).toEqual(
        intent?.audience === 'registered-manager'
          ? ['manager@agency.example']
          : ['ssw.one@agency.example', 'ssw.duty@agency.example'],
      );
    }
  });
});
