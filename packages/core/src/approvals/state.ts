import type { LocalDate } from '../calendar/index.js';
import { ownValue, type Personal } from '../eventsourcing/index.js';
import type { TrainingCourse } from './events/household.js';
import type { ApprovalRoute, HouseholdEvent, PreviousService } from './events/index.js';
import type { PlacementType, Terms } from './terms.js';

export interface TermsPeriod {
  readonly effectiveFrom: LocalDate;
  readonly terms: Terms;
}

export interface PetRecord {
  readonly species: string;
  readonly recordedOn: LocalDate;
  readonly removedOn?: LocalDate;
}

export interface MemberRecord {
  readonly relationship: 'carers-own-child' | 'other-child' | 'other-adult';
  readonly dateOfBirth: Personal<LocalDate>;
  readonly joinedOn: LocalDate;
  readonly leftOn?: LocalDate;
}

/** A fostered child living in the household (the carers' own children are members, not occupants). */
export interface Occupant {
  readonly placementId: string;
  readonly childId: string;
  readonly startedOn: LocalDate;
  readonly placementType: PlacementType;
  readonly outsideTermsUntil?: LocalDate;
  readonly exemptionId?: string;
  readonly endedOn?: LocalDate;
}

export interface TemporaryApproval {
  readonly approvedOn: LocalDate;
  readonly childId: string;
  readonly expiresOn: LocalDate;
  readonly extended: boolean;
}

/**
 * Everything recorded about one fostering household, folded from its stream. Status and deadlines depend on
 * the date they are asked about (a resignation ends approval 28 days later), so they are derived from this
 * state as of a date rather than stored in it.
 */
export interface HouseholdState {
  readonly householdId?: string;
  readonly route?: ApprovalRoute;
  readonly applicationReceivedOn?: LocalDate;
  readonly applicants: Readonly<Record<string, { readonly name: Personal<string> }>>;
  readonly previousServices: ReadonlyArray<PreviousService>;
  readonly previousServiceReferences: Readonly<Record<string, LocalDate>>;
  readonly referees: ReadonlyArray<{ readonly refereeId: string; readonly interviewedOn: LocalDate }>;
  readonly assessmentStages: ReadonlyArray<1 | 2>;
  readonly checksCompleted: number;
  readonly therapeuticCourse: Readonly<Record<string, LocalDate>>;
  readonly proposedTerms?: Terms;
  readonly panel?: { readonly panelOn: LocalDate; readonly papersSentOn: LocalDate };
  readonly recommendation?: {
    readonly panelOn: LocalDate;
    readonly recommendation: 'approve' | 'refuse';
    readonly minutesFinalisedOn: LocalDate;
  };
  readonly approvedOn?: LocalDate;
  readonly temporary?: TemporaryApproval;
  readonly refusal?: { readonly decidedOn: LocalDate; readonly takesEffectOn: LocalDate };
  readonly termsHistory: ReadonlyArray<TermsPeriod>;
  readonly agreementSignedOn?: LocalDate;
  readonly reviews: ReadonlyArray<{ readonly reviewedOn: LocalDate; readonly panelOn?: LocalDate }>;
  readonly resignation?: { readonly receivedOn: LocalDate; readonly approvalEndsOn: LocalDate };
  readonly termination?: { readonly noticeGivenOn: LocalDate; readonly takesEffectOn: LocalDate };
  /** Every suspension, so that status on a past date is right; `liftedOn` absent while in force. */
  readonly suspensions: ReadonlyArray<{ readonly suspendedOn: LocalDate; readonly liftedOn?: LocalDate }>;
  readonly ssw?: { readonly sswId: string; readonly allocatedOn: LocalDate };
  readonly members: Readonly<Record<string, MemberRecord>>;
  readonly pets: Readonly<Record<string, PetRecord>>;
  readonly safeCarePlan?: { readonly recordedOn: LocalDate; readonly covers: ReadonlyArray<string> };
  readonly petRiskAssessments: Readonly<Record<string, LocalDate>>;
  /**
   * Per approved adult: the latest completion of each refreshed course, and the first of TSDS (a standard
   * completed once: recording it again later does not make the first completion late).
   */
  readonly training: Readonly<Record<string, Partial<Readonly<Record<TrainingCourse, LocalDate>>>>>;
  readonly lastVisitOn?: LocalDate;
  readonly lastUnannouncedVisitOn?: LocalDate;
  readonly lastHomeCheckOn?: LocalDate;
  /** Every placement in the household, by placement id; `endedOn` set once the child has left. */
  readonly occupants: Readonly<Record<string, Occupant>>;
}

