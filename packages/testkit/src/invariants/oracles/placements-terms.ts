import { type AgencyPolicy, agencyFindings, complianceContext, type Terms } from '@fostering/core';
import type { ScriptRun } from '../run-script.js';
import { ageOn, earliest, statutory, workingDaysAfter } from './placements-dates.js';
import {
  fostered,
  type PlacementFacts,
  presentOn,
  type Stay,
  staysBefore,
  termsBefore,
} from './placements-facts.js';
import { acceptedStarts, boundaryOf, namer, refusalsNaming, type Start } from './placements-steps.js';

/**
 * Rule `terms` (CPPR 23), from the stored events. Every fostered placement fits the terms in force on its start
 * date as recorded then (placement type, age in whole years, support package when the terms list any, and the
 * number of fostered children on its start and on every later day a placement then on record begins), or was
 * sent as an emergency and is marked outside the terms until the 6th working day after its start. The
 * override expires: on the judging day the compliance projection reports exactly the emergencies outside the
 * terms that had not ended, nor been covered by a change of terms, by that 6th working day.
 */

interface Candidate {
  readonly childId: string;
  readonly householdId: string;
  readonly startedOn: string;
  readonly placementType: string;
  readonly supportPackage: string;
}

/** What of a placement falls outside `terms`, given the other fostered placements on record (`others`). */
const outside = (
  facts: PlacementFacts,
  p: Candidate,
  terms: Terms,
  others: ReadonlyArray<Stay>,
): string[] => {
  const dob = facts.children.get(p.childId)?.dateOfBirth;
  const age = dob === undefined ? undefined : ageOn(dob, p.startedOn);
  const reasons: string[] = [];
  if (!terms.placementTypes.includes(p.placementType as never))
    reasons.push(`placement type ${p.placementType}`);
  if (age === undefined || age < terms.ageRange.minAge || age > terms.ageRange.maxAge)
    reasons.push(`age ${age}`);
  if (terms.supportPackages.length > 0 && !terms.supportPackages.includes(p.supportPackage as never))
    reasons.push(`support package ${p.supportPackage}`);
  const here = fostered(others).filter((s) => s.householdId === p.householdId && s.childId !== p.childId);
  const days = [p.startedOn, ...here.map((s) => s.startedOn).filter((d) => d > p.startedOn)];
  const most = Math.max(...days.map((d) => presentOn(here, d).length + 1));
  if (most > terms.maxChildren) reasons.push(`${most} children (terms allow ${terms.maxChildren})`);
  return reasons;
};

export const termsBreaches = (run: ScriptRun, facts: PlacementFacts, policy: AgencyPolicy): string[] => {
  const name = namer(run);
  const breaches: string[] = [];
  const sent = acceptedStarts(run);
  for (const p of fostered(facts.stays)) {
    const { startedOn, outsideTermsUntil } = p.data;
    const what = `${name(p.placementId)} (${name(p.childId)} in ${name(p.householdId)} from ${startedOn})`;
    const terms = termsBefore(facts.households.get(p.householdId), startedOn, p.at);
    if (terms === undefined) {
      breaches.push(`${what} started with no terms of approval in force`);
      continue;
    }
    const reasons = outside(facts, { ...p.data }, terms, staysBefore(facts.stays, p.at));
    if (outsideTermsUntil === undefined) {
      if (reasons.length > 0)
        breaches.push(`${what} is outside its terms (${reasons.join(', ')}) and not an emergency`);
      continue;
    }
    const due = workingDaysAfter(startedOn, statutory.emergencyWorkingDays);
    if (sent.get(p.placementId)?.emergency !== true)
      breaches.push(
        `${what} is marked outside the terms until ${outsideTermsUntil}, but was not sent as an emergency`,
      );
    if (outsideTermsUntil !== due)
      breaches.push(
        `${what} is outside the terms until ${outsideTermsUntil}; 6 working days after its start is ${due}`,
      );
    if (reasons.length === 0) breaches.push(`${what} is marked outside the terms, yet fits them`);
  }
  breaches.push(...expiryBreaches(run, facts, policy), ...unjustifiedRefusals(run, facts));
  return breaches;
};

/** The emergencies outside the terms, overdue on the judging day, by placement id, with their due day. */
export const overdueEmergencies = (run: ScriptRun, facts: PlacementFacts): Map<string, string> => {
  const { asOf } = run.script;
  const overdue = new Map<string, string>();
  for (const p of facts.stays) {
    const due = p.data.outsideTermsUntil;
    if (due === undefined || p.startedOn > asOf) continue;
    const household = facts.households.get(p.householdId);
    // Met when it ends, or on the first day a change of terms takes effect that covers it.
    const changes = (household?.terms ?? [])
      .map((t) => t.value.from)
      .filter((d) => d > p.startedOn && d <= asOf);
    const covered = [p.startedOn, ...changes].sort().find((day) => {
      const terms = termsBefore(household, day);
      const present = presentOn(fostered(facts.stays), day).filter(
        (s) => s.householdId === p.householdId && s.placementId !== p.placementId,
      );
      return (
        terms !== undefined && outside(facts, { ...p.data, startedOn: day }, terms, present).length === 0
      );
    });
    const metOn = earliest(p.endedOn, covered);
    const late = metOn !== undefined && metOn <= asOf ? metOn > due : asOf > due;
    if (late) overdue.set(p.placementId, due);
  }
  return overdue;
};

const expiryBreaches = (run: ScriptRun, facts: PlacementFacts, policy: AgencyPolicy): string[] => {
  const name = namer(run);
  const expected = overdueEmergencies(run, facts);
  const reported = new Map(
    agencyFindings(run.records, complianceContext(run.script.asOf, { policy }))
      .findings.filter((f) => f.rule.id === 'terms')
      .map((f) => [f.subject.placementId ?? '', f.dueOn ?? ''] as const),
  );
  const breaches: string[] = [];
  for (const [id, due] of expected) {
    if (reported.get(id) !== due)
      breaches.push(
        `${name(id)}: an emergency outside the terms still not ended nor covered by a change of terms by ${due}, yet on ${run.script.asOf} the projection reports ${reported.has(id) ? `it due ${reported.get(id)}` : 'nothing'}`,
      );
  }
  for (const [id, due] of reported) {
    if (!expected.has(id))
      breaches.push(
        `${name(id)}: on ${run.script.asOf} the projection reports rule terms due ${due}, but nothing is overdue`,
      );
  }
  return breaches;
};

/** A start refused naming `terms` must be outside the terms on record, and not an emergency. */
const unjustifiedRefusals = (run: ScriptRun, facts: PlacementFacts): string[] => {
  const name = namer(run);
  return refusalsNaming(run, 'terms').flatMap(({ i, outcome }) => {
    const command = outcome.step.request.command as Start;
    const why = `step ${i + 1} (${name(command.childId)} into ${name(command.householdId)} from ${command.startedOn}) was refused naming rule terms`;
    if (command.emergency === true)
      return [`${why}, but it was an emergency, which may fall outside the terms`];
    const before = boundaryOf(run, facts, i);
    if (before === undefined || command.placementType === 'staying-put') return [];
    const terms = termsBefore(facts.households.get(command.householdId), command.startedOn, before);
    if (terms === undefined) return [];
    const reasons = outside(facts, command, terms, staysBefore(facts.stays, before));
    return reasons.length > 0 ? [] : [`${why}, yet it fits the terms then in force`];
  });
};
