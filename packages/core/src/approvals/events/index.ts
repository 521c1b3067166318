import { type EventOf, eventRegistry } from '../../eventsourcing/index.js';
import * as approval from './approval.js';
import * as assessment from './assessment.js';
import * as household from './household.js';
import * as occupancy from './occupancy.js';

export * from './approval.js';
export * from './assessment.js';
export * from './household.js';
export * from './occupancy.js';

const definitions = [
  assessment.ApplicationReceived,
  assessment.AssessmentStarted,
  assessment.RefereeInterviewed,
  assessment.CheckCompleted,
  assessment.PreviousServiceReferenceReceived,
  assessment.TherapeuticCourseCompleted,
  assessment.AssessmentReportCompleted,
  assessment.PanelScheduled,
  assessment.PanelRecommendationMade,
  approval.HouseholdApproved,
  approval.ApprovalRefused,
  approval.FosterCareAgreementSigned,
  approval.AnnualReviewHeld,
  approval.TermsChanged,
  approval.ResignationReceived,
  approval.ApprovalTerminated,
  approval.ApprovalSuspended,
  approval.SuspensionLifted,
  approval.TemporarilyApproved,
  approval.TemporaryApprovalExtended,
  approval.SupervisingSocialWorkerAllocated,
  household.HouseholdMemberJoined,
  household.HouseholdMemberLeft,
  household.PetRecorded,
  household.PetRemoved,
  household.SafeCarePlanRecorded,
  household.RiskAssessmentRecorded,
  household.TrainingCompleted,
  household.SupervisoryVisitRecorded,
  household.HomeCheckCompleted,
  occupancy.ChildJoinedHousehold,
  occupancy.ChildLeftHousehold,
] as const;

/** Every event of the household stream (`household-<id>`). */
export const householdEvents = eventRegistry(definitions);
export type HouseholdEvent = EventOf<(typeof definitions)[number]>;
