import type { PlacementType } from '../approvals/terms.js';
import type { LocalDate } from '../calendar/index.js';
import { ownValue, type Personal } from '../eventsourcing/index.js';
import type {
  ChildEvent,
  ChildRelationship,
  EducationSetting,
  HealthNeedKind,
  LegalStatus,
  RiskArea,
} from './events/index.js';
import { siblingRelationships } from './events/index.js';
import { inserted } from './ordered.js';

/** A placement as the child stream knows it (the placement stream holds the rest). */
export interface ChildPlacement {
  readonly placementId: string;
  readonly householdId: string;
  readonly startedOn: LocalDate;
  readonly placementType: PlacementType;
  readonly longTerm: boolean;
}

export interface PlacementRecord extends ChildPlacement {
  readonly endedOn?: LocalDate;
}

export interface HealthNeed {
  readonly needId: string;
  readonly kind: HealthNeedKind;
  readonly description: Personal<string>;
  readonly recordedOn: LocalDate;
}

export interface ResolvedHealthNeed extends HealthNeed {
  readonly resolvedOn: LocalDate;
}

export interface PlacementPlanVersion {
  readonly agreedOn: LocalDate;
  readonly signedByCarer: boolean;
}

export interface IdentityNeeds {
  readonly recordedOn: LocalDate;
  readonly ethnicity?: Personal<string>;
  readonly religion?: Personal<string>;
  readonly languages?: Personal<ReadonlyArray<string>>;
  readonly culture?: Personal<string>;
}

/**
 * Everything recorded about one looked-after child, folded from the child stream. Deadlines depend on the date
 * they are asked about, so they are computed from this state as of a date (`childCompliance`), never stored.
 * What the placement process reads: `dateOfBirth`, `legalStatus`, `placingAuthority`, `currentPlacement`,
 * `siblingIds` and `healthNeeds`.
 */
export interface ChildState {
  readonly childId?: string;
  readonly name?: Personal<string>;
  readonly dateOfBirth?: Personal<LocalDate>;
  readonly registeredOn?: LocalDate;
  readonly legalStatus?: LegalStatus;
  readonly legalStatusHistory: ReadonlyArray<{ readonly legalStatus: LegalStatus; readonly from: LocalDate }>;
  readonly placingAuthority?: string;
  /** The latest relationship recorded with each other child, by that child's id. */
  readonly relationships: Readonly<Record<string, ChildRelationship>>;
  /** Derived from `relationships` (sibling, half-sibling, step-sibling), sorted; never from free text. */
  readonly siblingIds: ReadonlyArray<string>;
  /** Current (unresolved) allergies and medical needs, by need id. */
  readonly healthNeeds: Readonly<Record<string, HealthNeed>>;
  readonly resolvedHealthNeeds: Readonly<Record<string, ResolvedHealthNeed>>;
  readonly identityNeeds?: IdentityNeeds;
  readonly education?: {
    readonly recordedOn: LocalDate;
    readonly setting: EducationSetting;
    readonly educationHealthAndCarePlan: boolean;
  };
  readonly carePlans: ReadonlyArray<{ readonly version: number; readonly agreedOn: LocalDate }>;
  readonly carePlanReviews: ReadonlyArray<{ readonly version: number; readonly reviewedOn: LocalDate }>;
  readonly riskAssessments: Readonly<
    Record<string, { readonly assessedOn: LocalDate; readonly areas: ReadonlyArray<RiskArea> }>
  >;
  readonly safetyPlan?: { readonly recordedOn: LocalDate; readonly assessmentIds: ReadonlyArray<string> };
  readonly currentPlacement?: ChildPlacement;
  /** Every placement in start order, the current one included (without `endedOn`). */
  readonly placements: ReadonlyArray<PlacementRecord>;
  /** Every version of each placement's plan, by placement id, in the order recorded. */
  readonly placementPlans: Readonly<Record<string, ReadonlyArray<PlacementPlanVersion>>>;
  readonly visits: ReadonlyArray<{ readonly visitedOn: LocalDate; readonly seenAlone?: boolean }>;
  readonly lookedAfterReviews: ReadonlyArray<LocalDate>;
}

export const initialChildState: ChildState = {
  legalStatusHistory: [],
  relationships: {},
  siblingIds: [],
  healthNeeds: {},
  resolvedHealthNeeds: {},
  carePlans: [],
  carePlanReviews: [],
  riskAssessments: {},
  placements: [],
  placementPlans: {},
  visits: [],
  lookedAfterReviews: [],
};

