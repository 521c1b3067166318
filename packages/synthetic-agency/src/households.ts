import {
  type Actor,
  addMonths,
  childHealthNeedsFor,
  type HouseholdCommand,
  type HouseholdState,
  householdStreamId,
  isApprovedOn,
  type PlacementType,
  type PreviousService,
  type SupportPackage,
  sameTerms,
  type Terms,
} from '@fostering/core';
import { type Day, dateOf, dayOf } from './days.js';
import type { FailureQuotas } from './failures.js';
import * as names from './names.js';
import type { Random } from './random.js';
import { allocateSsw } from './staff.js';
import { actors, type Carer, type Household, type HouseholdMember, type Pet, type Sim } from './world.js';

/**
 * Fostering households: about two thirds approved before the period (their application, assessment, panel and
 * approval are in the history, with the reviews and training since), the rest applying during it. Each approved
 * household has its own terms (never the agency-wide default the inspection criticised), a supervising social
 * worker, a foster care agreement, supervisory visits every three to four weeks with an unannounced one well
 * within each year, a yearly home check, annual reviews (the first to panel), and training kept in date.
 */

const assessmentTeam: Actor = { id: 'assessment-team', role: 'assessing-social-worker' };
const baselineCovers = ['household:safer-caring-policy', 'household:online-safety', 'household:fire-safety'];

export const householdState = (sim: Sim, householdId: string): HouseholdState =>
  sim.ledger.households.state(householdStreamId(householdId));

type Occupant = HouseholdState['occupants'][string];

/** Placements in the household open on `day` or starting later (what the placement process checks). */
export const occupiedFrom = (state: HouseholdState, day: Day): Occupant[] => {
  const date = dateOf(day);
  return Object.values(state.occupants).filter((o) => o.endedOn === undefined || date < o.endedOn);
};

// ---------------------------------------------------------------------------------------------------------
// Population

const termsFor = (random: Random, sim: Sim, connected: boolean): Terms => {
  if (connected) {
    return {
      maxChildren: 1,
      ageRange: { minAge: 0, maxAge: 17 },
      placementTypes: ['long-term', 'short-term'],
      supportPackages: ['standard', 'enhanced'],
      exemptions: [],
    };
  }
  const maxChildren = random.weighted([
    [1, 30],
    [2, 45],
    [3, 25],
  ] as const);
  const parentAndChild = random.chance(0.05);
  const [minAge, maxAge] = parentAndChild
    ? random.pick([
        [12, 17],
        [14, 18],
        [0, 17],
      ] as const)
    : random.weighted([
        [[0, 17], 15],
        [[5, 17], 12],
        [[0, 11], 10],
        [[8, 17], 12],
        [[11, 17], 10],
        [[2, 12], 8],
        [[0, 4], 6],
        [[4, 17], 10],
        [[12, 18], 7],
        [[0, 18], 10],
      ] as const);
  const types: PlacementType[] = ['short-term'];
  if (random.chance(0.8)) types.push('long-term');
  if (random.chance(0.35)) types.push('emergency');
  if (maxAge >= 10 && random.chance(0.1)) types.push('short-breaks');
  if (maxChildren >= 2 && random.chance(0.4)) types.push('sibling-group');
  if (parentAndChild) types.push('parent-and-child');
  const supportPackages: SupportPackage[] = [
    ...random.weighted<ReadonlyArray<SupportPackage>>([
      [['enhanced', 'intensive'], 30],
      [['standard', 'enhanced'], 30],
      [['standard', 'enhanced', 'intensive'], 30],
      [['standard'], 10],
    ]),
  ];
  const terms: Terms = {
    maxChildren,
    ageRange: { minAge, maxAge },
    placementTypes: types,
    supportPackages,
    exemptions: [],
  };
  // Never the agency-wide default: the inspection found everyone approved on it, and the compliance report
  // flags it (a failure this generator does not plant).
  return sameTerms(terms, sim.policy.approvals.defaultTerms)
    ? { ...terms, ageRange: { minAge: 0, maxAge: 17 } }
    : terms;
};

const fullName = (random: Random, surname: string) => `${random.pick(names.adultFirstNames)} ${surname}`;

