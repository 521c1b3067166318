import { type Decider, type DecisionsByKind, decideByKind } from '../eventsourcing/index.js';
import type { HouseholdCommand } from './commands.js';
import * as application from './decisions/application.js';
import * as approval from './decisions/approval.js';
import type { ApprovalsError } from './decisions/guards.js';
import * as household from './decisions/household.js';
import type { HouseholdEvent } from './events/index.js';
import { evolveHousehold, type HouseholdState, initialHouseholdState } from './state.js';

type Handlers = DecisionsByKind<HouseholdCommand, HouseholdState, HouseholdEvent, ApprovalsError>;

const handlers: Handlers = {
  ReceiveApplication: application.receiveApplication,
  StartAssessment: application.startAssessment,
  InterviewReferee: application.interviewReferee,
  CompleteCheck: application.completeCheck,
  ReceivePreviousServiceReference: application.receivePreviousServiceReference,
  CompleteTherapeuticCourse: application.completeTherapeuticCourse,
  CompleteAssessmentReport: application.completeAssessmentReport,
  SchedulePanel: application.schedulePanel,
  RecordPanelRecommendation: application.recordPanelRecommendation,
  Approve: approval.approve,
  Refuse: approval.refuse,
  SignFosterCareAgreement: approval.signFosterCareAgreement,
  HoldAnnualReview: approval.holdAnnualReview,
  ChangeTerms: approval.changeTerms,
  ReceiveResignation: approval.receiveResignation,
  Terminate: approval.terminate,
  Suspend: approval.suspend,
  LiftSuspension: approval.liftSuspension,
  ApproveTemporarily: approval.approveTemporarily,
  ExtendTemporaryApproval: approval.extendTemporaryApproval,
  AllocateSupervisingSocialWorker: approval.allocateSupervisingSocialWorker,
  AddHouseholdMember: household.addHouseholdMember,
  RecordMemberLeaving: household.recordMemberLeaving,
  RecordPet: household.recordPet,
  RemovePet: household.removePet,
  RecordSafeCarePlan: household.recordSafeCarePlan,
  RecordRiskAssessment: household.recordRiskAssessment,
  RecordTraining: household.recordTraining,
  RecordSupervisoryVisit: household.recordSupervisoryVisit,
  RecordHomeCheck: household.recordHomeCheck,
};

/** The household stream's decider: every approvals command, decided against the household's folded record. */
export const householdDecider: Decider<HouseholdCommand, HouseholdState, HouseholdEvent, ApprovalsError> = {
  initialState: initialHouseholdState,
  evolve: evolveHousehold,
  decide: decideByKind(handlers),
};

export const householdStreamId = (householdId: string): string => `household-${householdId}`;
