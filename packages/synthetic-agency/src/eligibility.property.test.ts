import {
  ageOn,
  type HouseholdState,
  isErased,
  type LocalDate,
  placementEligibility,
  termsOn,
} from '@fostering/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { explains, findingsOf, type Records, recordsOf } from './__fixtures__/records.js';
import { simulateAgency } from './generate.js';

const runs = Number(process.env.SYNTHETIC_PROPERTY_RUNS) || 10;

const shapes = fc.record({
  households: fc.integer({ min: 6, max: 28 }),
  children: fc.integer({ min: 3, max: 36 }),
  months: fc.integer({ min: 2, max: 14 }),
  from: fc.constantFrom('2022-06-01', '2023-09-15', '2024-11-01', '2025-04-30') as fc.Arbitrary<LocalDate>,
  seed: fc.integer(),
});

/** Fostered children (not young people staying put) living in the household on a date. */
const fosteredOn = (household: HouseholdState, on: LocalDate) =>
  Object.values(household.occupants).filter(
    (o) =>
      o.startedOn <= on && (o.endedOn === undefined || on < o.endedOn) && o.placementType !== 'staying-put',
  );

/** What is wrong with each placement of the history under the carers' approval, judged from the records. */
const problems = (records: Records): string[] => {
  const found: string[] = [];
  for (const [placementId, placement] of Object.entries(records.placements)) {
    const s = placement.started;
    if (s === undefined) continue;
    const household = records.households[s.householdId];
    const child = records.children[s.childId];
    // The synthetic agency seals nothing, so an erased date of birth would be a fault here too.
    if (household === undefined || child?.dateOfBirth === undefined || isErased(child.dateOfBirth)) {
      found.push(`${placementId}: household or child not on record`);
      continue;
    }
    const eligible = placementEligibility(household, s.startedOn);
    if (E.isLeft(eligible)) found.push(`${placementId}: ${eligible.left.message}`);
    else if (eligible.right.temporary !== undefined && eligible.right.temporary.childId !== s.childId) {
      found.push(`${placementId}: temporary approval is for another child`);
    }
    if (s.outsideTermsUntil !== undefined) found.push(`${placementId}: started outside the terms`);
    const terms = termsOn(household, s.startedOn);
    if (terms === undefined || s.placementType === 'staying-put') continue;
    const age = ageOn(child.dateOfBirth, s.startedOn);
    if (!terms.placementTypes.includes(s.placementType))
      found.push(`${placementId}: type ${s.placementType}`);
    if (age < terms.ageRange.minAge || age > terms.ageRange.maxAge) found.push(`${placementId}: age ${age}`);
    if (terms.supportPackages.length > 0 && !terms.supportPackages.includes(s.supportPackage)) {
      found.push(`${placementId}: package ${s.supportPackage}`);
    }
  }
  // Numbers: on every day a placement starts, the household is within its terms and the usual limit of 3.
  for (const [householdId, household] of Object.entries(records.households)) {
    for (const occupant of Object.values(household.occupants)) {
      const on = occupant.startedOn;
      const terms = termsOn(household, on);
      const fostered = fosteredOn(household, on).length;
      if (terms !== undefined && fostered > Math.min(terms.maxChildren, 3)) {
        found.push(
          `${householdId}: ${fostered} fostered children on ${on}, terms allow ${terms.maxChildren}`,
        );
      }
    }
  }
  return found;
};

describe('generated histories (property)', () => {
  it(
    'refuse no command, fit every placement to the carers’ approval and terms, and fail only where planted',
    async () => {
      await fc.assert(
        fc.asyncProperty(shapes, async (shape) => {
          const agency = await simulateAgency(shape);
          expect(agency.refusals).toEqual([]);
          expect(agency.commands.refused).toBe(0);
          const records = await recordsOf(agency.store);
          expect(problems(records)).toEqual([]);
          // Every finding on the last day is a planted failure, and every planted failure is a finding.
          const findings = findingsOf(records, agency.asOf);
          const unexplained = findings.filter((f) => !agency.planted.some((p) => explains(p, f)));
          expect(unexplained.map((f) => `${f.rule.id}/${f.code} ${JSON.stringify(f.subject)}`)).toEqual([]);
          const silent = agency.planted.filter((p) => !findings.some((f) => explains(p, f)));
          expect(silent).toEqual([]);
        }),
        { numRuns: runs },
      );
    },
    20_000 + runs * 5_000,
  );
});
