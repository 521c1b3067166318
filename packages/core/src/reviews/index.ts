export type {
  AsOfBasis,
  AsOfDate,
  ComplianceRecord,
  ComplianceReport,
  LateRecording,
  PlanLine,
  RespiteSummary,
  ReviewPack,
  RuleFindings,
  TimelineEntry,
  TimelineKind,
} from './model.js';
