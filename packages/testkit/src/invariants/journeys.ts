import {
  addDays,
  type LocalDate,
  type PlacementType,
  type StartPlacement,
  type SupportPackage,
  type TermsInput,
} from '@fostering/core';
import type { AgencyRequest } from './agency-handle.js';
import { ref, type ScriptStep } from './script.js';

/**
 * Building blocks of generated histories: the usual journeys of the agency's records as dated commands, with
 * references (`ref`) for ids. Generators compose them and vary the dates and the choices.
 */

export const step = (on: LocalDate, request: AgencyRequest): ScriptStep => ({ on, request });

export const household = (
  name: string,
  on: LocalDate,
  command: Extract<AgencyRequest, { area: 'households' }>['command'],
) => step(on, { area: 'households', id: ref(name), command });
export const child = (
  name: string,
  on: LocalDate,
  command: Extract<AgencyRequest, { area: 'children' }>['command'],
) => step(on, { area: 'children', id: ref(name), command });
export const placement = (
  name: string,
  on: LocalDate,
  command: Extract<AgencyRequest, { area: 'placements' }>['command'],
) => step(on, { area: 'placements', id: ref(name), command });
export const clinic = (
  name: string,
  on: LocalDate,
  command: Extract<AgencyRequest, { area: 'clinics' }>['command'],
) => step(on, { area: 'clinics', id: ref(name), command });
export const staff = (
  name: string,
  on: LocalDate,
  command: Extract<AgencyRequest, { area: 'staff' }>['command'],
) => step(on, { area: 'staff', id: ref(name), command });

/** The adults of a household `h1`: `h1-a1` and `h1-a2` (references). */
export const carersOf = (householdName: string): readonly [string, string] => [
  ref(`${householdName}-a1`),
  ref(`${householdName}-a2`),
];

export const wideTerms: TermsInput = {
  maxChildren: 3,
  ageRange: { minAge: 0, maxAge: 17 },
  placementTypes: ['short-term', 'long-term', 'emergency', 'short-breaks', 'sibling-group', 'staying-put'],
  supportPackages: ['standard', 'enhanced', 'intensive'],
};

export interface ApprovalJourney {
  /** The day the application is received. */
  readonly from: LocalDate;
  readonly terms?: TermsInput;
  readonly route?: 'mainstream' | 'family-and-friends';
}

/** Days after the application at which each step of a typical mainstream assessment happens. */
export const approvalTimeline = {
  stageOne: 7,
  stageTwo: 56,
  course: 70,
  referees: 85,
  report: 115,
  papersSent: 133,
  panel: 147,
  minutes: 150,
  approval: 155,
  agreement: 157,
} as const;

/**
 * Application to a signed foster care agreement, the usual way: both stages, the course for both carers, two
 * referees, the report proposing `terms`, papers out two weeks before panel, recommendation, decision five
 * days after the minutes, agreement two days later. Everything a placement needs before it can start.
 */
export const approvalJourney = (
  name: string,
  { from, terms = wideTerms, route = 'mainstream' }: ApprovalJourney,
): ScriptStep[] => {
  const at = (days: number) => addDays(from, days);
  const t = approvalTimeline;
  const [a1, a2] = carersOf(name);
  return [
    household(name, from, {
      kind: 'ReceiveApplication',
      householdId: ref(name),
      receivedOn: from,
      route,
      applicants: [
        { adultId: a1, name: `First carer of ${name}` },
        { adultId: a2, name: `Second carer of ${name}` },
      ],
      previousServices: [],
    }),
    household(name, at(t.stageOne), { kind: 'StartAssessment', stage: 1, startedOn: at(t.stageOne) }),
    household(name, at(t.stageTwo), { kind: 'StartAssessment', stage: 2, startedOn: at(t.stageTwo) }),
    household(name, at(t.course), {
      kind: 'CompleteTherapeuticCourse',
      adultId: a1,
      completedOn: at(t.course),
    }),
    household(name, at(t.course), {
      kind: 'CompleteTherapeuticCourse',
      adultId: a2,
      completedOn: at(t.course),
    }),
    ...[1, 2].map((n) =>
      household(name, at(t.referees), {
        kind: 'InterviewReferee',
        refereeId: ref(`${name}-referee-${n}`),
        name: `Referee ${n}`,
        relationship: 'friend of ten years',
        interviewedOn: at(t.referees),
      }),
    ),
    household(name, at(t.report), {
      kind: 'CompleteAssessmentReport',
      completedOn: at(t.report),
      proposedTerms: terms,
    }),
    household(name, at(t.papersSent), {
      kind: 'SchedulePanel',
      panelOn: at(t.panel),
      papersSentOn: at(t.papersSent),
    }),
    household(name, at(t.minutes), {
      kind: 'RecordPanelRecommendation',
      panelOn: at(t.panel),
      recommendation: 'approve',
      minutesFinalisedOn: at(t.minutes),
      recommendedTerms: terms,
    }),
    household(name, at(t.approval), { kind: 'Approve', decidedOn: at(t.approval), terms }),
    household(name, at(t.agreement), {
      kind: 'SignFosterCareAgreement',
      signedOn: at(t.agreement),
      signedBy: [a1, a2],
    }),
  ];
};

export interface ChildRegistration {
  readonly on: LocalDate;
  readonly dateOfBirth: LocalDate;
  readonly siblings?: ReadonlyArray<string>;
}

/** A child registered with the agency, with sibling links recorded on its own stream (names of other children). */
export const registration = (
  name: string,
  { on, dateOfBirth, siblings = [] }: ChildRegistration,
): ScriptStep[] => [
  child(name, on, {
    kind: 'RegisterChild',
    childId: ref(name),
    name: `Child ${name}`,
    dateOfBirth,
    legalStatus: 'care-order',
    placingAuthority: 'Shropshire',
    registeredOn: on,
  }),
  ...siblings.map((other) =>
    child(name, on, {
      kind: 'RecordRelationship',
      otherChildId: ref(other),
      relationship: 'sibling',
      recordedOn: on,
    }),
  ),
];

export interface PlacementStart {
  readonly child: string;
  readonly household: string;
  readonly on: LocalDate;
  readonly placementType?: PlacementType;
  readonly supportPackage?: SupportPackage;
  readonly emergency?: true;
  readonly bedroom?: StartPlacement['bedroom'];
}

/** A placement start with every register field filled in, as a placements officer records it. */
export const start = (name: string, s: PlacementStart): ScriptStep => {
  const placementType = s.placementType ?? 'long-term';
  return placement(name, s.on, {
    kind: 'StartPlacement',
    placementId: ref(name),
    childId: ref(s.child),
    householdId: ref(s.household),
    startedOn: s.on,
    placementType,
    supportPackage: s.supportPackage ?? 'enhanced',
    legalBasis: placementType === 'staying-put' ? 'staying-put' : 'care-order',
    placingAuthority: 'Shropshire',
    carersAddress: `1 High Street, home of ${s.household}`,
    childAddressBefore: '2 Low Road, Telford',
    bedroom: s.bedroom ?? { shared: false },
    longTerm: placementType === 'long-term',
    ...(s.emergency === true ? { emergency: true } : {}),
  });
};

export const end = (name: string, on: LocalDate): ScriptStep =>
  placement(name, on, {
    kind: 'EndPlacement',
    endedOn: on,
    planned: true,
    reason: 'care plan',
    childAddressAfter: '3 Next Street, Ludlow',
  });
