export {
  type AgencyEvent,
  type AgencyRecords,
  agencyEvents,
  agencyRecords,
} from './agency-records.js';
export { type AudienceRule, audienceRules, forAudience } from './audience.js';
export { agencyFindings, complianceReport } from './compliance-report.js';
export {
  type InvalidPeriod,
  loadComplianceReport,
  loadReviewPack,
  type ReviewPackError,
  type ReviewPackRequest,
  type UnknownPlacement,
} from './load.js';
export type {
  AsOfBasis,
  AsOfDate,
  Audience,
  ComplianceRecord,
  ComplianceReport,
  LateRecording,
  PlanLine,
  RecordEntry,
  RecordEntryKind,
  RespiteSummary,
  ReviewPack,
  RuleFindings,
  TimelineEntry,
  TimelineKind,
} from './model.js';
export { recordEntryKinds } from './model.js';
export { opinionKinds, recordEntriesOf } from './record-entries.js';
export { type ReviewHistory, type ReviewPeriod, reviewPack } from './review-pack.js';
export { timelineMarkOf } from './timeline.js';
