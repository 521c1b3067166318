export * from './commands.js';
export {
  type HouseholdDue,
  type StaffDue,
  type SupervisionDueLists,
  supervisionDueLists,
} from './compliance/due-lists.js';
export {
  approvalStartOf,
  type HouseholdSupervision,
  householdSupervision,
  nextSupervisoryVisitDue,
  type UnannouncedVisitGap,
  unannouncedVisitCompliance,
} from './compliance/household-supervision.js';
export {
  chainedSchedule,
  clinicallySupervisedRoles,
  employedOn,
  type StaffCompliance,
  type StaffSubject,
  type SupervisionInterval,
  staffCompliance,
} from './compliance/staff-compliance.js';
export { staffDecider, staffStreamId } from './decider.js';
export type { SupervisionError } from './decisions/guards.js';
export * from './events/index.js';
export { type StaffRecords, staffRecords } from './projections/staff.js';
export {
  type Appraisal,
  evolveStaff,
  initialStaffState,
  type StaffState,
  type SupervisionSession,
} from './state.js';
