import { type AgencyPolicy, agencyFindings, complianceContext } from '@fostering/core';
import type { ScriptRun } from '../run-script.js';
import { ageOn, birthdayOf, plusDays, statutory } from './placements-dates.js';
import { type PlacementFacts, presentOn, type Stay, staysBefore } from './placements-facts.js';
import { boundaryOf, namer, refusalsNaming, type Start } from './placements-steps.js';

/**
 * Rules about the child's age: `staying-put` (CA89 s23CZA) and `bedroom` (NMS 10.6), from the stored events.
 */

const dobOf = (facts: PlacementFacts, childId: string) => facts.children.get(childId)?.dateOfBirth;

/** The household a young person lived with on the eve of their 18th birthday, by the stays given. */
const placedAtEighteen = (stays: ReadonlyArray<Stay>, childId: string, dob: string, householdId: string) =>
  presentOn(
    stays.filter((s) => s.childId === childId && s.placementType !== 'staying-put'),
    plusDays(birthdayOf(dob, statutory.stayingPutFrom), -1),
  ).some((s) => s.householdId === householdId);

/**
 * Staying put: a placement of a young person of 18 or over is staying put, which starts between their 18th and
 * 21st birthdays and only with the household they were placed with on the eve of their 18th birthday (placed
 * "on the 18th birthday": the foster placement ends as they turn 18 and staying put begins that day). Staying put
 * ends by the 21st birthday: on the judging day the compliance projection reports exactly the arrangements not
 * ended before it (docs/domain/placements.md: "ends before the 21st birthday").
 */
/** Staying-put arrangements not ended before the 21st birthday, on the judging day, with that due day. */
export const overdueStayingPut = (run: ScriptRun, facts: PlacementFacts): Map<string, string> => {
  const { asOf } = run.script;
  const overdue = new Map<string, string>();
  for (const p of facts.stays) {
    const dob = dobOf(facts, p.childId);
    if (p.placementType !== 'staying-put' || dob === undefined || p.startedOn > asOf) continue;
    const due = plusDays(birthdayOf(dob, statutory.stayingPutUntil), -1);
    const metOn = p.endedOn !== undefined && p.endedOn <= asOf ? p.endedOn : undefined;
    if (metOn === undefined ? asOf > due : metOn > due) overdue.set(p.placementId, due);
  }
  return overdue;
};

export const stayingPutBreaches = (run: ScriptRun, facts: PlacementFacts, policy: AgencyPolicy): string[] => {
  const name = namer(run);
  const breaches: string[] = [];
  const { asOf } = run.script;
  const expected = overdueStayingPut(run, facts);
  for (const p of facts.stays) {
    const dob = dobOf(facts, p.childId);
    const what = `${name(p.placementId)} (${name(p.childId)}, born ${dob}, in ${name(p.householdId)} from ${p.startedOn})`;
    if (dob === undefined) {
      breaches.push(`${what}: the child has no date of birth on record`);
      continue;
    }
    const age = ageOn(dob, p.startedOn);
    if (p.placementType !== 'staying-put') {
      if (age >= statutory.stayingPutFrom) breaches.push(`${what}: a ${p.placementType} placement at ${age}`);
      continue;
    }
    if (age < statutory.stayingPutFrom || age >= statutory.stayingPutUntil)
      breaches.push(`${what}: staying put at ${age}`);
    else if (!placedAtEighteen(staysBefore(facts.stays, p.at), p.childId, dob, p.householdId))
      breaches.push(`${what}: staying put with a household the young person did not live with at 18`);
  }
  const reported = new Map(
    agencyFindings(run.records, complianceContext(asOf, { policy }))
      .findings.filter((f) => f.rule.id === 'staying-put')
      .map((f) => [f.subject.placementId ?? '', f.dueOn ?? ''] as const),
  );
  for (const [id, due] of expected)
    if (reported.get(id) !== due)
      breaches.push(
        `${name(id)}: staying put not ended before the 21st birthday (due ${due}), yet on ${asOf} the projection reports ${reported.get(id) ?? 'nothing'}`,
      );
  for (const [id, due] of reported)
    if (!expected.has(id))
      breaches.push(
        `${name(id)}: on ${asOf} the projection reports rule staying-put due ${due}, but staying put ended in time`,
      );
  for (const { i, outcome } of refusalsNaming(run, 'staying-put')) {
    const c = outcome.step.request.command as Start;
    const dob = dobOf(facts, c.childId);
    if (dob === undefined) continue;
    const age = ageOn(dob, c.startedOn);
    const why = `step ${i + 1} (${name(c.childId)}, ${age}, into ${name(c.householdId)} from ${c.startedOn} as ${c.placementType}) was refused naming rule staying-put`;
    if (c.placementType !== 'staying-put') {
      if (age < statutory.stayingPutFrom) breaches.push(`${why}, yet the child is under 18`);
      continue;
    }
    if (age < statutory.stayingPutFrom || age >= statutory.stayingPutUntil) continue;
    const before = boundaryOf(run, facts, i);
    if (
      before !== undefined &&
      placedAtEighteen(staysBefore(facts.stays, before), c.childId, dob, c.householdId)
    )
      breaches.push(`${why}, yet the young person lived there at 18`);
  }
  return breaches;
};

/** Bedroom: a child aged 3 or more shares only with a sharing agreement and an assessment recorded by the start. */
export const bedroomBreaches = (run: ScriptRun, facts: PlacementFacts): string[] => {
  const name = namer(run);
  const lacking = (bedroom: Start['bedroom'], childId: string, on: string): string | undefined => {
    const dob = dobOf(facts, childId);
    if (!bedroom.shared || (dob !== undefined && ageOn(dob, on) < statutory.ownBedroomFrom)) return undefined;
    const by = (d: string | undefined) => d !== undefined && d <= on;
    if (by(bedroom.sharingAgreedOn) && by(bedroom.sharingAssessedOn)) return undefined;
    const age = dob === undefined ? 'of unknown age' : `aged ${ageOn(dob, on)}`;
    return `shares a bedroom ${age} with agreement ${bedroom.sharingAgreedOn ?? 'none'} and assessment ${bedroom.sharingAssessedOn ?? 'none'} for a start on ${on}`;
  };
  const breaches = facts.stays.flatMap((p) => {
    const why = lacking(p.data.bedroom, p.childId, p.startedOn);
    return why === undefined
      ? []
      : [`${name(p.placementId)} (${name(p.childId)} in ${name(p.householdId)}) ${why}`];
  });
  for (const { i, outcome } of refusalsNaming(run, 'bedroom')) {
    const c = outcome.step.request.command as Start;
    if (lacking(c.bedroom, c.childId, c.startedOn) === undefined)
      breaches.push(
        `step ${i + 1} (${name(c.childId)} into ${name(c.householdId)} from ${c.startedOn}) was refused naming rule bedroom, yet its bedroom ${JSON.stringify(c.bedroom)} needs no more evidence`,
      );
  }
  return breaches;
};
