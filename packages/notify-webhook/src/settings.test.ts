import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { secretA } from './__fixtures__/entries.js';
import { webhookChannel } from './channel.js';
import { decodeWebhookSettings } from './settings.js';

const refusal = (input: unknown) => {
  const result = decodeWebhookSettings(input);
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`);
  // Whatever is refused, the message never repeats the secret.
  expect(result.left.message).not.toContain(secretA);
  return result.left;
};

describe('decodeWebhookSettings', () => {
  it('accepts an http or https url and a long enough secret, with a 10 s timeout by default', () => {
    expect(decodeWebhookSettings({ url: 'https://agency.example/hooks/fostering', secret: secretA })).toEqual(
      E.right({ url: 'https://agency.example/hooks/fostering', secret: secretA, timeoutMs: 10_000 }),
    );
    expect(
      decodeWebhookSettings({
        url: 'http://127.0.0.1:8080/',
        secret: secretA,
        timeoutMs: 2_500,
        headers: { 'X-Api-Key': 'k' },
        keyId: '2026-03',
      }),
    ).toEqual(
      E.right({
        url: 'http://127.0.0.1:8080/',
        secret: secretA,
        timeoutMs: 2_500,
        headers: { 'X-Api-Key': 'k' },
        keyId: '2026-03',
      }),
    );
  });

  it('refuses urls that are not absolute http or https', () => {
    for (const url of ['ftp://agency.example/', 'file:///etc/passwd', 'agency.example/hook', '', 42]) {
      expect(refusal({ url, secret: secretA })).toEqual({
        _tag: 'InvalidSettings',
        field: 'url',
        message: "webhook settings: 'url' must be an absolute http or https URL",
      });
    }
    expect(refusal({ secret: secretA }).field).toBe('url');
  });

  it('refuses a secret shorter than 32 bytes, without repeating it', () => {
    const short = 'x'.repeat(31);
    const refused = refusal({ url: 'https://a.example/', secret: short });
    expect(refused.field).toBe('secret');
    expect(refused.message).toMatch(/at least 32 bytes/);
    expect(refused.message).not.toContain(short);
    expect(refusal({ url: 'https://a.example/' }).field).toBe('secret');
    // Bytes, not characters: 11 three-byte characters are 33 bytes.
    expect(E.isRight(decodeWebhookSettings({ url: 'https://a.example/', secret: '€'.repeat(11) }))).toBe(
      true,
    );
  });

  it('refuses a timeout that is not a whole number of milliseconds in range', () => {
    for (const timeoutMs of [0, -5, 1.5, '1000', 600_001, Number.NaN]) {
      expect(refusal({ url: 'https://a.example/', secret: secretA, timeoutMs }).field).toBe('timeoutMs');
    }
  });

  it('refuses bad or reserved headers, naming the header, and never repeats header values', () => {
    const base = { url: 'https://a.example/', secret: secretA };
    const badValue = refusal({ ...base, headers: { Authorization: 'Bearer s3cr3t\r\nX-Injected: 1' } });
    expect(badValue.field).toBe('headers.Authorization');
    expect(badValue.message).not.toContain('s3cr3t');
    expect(refusal({ ...base, headers: { 'Bad Name': 'v' } }).field).toBe('headers.Bad Name');
    expect(refusal({ ...base, headers: { 'Content-Type': 'text/plain' } }).field).toBe(
      'headers.Content-Type',
    );
    expect(refusal({ ...base, headers: { 'X-Fostering-Signature': 'v1=0' } }).field).toBe(
      'headers.X-Fostering-Signature',
    );
    expect(refusal({ ...base, headers: ['X-A: 1'] })).toEqual({
      _tag: 'InvalidSettings',
      field: 'headers',
      message: "webhook settings: 'headers' must be an object of header names to values",
    });
  });

  it('refuses an unusable keyId', () => {
    expect(refusal({ url: 'https://a.example/', secret: secretA, keyId: '' }).field).toBe('keyId');
    expect(refusal({ url: 'https://a.example/', secret: secretA, keyId: 'a b' }).field).toBe('keyId');
  });

  it('refuses unknown fields (a typo would otherwise be silently ignored) and non-objects', () => {
    expect(refusal({ url: 'https://a.example/', secret: secretA, timeout: 5_000 })).toEqual({
      _tag: 'InvalidSettings',
      field: 'timeout',
      message: "webhook settings: unknown setting 'timeout'",
    });
    expect(refusal('https://a.example/').field).toBe('');
    expect(refusal(null).field).toBe('');
  });

  it('webhookChannel refuses invalid settings at construction, without the secret in the error', () => {
    expect(() => webhookChannel({ url: 'ftp://a.example/', secret: secretA, timeoutMs: 1_000 })).toThrow(
      "webhook settings: 'url' must be an absolute http or https URL",
    );
    expect(() =>
      webhookChannel({ url: 'https://a.example/', secret: 'short-secret', timeoutMs: 1_000 }),
    ).toThrow(/^(?!.*short-secret).*'secret' must be/);
  });
});
