import { daysBetween, type LocalDate } from '../calendar/index.js';
import type { RuleRef } from '../eventsourcing/index.js';

/** What a deadline or finding is about: always a household or child, sometimes a person or pet within it. */
export interface Subject {
  readonly householdId?: string;
  readonly childId?: string;
  readonly placementId?: string;
  readonly adultId?: string;
  readonly petId?: string;
  readonly staffId?: string;
  /** A clinic series (a clinician's consultations with one household). */
  readonly seriesId?: string;
}

export type DeadlineState = 'met' | 'met-late' | 'upcoming' | 'due-soon' | 'overdue';

/** A dated obligation under a rule, as it stands on the date it was evaluated. */
export interface Deadline {
  readonly rule: RuleRef;
  readonly code: string;
  readonly subject: Subject;
  readonly description: string;
  readonly dueOn: LocalDate;
  readonly state: DeadlineState;
  readonly metOn?: LocalDate;
}

/** Something a projection reports against a rule: a missed deadline, or a record that is missing or wrong. */
export interface Finding {
  readonly rule: RuleRef;
  readonly code: string;
  readonly subject: Subject;
  readonly message: string;
  readonly dueOn?: LocalDate;
}

export interface DeadlineInput {
  readonly rule: RuleRef;
  readonly code: string;
  readonly subject: Subject;
  readonly description: string;
  readonly dueOn: LocalDate;
  readonly metOn?: LocalDate | undefined;
}

/** Judges a deadline on a date: met (on time or late), or open (upcoming, due soon, overdue). */
export const judgeDeadline = (input: DeadlineInput, asOf: LocalDate, dueSoonDays: number): Deadline => {
  const { metOn, ...rest } = input;
  if (metOn !== undefined && metOn <= asOf) {
    return { ...rest, metOn, state: metOn <= input.dueOn ? 'met' : 'met-late' };
  }
  const state =
    asOf > input.dueOn ? 'overdue' : daysBetween(asOf, input.dueOn) <= dueSoonDays ? 'due-soon' : 'upcoming';
  return { ...rest, state };
};

/** Overdue and late deadlines are findings too: what an inspector would ask about. */
export const findingOfDeadline = (deadline: Deadline): Finding | undefined => {
  if (deadline.state !== 'overdue' && deadline.state !== 'met-late') return undefined;
  const how = deadline.state === 'overdue' ? 'overdue since' : `met late on ${deadline.metOn}, due`;
  return {
    rule: deadline.rule,
    code: deadline.code,
    subject: deadline.subject,
    message: `${deadline.description}: ${how} ${deadline.dueOn}`,
    dueOn: deadline.dueOn,
  };
};
