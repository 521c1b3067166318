export {
  type AgencyArea,
  type AgencyHandle,
  type AgencyHandleOptions,
  type AgencyRequest,
  agencyHandle,
  type Refusal,
  streamsOf,
} from './agency-handle.js';
export { type Invariant, invariantCatalogue, invariantTable, type Proof } from './catalogue.js';
export {
  type CheckRegulatoryInvariantsOptions,
  checkRegulatoryInvariants,
  type InvariantResult,
  RegulatoryInvariantsBroken,
} from './check.js';
export * as histories from './histories/index.js';
export * as journeys from './journeys.js';
export type { InvariantProperty } from './property.js';
export { officer, runScript, type ScriptRun, type StepOutcome } from './run-script.js';
export {
  bindRefs,
  mergeScripts,
  printScript,
  printStep,
  ref,
  type Script,
  type ScriptStep,
  script,
} from './script.js';
