import {
  type AgencyEvent,
  type EventEnvelope,
  type LocalDate,
  type SupportPackage,
  shownOrErased,
} from '@fostering/core';

/**
 * What the children oracles know of a run, read straight from its stored events (never from the core's
 * projections): placements, children, households. Events of one record are told apart by their stream: the
 * first event that names the record's id (registration, start, application) says whose stream it is.
 */

type Envelope = EventEnvelope<AgencyEvent>;

export interface PlacementFacts {
  readonly placementId: string;
  readonly childId: string;
  readonly householdId: string;
  readonly startedOn: LocalDate;
  readonly endedOn?: LocalDate;
  readonly supportPackage: SupportPackage;
  readonly longTerm: boolean;
}

export interface HealthNeedFacts {
  readonly needId: string;
  readonly kind: string;
  readonly description: string;
  readonly recordedOn: LocalDate;
  readonly resolvedOn?: LocalDate;
}

export interface ChildFacts {
  readonly childId: string;
  readonly registeredOn: LocalDate;
  readonly visits: LocalDate[];
  readonly reviews: LocalDate[];
  readonly plans: Array<{
    readonly placementId: string;
    readonly agreedOn: LocalDate;
    readonly signed: boolean;
  }>;
  /** Days a therapeutic care plan version was agreed or reviewed. */
  readonly carePlanTouches: LocalDate[];
  readonly needs: HealthNeedFacts[];
}

export interface HouseholdFacts {
  readonly householdId: string;
  approvedOn?: LocalDate;
  readonly pets: Array<{
    readonly petId: string;
    readonly species: string;
    recordedOn: LocalDate;
    removedOn?: LocalDate;
  }>;
  readonly petAssessments: Array<{ readonly petId: string; readonly assessedOn: LocalDate }>;
  readonly safeCarePlans: Array<{ readonly recordedOn: LocalDate; readonly covers: ReadonlyArray<string> }>;
}

export interface AgencyFacts {
  readonly placements: ReadonlyArray<PlacementFacts>;
  readonly children: ReadonlyMap<string, ChildFacts>;
  readonly households: ReadonlyMap<string, HouseholdFacts>;
}

export const readAgencyFacts = (events: ReadonlyArray<Envelope>): AgencyFacts => {
  const placements = new Map<string, PlacementFacts>();
  const children = new Map<string, ChildFacts>();
  const households = new Map<string, HouseholdFacts>();
  const childOf = new Map<string, ChildFacts>();
  const householdOf = new Map<string, HouseholdFacts>();
  const placementOf = new Map<string, string>();
  for (const e of events) {
    const c = childOf.get(e.streamId);
    const h = householdOf.get(e.streamId);
    switch (e.type) {
      case 'ChildRegistered': {
        const facts: ChildFacts = {
          childId: e.data.childId,
          registeredOn: e.data.registeredOn,
          visits: [],
          reviews: [],
          plans: [],
          carePlanTouches: [],
          needs: [],
        };
        children.set(facts.childId, facts);
        childOf.set(e.streamId, facts);
        break;
      }
      case 'SocialWorkerVisitRecorded':
        c?.visits.push(e.data.visitedOn);
        break;
      case 'LookedAfterReviewHeld':
        c?.reviews.push(e.data.heldOn);
        break;
      case 'PlacementPlanRecorded':
        c?.plans.push({
          placementId: e.data.placementId,
          agreedOn: e.data.agreedOn,
          signed: e.data.signedByCarer,
        });
        break;
      case 'TherapeuticCarePlanAgreed':
        c?.carePlanTouches.push(e.data.agreedOn);
        break;
      case 'TherapeuticCarePlanReviewed':
        c?.carePlanTouches.push(e.data.reviewedOn);
        break;
      case 'HealthNeedRecorded':
        c?.needs.push({
          needId: e.data.needId,
          kind: e.data.kind,
          description: shownOrErased(e.data.description),
          recordedOn: e.data.recordedOn,
        });
        break;
      case 'HealthNeedResolved': {
        const i = c?.needs.findIndex((n) => n.needId === e.data.needId && n.resolvedOn === undefined) ?? -1;
        const need = c?.needs[i];
        if (c !== undefined && need !== undefined) c.needs[i] = { ...need, resolvedOn: e.data.resolvedOn };
        break;
      }
      case 'PlacementStarted': {
        const { placementId, childId, householdId, startedOn, supportPackage, longTerm } = e.data;
        placements.set(placementId, {
          placementId,
          childId,
          householdId,
          startedOn,
          supportPackage,
          longTerm,
        });
        placementOf.set(e.streamId, placementId);
        break;
      }
      case 'PlacementEnded': {
        const id = placementOf.get(e.streamId);
        const p = id === undefined ? undefined : placements.get(id);
        if (id !== undefined && p !== undefined) placements.set(id, { ...p, endedOn: e.data.endedOn });
        break;
      }
      case 'ApplicationReceived': {
        const facts: HouseholdFacts = {
          householdId: e.data.householdId,
          pets: [],
          petAssessments: [],
          safeCarePlans: [],
        };
        households.set(facts.householdId, facts);
        householdOf.set(e.streamId, facts);
        break;
      }
      case 'HouseholdApproved':
        if (h !== undefined) h.approvedOn = e.data.decidedOn;
        break;
      case 'PetRecorded':
        h?.pets.push({ petId: e.data.petId, species: e.data.species, recordedOn: e.data.recordedOn });
        break;
      case 'PetRemoved': {
        const pet = h?.pets.find((p) => p.petId === e.data.petId && p.removedOn === undefined);
        if (pet !== undefined) pet.removedOn = e.data.removedOn;
        break;
      }
      case 'RiskAssessmentRecorded':
        if (e.data.kind === 'pet' && e.data.petId !== undefined)
          h?.petAssessments.push({ petId: e.data.petId, assessedOn: e.data.assessedOn });
        break;
      case 'SafeCarePlanRecorded':
        h?.safeCarePlans.push({ recordedOn: e.data.recordedOn, covers: e.data.covers });
        break;
      default:
        break;
    }
  }
  return { placements: [...placements.values()], children, households };
};

/** Placements a child is in on `asOf`: started by then, and not ended (`endedOn` is the first day out). */
export const openOn = (placements: ReadonlyArray<PlacementFacts>, asOf: LocalDate): PlacementFacts[] =>
  placements.filter((p) => p.startedOn <= asOf && (p.endedOn === undefined || p.endedOn > asOf));

/** Distinct dates from `from` to `to` (both included), in order. */
export const datesWithin = (dates: ReadonlyArray<LocalDate>, from: LocalDate, to: LocalDate): LocalDate[] =>
  [...new Set(dates)].filter((d) => d >= from && d <= to).sort();
