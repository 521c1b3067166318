import { type Decider, type DecisionsByKind, decideByKind } from '../eventsourcing/index.js';
import type { ChildCommand } from './commands.js';
import * as care from './decisions/care.js';
import type { ChildrenError } from './decisions/guards.js';
import * as needs from './decisions/needs.js';
import * as registration from './decisions/registration.js';
import * as statutory from './decisions/statutory.js';
import type { ChildEvent } from './events/index.js';
import { type ChildState, evolveChild, initialChildState } from './state.js';

type Handlers = DecisionsByKind<ChildCommand, ChildState, ChildEvent, ChildrenError>;

const handlers: Handlers = {
  RegisterChild: registration.registerChild,
  ChangeLegalStatus: registration.changeLegalStatus,
  RecordRelationship: registration.recordRelationship,
  RecordHealthNeed: needs.recordHealthNeed,
  ResolveHealthNeed: needs.resolveHealthNeed,
  RecordIdentityNeeds: needs.recordIdentityNeeds,
  RecordEducation: needs.recordEducation,
  AgreeTherapeuticCarePlan: care.agreeTherapeuticCarePlan,
  ReviewTherapeuticCarePlan: care.reviewTherapeuticCarePlan,
  RecordChildRiskAssessment: care.recordChildRiskAssessment,
  RecordSafetyPlan: care.recordSafetyPlan,
  RecordSocialWorkerVisit: statutory.recordSocialWorkerVisit,
  HoldLookedAfterReview: statutory.holdLookedAfterReview,
  RecordPlacementPlan: statutory.recordPlacementPlan,
};

/** The child stream's decider: every child command, decided against the child's folded record. */
export const childDecider: Decider<ChildCommand, ChildState, ChildEvent, ChildrenError> = {
  initialState: initialChildState,
  evolve: evolveChild,
  decide: decideByKind(handlers),
};

export const childStreamId = (childId: string): string => `child-${childId}`;