/** Creates the households, numbered in the order their applications arrive. */
export const planHouseholds = (sim: Sim): void => {
  const random = sim.random.households;
  const { households: n, fromDay, asOfDay } = sim.shape;
  const existing = Math.round(n * 0.68);
  const span = asOfDay - fromDay;
  const drafts = Array.from({ length: n }, (_, i) => {
    const isExisting = i < existing;
    // Approved from six years to two months before the period: applied about half a year before that.
    const appliedOn = isExisting
      ? fromDay - random.int(250, 6 * 365 + 190)
      : fromDay + random.int(0, Math.max(0, span - 20));
    const connected = !isExisting && appliedOn <= asOfDay - 130 && random.chance(0.07);
    return { isExisting, appliedOn, connected };
  });
  drafts.sort((a, b) => a.appliedOn - b.appliedOn);
  drafts.forEach((draft, i) => {
    const id = `hh-${String(i + 1).padStart(4, '0')}`;
    const surname = random.pick(names.surnames);
    const two = random.chance(draft.connected ? 0.4 : 0.7);
    const carers: Carer[] = [{ adultId: `${id}-a1`, name: fullName(random, surname) }];
    if (two)
      carers.push({
        adultId: `${id}-a2`,
        name: fullName(random, random.chance(0.8) ? surname : random.pick(names.surnames)),
      });
    const members: HouseholdMember[] = [];
    const ownChildren = random.weighted([
      [0, 45],
      [1, 25],
      [2, 20],
      [3, 10],
    ] as const);
    for (let k = 1; k <= ownChildren; k++) {
      members.push({
        memberId: `${id}-m${k}`,
        name: `${random.pick(names.childFirstNames)} ${surname}`,
        born: draft.appliedOn - random.int(200, 27 * 365),
        relationship: 'carers-own-child',
      });
    }
    if (random.chance(0.08)) {
      members.push({
        memberId: `${id}-m${ownChildren + 1}`,
        name: fullName(random, random.pick(names.surnames)),
        born: dayOf('1950-01-01') + random.int(0, 12 * 365),
        relationship: 'other-adult',
      });
    }
    const pets: Pet[] = [];
    if (random.chance(0.45)) {
      for (let k = 1; k <= random.int(1, 2); k++) {
        const kind =
          names.pets[
            random.weighted([
              [0, 50],
              [1, 35],
              [2, 8],
              [3, 7],
            ] as const)
          ];
        pets.push({
          petId: `${id}-pet${k}`,
          species: kind.species,
          description: random.pick(kind.descriptions),
        });
      }
    }
    const council = random.weighted(names.councils.map((c, k) => [c, k < 2 ? 3 : 1] as const));
    const household: Household = {
      id,
      kind: draft.isExisting ? 'existing' : 'applicant',
      route: draft.connected ? 'family-and-friends' : 'mainstream',
      carers,
      members,
      pets,
      council: council.name,
      address: `${random.int(1, 140)} ${random.pick(names.streets)}, ${random.pick(council.towns)}`,
      terms: termsFor(random, sim, draft.connected),
      appliedOn: draft.appliedOn,
      closing: false,
      keepApproved: false,
      reserved: 0,
      omittedFromPlan: new Set(),
    };
    sim.world.households.set(id, household);
  });
};

// ---------------------------------------------------------------------------------------------------------
// Scheduling

interface Step {
  readonly record: Day;
  /** The day the fact happened; the record day when absent. */
  readonly on?: Day;
  readonly actor: Actor | (() => Actor);
  readonly command: HouseholdCommand | (() => HouseholdCommand | undefined);
  /** Recorded only if the household's record allows it then (for example still approved). */
  readonly when?: (state: HouseholdState) => boolean;
  readonly afterwards?: () => void;
  readonly minute?: number;
}

const approvedThen = (day: Day) => (state: HouseholdState) => isApprovedOn(state, dateOf(day));
const notEnding = (state: HouseholdState) =>
  state.resignation === undefined && state.termination === undefined;

/**
 * Puts the steps in the diary. Steps recorded on the same day keep the order they were written in (an
 * application before the members it lists, a pet before its risk assessment), a few minutes apart from a time
 * drawn for the day.
 */
const schedule = (sim: Sim, household: Household, steps: ReadonlyArray<Step>) => {
  const minuteOfDay = new Map<Day, number>();
  for (const step of steps) {
    if (step.record > sim.shape.asOfDay) continue;
    const minute = step.minute ?? (minuteOfDay.get(step.record) ?? sim.random.timing.int(480, 900)) + 2;
    if (step.minute === undefined) minuteOfDay.set(step.record, minute);
    sim.on(
      step.record,
      async () => {
        if (step.when !== undefined && !step.when(householdState(sim, household.id))) return;
        const command = typeof step.command === 'function' ? step.command() : step.command;
        if (command === undefined) return;
        const actor = typeof step.actor === 'function' ? step.actor() : step.actor;
        const ok = await sim.ledger.household(household.id, command, { actor, on: step.on ?? step.record });
        if (ok) step.afterwards?.();
      },
      minute,
    );
  }
};

const sswActor = (sim: Sim, household: Household) => () =>
  actors.ssw(household.sswId ?? allocateSsw(sim, sim.today()));

interface Plants {
  unannouncedVisitMissing: number;
  trainingLapsed: number;
  trainingMissing: number;
  annualReviewOverdue: number;
  petRiskAssessmentMissing: number;
}