const siblingsOf = (relationships: Readonly<Record<string, ChildRelationship>>): ReadonlyArray<string> =>
  Object.entries(relationships)
    .filter(([, relationship]) => siblingRelationships.includes(relationship))
    .map(([otherChildId]) => otherChildId)
    .sort();

const withoutKey = <V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

export const evolveChild = (state: ChildState, event: ChildEvent): ChildState => {
  switch (event.type) {
    case 'ChildRegistered': {
      const { childId, name, dateOfBirth, legalStatus, placingAuthority, registeredOn } = event.data;
      return {
        ...state,
        childId,
        name,
        dateOfBirth,
        legalStatus,
        placingAuthority,
        registeredOn,
        legalStatusHistory: [{ legalStatus, from: registeredOn }],
      };
    }
    case 'LegalStatusChanged': {
      const { legalStatus, changedOn } = event.data;
      return {
        ...state,
        legalStatus,
        legalStatusHistory: [...state.legalStatusHistory, { legalStatus, from: changedOn }],
      };
    }
    case 'ChildRelationshipRecorded': {
      const relationships = { ...state.relationships, [event.data.otherChildId]: event.data.relationship };
      return { ...state, relationships, siblingIds: siblingsOf(relationships) };
    }
    case 'HealthNeedRecorded': {
      const { needId, kind, description, recordedOn } = event.data;
      return {
        ...state,
        healthNeeds: { ...state.healthNeeds, [needId]: { needId, kind, description, recordedOn } },
      };
    }
    case 'HealthNeedResolved': {
      const need = ownValue(state.healthNeeds, event.data.needId);
      if (need === undefined) return state;
      return {
        ...state,
        healthNeeds: withoutKey(state.healthNeeds, need.needId),
        resolvedHealthNeeds: {
          ...state.resolvedHealthNeeds,
          [need.needId]: { ...need, resolvedOn: event.data.resolvedOn },
        },
      };
    }
    case 'IdentityNeedsRecorded':
      return { ...state, identityNeeds: event.data };
    case 'EducationRecorded': {
      const { recordedOn, setting, educationHealthAndCarePlan } = event.data;
      return { ...state, education: { recordedOn, setting, educationHealthAndCarePlan } };
    }
    case 'TherapeuticCarePlanAgreed':
      return { ...state, carePlans: [...state.carePlans, event.data] };
    case 'TherapeuticCarePlanReviewed':
      return { ...state, carePlanReviews: [...state.carePlanReviews, event.data] };
    case 'ChildRiskAssessmentRecorded': {
      const { assessmentId, assessedOn, areas } = event.data;
      return {
        ...state,
        riskAssessments: { ...state.riskAssessments, [assessmentId]: { assessedOn, areas } },
      };
    }
    case 'SafetyPlanRecorded':
      return {
        ...state,
        safetyPlan: { recordedOn: event.data.recordedOn, assessmentIds: event.data.assessmentIds },
      };
    case 'SocialWorkerVisitRecorded':
      return { ...state, visits: inserted(state.visits, event.data, (v) => v.visitedOn) };
    case 'LookedAfterReviewHeld':
      return {
        ...state,
        lookedAfterReviews: inserted(state.lookedAfterReviews, event.data.heldOn, (d) => d),
      };
    case 'PlacementPlanRecorded': {
      const { placementId, agreedOn, signedByCarer } = event.data;
      const versions = ownValue(state.placementPlans, placementId) ?? [];
      return {
        ...state,
        placementPlans: {
          ...state.placementPlans,
          [placementId]: [...versions, { agreedOn, signedByCarer }],
        },
      };
    }
    case 'ChildPlaced': {
      const placement: ChildPlacement = event.data;
      return { ...state, currentPlacement: placement, placements: [...state.placements, placement] };
    }
    case 'ChildPlacementEnded': {
      const { placementId, endedOn } = event.data;
      const { currentPlacement, ...rest } = state;
      return {
        ...rest,
        ...(currentPlacement === undefined || currentPlacement.placementId === placementId
          ? {}
          : { currentPlacement }),
        placements: state.placements.map((p) => (p.placementId === placementId ? { ...p, endedOn } : p)),
      };
    }
  }
};
