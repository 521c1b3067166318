import {
  type AgencyPolicy,
  agencyFindings,
  complianceContext,
  type Finding,
  type RuleRef,
} from '@fostering/core';
import type { ScriptRun } from '../run-script.js';
import type { Expectation } from './supervision-households.js';

/** The compliance projection's findings under one rule, on the day the run is judged. */
export const projectedFindings = (
  run: ScriptRun,
  policy: AgencyPolicy,
  rule: RuleRef,
): ReadonlyArray<Finding> =>
  agencyFindings(run.records, complianceContext(run.script.asOf, { policy })).findings.filter(
    (f) => f.rule.id === rule.id,
  );

/** The run's ids shown by their names in the script (`r3x9k-h1` as `h1`). */
export const named =
  (run: ScriptRun) =>
  (text: string): string => {
    const prefix = run.id('');
    return prefix === '' ? text : text.split(prefix).join('');
  };

/**
 * The differences between what the oracle expects and what the projection reports, each a sentence: as
 * multisets of keys (subject and due date), so that two findings due the same day must both be there.
 */
export const differences = (
  run: ScriptRun,
  expected: ReadonlyArray<Expectation>,
  reported: ReadonlyArray<Expectation>,
): string[] => {
  const name = named(run);
  const count = (items: ReadonlyArray<Expectation>) => {
    const counts = new Map<string, Expectation[]>();
    for (const item of items) counts.set(item.key, [...(counts.get(item.key) ?? []), item]);
    return counts;
  };
  const wanted = count(expected);
  const got = count(reported);
  const breaches: string[] = [];
  const asOf = run.script.asOf;
  for (const [key, items] of wanted) {
    for (const item of items.slice(got.get(key)?.length ?? 0)) {
      breaches.push(
        name(`on ${asOf}, ${key.split(' ')[0]}: ${item.says}, yet the projection has no finding [${key}]`),
      );
    }
  }
  for (const [key, items] of got) {
    for (const item of items.slice(wanted.get(key)?.length ?? 0)) {
      breaches.push(
        name(
          `on ${asOf}, ${key.split(' ')[0]}: the projection reports "${item.says}" [${key}], yet nothing is due`,
        ),
      );
    }
  }
  return breaches;
};

/** The rule ids of the warnings an accepted answer carries, wherever the handle put them (`warnings`). */
export const warningRules = (answer: unknown, depth = 0): ReadonlyArray<string> => {
  if (depth > 3 || typeof answer !== 'object' || answer === null) return [];
  const warnings = (answer as { warnings?: unknown }).warnings;
  if (Array.isArray(warnings)) {
    return warnings.flatMap((w) => {
      const id = (w as { rule?: { id?: unknown } } | null)?.rule?.id;
      return typeof id === 'string' ? [id] : [];
    });
  }
  return Object.values(answer).flatMap((value) => warningRules(value, depth + 1));
};
