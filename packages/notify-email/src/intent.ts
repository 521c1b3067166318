import {
  AudienceRole,
  describeIssue,
  fieldIssues,
  LocalDateC,
  type NotificationIntent,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** The ids a notification can be about: core's `Subject`, every field optional. */
export const SubjectC = t.partial({
  householdId: t.string,
  childId: t.string,
  placementId: t.string,
  adultId: t.string,
  petId: t.string,
  staffId: t.string,
  seriesId: t.string,
});

/**
 * Core's `NotificationIntent` as it arrives in an outbox payload (JSON). Core has the interface but no codec, so
 * this package keeps one; `decodeIntent`'s signature makes the compiler check that what it decodes is one.
 */
export const NotificationIntentC = t.type({
  idempotencyKey: t.string,
  kind: t.keyof({ 'deadline-due-soon': null, 'deadline-overdue': null, finding: null, event: null }),
  rule: t.type({ id: t.string, citation: t.string }),
  code: t.string,
  subject: SubjectC,
  dueOn: LocalDateC,
  audience: AudienceRole,
  title: t.string,
  raisedOn: LocalDateC,
});

/** An outbox payload that is not a notification intent: a bug upstream, which no retry will fix. */
export interface UndecodablePayload {
  readonly _tag: 'UndecodablePayload';
  /** Dotted path of the first offending field ('' for the whole payload). */
  readonly field: string;
  readonly message: string;
}

export const decodeIntent = (payload: unknown): E.Either<UndecodablePayload, NotificationIntent> =>
  E.mapLeft((errors: t.Errors): UndecodablePayload => {
    const issue = fieldIssues(errors)[0];
    return {
      _tag: 'UndecodablePayload',
      field: issue?.path ?? '',
      message: `payload is not a notification intent: ${issue === undefined ? 'invalid' : describeIssue(issue)}`,
    };
  })(NotificationIntentC.decode(payload));
