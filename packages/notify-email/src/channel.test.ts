import type { DeliveryOutcome } from '@fostering/core';
import type { AddressObject, ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { childSubject, date, entryOf, intentFor, settingsFor } from './__fixtures__/intents.js';
import {
  type Behaviour,
  closedPort,
  header,
  silentServer,
  startSmtpServer,
  type TestSmtpServer,
} from './__fixtures__/smtp-test-server.js';
import { type EmailChannel, type EmailChannelOptions, emailChannel } from './channel.js';
import type { EmailSettings } from './settings.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const server = async (behaviour: Behaviour = {}): Promise<TestSmtpServer> => {
  const started = await startSmtpServer(behaviour);
  cleanups.push(started.close);
  return started;
};

const channel = (settings: EmailSettings, options: EmailChannelOptions = {}): EmailChannel => {
  const made = emailChannel(settings, {
    timeouts: { connectionMs: 2_000, greetingMs: 2_000, socketMs: 2_000 },
    ...options,
  });
  cleanups.push(made.close);
  return made;
};

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field === undefined ? [] : [field]).flatMap((object) =>
    object.value.map((mailbox) => mailbox.address ?? ''),
  );

const html = (mail: ParsedMail): string => (typeof mail.html === 'string' ? mail.html : '');
const text = (mail: ParsedMail): string => mail.text ?? '';

const failedWith = (outcome: DeliveryOutcome, retriable: boolean): string => {
  expect(outcome.kind).toBe('failed');
  if (outcome.kind !== 'failed') throw new Error('unreachable');
  expect(outcome.retriable).toBe(retriable);
  return outcome.error;
};

describe('emailChannel against a real SMTP server', () => {
  it('delivers due-soon and overdue notifications to the audience’s addresses, with rule, citation, date and id', async () => {
    const smtp = await server();
    const email = channel(settingsFor(smtp.port));
    const dueSoon = entryOf(intentFor({ state: 'due-soon' }, 'supervising-social-worker'));
    const overdue = entryOf(
      intentFor(
        {
          state: 'overdue',
          rule: { id: 'child-visits', citation: 'CPPR 28' },
          code: 'child-visit-due',
          subject: childSubject,
          description: 'Statutory visit to the child',
          dueOn: date('2026-02-20'),
        },
        'registered-manager',
      ),
    );

    expect(await email.deliver(dueSoon)).toEqual({ kind: 'delivered' });
    expect(await email.deliver(overdue)).toEqual({ kind: 'delivered' });
    expect(email.name).toBe('email');
    expect(smtp.received).toHaveLength(2);

    const [first, second] = smtp.received;
    if (first === undefined || second === undefined) throw new Error('missing messages');
    expect(first.rcptTo).toEqual(['ssw.one@agency.example', 'ssw.duty@agency.example']);
    expect(addresses(first.mail.to)).toEqual(['ssw.one@agency.example', 'ssw.duty@agency.example']);
    expect(first.mail.from?.value[0]).toMatchObject({
      address: 'notifications@agency.example',
      name: 'Northfield Therapeutic Fostering',
    });
    expect(first.mail.subject).toBe(
      '[Fostering] Due soon: Due 2026-03-20: Annual review of approval (annual-review, FSR 28)',
    );
    expect(second.rcptTo).toEqual(['manager@agency.example']);
    expect(second.mail.subject).toBe(
      '[Fostering] Overdue: Overdue since 2026-02-20: Statutory visit to the child (child-visits, CPPR 28)',
    );

    for (const [received, entry, expected] of [
      [first, dueSoon, { rule: 'annual-review', citation: 'FSR 28', due: '2026-03-20', kind: 'Due soon' }],
      [second, overdue, { rule: 'child-visits', citation: 'CPPR 28', due: '2026-02-20', kind: 'Overdue' }],
    ] as const) {
      expect(header(received.mail, 'X-Fostering-Id')).toBe(entry.messageId);
      expect(header(received.mail, 'X-Fostering-Rule')).toBe(expected.rule);
      expect(header(received.mail, 'Auto-Submitted')).toBe('auto-generated');
      for (const body of [text(received.mail), html(received.mail)]) {
        expect(body).toContain(expected.rule);
        expect(body).toContain(expected.citation);
        expect(body).toContain(expected.due);
        expect(body).toContain(expected.kind);
        expect(body).toContain(entry.messageId);
      }
    }
    expect(text(second.mail)).toContain('Child child-42');
    expect(text(second.mail)).toContain('Placement placement-3');
    expect(text(second.mail)).toContain('Household household-7');
  });

  it('escapes a hostile title in the HTML body', async () => {
    const smtp = await server();
    const hostile = `<img src=x onerror="alert(1)"> & 'Co' </table><script>steal()</script>`;
    const entry = entryOf(intentFor({ state: 'overdue', description: hostile, dueOn: date('2026-02-01') }));
    expect(await channel(settingsFor(smtp.port)).deliver(entry)).toEqual({ kind: 'delivered' });

    const mail = smtp.received[0]?.mail;
    if (mail === undefined) throw new Error('no message');
    const body = html(mail);
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script');
    expect(body).not.toContain(`"alert(1)"`);
    expect(body.match(/<\/table>/g)).toHaveLength(1);
    expect(body).toContain(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;Co&#39; &lt;/table&gt;&lt;script&gt;steal()&lt;/script&gt;',
    );
    // The plain-text parts carry it as text, which is what it is.
    expect(mail.subject).toContain(hostile);
    expect(text(mail)).toContain(hostile);
  });
});

