import type { LocalDate } from '../calendar/index.js';
import type { Deadline, Subject } from '../compliance/finding.js';
import type { OutboxMessage, RuleRef } from '../eventsourcing/index.js';
import type { AudienceRole } from './routing.js';

export type NotificationKind = 'deadline-due-soon' | 'deadline-overdue' | 'finding' | 'event';

/**
 * Something a person should hear about before an inspector does: a deadline coming up or missed, under a rule,
 * about a subject, for an audience. Carries ids, not names: delivery adapters minimise further.
 */
export interface NotificationIntent {
  /** Stable: the same deadline, kind and audience always give the same key, however often it is raised. */
  readonly idempotencyKey: string;
  readonly kind: NotificationKind;
  readonly rule: RuleRef;
  readonly code: string;
  readonly subject: Subject;
  /** The deadline's due date, or the date a finding or event is about. */
  readonly dueOn: LocalDate;
  readonly audience: AudienceRole;
  /** A plain-language line, without personal details. */
  readonly title: string;
  /** The day the scheduler raised it. */
  readonly raisedOn: LocalDate;
}

const subjectKey = (subject: Subject): string =>
  Object.entries(subject)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');

/** The identity of a deadline: its rule, code, subject and due date. */
export const deadlineKey = (deadline: Pick<Deadline, 'rule' | 'code' | 'subject' | 'dueOn'>): string =>
  `${deadline.rule.id}/${deadline.code}/${subjectKey(deadline.subject)}/${deadline.dueOn}`;

export const notificationKey = (kind: NotificationKind, deadline: Deadline, audience: AudienceRole): string =>
  `${kind}:${deadlineKey(deadline)}:${audience}`;

/** Outbox topics are per channel, so each delivery adapter claims its own copy of every notification. */
export const notificationTopic = (channel: string): string => `notification.${channel}`;

/** One outbox message per channel; its id is the intent's key and the channel, so each is delivered once. */
export const notificationMessages = (
  intent: NotificationIntent,
  channels: ReadonlyArray<string>,
): ReadonlyArray<OutboxMessage> =>
  channels.map((channel) => ({
    messageId: `${intent.idempotencyKey}@${channel}`,
    topic: notificationTopic(channel),
    payload: JSON.parse(JSON.stringify(intent)),
  }));