export const initialHouseholdState: HouseholdState = {
  applicants: {},
  previousServices: [],
  previousServiceReferences: {},
  referees: [],
  assessmentStages: [],
  checksCompleted: 0,
  therapeuticCourse: {},
  termsHistory: [],
  reviews: [],
  suspensions: [],
  members: {},
  pets: {},
  petRiskAssessments: {},
  training: {},
  occupants: {},
};

const later = (a: LocalDate | undefined, b: LocalDate): LocalDate => (a === undefined || b > a ? b : a);

export const evolveHousehold = (state: HouseholdState, event: HouseholdEvent): HouseholdState => {
  switch (event.type) {
    case 'ApplicationReceived': {
      const { householdId, receivedOn, route, applicants, previousServices } = event.data;
      const named = Object.fromEntries(applicants.map((a) => [a.adultId, { name: a.name }]));
      return {
        ...state,
        householdId,
        applicationReceivedOn: receivedOn,
        route,
        applicants: named,
        previousServices,
      };
    }
    case 'AssessmentStarted':
      return { ...state, assessmentStages: [...state.assessmentStages, event.data.stage] };
    case 'RefereeInterviewed':
      return {
        ...state,
        referees: [
          ...state.referees,
          { refereeId: event.data.refereeId, interviewedOn: event.data.interviewedOn },
        ],
      };
    case 'CheckCompleted':
      return { ...state, checksCompleted: state.checksCompleted + 1 };
    case 'PreviousServiceReferenceReceived':
      return {
        ...state,
        previousServiceReferences: {
          ...state.previousServiceReferences,
          [event.data.serviceId]: event.data.receivedOn,
        },
      };
    case 'TherapeuticCourseCompleted':
      return {
        ...state,
        therapeuticCourse: { ...state.therapeuticCourse, [event.data.adultId]: event.data.completedOn },
      };
    case 'AssessmentReportCompleted':
      return { ...state, proposedTerms: event.data.proposedTerms };
    case 'PanelScheduled':
      return { ...state, panel: event.data };
    case 'PanelRecommendationMade': {
      const { panelOn, recommendation, minutesFinalisedOn } = event.data;
      return { ...state, recommendation: { panelOn, recommendation, minutesFinalisedOn } };
    }
    case 'HouseholdApproved':
      return {
        ...state,
        approvedOn: event.data.decidedOn,
        termsHistory: [
          ...state.termsHistory,
          { effectiveFrom: event.data.decidedOn, terms: event.data.terms },
        ],
      };
    case 'ApprovalRefused':
      return {
        ...state,
        refusal: { decidedOn: event.data.decidedOn, takesEffectOn: event.data.takesEffectOn },
      };
    case 'FosterCareAgreementSigned':
      return { ...state, agreementSignedOn: event.data.signedOn };
    case 'AnnualReviewHeld': {
      const { reviewedOn, panelOn } = event.data;
      return {
        ...state,
        reviews: [...state.reviews, panelOn === undefined ? { reviewedOn } : { reviewedOn, panelOn }],
      };
    }
    case 'TermsChanged':
      return {
        ...state,
        termsHistory: [
          ...state.termsHistory,
          { effectiveFrom: event.data.takesEffectOn, terms: event.data.terms },
        ],
      };
    case 'ResignationReceived':
      return { ...state, resignation: event.data };
    case 'ApprovalTerminated':
      return {
        ...state,
        termination: { noticeGivenOn: event.data.noticeGivenOn, takesEffectOn: event.data.takesEffectOn },
      };
    case 'ApprovalSuspended':
      return { ...state, suspensions: [...state.suspensions, { suspendedOn: event.data.suspendedOn }] };
    case 'SuspensionLifted': {
      const current = state.suspensions[state.suspensions.length - 1];
      if (current === undefined) return state;
      return {
        ...state,
        suspensions: [...state.suspensions.slice(0, -1), { ...current, liftedOn: event.data.liftedOn }],
      };
    }
    case 'TemporarilyApproved': {
      const { approvedOn, childId, expiresOn, terms } = event.data;
      return {
        ...state,
        temporary: { approvedOn, childId, expiresOn, extended: false },
        termsHistory: [...state.termsHistory, { effectiveFrom: approvedOn, terms }],
      };
    }
    case 'TemporaryApprovalExtended':
      return state.temporary === undefined
        ? state
        : { ...state, temporary: { ...state.temporary, expiresOn: event.data.expiresOn, extended: true } };
    case 'SupervisingSocialWorkerAllocated':
      return { ...state, ssw: event.data };
    case 'HouseholdMemberJoined': {
      const { memberId, relationship, dateOfBirth, joinedOn } = event.data;
      return { ...state, members: { ...state.members, [memberId]: { relationship, dateOfBirth, joinedOn } } };
    }
    case 'HouseholdMemberLeft': {
      const member = ownValue(state.members, event.data.memberId);
      if (member === undefined) return state;
      return {
        ...state,
        members: { ...state.members, [event.data.memberId]: { ...member, leftOn: event.data.leftOn } },
      };
    }
    case 'PetRecorded': {
      const { petId, species, recordedOn } = event.data;
      return { ...state, pets: { ...state.pets, [petId]: { species, recordedOn } } };
    }
    case 'PetRemoved': {
      const pet = ownValue(state.pets, event.data.petId);
      if (pet === undefined) return state;
      return {
        ...state,
        pets: { ...state.pets, [event.data.petId]: { ...pet, removedOn: event.data.removedOn } },
      };
    }
    case 'SafeCarePlanRecorded':
      return { ...state, safeCarePlan: event.data };
    case 'RiskAssessmentRecorded': {
      const { kind, petId, assessedOn } = event.data;
      if (kind !== 'pet' || petId === undefined) return state;
      return {
        ...state,
        petRiskAssessments: {
          ...state.petRiskAssessments,
          [petId]: later(ownValue(state.petRiskAssessments, petId), assessedOn),
        },
      };
    }
    case 'TrainingCompleted': {
      const { adultId, course, completedOn } = event.data;
      const courses = ownValue(state.training, adultId) ?? {};
      return {
        ...state,
        training: {
          ...state.training,
          [adultId]: {
            ...courses,
            [course]:
              course === 'tsds'
                ? [courses.tsds, completedOn].filter((d): d is LocalDate => d !== undefined).sort()[0]
                : later(courses[course], completedOn),
          },
        },
      };
    }
    case 'SupervisoryVisitRecorded': {
      const { visitedOn, announced } = event.data;
      return {
        ...state,
        lastVisitOn: later(state.lastVisitOn, visitedOn),
        ...(announced ? {} : { lastUnannouncedVisitOn: later(state.lastUnannouncedVisitOn, visitedOn) }),
      };
    }
    case 'ChildJoinedHousehold':
      return { ...state, occupants: { ...state.occupants, [event.data.placementId]: event.data } };
    case 'ChildLeftHousehold': {
      const occupant = ownValue(state.occupants, event.data.placementId);
      if (occupant === undefined) return state;
      const left = { ...occupant, endedOn: event.data.endedOn };
      return { ...state, occupants: { ...state.occupants, [event.data.placementId]: left } };
    }
    case 'HomeCheckCompleted':
      return { ...state, lastHomeCheckOn: later(state.lastHomeCheckOn, event.data.checkedOn) };
  }
};
