import { householdCompliance } from '../../approvals/compliance/household-compliance.js';
import type { HouseholdRecords } from '../../approvals/projections/households.js';
import type { HouseholdState } from '../../approvals/state.js';
import { isApprovedOn } from '../../approvals/status.js';
import type { LocalDate } from '../../calendar/index.js';
import { type ComplianceContext, shiftWithinCalendar } from '../../compliance/context.js';
import {
  type Deadline,
  type Finding,
  findingOfDeadline,
  judgeDeadline,
  type Subject,
} from '../../compliance/index.js';
import type { AgencyPolicy } from '../../policy/index.js';
import { rules, statutoryNumbers } from '../../rules/index.js';

/** The date the household's current approval began: full approval, or the temporary one before it. */
export const approvalStartOf = (state: HouseholdState): LocalDate | undefined =>
  state.approvedOn ?? state.temporary?.approvedOn;

/**
 * Rule `ssw`, the agency's regular frequency (policy `supervision.sswVisitIntervalDays`): the next supervisory
 * visit is due that many days after the last visit of any kind, or after approval if there has been none.
 * Undefined without an approval, or when the visit would fall due after 9999-12-31 (never within the calendar).
 */
export const nextSupervisoryVisitDue = (
  state: HouseholdState,
  policy: AgencyPolicy,
): LocalDate | undefined => {
  const from = state.lastVisitOn ?? approvalStartOf(state);
  return from === undefined
    ? undefined
    : shiftWithinCalendar(from, policy.supervision.sswVisitIntervalDays, 'days');
};

export interface HouseholdSupervision {
  readonly householdId: string;
  readonly sswId?: string;
  readonly lastVisitOn?: LocalDate;
  readonly lastUnannouncedVisitOn?: LocalDate;
  readonly lastHomeCheckOn?: LocalDate;
  /**
   * The regular visit (`supervisory-visit`, computed here) and, from the approvals area's own compliance, the
   * yearly unannounced visit (`unannounced-visit`) and home check (`home-check`), sorted by due date.
   */
  readonly deadlines: ReadonlyArray<Deadline>;
  /** Findings of the regular visit only: approvals compliance already reports the other two. */
  readonly findings: ReadonlyArray<Finding>;
}

const fromApprovals = new Set(['unannounced-visit', 'home-check']);
const byDueDate = (a: Deadline, b: Deadline) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0);

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/**
 * A household's supervision on `context.asOf`, while it is approved then (otherwise nothing is due). The
 * household state keeps only the latest visit and check dates, so a past date is asked about by folding the
 * household stream up to that date first (as-of replay).
 */
export const householdSupervision = (
  state: HouseholdState,
  context: ComplianceContext,
): HouseholdSupervision | undefined => {
  const householdId = state.householdId ?? '';
  if (!isApprovedOn(state, context.asOf) || approvalStartOf(state) === undefined) return undefined;
  const dueOn = nextSupervisoryVisitDue(state, context.policy);
  const subject: Subject = { householdId };
  // A regular visit due after 9999-12-31 is not due within the calendar: only the yearly ones are listed.
  const regular =
    dueOn === undefined
      ? undefined
      : judgeDeadline(
          {
            rule: rules.ssw,
            code: 'supervisory-visit',
            subject,
            description: `supervisory visit within ${context.policy.supervision.sswVisitIntervalDays} days of ${
              state.lastVisitOn === undefined ? 'approval on' : 'the visit on'
            } ${state.lastVisitOn ?? approvalStartOf(state)}`,
            dueOn,
          },
          context.asOf,
          context.policy.approvals.dueSoonDays,
        );
  const yearly = householdCompliance(state, context).deadlines.filter((d) => fromApprovals.has(d.code));
  const late = regular === undefined ? undefined : findingOfDeadline(regular);
  return {
    householdId,
    ...optional('sswId', state.ssw?.sswId),
    ...optional('lastVisitOn', state.lastVisitOn),
    ...optional('lastUnannouncedVisitOn', state.lastUnannouncedVisitOn),
    ...optional('lastHomeCheckOn', state.lastHomeCheckOn),
    deadlines: [...(regular === undefined ? [] : [regular]), ...yearly].sort(byDueDate),
    findings: late === undefined ? [] : [late],
  };
};

/** A household approved for a full year or more with no unannounced visit in the last 12 months. */
export interface UnannouncedVisitGap extends Finding {
  readonly householdId: string;
  readonly approvedSince: LocalDate;
  readonly lastUnannouncedVisitOn?: LocalDate;
  readonly sswId?: string;
}

/**
 * Rule `ssw` (NMS 21.8), agency-wide on `asOf`: every household approved on that date whose approval began
 * more than 12 months earlier and whose last unannounced visit (if any) was more than 12 months earlier. Twelve
 * months after a date is the same day a year later (29 February goes to 28 February), and a visit is due by
 * that day, so a household is listed from the day after. Sorted by household id.
 */
export const unannouncedVisitCompliance = (
  records: HouseholdRecords,
  asOf: LocalDate,
): ReadonlyArray<UnannouncedVisitGap> => {
  const months = statutoryNumbers.unannouncedVisitsIntervalMonths;
  return Object.entries(records)
    .flatMap(([householdId, state]): UnannouncedVisitGap[] => {
      const start = approvalStartOf(state);
      if (start === undefined || !isApprovedOn(state, asOf)) return [];
      const last = state.lastUnannouncedVisitOn;
      // Twelve months that would end after 9999-12-31 have not passed on any date the calendar holds.
      const sinceStart = shiftWithinCalendar(start, months, 'months');
      const sinceLast = last === undefined ? undefined : shiftWithinCalendar(last, months, 'months');
      if (sinceStart === undefined || sinceStart >= asOf) return [];
      if (last !== undefined && (sinceLast === undefined || sinceLast >= asOf)) return [];
      const dueOn = sinceLast !== undefined && sinceLast > sinceStart ? sinceLast : sinceStart;
      return [
        {
          rule: rules.ssw,
          code: 'unannounced-visit-missing',
          subject: { householdId },
          message: `no unannounced visit in the 12 months to ${asOf}${
            last === undefined ? ' (none since approval)' : ` (last on ${last})`
          }`,
          dueOn,
          householdId,
          approvedSince: start,
          ...optional('lastUnannouncedVisitOn', last),
          ...optional('sswId', state.ssw?.sswId),
        },
      ];
    })
    .sort((a, b) => (a.householdId < b.householdId ? -1 : 1));
};
