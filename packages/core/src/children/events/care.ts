import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType, personalData } from '../../eventsourcing/index.js';

/** Versions count 1, 2, 3...: each agreed version supersedes the one before. */
export const PlanVersion = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1,
  'a plan version (a whole number of at least 1)',
);

/** The clinician's therapeutic care plan for the child, agreed with the team around the child. */
export const TherapeuticCarePlanAgreed = eventType(
  'TherapeuticCarePlanAgreed',
  t.type({ version: PlanVersion, agreedOn: LocalDateC }),
);

/** The current version reviewed (every 3 months on the intensive package, rule `care-plan-review`). */
export const TherapeuticCarePlanReviewed = eventType(
  'TherapeuticCarePlanReviewed',
  t.type({ version: PlanVersion, reviewedOn: LocalDateC }),
);

export const RiskArea = t.keyof({
  'self-harm': null,
  'going-missing': null,
  exploitation: null,
  'harm-to-others': null,
  online: null,
  health: null,
  other: null,
});
export type RiskArea = t.TypeOf<typeof RiskArea>;

const AtLeastOneArea = t.refinement(
  t.array(RiskArea),
  (areas) => areas.length > 0,
  `at least one of ${RiskArea.name}`,
);

/** Fact and professional judgement are kept in separate fields (rule `records`, NMS 26). */
export const ChildRiskAssessmentRecorded = eventType(
  'ChildRiskAssessmentRecorded',
  t.type({
    assessmentId: t.string,
    assessedOn: LocalDateC,
    areas: AtLeastOneArea,
    facts: personalData(t.string),
    analysis: personalData(t.string),
  }),
);

/** A version of the child's safety plan, answering the risk assessments it names. */
export const SafetyPlanRecorded = eventType(
  'SafetyPlanRecorded',
  t.type({
    recordedOn: LocalDateC,
    assessmentIds: t.array(t.string),
    measures: personalData(t.array(t.string)),
  }),
);
