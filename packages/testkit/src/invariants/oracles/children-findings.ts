import {
  type AgencyPolicy,
  agencyFindings,
  complianceContext,
  type Finding,
  type LocalDate,
  type Subject,
} from '@fostering/core';
import type { ScriptRun } from '../run-script.js';

/**
 * Comparing what an oracle expects with what the compliance projection reports, for one alert rule: a finding
 * is identified by its subject (the very fields the projection names), its code and its due date when it has
 * one. The sets must be equal; each difference becomes a sentence naming the records by their script names.
 */

/** A finding an oracle says must be reported on the day judged, and why. */
export interface ExpectedFinding {
  readonly subject: Subject;
  readonly code: string;
  readonly dueOn?: LocalDate;
  /** Why, in a few words, for the breach sentence ("the first visit, due 2025-04-24, had not happened"). */
  readonly why: string;
}

/** The projection's findings of one rule on the run's `asOf`. */
export const projectedFindings = (
  run: Pick<ScriptRun, 'records' | 'script'>,
  policy: AgencyPolicy,
  ruleId: string,
): ReadonlyArray<Finding> =>
  agencyFindings(run.records, complianceContext(run.script.asOf, { policy })).findings.filter(
    (f) => f.rule.id === ruleId,
  );

const subjectKey = (subject: Subject): string =>
  JSON.stringify(
    Object.entries(subject)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );

export const findingKey = (f: { subject: Subject; code: string; dueOn?: string | undefined }): string =>
  `${subjectKey(f.subject)}|${f.code}|${f.dueOn ?? ''}`;

/** The run's ids shown by their script names (`c1` for `r3abcd-c1`). */
export const namer =
  (run: Pick<ScriptRun, 'id'>) =>
  (id: string): string => {
    const prefix = run.id('');
    return id.startsWith(prefix) ? id.slice(prefix.length) : id;
  };

export const describeSubject = (subject: Subject, name: (id: string) => string): string =>
  Object.entries(subject)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k.replace(/Id$/, '')} ${name(String(v))}`)
    .join(', ');

/** One sentence per finding reported and not expected, and per finding expected and not reported. */
export const compareFindings = (
  run: Pick<ScriptRun, 'id' | 'script'>,
  expected: ReadonlyArray<ExpectedFinding>,
  projected: ReadonlyArray<Finding>,
): string[] => {
  const name = namer(run);
  const asOf = run.script.asOf;
  const wanted = new Map(expected.map((f) => [findingKey(f), f]));
  const got = new Map(projected.map((f) => [findingKey(f), f]));
  const breaches: string[] = [];
  for (const [key, f] of got) {
    if (wanted.has(key)) continue;
    breaches.push(
      `${describeSubject(f.subject, name)}: on ${asOf} the projection reports ${f.code}${
        f.dueOn === undefined ? '' : ` due ${f.dueOn}`
      } ("${f.message}"), but the records show no such breach`,
    );
  }
  for (const [key, f] of wanted) {
    if (got.has(key)) continue;
    breaches.push(
      `${describeSubject(f.subject, name)}: ${f.why}, yet on ${asOf} the projection reports no ${f.code}${
        f.dueOn === undefined ? '' : ` due ${f.dueOn}`
      }`,
    );
  }
  return breaches;
};
