import {
  type AudienceRole,
  type Deadline,
  deadlineNotifications,
  type LocalDate,
  type NotificationIntent,
  notificationMessages,
  type OutboxEntry,
  parseLocalDate,
  rules,
  type Subject,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { decodeEmailSettings, type EmailSettings } from '../settings.js';

export const date = (s: string): LocalDate => {
  const parsed = parseLocalDate(s);
  if (E.isLeft(parsed)) throw new Error(parsed.left.message);
  return parsed.right;
};

export const today = date('2026-03-02');

/** Intents exactly as core's scheduler raises them, from a judged deadline, for one audience. */
export const intentFor = (
  deadline: Partial<Deadline> & Pick<Deadline, 'state'>,
  audience: AudienceRole = 'supervising-social-worker',
): NotificationIntent => {
  const full: Deadline = {
    rule: { id: rules.annualReview.id, citation: rules.annualReview.citation },
    code: 'annual-review-due',
    subject: { householdId: 'household-7' },
    description: 'Annual review of approval',
    dueOn: date('2026-03-20'),
    ...deadline,
  };
  const [intent] = deadlineNotifications([full], today, { audiences: { [full.rule.id]: [audience] } });
  if (intent === undefined) throw new Error(`no notification for a deadline in state ${full.state}`);
  return intent;
};

export const childSubject: Subject = {
  householdId: 'household-7',
  childId: 'child-42',
  placementId: 'placement-3',
};

/** The outbox entry a dispatcher would hand the channel for an intent (core's message for the email channel). */
export const entryOf = (intent: NotificationIntent, attempts = 1): OutboxEntry => {
  const [message] = notificationMessages(intent, ['email']);
  if (message === undefined) throw new Error('no message');
  const at = new Date('2026-03-02T08:00:00Z');
  return {
    messageId: message.messageId,
    topic: message.topic,
    payload: message.payload,
    sequence: 1,
    status: 'pending',
    attempts,
    addedAt: at,
    availableAt: at,
  };
};

export const settingsFor = (port: number, overrides: Record<string, unknown> = {}): EmailSettings => {
  const decoded = decodeEmailSettings({
    smtp: { host: '127.0.0.1', port },
    from: 'notifications@agency.example',
    recipients: {
      'supervising-social-worker': ['ssw.one@agency.example', 'ssw.duty@agency.example'],
      'registered-manager': ['manager@agency.example'],
    },
    agencyName: 'Northfield Therapeutic Fostering',
    ...overrides,
  });
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  return decoded.right;
};
