import type { DeliveryOutcome } from '@fostering/core';

/** The parts of a nodemailer error this mapping reads (nodemailer's `NodemailerError`, all optional). */
export interface SmtpFailure {
  readonly message?: string;
  readonly code?: string | undefined;
  readonly command?: string | undefined;
  readonly response?: string | undefined;
  readonly responseCode?: number | undefined;
  /** The recipient a per-recipient error is about. */
  readonly recipient?: string | undefined;
  readonly rejected?: ReadonlyArray<string> | undefined;
  readonly rejectedErrors?: ReadonlyArray<SmtpFailure> | undefined;
}

/**
 * Errors with no SMTP reply that no retry will fix: the configuration or the message is wrong. Everything else
 * without a reply (connection refused or reset, DNS, TLS handshake, timeouts, a garbled reply, unknown errors)
 * is taken as transient: the dispatcher's bounded retries end in the dead-letter list if it is not.
 */
const permanentCodes = new Set([
  'ENOAUTH', // credentials required but not configured
  'ECONFIG',
  'EREQUIRETLS', // the server cannot do what the settings require
  'EMAXRECIPIENTS',
  'EOTP',
  'EFILEACCESS',
  'EURLACCESS',
]);

/**
 * RFC 5321: 4yz replies are transient, 5yz permanent. 503 (bad sequence of commands) is the exception, as in
 * nodemailer's `isPermanentResponseCode`: the session was in the wrong state, and the same message can go
 * through on a new connection.
 */
export const isPermanentReply = (code: number): boolean => code >= 500 && code < 600 && code !== 503;

/** `451 4.3.0 Try later (at RCPT TO)`, or `ESOCKET: connect ECONNREFUSED 127.0.0.1:25 (at CONN)`. */
const describeFailure = (failure: SmtpFailure): string => {
  const at = failure.command === undefined ? '' : ` (at ${failure.command})`;
  const reply = failure.response?.trim();
  if (failure.responseCode !== undefined) {
    const text = reply ?? failure.message ?? 'no reply text';
    return `${text.startsWith(String(failure.responseCode)) ? '' : `${failure.responseCode} `}${text}${at}`;
  }
  return `${failure.code ?? 'error'}: ${failure.message ?? 'no message'}${at}`;
};

const perRecipient = (failures: ReadonlyArray<SmtpFailure>): string =>
  failures.map((each) => `${each.recipient ?? 'unknown recipient'}: ${describeFailure(each)}`).join('; ');

const permanent = (failure: SmtpFailure): boolean => {
  const refusals = failure.rejectedErrors ?? [];
  // Every recipient was refused: permanent only if every refusal was.
  if (refusals.length > 0) return refusals.every(permanent);
  if (failure.responseCode !== undefined) return isPermanentReply(failure.responseCode);
  return failure.code !== undefined && permanentCodes.has(failure.code);
};

/** What a failed send means for the dispatcher. */
export const outcomeOfError = (error: unknown): DeliveryOutcome => {
  const failure: SmtpFailure =
    typeof error === 'object' && error !== null ? (error as SmtpFailure) : { message: String(error) };
  const rejected = failure.rejectedErrors ?? [];
  return {
    kind: 'failed',
    retriable: !permanent(failure),
    error:
      rejected.length === 0
        ? describeFailure(failure)
        : `refused for every recipient: ${perRecipient(rejected)}`,
  };
};

/**
 * A send the server accepted for some recipients but refused for others. The accepted copies are in; the rest
 * are retried if any refusal was transient (the retry goes to every recipient again, so the accepted ones get a
 * copy with the same `X-Fostering-Id` to de-duplicate), or dead-lettered if all were permanent, so that someone
 * corrects the address.
 */
export const outcomeOfPartial = (
  accepted: ReadonlyArray<string>,
  rejectedErrors: ReadonlyArray<SmtpFailure>,
  rejected: ReadonlyArray<string>,
): DeliveryOutcome => {
  const details =
    rejectedErrors.length > 0
      ? perRecipient(rejectedErrors)
      : rejected.map((address) => `${address}: refused`).join('; ');
  return {
    kind: 'failed',
    retriable: rejectedErrors.length === 0 || !rejectedErrors.every(permanent),
    error: `refused for ${details}; accepted for ${accepted.join(', ')}`,
  };
};
