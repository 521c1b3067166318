import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import { aRegisteredChild, d, riskAssessment } from './__fixtures__/child-history.js';
import { childDecider } from './decider.js';
import * as ev from './events/index.js';

const child = specify(childDecider);

const firstPlan = ev.TherapeuticCarePlanAgreed.create({ version: 1, agreedOn: d('2025-02-03') });
const withPlan = [...aRegisteredChild(), firstPlan];

describe('therapeutic care plans', () => {
  it('agrees the first version, then the next', () => {
    child
      .given(aRegisteredChild())
      .when({ kind: 'AgreeTherapeuticCarePlan', version: 1, agreedOn: d('2025-02-03') })
      .thenEvents([firstPlan]);
    child
      .given(withPlan)
      .when({ kind: 'AgreeTherapeuticCarePlan', version: 2, agreedOn: d('2025-05-01') })
      .thenEvents([ev.TherapeuticCarePlanAgreed.create({ version: 2, agreedOn: d('2025-05-01') })]);
  });

  it('refuses a version out of sequence, one dated before the version it replaces, and before registration', () => {
    child
      .given(withPlan)
      .when({ kind: 'AgreeTherapeuticCarePlan', version: 1, agreedOn: d('2025-05-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'version' });
    child
      .given(aRegisteredChild())
      .when({ kind: 'AgreeTherapeuticCarePlan', version: 2, agreedOn: d('2025-05-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'version' });
    child
      .given(withPlan)
      .when({ kind: 'AgreeTherapeuticCarePlan', version: 2, agreedOn: d('2025-02-02') })
      .thenRefused({ tag: 'InvalidCommand', field: 'agreedOn' });
    child
      .given([])
      .when({ kind: 'AgreeTherapeuticCarePlan', version: 1, agreedOn: d('2025-02-03') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });

  it('reviews the current version', () => {
    child
      .given(withPlan)
      .when({ kind: 'ReviewTherapeuticCarePlan', version: 1, reviewedOn: d('2025-05-01') })
      .thenEvents([ev.TherapeuticCarePlanReviewed.create({ version: 1, reviewedOn: d('2025-05-01') })]);
  });

  it('refuses a review with no plan, of another version, or before the version was agreed', () => {
    const review = { kind: 'ReviewTherapeuticCarePlan' as const, version: 1, reviewedOn: d('2025-05-01') };
    child.given(aRegisteredChild()).when(review).thenRefused({ tag: 'NotAllowedNow' });
    child
      .given(withPlan)
      .when({ ...review, version: 2 })
      .thenRefused({ tag: 'InvalidCommand', field: 'version' });
    child
      .given(withPlan)
      .when({ ...review, reviewedOn: d('2025-02-01') })
      .thenRefused({ tag: 'InvalidCommand', field: 'reviewedOn' });
    child.given([]).when(review).thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('risk assessments and safety plans', () => {
  const assess = { kind: 'RecordChildRiskAssessment' as const, ...riskAssessment };
  const withAssessment = [...aRegisteredChild(), ev.ChildRiskAssessmentRecorded.create(riskAssessment)];

  it('records a risk assessment, facts apart from analysis', () => {
    child
      .given(aRegisteredChild())
      .when(assess)
      .thenEvents([ev.ChildRiskAssessmentRecorded.create(riskAssessment)]);
  });

  it('refuses an assessment already recorded, one with no risk area, facts or analysis, and before registration', () => {
    child.given(withAssessment).when(assess).thenRefused({ tag: 'NotAllowedNow', field: 'assessmentId' });
    child
      .given(aRegisteredChild())
      .when({ ...assess, areas: [] })
      .thenRefused({ tag: 'InvalidCommand', field: 'areas' });
    child
      .given(aRegisteredChild())
      .when({ ...assess, facts: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'facts' });
    child
      .given(aRegisteredChild())
      .when({ ...assess, analysis: ' ' })
      .thenRefused({ tag: 'InvalidCommand', field: 'analysis' });
    child.given([]).when(assess).thenRefused({ tag: 'NotAllowedNow' });
  });

  const plan = {
    recordedOn: d('2025-01-16'),
    assessmentIds: ['risk-1'],
    measures: ['Carers call the emergency duty team after 30 minutes missing'],
  };

  it('records a safety plan answering recorded assessments', () => {
    child
      .given(withAssessment)
      .when({ kind: 'RecordSafetyPlan', ...plan })
      .thenEvents([ev.SafetyPlanRecorded.create(plan)]);
    child
      .given(withAssessment)
      .when({ kind: 'RecordSafetyPlan', ...plan })
      .thenState((state) =>
        expect(state.safetyPlan).toEqual({ recordedOn: '2025-01-16', assessmentIds: ['risk-1'] }),
      );
  });

  it('refuses a safety plan naming no or unknown assessments, without measures, or before registration', () => {
    child
      .given(withAssessment)
      .when({ kind: 'RecordSafetyPlan', ...plan, assessmentIds: ['risk-9'] })
      .thenRefused({ tag: 'InvalidCommand', field: 'assessmentIds' });
    child
      .given(withAssessment)
      .when({ kind: 'RecordSafetyPlan', ...plan, assessmentIds: [] })
      .thenRefused({ tag: 'InvalidCommand', field: 'assessmentIds' });
    child
      .given(withAssessment)
      .when({ kind: 'RecordSafetyPlan', ...plan, measures: [] })
      .thenRefused({ tag: 'InvalidCommand', field: 'measures' });
    child
      .given([])
      .when({ kind: 'RecordSafetyPlan', ...plan })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe("assessment ids named like properties every object has ('constructor', '__proto__')", () => {
  const withAssessment = [...aRegisteredChild(), ev.ChildRiskAssessmentRecorded.create(riskAssessment)];

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    "refuses a safety plan answering assessment '%s', which was never recorded",
    (id) => {
      child
        .given(withAssessment)
        .when({
          kind: 'RecordSafetyPlan',
          recordedOn: d('2025-01-16'),
          assessmentIds: ['risk-1', id],
          measures: ['Agreed check-in times'],
        })
        .thenRefused({ tag: 'InvalidCommand', field: 'assessmentIds' });
    },
  );
});