/** Schedules every household's application and, once approved, its routine; plants the household failures. */
export const scheduleHouseholds = (sim: Sim, quotas: FailureQuotas): void => {
  const plants: Plants = { ...quotas };
  // Households are scheduled in a random order, so that planted failures go to households chosen at random
  // rather than to the first ones numbered; each draws from its own fork of the generator.
  for (const household of sim.random.households.shuffle([...sim.world.households.values()])) {
    scheduleHousehold(sim, sim.random.households.fork(), household, plants);
  }
  scheduleResignationsAndSuspensions(sim);
  scheduleHandovers(sim);
};

const scheduleHousehold = (sim: Sim, random: Random, h: Household, plants: Plants) => {
  const { wd } = sim;
  const steps: Step[] = [];
  const R = h.appliedOn;
  const connected = h.route === 'family-and-friends';
  const refused = h.kind === 'applicant' && !connected && random.chance(0.08);
  // Planted "missing training" needs a second carer and is decided before the assessment's training.
  const missingFirstAid =
    !h.keepApproved &&
    plants.trainingMissing > 0 &&
    h.carers.length === 2 &&
    h.kind === 'existing' &&
    R > sim.shape.fromDay - 3 * 365;
  if (missingFirstAid) plants.trainingMissing--;

  const previousServices: PreviousService[] =
    h.kind === 'applicant' && random.chance(0.04)
      ? [
          {
            serviceId: `${h.id}-prev`,
            serviceName: 'Bright Horizons Fostering',
            approvalEndedOn: dateOf(R - random.int(30, 300)),
          },
        ]
      : [];
  steps.push({
    record: R,
    actor: assessmentTeam,
    command: {
      kind: 'ReceiveApplication',
      householdId: h.id,
      receivedOn: dateOf(R),
      route: h.route,
      applicants: h.carers.map((c) => ({ adultId: c.adultId, name: c.name })),
      previousServices,
    },
  });
  for (const m of h.members) {
    steps.push({
      record: R,
      actor: assessmentTeam,
      command: {
        kind: 'AddHouseholdMember',
        memberId: m.memberId,
        name: m.name,
        dateOfBirth: dateOf(m.born),
        relationship: m.relationship,
        joinedOn: dateOf(m.relationship === 'other-adult' ? R - random.int(200, 3000) : m.born),
      },
    });
  }

  // A family-and-friends carer is approved temporarily for the related child within days, so that the child
  // can live there while the full assessment runs (at most 16 weeks, once extended by 8).
  const temporaryOn = connected ? wd.onOrAfter(R + random.int(1, 3)) : undefined;
  h.temporaryOn = temporaryOn;
  const extended = connected && random.chance(0.35);
  if (temporaryOn !== undefined && h.connectedChildId !== undefined) {
    steps.push({
      record: temporaryOn,
      minute: 540,
      actor: actors.decisionMaker,
      command: {
        kind: 'ApproveTemporarily',
        approvedOn: dateOf(temporaryOn),
        childId: h.connectedChildId,
        terms: h.terms,
      },
      afterwards: () => allocate(sim, h, temporaryOn),
    });
    steps.push({
      record: temporaryOn,
      minute: 570,
      actor: sswActor(sim, h),
      command: {
        kind: 'SignFosterCareAgreement',
        signedOn: dateOf(temporaryOn),
        signedBy: h.carers.map((c) => c.adultId),
      },
    });
  }
  const s1 = wd.onOrAfter((temporaryOn ?? R) + (connected ? random.int(4, 10) : random.int(7, 21)));
  const s2 = wd.onOrAfter(s1 + (connected ? random.int(18, 25) : random.int(35, 60)));
  steps.push({
    record: s1,
    actor: assessmentTeam,
    command: { kind: 'StartAssessment', stage: 1, startedOn: dateOf(s1) },
  });
  for (const pet of h.pets) {
    steps.push({
      record: s1,
      actor: assessmentTeam,
      command: {
        kind: 'RecordPet',
        petId: pet.petId,
        species: pet.species,
        description: pet.description,
        recordedOn: dateOf(s1),
      },
    });
    const assessed = wd.onOrAfter(s1 + random.int(0, 10));
    steps.push({
      record: assessed,
      actor: assessmentTeam,
      command: {
        kind: 'RecordRiskAssessment',
        assessmentId: `${pet.petId}-ra`,
        assessmentKind: 'pet',
        assessedOn: dateOf(assessed),
        petId: pet.petId,
      },
    });
  }
  const check = (
    day: Day,
    check: 'dbs' | 'medical' | 'local-authority' | 'employer' | 'health-and-safety',
    adultId?: string,
  ) =>
    steps.push({
      record: wd.onOrAfter(day),
      actor: assessmentTeam,
      command: {
        kind: 'CompleteCheck',
        check,
        completedOn: dateOf(wd.onOrAfter(day)),
        ...(adultId === undefined ? {} : { adultId }),
      },
    });
  for (const carer of h.carers) {
    check(s1 + random.int(5, 35), 'dbs', carer.adultId);
    check(s1 + random.int(10, 50), 'medical', carer.adultId);
    if (random.chance(0.6)) check(s1 + random.int(10, 60), 'employer', carer.adultId);
  }
  check(s1 + random.int(10, 40), 'local-authority');
  check(s1 + random.int(0, 25), 'health-and-safety');
  const training: Array<{
    adultId: string;
    course: 'safeguarding' | 'first-aid' | 'parent-and-child';
    day: Day;
  }> = [];
  h.carers.forEach((carer, k) => {
    training.push({
      adultId: carer.adultId,
      course: 'safeguarding',
      day: wd.onOrAfter(s1 + random.int(14, 70)),
    });
    if (!(missingFirstAid && k === 1)) {
      training.push({
        adultId: carer.adultId,
        course: 'first-aid',
        day: wd.onOrAfter(s1 + random.int(14, 90)),
      });
    }
    if (h.terms.placementTypes.includes('parent-and-child')) {
      training.push({
        adultId: carer.adultId,
        course: 'parent-and-child',
        day: wd.onOrAfter(s1 + random.int(30, 100)),
      });
    }
  });
  if (missingFirstAid) {
    const second = h.carers[1] as Carer;
    sim.world.planted.push({
      kind: 'training-missing',
      ruleId: 'training',
      code: 'training-missing-first-aid',
      householdId: h.id,
      adultId: second.adultId,
      on: dateOf(R),
    });
    h.keepApproved = true;
  }
  steps.push({
    record: s2,
    actor: assessmentTeam,
    command: { kind: 'StartAssessment', stage: 2, startedOn: dateOf(s2) },
  });
  const course = wd.onOrAfter(s2 + random.int(14, 35));
  for (const carer of h.carers) {
    steps.push({
      record: course,
      actor: actors.training,
      command: { kind: 'CompleteTherapeuticCourse', adultId: carer.adultId, completedOn: dateOf(course) },
    });
  }
  const referees = random.int(2, 3);
  for (let k = 1; k <= referees; k++) {
    const day = wd.onOrAfter(s2 + random.int(5, connected ? 24 : 50));
    steps.push({
      record: day,
      actor: assessmentTeam,
      command: {
        kind: 'InterviewReferee',
        refereeId: `${h.id}-ref${k}`,
        name: fullName(random, random.pick(names.surnames)),
        relationship: random.pick([
          'friend of fifteen years',
          'employer',
          'neighbour',
          'former colleague',
          'church minister',
        ]),
        interviewedOn: dateOf(day),
      },
    });
  }
  for (const service of previousServices) {
    const day = wd.onOrAfter(s2 + random.int(10, 45));
    steps.push({
      record: day,
      actor: assessmentTeam,
      command: {
        kind: 'ReceivePreviousServiceReference',
        serviceId: service.serviceId,
        receivedOn: dateOf(day),
      },
    });
  }
  const homeSafety = wd.onOrAfter(s2 + random.int(0, 20));
  steps.push({
    record: homeSafety,
    actor: assessmentTeam,
    command: {
      kind: 'RecordRiskAssessment',
      assessmentId: `${h.id}-ra-home`,
      assessmentKind: 'home-safety',
      assessedOn: dateOf(homeSafety),
    },
  });
  const plan = wd.onOrAfter(s2 + random.int(20, 24));
  steps.push({
    record: plan,
    actor: assessmentTeam,
    command: () => safeCarePlanCommand(sim, h, plan),
  });
  const report = wd.onOrAfter(
    s2 + (connected ? random.int(25, 32) + (extended ? 40 : 0) : random.int(55, 80)),
  );
  const papers = wd.onOrAfter(report + random.int(2, connected ? 5 : 10));
  const panel = wd.add(papers, connected ? 6 : random.int(6, 10));
  const minutes = wd.add(panel, random.int(1, connected ? 2 : 4));
  const decision = wd.add(minutes, random.int(1, connected ? 3 : 5));
  if (dateOf(panel) >= addMonths(dateOf(R), 8))
    throw new Error(`${h.id}: panel ${dateOf(panel)} is over 8 months after the application`);
  steps.push({
    record: report,
    actor: assessmentTeam,
    command: { kind: 'CompleteAssessmentReport', completedOn: dateOf(report), proposedTerms: h.terms },
  });
  steps.push({
    record: papers,
    actor: actors.panel,
    command: { kind: 'SchedulePanel', panelOn: dateOf(panel), papersSentOn: dateOf(papers) },
  });
  steps.push({
    record: minutes,
    on: panel,
    actor: actors.panel,
    command: {
      kind: 'RecordPanelRecommendation',
      panelOn: dateOf(panel),
      recommendation: refused ? 'refuse' : 'approve',
      minutesFinalisedOn: dateOf(minutes),
      ...(refused ? {} : { recommendedTerms: h.terms }),
    },
  });
  if (temporaryOn !== undefined && extended) {
    const expires = temporaryOn + 112;
    const day = wd.onOrBefore(expires - random.int(7, 14));
    steps.push({
      record: day,
      actor: actors.decisionMaker,
      command: { kind: 'ExtendTemporaryApproval', extendedOn: dateOf(day) },
    });
  }
  if (refused) {
    steps.push({
      record: decision,
      actor: actors.decisionMaker,
      command: {
        kind: 'Refuse',
        decidedOn: dateOf(decision),
        noticeGivenOn: dateOf(decision),
        takesEffectOn: dateOf(decision + 28),
        reason: 'the assessment did not show the capacity to meet the needs of children in therapeutic care',
      },
    });
    for (const t of training) steps.push(trainingStep(t));
    schedule(sim, h, steps);
    return;
  }
  steps.push({
    record: decision,
    actor: actors.decisionMaker,
    command: { kind: 'Approve', decidedOn: dateOf(decision), terms: h.terms },
    afterwards: () => allocate(sim, h, decision),
  });
  if (temporaryOn === undefined) {
    const signed = Math.min(wd.onOrAfter(decision + random.int(0, 7)), Math.max(decision, sim.shape.asOfDay));
    steps.push({
      record: signed,
      actor: sswActor(sim, h),
      command: {
        kind: 'SignFosterCareAgreement',
        signedOn: dateOf(signed),
        signedBy: h.carers.map((c) => c.adultId),
      },
    });
  }
  const approvalStart = temporaryOn ?? decision;
  routine(sim, random, h, { approvalStart, approvedOn: decision, training, steps, plants });
  schedule(sim, h, steps);
};

