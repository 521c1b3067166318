import type { LimitExemption, Terms } from '@fostering/core';
import type { ScriptRun } from '../run-script.js';
import { statutory } from './placements-dates.js';
import {
  allSiblingsBefore,
  fostered,
  type PlacementFacts,
  presentOn,
  type Stay,
  staysBefore,
  termsBefore,
} from './placements-facts.js';
import { boundaryOf, namer, refusalsNaming, type Start } from './placements-steps.js';

/**
 * Rule `limit` (CA89 s63(12), Sched 7), judged from the stored events: no more than 3 fostered children in a
 * household on any day unless all of them are siblings, as recorded on either child's stream when the last of
 * them was placed, or an exemption in the household's terms, in force on the day they came together, names
 * every one of them. Young people staying put are not fostered; the carers' own children are not placements.
 */

const covering = (
  terms: Terms | undefined,
  childIds: ReadonlyArray<string>,
  on: string,
): LimitExemption | undefined =>
  terms?.exemptions.find(
    (e) =>
      e.grantedOn <= on &&
      (e.endsOn === undefined || on < e.endsOn) &&
      childIds.every((id) => e.childIds.includes(id)),
  );

/** Whether a group of fostered children together on `day` is allowed, by what was on record before `before`. */
const allowed = (
  facts: PlacementFacts,
  householdId: string,
  childIds: ReadonlyArray<string>,
  day: string,
  before: number,
) =>
  childIds.length <= statutory.usualLimit ||
  allSiblingsBefore(facts, childIds, before) ||
  covering(termsBefore(facts.households.get(householdId), day, before), childIds, day) !== undefined;

const changeDays = (stays: ReadonlyArray<Stay>) => [
  ...new Set(stays.flatMap((s) => (s.endedOn === undefined ? [s.startedOn] : [s.startedOn, s.endedOn]))),
];

export const limitBreaches = (run: ScriptRun, facts: PlacementFacts): string[] => {
  const name = namer(run);
  const breaches: string[] = [];
  const households = [...new Set(facts.stays.map((s) => s.householdId))];
  for (const householdId of households) {
    const here = fostered(facts.stays.filter((s) => s.householdId === householdId));
    const reported = new Set<string>();
    for (const day of changeDays(here).sort()) {
      const present = presentOn(here, day);
      if (present.length <= statutory.usualLimit) continue;
      const ids = present.map((s) => s.childId);
      const last = present.reduce((a, b) => (b.at > a.at ? b : a));
      const formedOn = present
        .map((s) => s.startedOn)
        .sort()
        .at(-1) as string;
      const key = [...ids].sort().join();
      if (reported.has(key) || allowed(facts, householdId, ids, formedOn, last.at)) continue;
      reported.add(key);
      breaches.push(
        `${name(householdId)} has ${ids.length} fostered children on ${day} (${ids.map(name).join(', ')}, together since ${formedOn}, the last placed being ${name(last.placementId)}): not all siblings, and no exemption in force then names them all`,
      );
    }
  }
  // A child is in one placement at a time: two racing starts of one child must not both be recorded.
  const byChild = new Map<string, Stay[]>();
  for (const s of facts.stays) byChild.set(s.childId, [...(byChild.get(s.childId) ?? []), s]);
  for (const [childId, stays] of byChild) {
    stays.forEach((a, i) => {
      for (const b of stays.slice(i + 1)) {
        const until = (s: Stay) => s.endedOn ?? '9999-12-31';
        if (a.startedOn < until(b) && b.startedOn < until(a)) {
          breaches.push(
            `${name(childId)} is in two placements at once: ${name(a.placementId)} in ${name(a.householdId)} from ${a.startedOn} and ${name(b.placementId)} in ${name(b.householdId)} from ${b.startedOn}`,
          );
        }
      }
    });
  }
  breaches.push(...unjustifiedRefusals(run, facts));
  return breaches;
};

/**
 * A start refused naming `limit` must be one that would have put the household over 3 fostered children who are
 * neither all siblings nor exempted, on its start or on a later day a recorded placement begins there. Judged
 * only where what was on record at the time can be told (no race, no other area's command in between).
 */
const unjustifiedRefusals = (run: ScriptRun, facts: PlacementFacts): string[] => {
  const name = namer(run);
  return refusalsNaming(run, 'limit').flatMap(({ i, outcome }) => {
    const command = outcome.step.request.command as Start;
    const why = `step ${i + 1} (${name(command.childId)} into ${name(command.householdId)} from ${command.startedOn}) was refused naming rule limit`;
    if (command.placementType === 'staying-put')
      return [`${why}, but staying put does not count toward the limit`];
    const before = boundaryOf(run, facts, i);
    if (before === undefined) return [];
    const known = fostered(staysBefore(facts.stays, before)).filter(
      (s) => s.householdId === command.householdId && s.childId !== command.childId,
    );
    const checkpoints = [
      command.startedOn,
      ...known.filter((s) => s.startedOn > command.startedOn).map((s) => s.startedOn),
    ];
    const over = checkpoints.some((day) => {
      const group = [...presentOn(known, day).map((s) => s.childId), command.childId];
      return !allowed(facts, command.householdId, group, day, before);
    });
    return over
      ? []
      : [
          `${why}, yet with it the household never has more than 3 fostered children who are not all siblings or exempted`,
        ];
  });
};