describe('minimisation through the wire', () => {
  const names = () => ({ childName: 'Riley Morgan-Price', householdName: 'Okafor household' });
  const entry = () =>
    entryOf(
      intentFor({ state: 'overdue', subject: childSubject, dueOn: date('2026-02-20'), description: 'Visit' }),
    );

  const sent = async (minimisation?: { childNames: string }): Promise<ParsedMail> => {
    const smtp = await server();
    const settings = settingsFor(smtp.port, minimisation === undefined ? {} : { minimisation });
    expect(await channel(settings, { names }).deliver(entry())).toEqual({ kind: 'delivered' });
    const mail = smtp.received[0]?.mail;
    if (mail === undefined) throw new Error('no message');
    return mail;
  };

  it('shows a child’s initials by default and never the name, in the text, the HTML or the subject', async () => {
    const mail = await sent();
    for (const part of [text(mail), html(mail), mail.subject ?? '']) {
      expect(part).not.toContain('Riley');
      expect(part).not.toContain('Morgan');
    }
    expect(text(mail)).toContain('Child child-42 (R. M.)');
    expect(html(mail)).toContain('Child child-42 (R. M.)');
    expect(text(mail)).toContain('Household household-7 (Okafor household)');
  });

  it("shows neither name nor initials with 'none'", async () => {
    const mail = await sent({ childNames: 'none' });
    for (const part of [text(mail), html(mail), mail.subject ?? '']) {
      expect(part).not.toContain('Riley');
      expect(part).not.toContain('R. M.');
    }
    expect(text(mail)).toMatch(/Child child-42(;|\n|$)/m);
  });

  it("shows the full name only with 'full', and still not in the subject", async () => {
    const mail = await sent({ childNames: 'full' });
    expect(text(mail)).toContain('Child child-42 (Riley Morgan-Price)');
    expect(html(mail)).toContain('Child child-42 (Riley Morgan-Price)');
    expect(mail.subject).not.toContain('Riley');
  });
});

