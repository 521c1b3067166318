import type { LocalDate } from '../calendar/index.js';
import type { Deadline } from '../compliance/finding.js';
import { type NotificationIntent, type NotificationKind, notificationKey } from './intent.js';
import { type AudienceRole, audiencesFor } from './routing.js';

const kindOf = (deadline: Deadline): NotificationKind | undefined =>
  deadline.state === 'due-soon'
    ? 'deadline-due-soon'
    : deadline.state === 'overdue'
      ? 'deadline-overdue'
      : undefined;

const titleOf = (kind: NotificationKind, deadline: Deadline): string =>
  kind === 'deadline-due-soon'
    ? `Due ${deadline.dueOn}: ${deadline.description} (${deadline.rule.id}, ${deadline.rule.citation})`
    : `Overdue since ${deadline.dueOn}: ${deadline.description} (${deadline.rule.id}, ${deadline.rule.citation})`;

/**
 * The notifications a set of judged deadlines calls for on `today`: one per audience for each deadline due soon,
 * and one for each overdue. Pure; the keys make raising them again harmless, so the scheduler can run as often
 * as it likes. A deadline met (even late) between two runs is not notified: it is no longer something to act on,
 * and the compliance report still shows it as met late.
 */
export const deadlineNotifications = (
  deadlines: ReadonlyArray<Deadline>,
  today: LocalDate,
  routing: { readonly audiences: Readonly<Record<string, ReadonlyArray<AudienceRole>>> },
): ReadonlyArray<NotificationIntent> =>
  deadlines.flatMap((deadline) => {
    const kind = kindOf(deadline);
    if (kind === undefined) return [];
    return audiencesFor(routing, deadline.rule.id).map((audience) => ({
      idempotencyKey: notificationKey(kind, deadline, audience),
      kind,
      rule: { id: deadline.rule.id, citation: deadline.rule.citation },
      code: deadline.code,
      subject: deadline.subject,
      dueOn: deadline.dueOn,
      audience,
      title: titleOf(kind, deadline),
      raisedOn: today,
    }));
  });
