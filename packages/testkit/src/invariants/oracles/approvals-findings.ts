import {
  type AgencyPolicy,
  agencyFindings,
  complianceContext,
  type Finding,
  type LocalDate,
} from '@fostering/core';
import type { ScriptRun } from '../run-script.js';
import { nameIn } from './approvals-household.js';

/** What an alert oracle expects the compliance projection to report: a record, a due date, and why. */
export interface ExpectedFinding {
  /** The record the finding is about: a household id, or a placement id for placement findings. */
  readonly subject: string;
  readonly dueOn: LocalDate;
  readonly why: string;
}

/** The projection's findings under one rule, on the day the script is judged. */
export const reportedFindings = (
  run: ScriptRun,
  policy: AgencyPolicy,
  ruleId: string,
): ReadonlyArray<Finding> =>
  agencyFindings(run.records, complianceContext(run.script.asOf, { policy })).findings.filter(
    (f) => f.rule.id === ruleId,
  );

/**
 * Compares the findings reported with those expected, as multisets of (record, due date); each difference is
 * one sentence. `subjectOf` picks the record a reported finding is about (undefined: not compared).
 */
export const compareFindings = (
  run: ScriptRun,
  ruleId: string,
  expected: ReadonlyArray<ExpectedFinding>,
  reported: ReadonlyArray<Finding>,
  subjectOf: (finding: Finding) => string | undefined,
): string[] => {
  const key = (subject: string, dueOn: string | undefined) => `${subject}|${dueOn ?? 'no due date'}`;
  const left = new Map<string, Finding[]>();
  for (const finding of reported) {
    const subject = subjectOf(finding);
    if (subject === undefined) continue;
    const k = key(subject, finding.dueOn);
    left.set(k, [...(left.get(k) ?? []), finding]);
  }
  const breaches: string[] = [];
  for (const e of expected) {
    const k = key(e.subject, e.dueOn);
    const matching = left.get(k) ?? [];
    if (matching.length > 0) {
      left.set(k, matching.slice(1));
      continue;
    }
    const others = reported.filter((f) => subjectOf(f) === e.subject).map((f) => `"${f.message}"`);
    breaches.push(
      `${nameIn(run, e.subject)}: ${e.why}, so on ${run.script.asOf} rule ${ruleId} should report it due ${e.dueOn}; the projection reports ${others.length === 0 ? 'nothing for it' : others.join(', ')}`,
    );
  }
  for (const [k, findings] of left) {
    for (const f of findings) {
      const subject = k.split('|')[0] ?? '';
      breaches.push(
        `${nameIn(run, subject)}: on ${run.script.asOf} the projection reports "${f.message}" (${f.code}, due ${f.dueOn ?? 'no date'}) under rule ${ruleId}, which the events do not bear out`,
      );
    }
  }
  return breaches;
};

/** Late as judged on `asOf`: met after the due day, or not met by `asOf` when that is past the due day. */
export const lateOn = (asOf: LocalDate, dueOn: LocalDate, metOn: LocalDate | undefined): boolean =>
  metOn !== undefined && metOn <= asOf ? metOn > dueOn : asOf > dueOn;