const trainingStep = (t: {
  adultId: string;
  course: 'safeguarding' | 'first-aid' | 'parent-and-child' | 'tsds';
  day: Day;
}): Step => ({
  record: t.day,
  actor: actors.training,
  command: { kind: 'RecordTraining', adultId: t.adultId, course: t.course, completedOn: dateOf(t.day) },
});

const allocate = (sim: Sim, h: Household, day: Day) => {
  if (h.sswId !== undefined) return;
  h.sswId = allocateSsw(sim, day);
  const sswId = h.sswId;
  // Recorded straight away, in the same diary entry as the approval.
  sim.on(day, async () => {
    await sim.ledger.household(
      h.id,
      { kind: 'AllocateSupervisingSocialWorker', sswId, allocatedOn: dateOf(day) },
      { actor: actors.manager('mgr-02'), on: day },
    );
  });
};

interface RoutinePlan {
  readonly approvalStart: Day;
  readonly approvedOn: Day;
  readonly training: ReadonlyArray<{
    adultId: string;
    course: 'safeguarding' | 'first-aid' | 'parent-and-child';
    day: Day;
  }>;
  readonly steps: Step[];
  readonly plants: Plants;
}

/**
 * The approved household's year: visits, home checks, reviews, training, and what changes in the household.
 * Dates are drawn inside each obligation's interval with room to spare, so nothing is late unless planted.
 */
