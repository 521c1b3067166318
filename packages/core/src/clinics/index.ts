export * from './commands.js';
export {
  allowedClinicGapDays,
  type ClinicGap,
  type ClinicGapKind,
  clinicGaps,
  heldClinicDates,
  type MissedClinicSession,
  missedClinicSessions,
} from './compliance/cadence.js';
export { type ClinicCompliance, clinicCompliance } from './compliance/clinic-compliance.js';
export { clinicDecider, clinicStreamId } from './decider.js';
export type { ClinicError } from './decisions/guards.js';
export * from './events/index.js';
export {
  type ClinicianCaseload,
  type ClinicianSeries,
  type ClinicSeriesRecords,
  clinicianCaseload,
  clinicSeries,
} from './projections/clinic-series.js';
export {
  type ClinicReschedule,
  type ClinicSeriesState,
  type ClinicSession,
  clinicSessionMinutes,
  currentSessionDate,
  evolveClinicSeries,
  initialClinicSeriesState,
  sessionDateOn,
  supportedYoungPeopleOn,
} from './state.js';
