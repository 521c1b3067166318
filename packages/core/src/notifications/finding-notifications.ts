import type { LocalDate } from '../calendar/index.js';
import type { Finding } from '../compliance/finding.js';
import type { NotificationIntent } from './intent.js';
import { type AudienceRole, audiencesFor } from './routing.js';

const subjectKey = (finding: Finding): string =>
  Object.entries(finding.subject)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');

/**
 * Findings that are not a deadline (a record missing or wrong, such as an allergy the safe-care plan leaves out):
 * one notification per audience the first time a tick sees each. Deadline findings are left to
 * `deadlineNotifications`, which already reports them as due soon and overdue.
 */
export const findingNotifications = (
  findings: ReadonlyArray<Finding>,
  today: LocalDate,
  routing: { readonly audiences: Readonly<Record<string, ReadonlyArray<AudienceRole>>> },
): ReadonlyArray<NotificationIntent> =>
  findings
    .filter((finding) => finding.dueOn === undefined)
    .flatMap((finding) =>
      audiencesFor(routing, finding.rule.id).map((audience) => ({
        idempotencyKey: `finding:${finding.rule.id}/${finding.code}/${subjectKey(finding)}:${audience}`,
        kind: 'finding' as const,
        rule: { id: finding.rule.id, citation: finding.rule.citation },
        code: finding.code,
        subject: finding.subject,
        dueOn: today,
        audience,
        title: `${finding.rule.id} (${finding.rule.citation}): ${finding.code.replaceAll('-', ' ')}`,
        raisedOn: today,
      })),
    );
