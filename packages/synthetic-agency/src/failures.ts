import type { ResolvedShape } from './shape.js';

/**
 * How many of each failure the generator plants on purpose, for a shape. Each is a small share of the records
 * it concerns, and at least one whenever the agency is big enough to have such a record, so that every kind of
 * failure shows up as a finding in the compliance reports (the tests check each one). Everything else the
 * generator records is meant to be on time: a finding that no planted failure explains is a generator bug.
 */
export interface FailureQuotas {
  /** Households with no unannounced visit in the last 12 months (rule `ssw`). */
  readonly unannouncedVisitMissing: number;
  /** Carers whose first-aid training lapsed (rule `training`, expiry overdue). */
  readonly trainingLapsed: number;
  /** Second carers who never did first aid (rule `training`, missing). */
  readonly trainingMissing: number;
  /** Households whose annual review is overdue at the end (rule `annual-review`). */
  readonly annualReviewOverdue: number;
  /** A new dog with no pet risk assessment (rule `risk-complete`). */
  readonly petRiskAssessmentMissing: number;
  /** Placed children with an allergy left out of the household's safe-care plan (rule `risk-complete`). */
  readonly allergyNotInSafeCarePlan: number;
  /** Placed children with one statutory visit made late (rule `child-visits`). */
  readonly childVisitLate: number;
  /** Share of clinic sessions whose notes are written up late (rule `clinic-cadence`). */
  readonly clinicNotesLateShare: number;
  /** Share of scheduled clinic sessions missed and never recorded (rule `clinic-cadence`). */
  readonly clinicSessionMissedShare: number;
}

export const failureQuotas = (shape: ResolvedShape): FailureQuotas => ({
  unannouncedVisitMissing: Math.max(1, Math.round(shape.households * 0.025)),
  trainingLapsed: Math.max(1, Math.round(shape.households * 0.012)),
  trainingMissing: Math.max(1, Math.round(shape.households * 0.006)),
  annualReviewOverdue: shape.households >= 40 ? 2 : 1,
  petRiskAssessmentMissing: Math.max(1, Math.round(shape.households / 300)),
  allergyNotInSafeCarePlan: Math.max(1, Math.round(shape.children * 0.006)),
  childVisitLate: Math.max(1, Math.round(shape.children * 0.01)),
  clinicNotesLateShare: 0.01,
  clinicSessionMissedShare: 0.002,
});
