import type { AgencyPolicy, LocalDate } from '@fostering/core';
import fc from 'fast-check';
import { daysAfter, latest, monthsAfter } from '../oracles/supervision-facts.js';
import { type Script, type ScriptStep, script } from '../script.js';

/** Steps in date order; a stable sort, so each record's steps, and a racing step after its partner, stay put. */
export const sortedSteps = (steps: ReadonlyArray<ScriptStep>): ScriptStep[] =>
  [...steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

const isDate = (value: unknown): value is LocalDate =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Every date a step's command names, and the step's own. */
const datesOf = (step: ScriptStep): LocalDate[] => [
  step.on,
  ...Object.values(step.request.command as unknown as Record<string, unknown>).filter(isDate),
];

/**
 * The day a history is judged on: its last step, a day up to 40 or 500 days later, or (most often) a boundary
 * of the supervision rules after its last step: a year, 18 months, a training refresh period, an appraisal
 * interval or a visit or supervision interval after any date of the history, that day itself or a day either
 * side.
 */
export const judgedAround = (
  steps: ReadonlyArray<ScriptStep>,
  policy: AgencyPolicy,
): fc.Arbitrary<Script> => {
  const last = latest(steps.map((s) => s.on)) ?? ('2024-01-08' as LocalDate);
  const refresh = policy.approvals.trainingRefreshMonths;
  const months = [12, 18, refresh.safeguarding, refresh.firstAid, refresh.parentAndChild];
  months.push(policy.supervision.appraisalIntervalMonths);
  const days = [policy.supervision.sswVisitIntervalDays, policy.supervision.staffSupervisionIntervalDays];
  const dates = [...new Set(steps.flatMap(datesOf))];
  const boundaries = [
    ...new Set(
      dates
        .flatMap((d) => [...months.map((n) => monthsAfter(d, n)), ...days.map((n) => daysAfter(d, n))])
        .flatMap((d) => [daysAfter(d, -1), d, daysAfter(d, 1)])
        .filter((d) => d >= last),
    ),
  ].sort();
  const later = fc.integer({ min: 1, max: 500 }).map((n) => daysAfter(last, n));
  const soon = fc.integer({ min: 1, max: 40 }).map((n) => daysAfter(last, n));
  const asOf =
    boundaries.length === 0
      ? fc.oneof(fc.constant(last), later)
      : fc.oneof(
          { arbitrary: fc.constant(last), weight: 1 },
          { arbitrary: later, weight: 1 },
          { arbitrary: soon, weight: 3 },
          { arbitrary: fc.constantFrom(...boundaries), weight: 4 },
        );
  return asOf.map((on) => script(steps, on));
};

/** A value `yes` times in `yes + no`, else undefined. */
export const sometimes = <T>(
  arbitrary: fc.Arbitrary<T>,
  yes: number,
  no: number,
): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary, weight: yes }, { arbitrary: fc.constant(undefined), weight: no });
