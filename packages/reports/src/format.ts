import type { AsOfDate, DeadlineState, LocalDate, RuleRef, Subject } from '@fostering/core';

// English month abbreviations written out rather than taken from Intl: a report must read the same on every
// machine, whatever its locale or ICU data.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const parts = (date: LocalDate): { year: string; month: string; day: number } => {
  const [year = '', month = '', day = ''] = date.split('-');
  return { year, month: MONTHS[Number(month) - 1] ?? month, day: Number(day) };
};

/** '2025-03-04' as '4 Mar 2025', the way dates are written in UK case records. */
export const formatDate = (date: LocalDate): string => {
  const { year, month, day } = parts(date);
  return `${day} ${month} ${year}`;
};

/** '2025-03-04' as 'Mar 2025', for the timeline's month ticks. */
export const formatMonth = (date: LocalDate): string => {
  const { year, month } = parts(date);
  return `${month} ${year}`;
};

export const formatPeriod = (period: { readonly from: LocalDate; readonly to: LocalDate }): string =>
  `${formatDate(period.from)} to ${formatDate(period.to)}`;

/**
 * Which history the report was built from. The two readings can differ (a visit written up in May for March is
 * in a March review only if the review reads by occurrence), so the report must say which one it is.
 */
export const formatAsOf = (asOf: AsOfDate): string =>
  asOf.by === 'occurred'
    ? `the history as it had happened by ${formatDate(asOf.on)}`
    : `the history as it had been recorded by ${formatDate(asOf.on)}`;

export const formatRule = (rule: RuleRef): string => `${rule.id} (${rule.citation})`;

/** In a report judged at the end of a period, a deadline still overdue then was missed. */
export const DEADLINE_STATE_LABELS: Readonly<Record<DeadlineState, string>> = {
  met: 'met',
  'met-late': 'met late',
  upcoming: 'upcoming',
  'due-soon': 'due soon',
  overdue: 'missed',
};

const SUBJECT_LABELS: ReadonlyArray<readonly [keyof Subject, string]> = [
  ['householdId', 'household'],
  ['childId', 'child'],
  ['placementId', 'placement'],
  ['adultId', 'adult'],
  ['petId', 'pet'],
  ['staffId', 'staff'],
  ['seriesId', 'clinic series'],
];

/** 'household h-1, child c-7': every id the subject has, most general first. */
export const formatSubject = (subject: Subject): string => {
  const named = SUBJECT_LABELS.flatMap(([key, label]) => {
    const id = subject[key];
    return id === undefined ? [] : [`${label} ${id}`];
  });
  return named.length === 0 ? 'the agency' : named.join(', ');
};

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What a report prints where an optional field was never recorded, rather than leaving a blank. */
export const NOT_RECORDED = 'not recorded';

export const orNotRecorded = (value: string | number | undefined): string =>
  value === undefined ? NOT_RECORDED : String(value);
