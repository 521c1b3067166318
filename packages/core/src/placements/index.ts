export { childStreamReader } from './child-reader.js';
export { EndPlacement, PlacementCommand, RecordShortBreakStay, StartPlacement } from './commands.js';
export { type PlacementCompliance, placementCompliance } from './compliance/placement-compliance.js';
export {
  type PlacementError,
  type PlacementNotAllowed,
  placementDecider,
  placementStreamId,
  placementYearOf,
} from './decider.js';
export * from './events.js';
export {
  type ChildStreamReader,
  type PlacementProcessConfig,
  type PlacementProcessError,
  placementProcess,
  type StartResult,
} from './process.js';
export { type PlacementsCompliance, placementsCompliance } from './projections/agency-compliance.js';
export {
  householdOccupancy,
  type Occupancy,
  type PlacementRecords,
  placementHistory,
  placementRecords,
  placementsRegister,
  type RegisterLine,
  type RespiteBalance,
  respiteBalance,
  type StabilityFigures,
  stabilityFigures,
} from './projections/placements.js';
export {
  decideShortBreakStay,
  maxShortBreakDaysInTwelveMonths,
  shortBreakDaysAround,
} from './short-breaks.js';
export { type ChildFacts, placementOverlapping } from './start/child-facts.js';
export { ageOn, birthday, decideStart, type StartDecision, type StartFacts } from './start/decide-start.js';
export { evolvePlacement, initialPlacementState, type PlacementState } from './state.js';
export {
  atomicWriter,
  placementDecisionLog,
  type StreamWriter,
  serialisedWriter,
  type WriteToken,
} from './stream-writer.js';