describe('outcome mapping against a real server', () => {
  const deliverTo = async (behaviour: Behaviour) => {
    const smtp = await server(behaviour);
    const outcome = await channel(settingsFor(smtp.port)).deliver(entryOf(intentFor({ state: 'due-soon' })));
    return { outcome, smtp };
  };
  const reply = (code: number, message: string) => () => ({ code, message });

  it('a 451 at RCPT TO is retriable', async () => {
    const { outcome, smtp } = await deliverTo({ onRcptTo: reply(451, 'Mailbox busy, try later') });
    expect(failedWith(outcome, true)).toMatch(/451/);
    expect(smtp.received).toHaveLength(0);
  });

  it('a 550 at RCPT TO is not retriable', async () => {
    const { outcome } = await deliverTo({ onRcptTo: reply(550, 'No such user') });
    expect(failedWith(outcome, false)).toMatch(/550/);
  });

  it('a 451 at DATA is retriable', async () => {
    const { outcome, smtp } = await deliverTo({ onData: reply(451, 'Local error in processing') });
    expect(failedWith(outcome, true)).toMatch(/451/);
    expect(smtp.received).toHaveLength(0);
  });

  it('a 550 at DATA is not retriable', async () => {
    const { outcome, smtp } = await deliverTo({ onData: reply(550, 'Message rejected by policy') });
    expect(failedWith(outcome, false)).toMatch(/550/);
    expect(smtp.received).toHaveLength(0);
  });

  it('a 421 greeting (service not available) is retriable', async () => {
    const { outcome } = await deliverTo({ onConnect: reply(421, 'Too busy, try later') });
    expect(failedWith(outcome, true)).toMatch(/421/);
  });

  it('a refused connection (no server) is retriable', async () => {
    const port = await closedPort();
    const outcome = await channel(settingsFor(port)).deliver(entryOf(intentFor({ state: 'due-soon' })));
    expect(failedWith(outcome, true)).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
  });

  it('a server that never greets times out, retriable', async () => {
    const silent = await silentServer();
    cleanups.push(silent.close);
    const outcome = await channel(settingsFor(silent.port), {
      timeouts: { connectionMs: 500, greetingMs: 200, socketMs: 500 },
    }).deliver(entryOf(intentFor({ state: 'due-soon' })));
    expect(failedWith(outcome, true)).toMatch(/ETIMEDOUT/);
  });

  it('one recipient refused for good while the other accepted: not retriable, naming the address', async () => {
    const { outcome, smtp } = await deliverTo({
      onRcptTo: (address) =>
        address === 'ssw.duty@agency.example' ? { code: 550, message: 'No such user' } : undefined,
    });
    const error = failedWith(outcome, false);
    expect(error).toContain('ssw.duty@agency.example');
    expect(error).toContain('550');
    expect(smtp.received.map((each) => each.rcptTo)).toEqual([['ssw.one@agency.example']]);
  });

  it('one recipient refused for now while the other accepted: retriable', async () => {
    const { outcome } = await deliverTo({
      onRcptTo: (address) =>
        address === 'ssw.duty@agency.example' ? { code: 452, message: 'Mailbox full' } : undefined,
    });
    expect(failedWith(outcome, true)).toContain('ssw.duty@agency.example');
  });

  it('no recipients configured for the audience: not retriable, naming the setting, and nothing is sent', async () => {
    const smtp = await server();
    const outcome = await channel(settingsFor(smtp.port)).deliver(
      entryOf(intentFor({ state: 'due-soon' }, 'clinician')),
    );
    expect(failedWith(outcome, false)).toBe(
      "no email recipients configured for audience 'clinician' (set recipients.clinician)",
    );
    expect(smtp.sessions()).toBe(0);
  });

  it('a payload that is not a notification intent: not retriable, naming the field, and nothing is sent', async () => {
    const smtp = await server();
    const good = entryOf(intentFor({ state: 'due-soon' }));
    const outcome = await channel(settingsFor(smtp.port)).deliver({
      ...good,
      payload: { ...(good.payload as Record<string, unknown>), dueOn: '2026-02-30' },
    });
    expect(failedWith(outcome, false)).toMatch(
      /^payload is not a notification intent: 'dueOn' expected .*, got "2026-02-30"$/,
    );
    expect(smtp.sessions()).toBe(0);
  });
});