const routine = (sim: Sim, random: Random, h: Household, plan: RoutinePlan) => {
  const { wd } = sim;
  const { fromDay, asOfDay } = sim.shape;
  const { approvalStart, approvedOn, steps, plants } = plan;
  const routineFrom = sim.routineFrom;
  const visitsFrom = Math.max(approvalStart + random.int(7, 20), routineFrom + random.int(0, 25));

  // Training: the assessment's courses, refreshed before the policy's 36 months run out; TSDS within 12 months
  // of approval (18 for family and friends carers).
  let lapsePlanted = false;
  for (const t of plan.training) {
    let day = t.day;
    steps.push(trainingStep(t));
    for (;;) {
      const next = wd.onOrBefore(day + random.int(850, 1040));
      if (next > asOfDay) break;
      const due = dayOf(addMonths(dateOf(day), 36));
      if (
        plants.trainingLapsed > 0 &&
        !h.keepApproved &&
        !lapsePlanted &&
        t.course === 'first-aid' &&
        due >= fromDay + 14 &&
        due <= asOfDay - 14
      ) {
        // Planted: this refresh is never done, so the first-aid training has lapsed by the end.
        plants.trainingLapsed--;
        lapsePlanted = true;
        h.keepApproved = true;
        sim.world.planted.push({
          kind: 'training-lapsed',
          ruleId: 'training',
          code: 'training-expiry-first-aid',
          householdId: h.id,
          adultId: t.adultId,
          on: dateOf(due),
        });
        break;
      }
      steps.push(trainingStep({ ...t, day: next }));
      day = next;
    }
  }
  for (const carer of h.carers) {
    const day = wd.onOrAfter(approvalStart + random.int(60, h.route === 'family-and-friends' ? 480 : 300));
    steps.push({ ...trainingStep({ adultId: carer.adultId, course: 'tsds', day }), when: approvedThen(day) });
  }

  // Annual reviews: the first within a year of approval and to panel (recorded once the panel has seen it),
  // then each within a year of the last.
  let reviewPlanted = false;
  let reviewed = wd.onOrBefore(approvedOn + random.int(290, 330));
  for (let n = 1; reviewed <= asOfDay; n++) {
    const panelOn = n === 1 ? wd.add(reviewed, random.int(5, 12)) : undefined;
    const next = wd.onOrBefore(reviewed + random.int(320, 350));
    const due = dayOf(addMonths(dateOf(reviewed), 12));
    const reviewDay = reviewed;
    steps.push({
      record: panelOn ?? reviewDay,
      on: reviewDay,
      actor: sswActor(sim, h),
      when: approvedThen(reviewDay),
      command: {
        kind: 'HoldAnnualReview',
        reviewedOn: dateOf(reviewDay),
        outcome: 'continue',
        ...(panelOn === undefined ? {} : { panelOn: dateOf(panelOn) }),
      },
    });
    if (
      plants.annualReviewOverdue > 0 &&
      !h.keepApproved &&
      !reviewPlanted &&
      due >= asOfDay - 120 &&
      due <= asOfDay - 14
    ) {
      // Planted: the review due in the last months is never held.
      plants.annualReviewOverdue--;
      reviewPlanted = true;
      h.keepApproved = true;
      sim.world.planted.push({
        kind: 'annual-review-overdue',
        ruleId: 'annual-review',
        code: 'annual-review',
        householdId: h.id,
        on: dateOf(due),
      });
      break;
    }
    if (n > 1 && reviewDay >= fromDay && random.chance(0.12)) changeTerms(sim, random, h, reviewDay, steps);
    reviewed = next;
  }

  // Home checks: the last before the detailed routine, then every ten to eleven and a half months.
  let checked =
    approvalStart < routineFrom - 30
      ? wd.onOrBefore(routineFrom - random.int(1, 300))
      : wd.onOrAfter(approvalStart + random.int(60, 200));
  checked = Math.max(checked, wd.onOrAfter(approvalStart + 1));
  while (checked <= asOfDay) {
    const day = checked;
    steps.push({
      record: day,
      actor: sswActor(sim, h),
      when: approvedThen(day),
      command: () => ({
        kind: 'RecordHomeCheck',
        checkedOn: dateOf(day),
        checkedBy: h.sswId ?? allocateSsw(sim, day),
      }),
    });
    checked = wd.onOrBefore(checked + random.int(300, 345));
  }

  // Supervisory visits every three to four weeks; one unannounced visit well within each year.
  if (plants.unannouncedVisitMissing > 0 && !h.keepApproved && approvalStart <= asOfDay - 430) {
    plants.unannouncedVisitMissing--;
    h.keepApproved = true;
    h.noUnannouncedFrom = asOfDay - 365 - random.int(20, 60);
    sim.world.planted.push({
      kind: 'unannounced-visit-missing',
      ruleId: 'ssw',
      code: 'unannounced-visit-missing',
      householdId: h.id,
      on: dateOf(h.noUnannouncedFrom + 365),
    });
  }
  let lastUnannounced = approvalStart;
  if (approvalStart < routineFrom - 45) {
    const latest =
      h.noUnannouncedFrom === undefined
        ? routineFrom - 15
        : Math.min(routineFrom - 15, h.noUnannouncedFrom - 1);
    const day = wd.onOrBefore(latest - random.int(0, 250));
    if (day > approvalStart) {
      lastUnannounced = day;
      steps.push(visitStep(sim, h, day, false));
    }
  }
  let target = random.int(150, 300);
  for (let day = wd.onOrAfter(visitsFrom); day <= asOfDay; ) {
    const allowed = h.noUnannouncedFrom === undefined || day < h.noUnannouncedFrom;
    const unannounced = allowed && day - lastUnannounced >= target;
    if (unannounced) {
      lastUnannounced = day;
      target = random.int(150, 300);
    }
    steps.push(visitStep(sim, h, day, !unannounced));
    const next = wd.onOrBefore(day + random.int(20, 30));
    day = next > day ? next : wd.onOrAfter(day + 1);
  }

  // Changes in the household during the period: a grown-up child moves out, a pet arrives or dies.
  const span = asOfDay - fromDay;
  const assessedPets = [...h.pets];
  if (span > 60) {
    const adultChild = h.members.find(
      (m) => m.relationship === 'carers-own-child' && m.born < fromDay - 19 * 365,
    );
    const settledFrom = Math.max(fromDay, approvalStart + 30);
    if (adultChild !== undefined && settledFrom < asOfDay - 30 && random.chance(0.25)) {
      const day = wd.onOrAfter(settledFrom + random.int(0, asOfDay - 30 - settledFrom));
      steps.push({
        record: day,
        actor: sswActor(sim, h),
        command: { kind: 'RecordMemberLeaving', memberId: adultChild.memberId, leftOn: dateOf(day) },
      });
    }
    const newPet = random.chance(0.05);
    const plantPet =
      plants.petRiskAssessmentMissing > 0 && !h.keepApproved && approvalStart < fromDay && span > 90;
    if (newPet || plantPet) {
      const day = wd.onOrAfter(fromDay + random.int(30, span - 45));
      const kind = plantPet ? names.pets[0] : random.pick(names.pets);
      const pet: Pet = {
        petId: `${h.id}-pet${h.pets.length + 1}`,
        species: kind.species,
        description: plantPet ? 'Jack Russell puppy, 10 weeks' : random.pick(kind.descriptions),
      };
      h.pets.push(pet);
      steps.push({
        record: day,
        actor: sswActor(sim, h),
        when: approvedThen(day),
        command: {
          kind: 'RecordPet',
          petId: pet.petId,
          species: pet.species,
          description: pet.description,
          recordedOn: dateOf(day),
        },
      });
      if (plantPet) {
        // Planted: the new dog is never risk assessed.
        plants.petRiskAssessmentMissing--;
        h.keepApproved = true;
        sim.world.planted.push({
          kind: 'pet-risk-assessment-missing',
          ruleId: 'risk-complete',
          code: 'pet-risk-assessment-missing',
          householdId: h.id,
          on: dateOf(day),
        });
      } else {
        const assessed = wd.onOrAfter(day + random.int(0, 10));
        steps.push({
          record: assessed,
          actor: sswActor(sim, h),
          when: (state) => state.pets[pet.petId] !== undefined && isApprovedOn(state, dateOf(assessed)),
          command: {
            kind: 'RecordRiskAssessment',
            assessmentId: `${pet.petId}-ra`,
            assessmentKind: 'pet',
            assessedOn: dateOf(assessed),
            petId: pet.petId,
          },
        });
      }
    }
    const oldPet = assessedPets.find((p) => p.species !== 'dog');
    if (oldPet !== undefined && approvalStart < fromDay && random.chance(0.08)) {
      const day = wd.onOrAfter(fromDay + random.int(0, span - 10));
      steps.push({
        record: day,
        actor: sswActor(sim, h),
        when: (state) =>
          state.pets[oldPet.petId] !== undefined && state.pets[oldPet.petId]?.removedOn === undefined,
        command: { kind: 'RemovePet', petId: oldPet.petId, removedOn: dateOf(day) },
      });
    }
  }
};

