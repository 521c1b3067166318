export * from './commands.js';
export { reviewDueOn } from './compliance/approved-household.js';
export { type HouseholdCompliance, householdCompliance } from './compliance/household-compliance.js';
export { householdDecider, householdStreamId } from './decider.js';
export type { ApprovalsError, NotAllowedNow } from './decisions/guards.js';
export * from './events/index.js';
export { type PlacementEligibility, placementEligibility } from './placement-eligibility.js';
export {
  approvalsCompliance,
  approvalsRegister,
  type HouseholdRecords,
  householdRecords,
  type RegisterEntry,
} from './projections/households.js';
export { evolveHousehold, type HouseholdState, initialHouseholdState } from './state.js';
export {
  type HouseholdStatus,
  isApprovedOn,
  latestTerms,
  occupantsFrom,
  occupantsOn,
  statusOn,
  termsOn,
} from './status.js';
export * from './terms.js';
