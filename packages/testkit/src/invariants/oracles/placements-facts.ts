import {
  type LocalDate,
  type PlacementStartedData,
  shownOrErased,
  type Terms,
  unlessErased,
} from '@fostering/core';
import type { ScriptRun } from '../run-script.js';

/**
 * The facts the placements oracles judge, read straight from a run's stored events (not from the core's
 * projections). Every fact keeps `at`, its event's index in the store's global order, so that an oracle can ask
 * what was on record when a decision was taken: "siblings as recorded before the last of them was placed".
 */

export interface Stay {
  readonly placementId: string;
  readonly childId: string;
  readonly householdId: string;
  readonly startedOn: LocalDate;
  readonly placementType: PlacementStartedData['placementType'];
  readonly data: PlacementStartedData;
  readonly at: number;
  readonly endedOn?: LocalDate;
  readonly endedAt?: number;
  readonly ended?: { readonly endedOn: LocalDate; readonly childAddressAfter: string };
}

interface Dated<T> {
  readonly at: number;
  readonly value: T;
}

export interface HouseholdFacts {
  readonly householdId: string;
  applicants?: Dated<ReadonlyArray<string>>;
  readonly approvals: Array<Dated<LocalDate>>;
  readonly temporary: Array<Dated<{ readonly from: LocalDate; readonly until: LocalDate }>>;
  readonly extensions: Array<Dated<LocalDate>>;
  readonly terms: Array<Dated<{ readonly from: LocalDate; readonly terms: Terms }>>;
  readonly agreements: Array<Dated<LocalDate>>;
  /** Resignations, terminations and refusals: the day each ends the approval. */
  readonly endings: Array<Dated<{ readonly kind: string; readonly on: LocalDate }>>;
}

export interface ChildFacts {
  readonly childId: string;
  dateOfBirth?: LocalDate;
  readonly relationships: Array<Dated<{ readonly other: string; readonly relationship: string }>>;
}

export interface Break {
  readonly placementId: string;
  readonly startsOn: LocalDate;
  readonly days: number;
  readonly authorised: boolean;
  readonly at: number;
}

export interface PlacementFacts {
  readonly stays: ReadonlyArray<Stay>;
  readonly households: ReadonlyMap<string, HouseholdFacts>;
  readonly children: ReadonlyMap<string, ChildFacts>;
  readonly respite: ReadonlyArray<Break>;
  readonly shortBreaks: ReadonlyArray<Break>;
}

const idOf = (streamId: string, prefix: string) => streamId.slice(prefix.length + 1);

const household = (map: Map<string, HouseholdFacts>, id: string): HouseholdFacts => {
  const found = map.get(id);
  if (found !== undefined) return found;
  const fresh: HouseholdFacts = {
    householdId: id,
    approvals: [],
    temporary: [],
    extensions: [],
    terms: [],
    agreements: [],
    endings: [],
  };
  map.set(id, fresh);
  return fresh;
};

const child = (map: Map<string, ChildFacts>, id: string): ChildFacts => {
  const found = map.get(id);
  if (found !== undefined) return found;
  const fresh: ChildFacts = { childId: id, relationships: [] };
  map.set(id, fresh);
  return fresh;
};

