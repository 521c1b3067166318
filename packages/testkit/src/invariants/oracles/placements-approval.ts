import type { ScriptRun } from '../run-script.js';
import { type HouseholdFacts, type PlacementFacts, termsBefore } from './placements-facts.js';
import { boundaryOf, namer, refusalsNaming, type Start } from './placements-steps.js';

/**
 * Rule `approval-before-placement` (FSR 27(5)), from the stored events: every placement starts on a day its
 * household holds an approval (a full approval decided by then, or a temporary one not yet expired, and no
 * resignation, termination or refusal in effect), with written terms in force (an explicit maximum) and a foster
 * care agreement signed on or before that day, all on record before the placement was. Staying put, which is
 * not fostering, is left to rule `staying-put`.
 */

/** Why a household could not take a placement starting on `on`, by what was on record before `before`. */
export const notEligible = (h: HouseholdFacts | undefined, on: string, before: number): string[] => {
  if (h === undefined) return ['no application on record'];
  const known = <T>(items: ReadonlyArray<{ at: number; value: T }>) =>
    items.filter((i) => i.at < before).map((i) => i.value);
  const extendedTo = known(h.extensions).at(-1);
  const approved =
    known(h.approvals).some((d) => d <= on) ||
    known(h.temporary).some((t) => t.from <= on && on < (extendedTo ?? t.until));
  const ended = known(h.endings).filter((e) => e.on <= on);
  const terms = termsBefore(h, on, before);
  const reasons: string[] = [];
  if (!approved) reasons.push(`not approved on ${on}`);
  for (const e of ended) reasons.push(`approval ended on ${e.on} (${e.kind})`);
  if (terms === undefined || typeof terms.maxChildren !== 'number') reasons.push('no written terms in force');
  if (!known(h.agreements).some((d) => d <= on)) reasons.push(`no foster care agreement signed by ${on}`);
  return reasons;
};

export const approvalBreaches = (run: ScriptRun, facts: PlacementFacts): string[] => {
  const name = namer(run);
  const breaches: string[] = [];
  for (const p of facts.stays) {
    if (p.placementType === 'staying-put') continue;
    const reasons = notEligible(facts.households.get(p.householdId), p.startedOn, p.at);
    if (reasons.length > 0)
      breaches.push(
        `${name(p.placementId)} (${name(p.childId)} in ${name(p.householdId)}) started on ${p.startedOn}: ${reasons.join('; ')}`,
      );
  }
  for (const { i, outcome } of refusalsNaming(run, 'approval-before-placement')) {
    const command = outcome.step.request.command as Start;
    const before = boundaryOf(run, facts, i);
    if (before === undefined) continue;
    if (notEligible(facts.households.get(command.householdId), command.startedOn, before).length === 0)
      breaches.push(
        `step ${i + 1} (${name(command.childId)} into ${name(command.householdId)} from ${command.startedOn}) was refused naming rule approval-before-placement, yet the household was approved with terms and a signed agreement then`,
      );
  }
  return breaches;
};
