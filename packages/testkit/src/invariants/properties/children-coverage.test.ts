import { inMemoryEventStore, type LocalDate, defaultAgencyPolicy as policy, rules } from '@fostering/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from '../agency-handle.js';
import { type AgencyFacts, openOn, readAgencyFacts } from '../oracles/children-facts.js';
import type { ExpectedFinding } from '../oracles/children-findings.js';
import { riskCompleteOracle } from '../oracles/children-risk.js';
import {
  carePlanReviewOracle,
  childVisitsOracle,
  lacReviewsOracle,
  placementPlanOracle,
} from '../oracles/children-statutory.js';
import { clinicCadenceOracle, readClinicFacts } from '../oracles/clinics-cadence.js';
import { runScript, type ScriptRun } from '../run-script.js';
import { childrenProperties } from './children.js';
import { clinicsProperties } from './clinics.js';

/**
 * The generated histories are not vacuous: over a sample, each rule's oracle expects findings about some
 * records and none about others, some by a due date met late and some still open, and some histories race
 * two commands. (Seeded, so the counts are stable; FOSTERING_SHOW_COUNTS=1 prints them.)
 */

type Judge = (run: ScriptRun) => { subjects: string[]; findings: ExpectedFinding[] };

const children =
  (oracle: (facts: AgencyFacts, asOf: LocalDate) => ExpectedFinding[]): Judge =>
  (run) => {
    const facts = readAgencyFacts(run.events);
    return {
      subjects: openOn(facts.placements, run.script.asOf).map((p) => p.childId),
      findings: oracle(facts, run.script.asOf),
    };
  };

const judges: Record<string, Judge> = {
  [rules.placementPlan.id]: children(placementPlanOracle),
  [rules.childVisits.id]: children(childVisitsOracle),
  [rules.lacReviews.id]: children(lacReviewsOracle),
  [rules.carePlanReview.id]: children((facts, asOf) => carePlanReviewOracle(facts, asOf, policy)),
  [rules.riskComplete.id]: (run) => {
    const facts = readAgencyFacts(run.events);
    const pets = [...facts.households.values()].flatMap((h) =>
      h.pets.map((p) => `${h.householdId}/${p.petId}`),
    );
    const findings = riskCompleteOracle(facts, run.script.asOf);
    return {
      subjects: [...openOn(facts.placements, run.script.asOf).map((p) => p.childId), ...pets],
      findings: findings.map((f) => ({
        ...f,
        subject: {
          childId:
            f.subject.petId === undefined ? f.subject.childId : `${f.subject.householdId}/${f.subject.petId}`,
        },
      })),
    };
  },
  [rules.clinicCadence.id]: (run) => {
    const series = readClinicFacts(run.events);
    const findings = clinicCadenceOracle(series, run.script.asOf, policy);
    return {
      subjects: series.map((s) => s.seriesId),
      findings: findings.map((f) => ({ ...f, subject: { childId: f.subject.seriesId } })),
    };
  },
};

const properties = { ...childrenProperties, ...clinicsProperties };

describe('the children and clinics histories', () => {
  it('reach both sides of every rule', { timeout: 120_000 }, async () => {
    const store = inMemoryEventStore();
    const handle = agencyHandle({ store });
    for (const [ruleId, judge] of Object.entries(judges)) {
      const property = properties[ruleId];
      if (property === undefined) throw new Error(`no property for ${ruleId}`);
      const counts = { with: 0, without: 0, late: 0, open: 0, races: 0 };
      for (const history of fc.sample(property.histories(policy), { numRuns: 60, seed: 20260404 })) {
        const run = await runScript(handle, store, history);
        const { subjects, findings } = judge(run);
        for (const subject of new Set(subjects)) {
          if (findings.some((f) => f.subject.childId === subject)) counts.with += 1;
          else counts.without += 1;
        }
        counts.late += findings.filter(
          (f) => f.why.includes('late on') || f.why.includes('written on'),
        ).length;
        counts.open += findings.filter((f) => !f.why.includes('late on')).length;
        counts.races += history.steps.some((s) => s.concurrent) ? 1 : 0;
      }
      if (process.env.FOSTERING_SHOW_COUNTS) console.log(ruleId, counts);
      expect(counts.with, `${ruleId}: records with a finding`).toBeGreaterThanOrEqual(10);
      expect(counts.without, `${ruleId}: records with none`).toBeGreaterThanOrEqual(10);
      expect(counts.open, `${ruleId}: findings still open`).toBeGreaterThanOrEqual(5);
      if (ruleId !== rules.riskComplete.id) {
        expect(counts.late, `${ruleId}: deadlines met late`).toBeGreaterThanOrEqual(5);
        expect(counts.races, `${ruleId}: histories with racing commands`).toBeGreaterThanOrEqual(3);
      }
    }
  });
});
