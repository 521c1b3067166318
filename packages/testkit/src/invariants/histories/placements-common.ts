import {
  type Actor,
  addDays,
  type LocalDate,
  type PlacementType,
  type StartPlacement,
  type SupportPackage,
  type TermsInput,
  unsafeLocalDate,
} from '@fostering/core';
import fc from 'fast-check';
import { approvalJourney, approvalTimeline, child, household, placement, start } from '../journeys.js';
import { ref, type Script, type ScriptStep, script } from '../script.js';

/**
 * Building blocks shared by the placements histories: weighted choices, households approved with chosen terms
 * (and sometimes the carers' own children living there), children with recorded relationships, starts that may
 * be backdated, and a layout that sorts moves by date and lets some of them race.
 */

export const weighted = <T>(...choices: ReadonlyArray<readonly [number, fc.Arbitrary<T>]>): fc.Arbitrary<T> =>
  fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));
export const days = (min: number, max: number) => fc.integer({ min, max });

/** Applications are received from this Monday on; working-day deadlines stay inside the covered calendar. */
export const base = unsafeLocalDate('2025-01-06');
export const at = (n: number): LocalDate => addDays(base, n);
/** The day a household applying `from` has its foster care agreement signed (the journey's last step). */
export const agreedOn = (from: LocalDate): LocalDate => addDays(from, approvalTimeline.agreement);

/** Officers who send racing commands, besides the catalogue's own. */
export const otherOfficers: ReadonlyArray<Actor> = [
  { id: 'second-placements-officer', role: 'placements-officer' },
  { id: 'duty-manager', role: 'team-manager' },
];

/** Commands dated one day: sent in order, or, when `race` is set, all at the same moment by different people. */
export interface Move {
  readonly on: LocalDate;
  readonly steps: ReadonlyArray<ScriptStep>;
  readonly race?: boolean;
}

export const move = (on: LocalDate, ...steps: ScriptStep[]): Move => ({ on, steps });
export const race = (on: LocalDate, ...steps: ScriptStep[]): Move => ({ on, steps, race: true });

/** Sorts moves by date (stably: a record's own steps keep their order) and lays out racing ones. */
export const layout = (moves: ReadonlyArray<Move>, asOfAfterLast = 0): Script => {
  const sorted = [...moves].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const steps = sorted.flatMap((m) =>
    m.race === true && m.steps.length > 1
      ? m.steps.map((s, i) =>
          i === 0
            ? s
            : { ...s, concurrent: true as const, by: otherOfficers[(i - 1) % otherOfficers.length] },
        )
      : m.steps,
  );
  const last = sorted.at(-1)?.on ?? base;
  return script(steps, addDays(last, asOfAfterLast));
};

export interface HouseholdPlan {
  readonly from: LocalDate;
  readonly terms?: TermsInput;
  /** The carers' own children: household members who never count as fostered children. */
  readonly ownChildren?: number;
  readonly route?: 'mainstream' | 'family-and-friends';
}

/** A household's approval journey, each step its own move, and its own children joining after approval. */
export const approvedHousehold = (name: string, plan: HouseholdPlan): Move[] => [
  ...approvalJourney(name, {
    from: plan.from,
    route: plan.route ?? 'mainstream',
    ...(plan.terms === undefined ? {} : { terms: plan.terms }),
  }).map((s) => move(s.on, s)),
  ...Array.from({ length: plan.ownChildren ?? 0 }, (_, i) => {
    const on = addDays(plan.from, approvalTimeline.agreement);
    return move(
      on,
      household(name, on, {
        kind: 'AddHouseholdMember',
        memberId: ref(`${name}-own-${i + 1}`),
        name: `Own child ${i + 1} of ${name}`,
        dateOfBirth: unsafeLocalDate(`201${i + 2}-05-0${i + 1}`),
        relationship: 'carers-own-child',
        joinedOn: on,
      }),
    );
  }),
];

export type Relationship = 'sibling' | 'half-sibling' | 'step-sibling' | 'other';

export interface ChildPlan {
  readonly on: LocalDate;
  readonly dateOfBirth: LocalDate;
  /** Relationships recorded on this child's own stream, to other children (by name). */
  readonly relationships?: ReadonlyArray<{ readonly other: string; readonly relationship: Relationship }>;
}

export const registerChild = (name: string, plan: ChildPlan): ScriptStep[] => [
  child(name, plan.on, {
    kind: 'RegisterChild',
    childId: ref(name),
    name: `Child ${name}`,
    dateOfBirth: plan.dateOfBirth,
    legalStatus: 'care-order',
    placingAuthority: 'Shropshire',
    registeredOn: plan.on,
  }),
  ...(plan.relationships ?? []).map((r) => relate(name, r.other, r.relationship, plan.on)),
];

export const relate = (name: string, other: string, relationship: Relationship, on: LocalDate): ScriptStep =>
  child(name, on, { kind: 'RecordRelationship', otherChildId: ref(other), relationship, recordedOn: on });

export interface StartPlan {
  readonly child: string;
  readonly household: string;
  readonly startedOn: LocalDate;
  /** The day the start is recorded, when later than the start (a backdated start). */
  readonly sentOn?: LocalDate;
  readonly placementType?: PlacementType;
  readonly supportPackage?: SupportPackage;
  readonly emergency?: boolean;
  readonly bedroom?: StartPlacement['bedroom'];
}

/** A start with every register field filled in; recorded on `sentOn` when it is backdated. */
export const startOf = (name: string, s: StartPlan): ScriptStep => {
  const step = start(name, {
    child: s.child,
    household: s.household,
    on: s.startedOn,
    ...(s.placementType === undefined ? {} : { placementType: s.placementType }),
    ...(s.supportPackage === undefined ? {} : { supportPackage: s.supportPackage }),
    ...(s.emergency === true ? { emergency: true as const } : {}),
    ...(s.bedroom === undefined ? {} : { bedroom: s.bedroom }),
  });
  return s.sentOn === undefined || s.sentOn <= s.startedOn ? step : { ...step, on: s.sentOn };
};

export const changeTerms = (name: string, on: LocalDate, terms: TermsInput, takesEffectOn: LocalDate) =>
  household(name, on, {
    kind: 'ChangeTerms',
    noticeGivenOn: on,
    takesEffectOn,
    terms,
    // With the carers' written agreement a change need not wait 28 days (notice-28).
    carerConsentedInWriting: takesEffectOn < addDays(on, 28),
  });

export { placement };
