import { type EventOf, eventRegistry } from '../../eventsourcing/index.js';
import * as care from './care.js';
import * as needs from './needs.js';
import * as placement from './placement.js';
import * as registration from './registration.js';
import * as statutory from './statutory.js';

export * from './care.js';
export * from './needs.js';
export * from './placement.js';
export * from './registration.js';
export * from './statutory.js';

const definitions = [
  registration.ChildRegistered,
  registration.LegalStatusChanged,
  registration.ChildRelationshipRecorded,
  needs.HealthNeedRecorded,
  needs.HealthNeedResolved,
  needs.IdentityNeedsRecorded,
  needs.EducationRecorded,
  care.TherapeuticCarePlanAgreed,
  care.TherapeuticCarePlanReviewed,
  care.ChildRiskAssessmentRecorded,
  care.SafetyPlanRecorded,
  statutory.SocialWorkerVisitRecorded,
  statutory.LookedAfterReviewHeld,
  statutory.PlacementPlanRecorded,
  // Appended by the placement process, never by a child command.
  placement.ChildPlaced,
  placement.ChildPlacementEnded,
] as const;

/** Every event of the child stream (`child-<childId>`). */
export const childEvents = eventRegistry(definitions);
export type ChildEvent = EventOf<(typeof definitions)[number]>;