const visitStep = (sim: Sim, h: Household, day: Day, announced: boolean): Step => ({
  record: day,
  actor: sswActor(sim, h),
  when: approvedThen(day),
  command: () => ({
    kind: 'RecordSupervisoryVisit',
    sswId: h.sswId ?? allocateSsw(sim, day),
    visitedOn: dateOf(day),
    announced,
  }),
});

/** A change of terms after a review: the carers take more children, older children, or the intensive package. */
const changeTerms = (sim: Sim, random: Random, h: Household, day: Day, steps: Step[]) => {
  const consented = random.chance(0.5);
  const takesEffect = consented ? day : day + 28;
  steps.push({
    record: day,
    minute: 1020,
    actor: sswActor(sim, h),
    when: (state) => notEnding(state) && isApprovedOn(state, dateOf(day)),
    command: () => {
      const current = termsNow(sim, h);
      const options: Terms[] = [];
      if (current.maxChildren < 3) options.push({ ...current, maxChildren: current.maxChildren + 1 });
      if (current.ageRange.maxAge < 17)
        options.push({
          ...current,
          ageRange: { ...current.ageRange, maxAge: Math.min(17, current.ageRange.maxAge + 3) },
        });
      if (!current.supportPackages.includes('intensive') && current.supportPackages.length > 0) {
        options.push({ ...current, supportPackages: [...current.supportPackages, 'intensive'] });
      }
      const wider = options.filter((t) => !sameTerms(t, sim.policy.approvals.defaultTerms));
      if (wider.length === 0) return undefined;
      return {
        kind: 'ChangeTerms',
        noticeGivenOn: dateOf(day),
        takesEffectOn: dateOf(takesEffect),
        terms: random.pick(wider),
        carerConsentedInWriting: consented,
      };
    },
  });
};