export const placementFacts = (run: ScriptRun): PlacementFacts => {
  const starts = new Map<string, Stay>();
  const households = new Map<string, HouseholdFacts>();
  const children = new Map<string, ChildFacts>();
  const respite: Break[] = [];
  const shortBreaks: Break[] = [];
  run.events.forEach((event, at) => {
    const { streamId } = event;
    switch (event.type) {
      case 'PlacementStarted': {
        const d = event.data;
        starts.set(idOf(streamId, 'placement'), {
          placementId: idOf(streamId, 'placement'),
          childId: d.childId,
          householdId: d.householdId,
          startedOn: d.startedOn,
          placementType: d.placementType,
          data: d,
          at,
        });
        return;
      }
      case 'PlacementEnded': {
        const id = idOf(streamId, 'placement');
        const stay = starts.get(id);
        if (stay === undefined) return;
        const { endedOn, childAddressAfter } = event.data;
        starts.set(id, {
          ...stay,
          endedOn,
          endedAt: at,
          ended: { endedOn, childAddressAfter: shownOrErased(childAddressAfter) },
        });
        return;
      }
      case 'RespiteTaken':
      case 'ShortBreakStayRecorded': {
        const { startsOn, days } = event.data;
        const authorised = 'authorisation' in event.data && event.data.authorisation !== undefined;
        const list = event.type === 'RespiteTaken' ? respite : shortBreaks;
        list.push({ placementId: idOf(streamId, 'placement'), startsOn, days, authorised, at });
        return;
      }
      case 'ApplicationReceived':
        household(households, idOf(streamId, 'household')).applicants = {
          at,
          value: event.data.applicants.map((a) => shownOrErased(a.name)),
        };
        return;
      case 'HouseholdApproved': {
        const h = household(households, idOf(streamId, 'household'));
        h.approvals.push({ at, value: event.data.decidedOn });
        h.terms.push({ at, value: { from: event.data.decidedOn, terms: event.data.terms } });
        return;
      }
      case 'TemporarilyApproved': {
        const h = household(households, idOf(streamId, 'household'));
        const { approvedOn, expiresOn, terms } = event.data;
        h.temporary.push({ at, value: { from: approvedOn, until: expiresOn } });
        h.terms.push({ at, value: { from: approvedOn, terms } });
        return;
      }
      case 'TemporaryApprovalExtended':
        household(households, idOf(streamId, 'household')).extensions.push({
          at,
          value: event.data.expiresOn,
        });
        return;
      case 'TermsChanged':
        household(households, idOf(streamId, 'household')).terms.push({
          at,
          value: { from: event.data.takesEffectOn, terms: event.data.terms },
        });
        return;
      case 'FosterCareAgreementSigned':
        household(households, idOf(streamId, 'household')).agreements.push({
          at,
          value: event.data.signedOn,
        });
        return;
      case 'ResignationReceived':
      case 'ApprovalTerminated':
      case 'ApprovalRefused': {
        const on =
          event.type === 'ResignationReceived' ? event.data.approvalEndsOn : event.data.takesEffectOn;
        household(households, idOf(streamId, 'household')).endings.push({
          at,
          value: { kind: event.type, on },
        });
        return;
      }
      case 'ChildRegistered': {
        // The oracle judges ages only from a date of birth it can read.
        const dob = unlessErased(undefined)(event.data.dateOfBirth);
        if (dob !== undefined) child(children, idOf(streamId, 'child')).dateOfBirth = dob;
        return;
      }
      case 'ChildRelationshipRecorded':
        child(children, idOf(streamId, 'child')).relationships.push({
          at,
          value: { other: event.data.otherChildId, relationship: event.data.relationship },
        });
        return;
      default:
        return;
    }
  });
  return { stays: [...starts.values()], households, children, respite, shortBreaks };
};

const siblingKinds = ['sibling', 'half-sibling', 'step-sibling'];

/** Whether `a` records `b` as a sibling, as recorded before event `before` (the latest record holds). */
const recordsSibling = (facts: PlacementFacts, a: string, b: string, before: number): boolean => {
  const latest = (facts.children.get(a)?.relationships ?? [])
    .filter((r) => r.at < before && r.value.other === b)
    .at(-1);
  return latest !== undefined && siblingKinds.includes(latest.value.relationship);
};

/** Siblings: a sibling relationship recorded on either child's stream (domain.md: never from free text). */
export const siblingsBefore = (facts: PlacementFacts, a: string, b: string, before: number): boolean =>
  recordsSibling(facts, a, b, before) || recordsSibling(facts, b, a, before);

export const allSiblingsBefore = (facts: PlacementFacts, ids: ReadonlyArray<string>, before: number) =>
  ids.every((a, i) => ids.slice(i + 1).every((b) => siblingsBefore(facts, a, b, before)));

/** The terms in force on `day`, as recorded before event `before`: the latest recorded that has taken effect. */
export const termsBefore = (
  h: HouseholdFacts | undefined,
  day: string,
  before = Number.POSITIVE_INFINITY,
): Terms | undefined =>
  (h?.terms ?? []).filter((t) => t.at < before && t.value.from <= day).at(-1)?.value.terms;

/** Placements present on a day (a placement runs from its start up to, not including, its end). */
export const presentOn = (stays: ReadonlyArray<Stay>, day: string) =>
  stays.filter((s) => s.startedOn <= day && (s.endedOn === undefined || day < s.endedOn));

/** Staying put is not fostering: it counts toward neither the limit nor the terms (domain.md, CA89 s23CZA). */
export const fostered = (stays: ReadonlyArray<Stay>) =>
  stays.filter((s) => s.placementType !== 'staying-put');

/** The stays as recorded before event `before`: later starts left out, later endings not yet known. */
export const staysBefore = (stays: ReadonlyArray<Stay>, before: number): Stay[] =>
  stays
    .filter((s) => s.at < before)
    .map((s) => {
      if (s.endedAt === undefined || s.endedAt < before) return s;
      const { endedOn: _e, endedAt: _a, ended: _d, ...open } = s;
      return open;
    });
