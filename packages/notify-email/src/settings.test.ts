import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeEmailSettings, type InvalidSettings } from './settings.js';

const valid = {
  smtp: {
    host: 'smtp.agency.example',
    port: 587,
    requireTLS: true,
    auth: { user: 'notify', pass: 'secret' },
  },
  from: 'notifications@agency.example',
  recipients: {
    'supervising-social-worker': ['ssw@agency.example'],
    clinician: ['clinic.team@agency.example', 'dr.osei@agency.example'],
    'registered-manager': ['manager@agency.example'],
  },
};

const refusal = (input: unknown): InvalidSettings => {
  const decoded = decodeEmailSettings(input);
  if (E.isRight(decoded)) throw new Error('expected a refusal');
  expect(decoded.left._tag).toBe('InvalidSettings');
  return decoded.left;
};

describe('decodeEmailSettings', () => {
  it('accepts valid settings, with initials for children’s names by default', () => {
    expect(decodeEmailSettings(valid)).toEqual(
      E.right({ ...valid, minimisation: { childNames: 'initials' } }),
    );
  });

  it('keeps a minimisation setting given, and the optional prefix and agency name', () => {
    const input = {
      ...valid,
      minimisation: { childNames: 'full' },
      subjectPrefix: '[Northfield]',
      agencyName: 'N',
    };
    expect(decodeEmailSettings(input)).toEqual(E.right(input));
  });

  it('allows an audience with no recipients (its notifications then fail, not retriable)', () => {
    const { clinician: _clinician, ...recipients } = valid.recipients;
    expect(E.isRight(decodeEmailSettings({ ...valid, recipients }))).toBe(true);
  });

  it.each([
    [{ ...valid, smtp: { ...valid.smtp, port: 70_000 } }, 'smtp.port', /a port from 1 to 65535, got 70000/],
    [{ ...valid, smtp: { ...valid.smtp, port: '587' } }, 'smtp.port', /a port from 1 to 65535, got "587"/],
    [{ ...valid, smtp: { ...valid.smtp, host: ' ' } }, 'smtp.host', /a non-empty string/],
    [
      {
        ...valid,
        recipients: { ...valid.recipients, clinician: ['clinic.team@agency.example', 'dr osei@agency'] },
      },
      'recipients.clinician.1',
      /expected an email address \(name@domain\), got "dr osei@agency"/,
    ],
    [
      { ...valid, recipients: { ...valid.recipients, 'registered-manager': [] } },
      'recipients.registered-manager',
      /a non-empty list of email addresses/,
    ],
    [
      (({ from: _from, ...rest }) => rest)(valid),
      'from',
      /'from' expected an email address \(name@domain\), got nothing/,
    ],
    [{ ...valid, from: 'Agency <notify@agency.example>' }, 'from', /an email address/],
    [
      { ...valid, minimisation: { childNames: 'surname' } },
      'minimisation.childNames',
      /"initials" \| "none" \| "full"/,
    ],
    [
      { ...valid, recipients: { ...valid.recipients, manager: ['m@agency.example'] } },
      'recipients.manager',
      /unknown setting/,
    ],
    [{ ...valid, smtp: { ...valid.smtp, tls: true } }, 'smtp.tls', /unknown setting 'smtp.tls'/],
    [{ ...valid, smtp: { ...valid.smtp, auth: { user: 'notify' } } }, 'smtp.auth.pass', /got nothing/],
  ])('refuses %#, naming the field', (input, field, message) => {
    const error = refusal(input);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/^email settings: /);
    expect(error.message).toMatch(message);
  });

  it('refuses something that is not an object', () => {
    expect(refusal('smtp://localhost')).toMatchObject({ field: '' });
    expect(refusal(undefined).message).toMatch(/expected an object, got nothing/);
  });
});