const termsNow = (sim: Sim, h: Household): Terms => {
  const history = householdState(sim, h.id).termsHistory;
  return history[history.length - 1]?.terms ?? h.terms;
};

// ---------------------------------------------------------------------------------------------------------
// Runtime: safe-care plans, resignations, suspensions, handovers

/**
 * The household's safe-care plan as the supervising social worker would write it on `day`: the household's own
 * entries, each pet, and every allergy and medical need of every child placed there (rule `risk-complete`),
 * except what a planted failure leaves out.
 */
export const safeCarePlanCommand = (sim: Sim, h: Household, day: Day): HouseholdCommand => {
  const state = householdState(sim, h.id);
  const date = dateOf(day);
  const pets = Object.entries(state.pets)
    .filter(([, pet]) => pet.recordedOn <= date && (pet.removedOn === undefined || pet.removedOn > date))
    .map(([petId]) => `pet:${petId}`);
  const needs = occupiedFrom(state, day).flatMap((o) =>
    childHealthNeedsFor(sim.ledger.children.state(`child-${o.childId}`), date).map((need) => need.key),
  );
  const covers = [...baselineCovers, ...pets, ...needs].filter((key) => !h.omittedFromPlan.has(key));
  return { kind: 'RecordSafeCarePlan', recordedOn: date, covers: [...new Set(covers)] };
};

