export * from './commands.js';
export {
  type ChildCompliance,
  type ChildComplianceOptions,
  childCompliance,
} from './compliance/child-compliance.js';
export {
  type ChildHealthNeed,
  childHealthNeedsFor,
  healthNeedKey,
  healthNeedsNotCovered,
} from './compliance/health-needs.js';
export {
  lookedAfterReviewSchedule,
  nextVisitDue,
  placementOn,
  type ScheduledDate,
  visitSchedule,
} from './compliance/schedules.js';
export { childDecider, childStreamId } from './decider.js';
export type { ChildrenError } from './decisions/guards.js';
export * from './events/index.js';
export { type ChildRecords, childRecords, siblingsOf } from './projections/children.js';
export {
  type ChildPlacement,
  type ChildState,
  evolveChild,
  type HealthNeed,
  type IdentityNeeds,
  initialChildState,
  type PlacementPlanVersion,
  type PlacementRecord,
  type ResolvedHealthNeed,
} from './state.js';
