import * as E from 'fp-ts/lib/Either.js';
import type { LocalDate, WorkingDayCalendar } from '../calendar/index.js';
import {
  englandWorkingDayCalendar,
  firstLocalDate,
  tryAddDays,
  tryAddMonths,
  tryAddWeeks,
  tryAddYears,
} from '../calendar/index.js';
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

export type CalendarUnit = 'days' | 'weeks' | 'months' | 'years';

const tryAdd = { days: tryAddDays, weeks: tryAddWeeks, months: tryAddMonths, years: tryAddYears } as const;

/**
 * Date arithmetic for reads: a due date or a window's edge counted from a date on record. Commands accept any
 * date in 0000-01-01..9999-12-31, so a recorded date may sit at either end of the calendar, and reads,
 * projections and reports must never fail. A result after 9999-12-31 is `undefined`: a deadline there is not
 * due within the calendar, so it can never be overdue, and is left out. A result before 0000-01-01 is clamped
 * to 0000-01-01: a window reaching back past it starts there, and a deadline that early has passed on every
 * date the calendar holds. Working days are not counted here: `Collector.workingDays` reports a finding when
 * the working-day calendar does not cover them.
 */
export const shiftWithinCalendar = (
  from: LocalDate,
  amount: number,
  unit: CalendarUnit,
): LocalDate | undefined => tryAdd[unit](from, amount) ?? (amount < 0 ? firstLocalDate : undefined);

/** A deadline input whose due date may be past the calendar (`undefined`, see `shiftWithinCalendar`). */
export type DeadlineWithinCalendar = Omit<DeadlineInput, 'dueOn'> & { readonly dueOn: LocalDate | undefined };

/** Collects deadline inputs and plain findings while a record is examined. */
export interface Collector {
  /** A deadline; one due after 9999-12-31 (`dueOn` undefined) is never due within the calendar, and is left out. */
  readonly deadline: (input: DeadlineWithinCalendar) => void;
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
    deadline: (input) => {
      if (input.dueOn !== undefined) deadlines.push({ ...input, dueOn: input.dueOn });
    },
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
