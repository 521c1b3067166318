import * as E from 'fp-ts/lib/Either.js';
import type { LocalDate, WorkingDayCalendar } from '../calendar/index.js';
import { englandWorkingDayCalendar } from '../calendar/index.js';
import type { RuleRef } from '../eventsourcing/index.js';
import { type AgencyPolicy, defaultAgencyPolicy } from '../policy/index.js';
import type { DeadlineInput, Finding, Subject } from './finding.js';

/** What a compliance evaluation needs besides the record: the date, the agency's settings, the calendar. */
export interface ComplianceContext {
  readonly asOf: LocalDate;
  readonly policy: AgencyPolicy;
  readonly calendar: WorkingDayCalendar;
}

export const complianceContext = (
  asOf: LocalDate,
  options: { readonly policy?: AgencyPolicy; readonly calendar?: WorkingDayCalendar } = {},
): ComplianceContext => ({
  asOf,
  policy: options.policy ?? defaultAgencyPolicy,
  calendar: options.calendar ?? englandWorkingDayCalendar,
});

/** Collects deadline inputs and plain findings while a record is examined. */
export interface Collector {
  readonly deadline: (input: DeadlineInput) => void;
  readonly finding: (finding: Finding) => void;
  /** A working-day date, or a finding that it cannot be computed (the calendar does not cover it). */
  readonly workingDays: (
    from: LocalDate,
    n: number,
    rule: RuleRef,
    subject: Subject,
  ) => LocalDate | undefined;
}

export const collector = (context: ComplianceContext) => {
  const deadlines: DeadlineInput[] = [];
  const findings: Finding[] = [];
  const collect: Collector = {
    deadline: (input) => deadlines.push(input),
    finding: (finding) => findings.push(finding),
    workingDays: (from, n, rule, subject) => {
      const date = context.calendar.addWorkingDays(from, n);
      if (E.isRight(date)) return date.right;
      findings.push({ rule, code: 'calendar-not-covered', subject, message: date.left.message });
      return undefined;
    },
  };
  return { collect, deadlines, findings };
};
