import type {
  Actor,
  AgencyPolicy,
  LegalStatus,
  LocalDate,
  PlacementType,
  SupportPackage,
  Terms,
} from '@fostering/core';
import type { Agenda } from './agenda.js';
import type { Day, WorkingDays } from './days.js';
import type { FailureQuotas } from './failures.js';
import type { Ledger } from './ledger.js';
import type { Random } from './random.js';
import type { ResolvedShape } from './shape.js';

/**
 * The generator's own notes about the agency it is simulating: who lives where, what is planned next, which
 * failures were planted. The records themselves are in the store (and mirrored in the ledger); these notes hold
 * only what the records do not say, such as a placement's planned end or a household's intention to resign.
 */

export interface Carer {
  readonly adultId: string;
  readonly name: string;
}

export interface HouseholdMember {
  readonly memberId: string;
  readonly name: string;
  readonly born: Day;
  readonly relationship: 'carers-own-child' | 'other-child' | 'other-adult';
}

export interface Pet {
  readonly petId: string;
  readonly species: string;
  readonly description: string;
}

export type HouseholdKind = 'existing' | 'applicant';

export interface Household {
  readonly id: string;
  readonly kind: HouseholdKind;
  readonly route: 'mainstream' | 'family-and-friends';
  readonly carers: ReadonlyArray<Carer>;
  readonly members: ReadonlyArray<HouseholdMember>;
  readonly pets: Pet[];
  readonly council: string;
  readonly address: string;
  readonly terms: Terms;
  /** The day the application is received. */
  readonly appliedOn: Day;
  /** A family-and-friends household is approved for one named child, from the day of its temporary approval. */
  connectedChildId?: string;
  temporaryOn?: Day | undefined;
  sswId?: string;
  /** Takes no new placements (resigning, or planted failures that need the household kept as it is). */
  closing: boolean;
  /** Never resigns during the period (a planted failure must still be there at the end). */
  keepApproved: boolean;
  /** Places promised to units matched but not yet started. */
  reserved: number;
  /** Health-need keys a planted failure leaves out of every safe-care plan this household records. */
  readonly omittedFromPlan: Set<string>;
  /** Planted: no unannounced visit from this day on. */
  noUnannouncedFrom?: Day;
  /** The clinic series currently open for the household, if any. */
  seriesId?: string;
}

export interface HealthNeedPlan {
  readonly needId: string;
  readonly kind: 'allergy' | 'medical';
  readonly description: string;
}

export type EndKind =
  | 'return-home'
  | 'adoption'
  | 'special-guardianship'
  | 'residential'
  | 'step-to-long-term'
  | 'move'
  | 'disruption'
  | 'emergency-over'
  | 'arrangement-ended'
  | 'independent-living'
  | 'eighteen-staying-put'
  | 'eighteen-moving-on';

export interface Child {
  readonly id: string;
  readonly name: string;
  readonly born: Day;
  readonly council: string;
  readonly legalStatus: LegalStatus;
  readonly needs: ReadonlyArray<HealthNeedPlan>;
  readonly unitId: string;
  registeredOn?: Day;
  /** The placement the child is in now (per the generator's notes; the ledger's mirror has the record). */
  placementId?: string;
  /** No longer looked after by the agency (home, adopted, moved on, independent). */
  left: boolean;
  /** Planted: the first statutory visit due after this day is made late. */
  lateVisitAfter?: Day;
}

/** Children placed together (siblings), or one child. */
export interface Unit {
  readonly id: string;
  /** Children still travelling together; a young person who stays put or leaves at 18 drops out. */
  childIds: string[];
  readonly council: string;
  readonly existing: boolean;
  /** The day the first referral arrives. */
  readonly arrival: Day;
  /** How the first placement is meant to go. */
  readonly firstType: PlacementType;
  readonly supportPackage: SupportPackage;
  /** For a family-and-friends placement: the connected household. */
  readonly connectedHouseholdId?: string;
}

export interface Placement {
  readonly id: string;
  readonly childId: string;
  readonly unitId: string;
  readonly householdId: string;
  readonly type: PlacementType;
  readonly supportPackage: SupportPackage;
  readonly startedOn: Day;
  /** When and how the generator means it to end (`Infinity` when it outlasts the history). */
  plannedEnd: number;
  endKind: EndKind;
  endedOn?: Day;
}

export interface StaffMember {
  readonly id: string;
  readonly role: 'therapeutic-support-worker' | 'clinician' | 'supervising-social-worker' | 'manager';
  readonly startedOn: Day;
  readonly supervisorId: string;
  leftOn?: Day;
}

export interface ClinicSeries {
  readonly id: string;
  readonly householdId: string;
  readonly clinicianId: string;
  readonly openedOn: Day;
  sessions: number;
  closed: boolean;
  /** Planted failures waiting for this series' next session. */
  nextNotesLate: boolean;
  nextMissed: boolean;
}

/** A failure planted on purpose, with the finding it must produce. */
export interface PlantedFailure {
  readonly kind:
    | 'clinic-notes-late'
    | 'clinic-session-missed'
    | 'unannounced-visit-missing'
    | 'training-lapsed'
    | 'training-missing'
    | 'allergy-not-in-safe-care-plan'
    | 'annual-review-overdue'
    | 'child-visit-late'
    | 'pet-risk-assessment-missing'
    | 'clinical-supervision-late'
    | 'appraisal-overdue';
  readonly ruleId: string;
  /** The code of the finding it produces. */
  readonly code: string;
  readonly householdId?: string;
  readonly childId?: string;
  readonly adultId?: string;
  readonly staffId?: string;
  readonly seriesId?: string;
  readonly on: LocalDate;
}

export interface World {
  readonly households: Map<string, Household>;
  readonly children: Map<string, Child>;
  readonly units: Map<string, Unit>;
  readonly placements: Map<string, Placement>;
  readonly staff: Map<string, StaffMember>;
  readonly series: Map<string, ClinicSeries>;
  readonly planted: PlantedFailure[];
  /** Referrals the agency could not meet and declined. */
  declinedReferrals: number;
  nextChild: number;
  nextUnit: number;
  nextPlacement: number;
  nextSeries: number;
}

export interface Sim {
  readonly shape: ResolvedShape;
  readonly policy: AgencyPolicy;
  readonly quotas: FailureQuotas;
  readonly ledger: Ledger;
  readonly agenda: Agenda;
  readonly wd: WorkingDays;
  readonly world: World;
  /** The first day of the detailed routine (visits, clinics); before it only milestones are recorded. */
  readonly routineFrom: Day;
  readonly random: {
    readonly households: Random;
    readonly children: Random;
    readonly placements: Random;
    readonly clinics: Random;
    readonly staff: Random;
    readonly timing: Random;
  };
  /** Records `run` on `day` at a time of the working day (08:00-17:00 UTC), or at `minute` past midnight UTC. */
  readonly on: (day: Day, run: () => Promise<void> | void, minute?: number) => void;
  /** The day being simulated. */
  readonly today: () => Day;
}

export const actors = {
  panel: { id: 'panel-administrator', role: 'panel-administrator' },
  decisionMaker: { id: 'mgr-01', role: 'agency-decision-maker' },
  placements: { id: 'placements-team', role: 'placements-officer' },
  training: { id: 'training-coordinator', role: 'training-coordinator' },
  ssw: (id: string): Actor => ({ id, role: 'supervising-social-worker' }),
  clinician: (id: string): Actor => ({ id, role: 'clinician' }),
  manager: (id: string): Actor => ({ id, role: 'manager' }),
} as const;
