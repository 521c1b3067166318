export {
  childCommands,
  clinicCommands,
  endPlacementCommands,
  householdCommands,
  placementCommands,
  shortBreakStayCommands,
  staffCommands,
  startPlacementCommands,
} from './agency-commands.js';
export { agencyIds } from './agency-seed.js';
export {
  checkCommand,
  FuzzCommandsFailure,
  type FuzzFinding,
  type FuzzOptions,
  type FuzzProblemKind,
  type FuzzRefusal,
  type FuzzSummary,
  type FuzzTarget,
  fuzzCommands,
  fuzzMetadata,
  type KnownIssue,
  refusalDefect,
  type StoreCheck,
} from './fuzz-commands.js';
export {
  applyMutation,
  type FuzzInput,
  type FuzzInputFamily,
  fuzzInputFamilies,
  fuzzInputs,
  type Mutation,
  type MutationKind,
  mutationKinds,
  pollutionMarker,
} from './inputs.js';
export { type CompactOptions, compact } from './report.js';
export { type AgencyFuzzTargetOptions, agencyFuzzTargets } from './targets.js';
