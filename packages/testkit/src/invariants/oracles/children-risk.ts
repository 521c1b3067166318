import type { LocalDate } from '@fostering/core';
import { type AgencyFacts, type HealthNeedFacts, openOn } from './children-facts.js';
import type { ExpectedFinding } from './children-findings.js';

/**
 * Oracle of rule `risk-complete` (NMS 26.2) from the domain brief, on `asOf`:
 * - every pet living in an approved household (recorded by then, not yet removed) has a pet risk assessment
 *   dated by then;
 * - every allergy and medical need of a child in a placement that day (recorded by then, not resolved by then)
 *   is listed in the household's safe-care plan in force (the latest recorded by then), as
 *   `health:<childId>:<needId>` with each id URI-encoded (the entry format the agency's plans use).
 * The histories approve households and never end an approval, so "approved" is "approved by `asOf`".
 */

export const safeCarePlanEntry = (childId: string, needId: string): string =>
  `health:${encodeURIComponent(childId)}:${encodeURIComponent(needId)}`;

/** A need the placed child has on `asOf` that the household's plan leaves out, with its placement. */
export interface UncoveredNeed {
  readonly placementId: string;
  readonly childId: string;
  readonly householdId: string;
  readonly need: HealthNeedFacts;
}

export const uncoveredNeeds = (facts: AgencyFacts, asOf: LocalDate): UncoveredNeed[] =>
  openOn(facts.placements, asOf).flatMap((p) => {
    const plans = (facts.households.get(p.householdId)?.safeCarePlans ?? []).filter(
      (s) => s.recordedOn <= asOf,
    );
    // The plan in force: the latest by date, the last recorded of one day.
    const inForce = plans.reduce<(typeof plans)[number] | undefined>(
      (best, s) => (best === undefined || s.recordedOn >= best.recordedOn ? s : best),
      undefined,
    );
    const covers = new Set(inForce?.covers ?? []);
    const needs = (facts.children.get(p.childId)?.needs ?? []).filter(
      (n) => n.recordedOn <= asOf && (n.resolvedOn === undefined || n.resolvedOn > asOf),
    );
    return needs
      .filter((n) => !covers.has(safeCarePlanEntry(p.childId, n.needId)))
      .map((need) => ({ placementId: p.placementId, childId: p.childId, householdId: p.householdId, need }));
  });

export const riskCompleteOracle = (facts: AgencyFacts, asOf: LocalDate): ExpectedFinding[] => {
  const pets = [...facts.households.values()]
    .filter((h) => h.approvedOn !== undefined && h.approvedOn <= asOf)
    .flatMap((h) =>
      h.pets
        .filter((pet) => pet.recordedOn <= asOf && (pet.removedOn === undefined || pet.removedOn > asOf))
        .filter((pet) => !h.petAssessments.some((a) => a.petId === pet.petId && a.assessedOn <= asOf))
        .map(
          (pet): ExpectedFinding => ({
            subject: { householdId: h.householdId, petId: pet.petId },
            code: 'pet-risk-assessment-missing',
            why: `the ${pet.species} recorded on ${pet.recordedOn} has no pet risk assessment`,
          }),
        ),
    );
  const needs = uncoveredNeeds(facts, asOf).map(
    (u): ExpectedFinding => ({
      subject: { placementId: u.placementId, childId: u.childId, householdId: u.householdId },
      code: 'health-need-not-in-safe-care-plan',
      why: `the household's safe-care plan leaves out the child's ${u.need.kind} "${u.need.description}" (${u.need.needId})`,
    }),
  );
  return [...pets, ...needs];
};
