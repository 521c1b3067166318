import { defaultAgencyPolicy as policy, rules } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { d, placedChild, runExample, withoutEvents } from '../histories/children-examples.js';
import { approvalJourney, child, end, household } from '../journeys.js';
import { readAgencyFacts } from '../oracles/children-facts.js';
import { projectedFindings } from '../oracles/children-findings.js';
import { riskCompleteOracle, safeCarePlanEntry } from '../oracles/children-risk.js';
import type { ScriptStep } from '../script.js';
import { childrenProperties } from './children.js';

const id = rules.riskComplete.id;
const check = childrenProperties[id]?.check ?? (() => ['no property']);

const pet = (name: string, on: string, petId = 'dog-1') =>
  household(name, d(on), {
    kind: 'RecordPet',
    petId,
    species: 'dog',
    description: 'a dog',
    recordedOn: d(on),
  });
const assessed = (name: string, on: string, petId = 'dog-1') =>
  household(name, d(on), {
    kind: 'RecordRiskAssessment',
    assessmentId: `ra-${petId}`,
    assessmentKind: 'pet',
    assessedOn: d(on),
    petId,
  });
const need = (needId: string, on: string) =>
  child('c1', d(on), {
    kind: 'RecordHealthNeed',
    needId,
    needKind: 'allergy',
    description: `allergy ${needId}`,
    recordedOn: d(on),
  });
const plan = (on: string, covers: string[]) =>
  household('h1', d(on), { kind: 'RecordSafeCarePlan', recordedOn: d(on), covers });

/** What the oracle expects, by subject as the script names it, and that the projection agrees. */
const judged = async (steps: Parameters<typeof runExample>[0], asOf: string) => {
  const run = await runExample(steps, asOf);
  expect(run.defects).toEqual([]);
  expect(check(run, policy)).toEqual([]);
  const name = (x: string | undefined) => x?.replace(run.id(''), '');
  return riskCompleteOracle(readAgencyFacts(run.events), d(asOf)).map((f) =>
    [f.code, name(f.subject.householdId), name(f.subject.petId ?? f.subject.childId)].join(' '),
  );
};

describe('the oracle of risk-complete: pets', () => {
  const approved = approvalJourney('h1', { from: d('2024-09-02') });
  it('a finding for a dog with no pet risk assessment; none once assessed, even the same day', async () => {
    expect(await judged([...approved, pet('h1', '2025-03-01')], '2025-03-01')).toEqual([
      'pet-risk-assessment-missing h1 dog-1',
    ]);
    expect(
      await judged([...approved, pet('h1', '2025-03-01'), assessed('h1', '2025-03-01')], '2025-03-01'),
    ).toEqual([]);
  });
  it('none for a pet removed, or for the pets of a household still being assessed', async () => {
    const removed = household('h1', d('2025-04-01'), {
      kind: 'RemovePet',
      petId: 'dog-1',
      removedOn: d('2025-04-01'),
    });
    expect(await judged([...approved, pet('h1', '2025-03-01'), removed], '2025-04-01')).toEqual([]);
    const applicant = approvalJourney('h2', { from: d('2025-01-06') }).slice(0, 6);
    expect(await judged([...applicant, pet('h2', '2025-03-01')], '2025-04-01')).toEqual([]);
  });
  it('a projection that lost the assessment is caught', async () => {
    const run = await runExample(
      [...approved, pet('h1', '2025-03-01'), assessed('h1', '2025-03-02')],
      '2025-03-05',
    );
    expect(
      check(
        withoutEvents(run, (e) => e.type === 'RiskAssessmentRecorded'),
        policy,
      ),
    ).toEqual([
      expect.stringMatching(
        /^household h1, pet dog-1: on 2025-03-05 the projection reports pet-risk-assessment-missing/,
      ),
    ]);
  });
});

describe("the oracle of risk-complete: a placed child's health needs", () => {
  const entry = (run: (name: string) => string, needId: string) => safeCarePlanEntry(run('c1'), needId);
  const withNeeds =
    (extra: (id: (name: string) => string) => ScriptStep[]) => (id: (name: string) => string) => [
      ...placedChild(),
      need('n1', '2025-04-20'),
      ...extra(id),
    ];
  it('a finding while the safe-care plan leaves the allergy out; none once it lists it', async () => {
    expect(
      await judged(
        withNeeds(() => []),
        '2025-05-01',
      ),
    ).toEqual(['health-need-not-in-safe-care-plan h1 c1']);
    expect(
      await judged(
        withNeeds((id) => [plan('2025-04-25', [entry(id, 'n2')])]),
        '2025-05-01',
      ),
    ).toEqual(['health-need-not-in-safe-care-plan h1 c1']);
    expect(
      await judged(
        withNeeds((id) => [plan('2025-04-25', [entry(id, 'n1')])]),
        '2025-05-01',
      ),
    ).toEqual([]);
  });
  it('none once the need is resolved, or the placement ended', async () => {
    const resolved = child('c1', d('2025-04-28'), {
      kind: 'ResolveHealthNeed',
      needId: 'n1',
      resolvedOn: d('2025-04-28'),
    });
    expect(
      await judged(
        withNeeds(() => [resolved]),
        '2025-04-28',
      ),
    ).toEqual([]);
    expect(
      await judged(
        withNeeds(() => [end('p1', d('2025-04-28'))]),
        '2025-04-28',
      ),
    ).toEqual([]);
  });
  it('a projection that lost the safe-care plan is caught', async () => {
    const run = await runExample(
      withNeeds((id) => [plan('2025-04-25', [entry(id, 'n1')])]),
      '2025-05-01',
    );
    expect(
      check(
        withoutEvents(run, (e) => e.type === 'SafeCarePlanRecorded'),
        policy,
      ),
    ).toEqual([
      expect.stringMatching(
        /^placement p1, child c1, household h1: on 2025-05-01 the projection reports health-need/,
      ),
      expect.stringMatching(
        /"the household's safe-care plan does not cover the child's allergy: allergy n1", which names no need/,
      ),
    ]);
  });
  // Core bug: agencyFindings (reviews/compliance-report.ts) keeps one finding per rule, code, subject and due
  // date, so two uncovered needs of one child (same subject, no due date) come out as one finding, and the
  // compliance report counts one. The property compares subjects, which this does not change.
  it('reports each uncovered need of a child as its own finding', async () => {
    const run = await runExample(
      withNeeds(() => [need('n2', '2025-04-21')]),
      '2025-05-01',
    );
    expect(projectedFindings(run, policy, id).filter((f) => f.subject.childId === run.id('c1'))).toHaveLength(
      2,
    );
  });
});
