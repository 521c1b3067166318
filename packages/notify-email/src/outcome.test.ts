import { describe, expect, it } from 'vitest';
import { isPermanentReply, outcomeOfError, outcomeOfPartial } from './outcome.js';

const retriable = (error: unknown) => {
  const outcome = outcomeOfError(error);
  if (outcome.kind !== 'failed') throw new Error('expected a failure');
  return outcome.retriable;
};

describe('outcome mapping of errors without a live server', () => {
  it('follows RFC 5321 reply classes, 503 being transient as nodemailer reads it', () => {
    expect([421, 450, 451, 452, 454, 503].map(isPermanentReply)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([500, 535, 550, 552, 553, 554].map(isPermanentReply)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('reads the reply code when there is one', () => {
    expect(retriable({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Bad credentials' })).toBe(
      false,
    );
    expect(retriable({ code: 'EAUTH', responseCode: 454, response: '454 4.7.0 Try later' })).toBe(true);
  });

  it('takes connection-level errors as transient and configuration errors as permanent', () => {
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'EPROXY']) {
      expect(retriable({ code, message: 'x' })).toBe(true);
    }
    for (const code of ['ENOAUTH', 'ECONFIG', 'EREQUIRETLS', 'EMAXRECIPIENTS']) {
      expect(retriable({ code, message: 'x' })).toBe(false);
    }
    expect(retriable('something odd')).toBe(true);
    expect(retriable(undefined)).toBe(true);
  });

  it('is permanent when every recipient was refused for good, transient if any refusal was temporary', () => {
    const refused = (recipient: string, responseCode: number) => ({
      recipient,
      responseCode,
      command: 'RCPT TO',
    });
    expect(
      retriable({
        code: 'EENVELOPE',
        rejectedErrors: [refused('a@x.example', 550), refused('b@x.example', 553)],
      }),
    ).toBe(false);
    expect(
      retriable({
        code: 'EENVELOPE',
        rejectedErrors: [refused('a@x.example', 550), refused('b@x.example', 451)],
      }),
    ).toBe(true);
    expect(outcomeOfPartial(['a@x.example'], [refused('b@x.example', 550)], ['b@x.example'])).toEqual({
      kind: 'failed',
      retriable: false,
      error: 'refused for b@x.example: 550 no reply text (at RCPT TO); accepted for a@x.example',
    });
  });
});
