import type { DeliveryChannel, DeliveryOutcome, OutboxEntry } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import nodemailer, { type SMTPSentMessageInfo, type SMTPTransportOptions } from 'nodemailer';
import { decodeIntent } from './intent.js';
import { lookUpNames, type NameLookup } from './minimise.js';
import { outcomeOfError, outcomeOfPartial } from './outcome.js';
import type { EmailSettings } from './settings.js';
import { renderEmail } from './templates.js';

/** The header every message carries, with the outbox message id: receivers and mail rules de-duplicate by it. */
export const idempotencyHeader = 'X-Fostering-Id';

export interface EmailTimeouts {
  /** To open the TCP (or TLS) connection. nodemailer's default: 2 minutes. */
  readonly connectionMs?: number;
  /** For the server's greeting once connected. Default 30 s. */
  readonly greetingMs?: number;
  /** Of inactivity on the socket at any later point (a reply that never comes). Default 10 minutes. */
  readonly socketMs?: number;
}

export interface EmailChannelOptions {
  /** Names for a notification's subject (intents carry ids only); children's names are minimised per settings. */
  readonly names?: NameLookup;
  readonly timeouts?: EmailTimeouts;
  /** The hostname this client gives in EHLO; nodemailer's default is the machine's. */
  readonly clientName?: string;
  /** TLS options for the connection (for example a private CA), passed to node's `tls.connect`. */
  readonly tls?: SMTPTransportOptions['tls'];
}

/** A delivery channel that also releases its transport. */
export interface EmailChannel extends DeliveryChannel {
  readonly close: () => void;
}

const fail = (error: string, retriable: boolean): DeliveryOutcome => ({ kind: 'failed', retriable, error });

/**
 * Delivers notification intents (the payloads of core's `notificationMessages(intent, ['email'])`) as email over
 * SMTP: one message per outbox entry, to every address configured for the intent's audience, with a text and an
 * HTML body. Never throws: every failure comes back as an outcome the dispatcher can act on.
 */
export const emailChannel = (settings: EmailSettings, options: EmailChannelOptions = {}): EmailChannel => {
  const transport = nodemailer.createTransport({
    host: settings.smtp.host,
    port: settings.smtp.port,
    secure: settings.smtp.secure ?? false,
    ...(settings.smtp.requireTLS === undefined ? {} : { requireTLS: settings.smtp.requireTLS }),
    ...(settings.smtp.auth === undefined
      ? {}
      : { auth: { user: settings.smtp.auth.user, pass: settings.smtp.auth.pass } }),
    ...(options.timeouts?.connectionMs === undefined
      ? {}
      : { connectionTimeout: options.timeouts.connectionMs }),
    ...(options.timeouts?.greetingMs === undefined ? {} : { greetingTimeout: options.timeouts.greetingMs }),
    ...(options.timeouts?.socketMs === undefined ? {} : { socketTimeout: options.timeouts.socketMs }),
    ...(options.clientName === undefined ? {} : { name: options.clientName }),
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    // The messages are built here from our own text: nothing should ever read a file or a URL into one.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const from = { name: settings.agencyName ?? 'Fostering Ledger', address: settings.from };

  const deliver = async (entry: OutboxEntry): Promise<DeliveryOutcome> => {
    const decoded = decodeIntent(entry.payload);
    if (E.isLeft(decoded)) return fail(decoded.left.message, false);
    const intent = decoded.right;
    const to = settings.recipients[intent.audience];
    if (to === undefined || to.length === 0) {
      return fail(
        `no email recipients configured for audience '${intent.audience}' (set recipients.${intent.audience})`,
        false,
      );
    }
    const rendered = renderEmail({
      intent,
      messageId: entry.messageId,
      settings,
      names: lookUpNames(options.names, intent.subject),
    });
    let info: SMTPSentMessageInfo;
    try {
      info = await transport.sendMail({
        from,
        to: [...to],
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: {
          [idempotencyHeader]: entry.messageId,
          'X-Fostering-Rule': intent.rule.id,
          'X-Fostering-Kind': intent.kind,
          // RFC 3834: an automatic message, so that out-of-office replies do not answer it.
          'Auto-Submitted': 'auto-generated',
        },
      });
    } catch (error) {
      return outcomeOfError(error);
    }
    const rejected = info.rejected ?? [];
    if (rejected.length > 0) {
      return outcomeOfPartial(info.accepted ?? [], info.rejectedErrors ?? [], rejected);
    }
    return { kind: 'delivered' };
  };

  return { name: 'email', deliver, close: () => transport.close() };
};
