import { describeIssue, fieldIssues } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/**
 * The shape of a valid address: the WHATWG HTML "valid e-mail address" (ASCII local part and domain, no display
 * name, no comments, no quoted strings). Stricter than RFC 5322 on purpose: an address in settings is typed by
 * a person, and what it refuses is far more often a typo than a real mailbox.
 */
const addressPattern =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export interface EmailAddressBrand {
  readonly EmailAddress: unique symbol;
}
export type EmailAddress = t.Branded<string, EmailAddressBrand>;

const isEmailAddress = (u: unknown): u is EmailAddress =>
  typeof u === 'string' && u.length <= 254 && addressPattern.test(u);

export const EmailAddress = new t.Type<EmailAddress, string, unknown>(
  'an email address (name@domain)',
  isEmailAddress,
  (u, c) => (isEmailAddress(u) ? t.success(u) : t.failure(u, c)),
  (address) => address,
);

const NonEmptyString = t.refinement(t.string, (s) => s.trim() !== '', 'a non-empty string');

const Port = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1 && n <= 65_535,
  'a port from 1 to 65535',
);

const AddressList = t.refinement(
  t.array(EmailAddress),
  (list) => list.length > 0,
  'a non-empty list of email addresses',
);

export const SmtpSettings = t.intersection([
  t.type({ host: NonEmptyString, port: Port }),
  t.partial({
    /** TLS from the start (port 465). Otherwise the connection is upgraded with STARTTLS when offered. */
    secure: t.boolean,
    auth: t.type({ user: NonEmptyString, pass: t.string }),
    /** Refuse to send unless the connection is upgraded with STARTTLS. */
    requireTLS: t.boolean,
  }),
]);
export type SmtpSettings = t.TypeOf<typeof SmtpSettings>;

export const ChildNames = t.keyof({ initials: null, none: null, full: null });
export type ChildNames = t.TypeOf<typeof ChildNames>;

/**
 * Who receives each audience's notifications, by core's `AudienceRole` (checked in `types.type.test.ts`). A role
 * left out is one this agency does not email: its notifications fail, not retriable, until it is configured.
 */
export const Recipients = t.partial({
  'supervising-social-worker': AddressList,
  clinician: AddressList,
  'registered-manager': AddressList,
});
export type Recipients = t.TypeOf<typeof Recipients>;

export const EmailSettings = t.intersection([
  t.type({
    smtp: SmtpSettings,
    from: EmailAddress,
    recipients: Recipients,
    minimisation: t.type({ childNames: ChildNames }),
  }),
  t.partial({
    /** Put before every subject line; `[Fostering]` when absent. */
    subjectPrefix: t.string,
    /** Shown as the sender's name and in the footer. */
    agencyName: NonEmptyString,
  }),
]);
export type EmailSettings = t.TypeOf<typeof EmailSettings>;

/** Settings that cannot be used: names the field (a dotted path) and what it must be. */
export interface InvalidSettings {
  readonly _tag: 'InvalidSettings';
  readonly field: string;
  readonly message: string;
}

const invalid = (field: string, message: string): InvalidSettings => ({
  _tag: 'InvalidSettings',
  field,
  message: `email settings: ${message}`,
});

type Plain = Record<string, unknown>;
const isPlain = (u: unknown): u is Plain => typeof u === 'object' && u !== null && !Array.isArray(u);

// The fields each object may have; a key not listed is refused (most often a typo that would silently be ignored).
interface Known {
  readonly [key: string]: Known | true;
}
const known: Known = {
  smtp: { host: true, port: true, secure: true, auth: { user: true, pass: true }, requireTLS: true },
  from: true,
  recipients: { 'supervising-social-worker': true, clinician: true, 'registered-manager': true },
  minimisation: { childNames: true },
  subjectPrefix: true,
  agencyName: true,
};

const unknownField = (given: unknown, shape: Known, path: string): string | undefined => {
  if (!isPlain(given)) return undefined;
  for (const key of Object.keys(given)) {
    const field = path === '' ? key : `${path}.${key}`;
    const inner = shape[key];
    if (inner === undefined) return field;
    if (inner !== true) {
      const deeper = unknownField(given[key], inner, field);
      if (deeper !== undefined) return deeper;
    }
  }
  return undefined;
};

const defaultMinimisation = { childNames: 'initials' } as const;

/**
 * Reads email settings (from JSON, the environment, a form). `minimisation` defaults to initials for children's
 * names. A wrong value or an unknown field is refused with the field's dotted path, for example `smtp.port` or
 * `recipients.clinician.1`.
 */
export const decodeEmailSettings = (input: unknown): E.Either<InvalidSettings, EmailSettings> => {
  if (!isPlain(input))
    return E.left(invalid('', `expected an object, got ${JSON.stringify(input) ?? 'nothing'}`));
  const unknown = unknownField(input, known, '');
  if (unknown !== undefined) return E.left(invalid(unknown, `unknown setting '${unknown}'`));
  const minimisation = isPlain(input.minimisation)
    ? { ...defaultMinimisation, ...input.minimisation }
    : (input.minimisation ?? defaultMinimisation);
  return E.mapLeft((errors: t.Errors) => {
    const issue = fieldIssues(errors)[0];
    return issue === undefined ? invalid('', 'invalid') : invalid(issue.path, describeIssue(issue));
  })(EmailSettings.decode({ ...input, minimisation }));
};