export const recordSafeCarePlan = async (sim: Sim, householdId: string, day: Day): Promise<void> => {
  const h = sim.world.households.get(householdId);
  if (h === undefined) return;
  await sim.ledger.household(householdId, safeCarePlanCommand(sim, h, day), {
    actor: actors.ssw(h.sswId ?? allocateSsw(sim, day)),
    on: day,
  });
};

/**
 * About one existing household in sixteen a year decides to stop: it takes no new children, and once the
 * last has moved on the resignation is received (approval ends 28 days later). A couple are suspended while an
 * allegation is looked into.
 */
const scheduleResignationsAndSuspensions = (sim: Sim) => {
  const random = sim.random.households.fork();
  const { fromDay, asOfDay } = sim.shape;
  const span = asOfDay - fromDay;
  if (span < 90) return;
  const existing = [...sim.world.households.values()].filter((h) => h.kind === 'existing');
  const years = span / 365;
  const leaving = Math.round(existing.length * 0.06 * years);
  for (const h of random.shuffle(existing).slice(0, leaving)) {
    const intent = sim.wd.onOrAfter(fromDay + random.int(0, span - 60));
    sim.on(intent, () => tryResign(sim, h, intent));
  }
  const suspended = Math.round(existing.length / 150);
  for (const h of random.shuffle(existing).slice(0, suspended)) {
    const day = sim.wd.onOrAfter(fromDay + random.int(30, Math.max(31, span - 90)));
    const lifted = sim.wd.onOrAfter(day + random.int(28, 70));
    const actor = actors.decisionMaker;
    sim.on(day, async () => {
      if (
        householdState(sim, h.id).approvedOn === undefined ||
        !isApprovedOn(householdState(sim, h.id), dateOf(day))
      )
        return;
      if (householdState(sim, h.id).resignation !== undefined) return;
      const ok = await sim.ledger.household(
        h.id,
        {
          kind: 'Suspend',
          suspendedOn: dateOf(day),
          reason: 'allegation under investigation by the local authority designated officer',
        },
        { actor, on: day },
      );
      if (ok && lifted <= asOfDay) {
        sim.on(lifted, async () => {
          await sim.ledger.household(
            h.id,
            { kind: 'LiftSuspension', liftedOn: dateOf(lifted) },
            { actor, on: lifted },
          );
        });
      }
    });
  }
};

const tryResign = async (sim: Sim, h: Household, day: Day): Promise<void> => {
  if (h.keepApproved) return;
  const state = householdState(sim, h.id);
  if (
    state.approvedOn === undefined ||
    state.resignation !== undefined ||
    state.suspensions.some((s) => s.liftedOn === undefined)
  )
    return;
  if (!isApprovedOn(state, dateOf(day))) return;
  h.closing = true;
  if (occupiedFrom(state, day).length === 0 && h.reserved === 0) {
    await sim.ledger.household(
      h.id,
      { kind: 'ReceiveResignation', receivedOn: dateOf(day) },
      { actor: actors.ssw(h.sswId ?? allocateSsw(sim, day)), on: day },
    );
    return;
  }
  // Children still live there: wait for them to move on, or think better of it.
  const retry = sim.wd.onOrAfter(day + 14);
  if (retry <= sim.shape.asOfDay - 35) sim.on(retry, () => tryResign(sim, h, retry));
  else h.closing = false;
};

/** When a supervising social worker leaves, their households move to colleagues the week before. */
const scheduleHandovers = (sim: Sim) => {
  for (const member of sim.world.staff.values()) {
    if (member.role !== 'supervising-social-worker' || member.leftOn === undefined) continue;
    const leftOn = member.leftOn;
    const day = sim.wd.onOrBefore(leftOn - 7);
    sim.on(day, async () => {
      for (const h of sim.world.households.values()) {
        if (h.sswId !== member.id) continue;
        h.sswId = undefined;
        const sswId = allocateSsw(sim, day);
        h.sswId = sswId;
        const state = householdState(sim, h.id);
        if (!isApprovedOn(state, dateOf(day))) continue;
        await sim.ledger.household(
          h.id,
          { kind: 'AllocateSupervisingSocialWorker', sswId, allocatedOn: dateOf(day) },
          { actor: actors.manager(member.supervisorId), on: day },
        );
      }
    });
  }
};
