import {
  type ChildFacts,
  decideStart,
  englandWorkingDayCalendar,
  type LegalStatus,
  type PlacementType,
  type StartPlacement,
  type SupportPackage,
  statusOn,
  termsOn,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import {
  childState,
  legalStatusChange,
  newUnit,
  registrationCommands,
  startChildRoutine,
  startReviews,
} from './children.js';
import { clinicsChanged } from './clinics.js';
import { ageOnDay, birthdayOf, type Day, dateOf } from './days.js';
import { householdState, occupiedFrom, recordSafeCarePlan } from './households.js';
import * as names from './names.js';
import {
  actors,
  type Child,
  type EndKind,
  type Household,
  type Placement,
  type Sim,
  type Unit,
} from './world.js';

/**
 * Placements: a council refers a child (or brothers and sisters), the agency matches them with a household
 * whose terms, vacancies and approval fit, and the placement starts through the placement process (household,
 * child and placement streams in one append). Each placement is given a planned course when it starts: an
 * emergency moves on within days, a short-term placement ends with a return home, a move, a step to long-term
 * with the same carers, or a breakdown; a long-term placement lasts until 18, when some young people stay put.
 * Supported packages bring respite within the year's entitlement; breakdowns are preceded by a disruption
 * warning and a stability meeting.
 */

interface Move {
  readonly unit: Unit;
  readonly type: PlacementType;
  readonly supportPackage: SupportPackage;
  /** The placements this move ends, by child, and how they end. */
  readonly from?: {
    readonly householdId: string;
    readonly placementIds: ReadonlyMap<string, string>;
    readonly endKind: EndKind;
  };
  readonly sameHousehold?: string;
  readonly excludeHousehold?: string;
  readonly first: boolean;
  readonly planned: boolean;
  /** A referral already recorded (on arrival) on these placement streams, one per child. */
  readonly referral?: { readonly placementIds: ReadonlyMap<string, string>; readonly on: Day };
}

const legalBasisOf = (status: LegalStatus | undefined): StartPlacement['legalBasis'] =>
  status === undefined || status === 'police-protection' ? 'other' : status;

const townOf = (council: string) => names.councils.find((c) => c.name === council)?.towns[0] ?? 'Shrewsbury';

const newPlacementId = (sim: Sim) => `pl-${String(++sim.world.nextPlacement).padStart(5, '0')}`;

/** Children of the unit still travelling with it and still looked after, in age order. */
const movingChildren = (sim: Sim, unit: Unit): Child[] =>
  unit.childIds.flatMap((id) => {
    const child = sim.world.children.get(id);
    return child === undefined || child.left ? [] : [child];
  });

// ---------------------------------------------------------------------------------------------------------
// Matching

interface Match {
  readonly household: Household;
  readonly type: PlacementType;
  readonly supportPackage: SupportPackage;
}

const fits = (
  sim: Sim,
  move: Move,
  h: Household,
  children: ReadonlyArray<Child>,
  day: Day,
  type: PlacementType,
  pkg: SupportPackage,
): number | undefined => {
  if (h.closing) return undefined;
  const connected = move.unit.connectedHouseholdId;
  if (h.route === 'family-and-friends' && h.id !== connected) return undefined;
  if (connected !== undefined && move.first && h.id !== connected) return undefined;
  if (move.sameHousehold !== undefined && h.id !== move.sameHousehold) return undefined;
  if (move.excludeHousehold === h.id) return undefined;
  const state = householdState(sim, h.id);
  const date = dateOf(day);
  const status = statusOn(state, date);
  if (status !== 'approved' && !(status === 'temporarily-approved' && h.id === connected)) return undefined;
  if (state.agreementSignedOn === undefined || state.agreementSignedOn > date) return undefined;
  const terms = termsOn(state, date);
  if (terms === undefined) return undefined;
  if (!terms.placementTypes.includes(type)) return undefined;
  if (terms.supportPackages.length > 0 && !terms.supportPackages.includes(pkg)) return undefined;
  for (const child of children) {
    const age = ageOnDay(child.born, day);
    if (age < terms.ageRange.minAge || age > terms.ageRange.maxAge || age >= 18) return undefined;
  }
  const ending = new Set(move.from?.placementIds.values() ?? []);
  const fostered = occupiedFrom(state, day).filter(
    (o) => o.placementType !== 'staying-put' && !ending.has(o.placementId),
  ).length;
  const vacancy = Math.min(terms.maxChildren, 3) - fostered - h.reserved;
  if (vacancy < children.length) return undefined;
  return (h.council === move.unit.council ? 2 : 0) + (vacancy - children.length) * 0.4;
};

/** The household to place with, by the same checks the placement process makes (and then its own decision). */
const findMatch = (sim: Sim, move: Move, children: ReadonlyArray<Child>, day: Day): Match | undefined => {
  const random = sim.random.placements;
  const packages: SupportPackage[] = [
    move.supportPackage,
    ...(['enhanced', 'standard', 'intensive'] as const).filter((p) => p !== move.supportPackage),
  ];
  const types: PlacementType[] =
    move.type === 'sibling-group'
      ? ['sibling-group', random.chance(0.5) ? 'long-term' : 'short-term', 'short-term']
      : move.type === 'emergency'
        ? ['emergency', 'short-term']
        : move.type === 'long-term'
          ? ['long-term', 'short-term']
          : [move.type];
  for (const type of types) {
    for (const pkg of packages) {
      const scored: Array<{ h: Household; score: number }> = [];
      for (const h of sim.world.households.values()) {
        const score = fits(sim, move, h, children, day, type, pkg);
        if (score !== undefined) scored.push({ h, score: score + random.int(0, 100) / 100 });
      }
      scored.sort((a, b) => b.score - a.score || (a.h.id < b.h.id ? -1 : 1));
      for (const { h } of scored.slice(0, 5)) {
        if (acceptedByCore(sim, move, h, children[0] as Child, day, type, pkg))
          return { household: h, type, supportPackage: pkg };
      }
    }
  }
  return undefined;
};

/** Runs core's own start decision on the records as they stand, for the first child of the unit. */
const acceptedByCore = (
  sim: Sim,
  move: Move,
  h: Household,
  child: Child,
  day: Day,
  type: PlacementType,
  pkg: SupportPackage,
): boolean => {
  const state = childState(sim, child.id);
  const facts: ChildFacts =
    state.registeredOn === undefined
      ? {
          childId: child.id,
          registered: true,
          dateOfBirth: dateOf(child.born),
          placements: [],
          siblingIds: move.unit.childIds.filter((id) => id !== child.id).sort(),
        }
      : {
          childId: child.id,
          registered: true,
          ...(state.dateOfBirth === undefined ? {} : { dateOfBirth: state.dateOfBirth }),
          // The placement this move ends is over by the start.
          placements: state.placements.map((p) =>
            move.from?.placementIds.get(child.id) === p.placementId ? { ...p, endedOn: dateOf(day) } : p,
          ),
          siblingIds: state.siblingIds,
        };
  let household = householdState(sim, h.id);
  const ending = move.from?.placementIds.get(child.id);
  if (ending !== undefined && household.occupants[ending] !== undefined) {
    household = {
      ...household,
      occupants: {
        ...household.occupants,
        [ending]: {
          ...(household.occupants[ending] as NonNullable<(typeof household.occupants)[string]>),
          endedOn: dateOf(day),
        },
      },
    };
  }
  const occupantSiblings = Object.fromEntries(
    occupiedFrom(household, day).map((o) => [o.childId, childState(sim, o.childId).siblingIds]),
  );
  const decision = decideStart(startCommand(sim, h, child, 'pl-check', day, type, pkg, move), {
    household,
    child: facts,
    occupantSiblings,
    calendar: englandWorkingDayCalendar,
  });
  return E.isRight(decision) && decision.right.outsideTermsUntil === undefined;
};

const startCommand = (
  sim: Sim,
  h: Household,
  child: Child,
  placementId: string,
  day: Day,
  type: PlacementType,
  pkg: SupportPackage,
  move: Move,
): StartPlacement => {
  const previous =
    move.from?.householdId === undefined ? undefined : sim.world.households.get(move.from.householdId);
  const sharing =
    move.unit.childIds.indexOf(child.id) > 0 &&
    ageOnDay(child.born, day) >= 3 &&
    move.unit.childIds.length > 1;
  return {
    kind: 'StartPlacement',
    placementId,
    childId: child.id,
    householdId: h.id,
    startedOn: dateOf(day),
    placementType: type,
    supportPackage: pkg,
    legalBasis:
      type === 'staying-put'
        ? 'staying-put'
        : legalBasisOf(childState(sim, child.id).legalStatus ?? child.legalStatus),
    placingAuthority: child.council,
    carersAddress: h.address,
    childAddressBefore: previous?.address ?? `family home, ${townOf(child.council)}`,
    // Brothers and sisters share a room, with the agreement and assessment made when they were matched.
    bedroom: sharing
      ? { shared: true, sharingAgreedOn: dateOf(day), sharingAssessedOn: dateOf(day) }
      : { shared: false },
    longTerm:
      type === 'long-term' ||
      type === 'staying-put' ||
      (type === 'sibling-group' && move.unit.firstType !== 'short-term'),
  };
};

// ---------------------------------------------------------------------------------------------------------
// Referral, matching and the start

/** Schedules each unit's first referral. */
export const scheduleUnits = (sim: Sim): void => {
  for (const unit of sim.world.units.values()) {
    const connected =
      unit.connectedHouseholdId === undefined
        ? undefined
        : sim.world.households.get(unit.connectedHouseholdId);
    if (connected !== undefined) {
      const day = connected.temporaryOn;
      // Placed with the connected carers the day they are temporarily approved, after the approval is recorded.
      if (day !== undefined) sim.on(day, () => seek(sim, firstMove(unit), day, 0), 720);
      continue;
    }
    sim.on(unit.arrival, () => refer(sim, unit, unit.arrival));
  }
};

const firstMove = (unit: Unit): Move => ({
  unit,
  type: unit.firstType,
  supportPackage: unit.supportPackage,
  first: true,
  planned: unit.firstType !== 'emergency',
});

/** The council's referral, recorded on the new placement streams; an emergency is placed the same day. */
const refer = async (sim: Sim, unit: Unit, day: Day): Promise<void> => {
  const move = firstMove(unit);
  if (move.type === 'emergency') return seek(sim, move, day, 0);
  const placementIds = await recordReferrals(sim, movingChildren(sim, unit), day);
  return seek(sim, { ...move, referral: { placementIds, on: day } }, day, 0);
};

const recordReferrals = async (sim: Sim, children: ReadonlyArray<Child>, day: Day) => {
  const placementIds = new Map<string, string>();
  for (const child of children) {
    const placementId = newPlacementId(sim);
    placementIds.set(child.id, placementId);
    await sim.ledger.placement(
      placementId,
      {
        kind: 'ReferPlacement',
        placementId,
        childId: child.id,
        referredOn: dateOf(day),
        placingAuthority: child.council,
        needs: sim.random.placements.pick(names.referralNeeds),
      },
      { actor: actors.placements, on: day },
    );
  }
  return placementIds;
};

const seek = async (sim: Sim, move: Move, day: Day, attempt: number): Promise<void> => {
  // Emergencies, steps with the same carers, breakdowns and connected carers start the day they are arranged;
  // other placements a few days after matching, once introductions are done. The household must fit on the
  // day the placement starts (a child may have a birthday in between).
  const immediate =
    move.type === 'emergency' ||
    move.sameHousehold !== undefined ||
    (move.unit.connectedHouseholdId !== undefined && move.first) ||
    !move.planned;
  const startOn = immediate
    ? day
    : sim.wd.onOrAfter(day + sim.random.placements.int(move.first ? 1 : 3, move.first ? 7 : 10));
  const children = movingChildren(sim, move.unit).filter(
    (c) =>
      ageOnDay(c.born, startOn) < 18 &&
      (move.from === undefined || c.placementId === move.from.placementIds.get(c.id)),
  );
  if (children.length === 0) return;
  const match = findMatch(sim, move, children, startOn);
  if (match === undefined) {
    retry(sim, move, day, attempt);
    return;
  }
  const { household } = match;
  const placementIds =
    move.referral !== undefined && children.every((c) => move.referral?.placementIds.has(c.id))
      ? move.referral.placementIds
      : immediate
        ? new Map(children.map((c) => [c.id, newPlacementId(sim)]))
        : await recordReferrals(sim, children, day);
  if (!immediate) {
    for (const child of children) {
      await sim.ledger.placement(
        placementIds.get(child.id) as string,
        {
          kind: 'MatchPlacement',
          householdId: household.id,
          matchedOn: dateOf(day),
          rationale: sim.random.placements.pick(names.matchRationales),
        },
        { actor: actors.placements, on: day },
      );
    }
  }
  if (startOn > sim.shape.asOfDay) return;
  household.reserved += children.length;
  const begin = async () => {
    household.reserved -= children.length;
    await start(sim, move, match, children, placementIds, startOn, day);
  };
  if (startOn === day) await begin();
  else sim.on(startOn, begin, 600);
};

const retry = (sim: Sim, move: Move, day: Day, attempt: number) => {
  const { asOfDay } = sim.shape;
  if (move.first) {
    // A referral waits up to four weeks for a vacancy; then the agency declines it, and the councils go on
    // referring other children.
    if (attempt >= 20) {
      sim.world.declinedReferrals++;
      const arrival = sim.wd.onOrAfter(day + sim.random.placements.int(5, 20));
      if (move.unit.connectedHouseholdId === undefined && arrival <= asOfDay - 14) {
        const unit = newUnit(sim, move.unit.childIds.length, false, arrival);
        sim.on(arrival, () => refer(sim, unit, arrival));
      }
      return;
    }
    const next = sim.wd.onOrAfter(day + 1);
    if (next <= asOfDay) sim.on(next, () => seek(sim, move, next, attempt + 1));
    return;
  }
  // A move waits for a match; the child stays where they are meanwhile.
  const next = sim.wd.onOrAfter(day + (move.planned ? 7 : 1));
  if (next <= asOfDay && attempt < 60) sim.on(next, () => seek(sim, move, next, attempt + 1));
};

const start = async (
  sim: Sim,
  move: Move,
  match: Match,
  planned: ReadonlyArray<Child>,
  placementIds: ReadonlyMap<string, string>,
  day: Day,
  matchedOn: Day,
): Promise<void> => {
  const { household, type, supportPackage } = match;
  const random = sim.random.placements;
  const children = planned.filter(
    (c) =>
      !c.left &&
      ageOnDay(c.born, day) < 18 &&
      (move.from === undefined || c.placementId === move.from.placementIds.get(c.id)),
  );
  if (children.length === 0) return;
  // Ending the placements this move replaces, on the day the new ones start.
  if (move.from !== undefined) {
    for (const child of children) {
      const old = move.from.placementIds.get(child.id);
      if (old !== undefined)
        await endOne(sim, child, old, day, move.from.endKind, placementIds.get(child.id));
    }
  }
  const course = plannedCourse(sim, type, day, move, children);
  const started: Placement[] = [];
  for (const child of children) {
    const placementId = placementIds.get(child.id) as string;
    if (childState(sim, child.id).registeredOn === undefined) {
      for (const command of registrationCommands(random, child, move.unit, day)) {
        await sim.ledger.child(child.id, command, { actor: actors.placements, on: day });
      }
      child.registeredOn = day;
      startReviews(sim, child, day);
      legalStatusChange(sim, child, day);
    }
    const ok = await sim.ledger.startPlacement(
      startCommand(sim, household, child, placementId, day, type, supportPackage, move),
      {
        actor: actors.placements,
        on: day,
      },
    );
    if (!ok) continue;
    const placement: Placement = {
      id: placementId,
      childId: child.id,
      unitId: move.unit.id,
      householdId: household.id,
      type,
      supportPackage,
      startedOn: day,
      plannedEnd: course.plannedEnd,
      endKind: course.endKind,
    };
    sim.world.placements.set(placementId, placement);
    child.placementId = placementId;
    started.push(placement);
    startChildRoutine(sim, child, placement, matchedOn);
    turningEighteen(sim, child, placement);
  }
  if (started.length === 0) {
    // Refused after all (counted as a refusal): look again, on new placement streams.
    const { referral: _used, ...again } = move;
    retry(sim, again, day, 0);
    return;
  }
  await recordSafeCarePlan(sim, household.id, day);
  await clinicsChanged(sim, household.id, day);
  if (move.from !== undefined && move.from.householdId !== household.id)
    await clinicsChanged(sim, move.from.householdId, day);
  followUp(sim, move.unit, started, course);
};

interface Course {
  readonly plannedEnd: number;
  readonly endKind: EndKind;
}

/** How the placement is meant to go, decided when it starts. */
const plannedCourse = (
  sim: Sim,
  type: PlacementType,
  day: Day,
  move: Move,
  children: ReadonlyArray<Child>,
): Course => {
  const random = sim.random.placements;
  const youngest = Math.min(...children.map((c) => ageOnDay(c.born, day)));
  const eldest = Math.max(...children.map((c) => ageOnDay(c.born, day)));
  const longTerm = type === 'long-term' || (type === 'sibling-group' && move.unit.firstType !== 'short-term');
  let course: Course;
  if (type === 'emergency') course = { plannedEnd: day + random.int(2, 14), endKind: 'emergency-over' };
  else if (type === 'staying-put')
    course = { plannedEnd: day + random.int(180, 900), endKind: 'independent-living' };
  else if (type === 'short-breaks')
    course = { plannedEnd: day + random.int(180, 720), endKind: 'arrangement-ended' };
  else if (type === 'parent-and-child')
    course = { plannedEnd: day + random.int(70, 140), endKind: 'independent-living' };
  else if (longTerm) {
    course = random.chance(0.12)
      ? { plannedEnd: day + random.int(200, 1400), endKind: 'disruption' }
      : { plannedEnd: Number.POSITIVE_INFINITY, endKind: 'independent-living' };
  } else {
    const endKind = random.weighted<EndKind>([
      ['return-home', 40],
      ['step-to-long-term', move.sameHousehold === undefined ? 15 : 0],
      ['move', 15],
      ['disruption', 18],
      ['special-guardianship', 6],
      ['adoption', youngest < 5 ? 10 : 0],
      ['residential', eldest >= 13 ? 4 : 0],
    ]);
    course = { plannedEnd: day + random.int(45, 540), endKind };
  }
  // Children already placed when the period begins are still placed then.
  if (move.unit.existing && move.first && course.plannedEnd < sim.shape.fromDay + 14) {
    course = { ...course, plannedEnd: sim.shape.fromDay + random.int(14, 400) };
  }
  return course;
};

/** What follows a start: the planned ending, respite and short breaks, and any warning signs. */
const followUp = (sim: Sim, unit: Unit, placements: ReadonlyArray<Placement>, course: Course) => {
  const random = sim.random.placements;
  const { asOfDay } = sim.shape;
  const first = placements[0] as Placement;
  const startDay = first.startedOn;
  if (course.endKind === 'disruption' && course.plannedEnd <= asOfDay) {
    const warned = sim.wd.onOrAfter(Math.max(startDay + 7, course.plannedEnd - random.int(21, 50)));
    const met = sim.wd.onOrAfter(warned + random.int(5, 14));
    for (const p of placements) warningSigns(sim, p, warned, met < course.plannedEnd ? met : undefined);
  } else if (course.plannedEnd - startDay > 300 && random.chance(0.1)) {
    const warned = sim.wd.onOrAfter(startDay + random.int(60, 280));
    for (const p of placements) warningSigns(sim, p, warned, sim.wd.onOrAfter(warned + random.int(5, 14)));
  }
  for (const p of placements) {
    if (p.supportPackage !== 'standard' && p.type !== 'staying-put') respite(sim, p);
    if (p.type === 'short-breaks') shortBreaks(sim, p, p.startedOn);
  }
  if (course.plannedEnd <= asOfDay) {
    sim.on(course.plannedEnd, () => plannedEnd(sim, unit, placements, course.plannedEnd), 540);
  }
};

const warningSigns = (sim: Sim, p: Placement, warned: Day, met: Day | undefined) => {
  const { asOfDay } = sim.shape;
  const open = (day: Day) => p.endedOn === undefined || p.endedOn > day;
  const actor = () => actors.ssw(sim.world.households.get(p.householdId)?.sswId ?? 'ssw-01');
  if (warned <= asOfDay) {
    sim.on(warned, async () => {
      if (!open(warned)) return;
      await sim.ledger.placement(
        p.id,
        {
          kind: 'RecordDisruptionWarning',
          recordedOn: dateOf(warned),
          concern: sim.random.placements.pick(names.disruptionConcerns),
        },
        { actor: actor(), on: warned },
      );
    });
  }
  if (met !== undefined && met <= asOfDay) {
    sim.on(met, async () => {
      if (!open(met)) return;
      await sim.ledger.placement(
        p.id,
        { kind: 'HoldStabilityMeeting', heldOn: dateOf(met) },
        { actor: actor(), on: met },
      );
    });
  }
};

/** Respite within each placement year's entitlement (14 days enhanced, 21 intensive), now and then more by authorisation. */
const respite = (sim: Sim, p: Placement) => {
  const random = sim.random.placements;
  const entitlement = sim.policy.placements.respiteDaysPerYear[p.supportPackage];
  const until = Math.min(p.plannedEnd, sim.shape.asOfDay);
  for (let year = p.startedOn; year < until; year += 365) {
    const breaks = random.weighted([
      [0, 20],
      [1, 35],
      [2, 30],
      [3, 15],
    ] as const);
    let left = entitlement - 1;
    for (let k = 0; k < breaks && left >= 2; k++) {
      const days = Math.min(left, random.int(2, 5));
      left -= days;
      respiteBreak(sim, p, year + random.int(30, 320 - days), days, false);
    }
    // Beyond the entitlement only with a manager's authorisation, and after the year's other breaks (the
    // entitlement counts authorised days too).
    if (random.chance(0.03)) respiteBreak(sim, p, year + random.int(330, 345), random.int(2, 4), true);
  }
};

const respiteBreak = (sim: Sim, p: Placement, startsOn: Day, days: number, authorised: boolean) => {
  const record = startsOn + days;
  if (record > sim.shape.asOfDay) return;
  sim.on(record, async () => {
    if (p.endedOn !== undefined && p.endedOn <= startsOn) return;
    const h = sim.world.households.get(p.householdId);
    await sim.ledger.placement(
      p.id,
      {
        kind: 'RecordRespite',
        startsOn: dateOf(startsOn),
        days,
        ...(authorised
          ? {
              authorisation: {
                authorisedBy: 'mgr-01',
                authorisedOn: dateOf(startsOn - 7),
                reason: 'carers’ family emergency; agreed with the placing authority',
              },
            }
          : {}),
      },
      { actor: actors.ssw(h?.sswId ?? 'ssw-01'), on: startsOn },
    );
  });
};

/** A weekend or so a month with the short-breaks carers, well under the 75 days a year. */
const shortBreaks = (sim: Sim, p: Placement, from: Day) => {
  const random = sim.random.placements;
  for (
    let day = from + random.int(0, 14);
    day < Math.min(p.plannedEnd, sim.shape.asOfDay);
    day += random.int(25, 40)
  ) {
    const startsOn = day;
    const days = random.int(2, 3);
    const record = startsOn + days;
    if (record > sim.shape.asOfDay) break;
    sim.on(record, async () => {
      if (p.endedOn !== undefined && p.endedOn <= startsOn) return;
      await sim.ledger.placement(
        p.id,
        { kind: 'RecordShortBreakStay', startsOn: dateOf(startsOn), days },
        { actor: actors.placements, on: startsOn },
      );
    });
  }
};

// ---------------------------------------------------------------------------------------------------------
// Endings

const endings: Record<EndKind, { planned: boolean; reason: string; after: (child: Child) => string }> = {
  'return-home': {
    planned: true,
    reason: 'returned home to parents under a plan agreed at review',
    after: (c) => `family home, ${townOf(c.council)}`,
  },
  adoption: {
    planned: true,
    reason: 'placed for adoption',
    after: () => 'adoptive placement (address held by the council)',
  },
  'special-guardianship': {
    planned: true,
    reason: 'special guardianship order to a relative',
    after: (c) => `relative’s home, ${townOf(c.council)}`,
  },
  residential: {
    planned: false,
    reason: 'moved to a residential children’s home after the placement broke down',
    after: () => 'residential children’s home',
  },
  'step-to-long-term': {
    planned: true,
    reason: 'matched as a long-term placement',
    after: () => 'new foster placement',
  },
  move: {
    planned: true,
    reason: 'planned move to a long-term placement',
    after: () => 'new foster placement',
  },
  disruption: { planned: false, reason: 'placement breakdown', after: () => 'new foster placement' },
  'emergency-over': {
    planned: true,
    reason: 'emergency placement ended as planned',
    after: () => 'new foster placement',
  },
  'arrangement-ended': {
    planned: true,
    reason: 'short-breaks arrangement ended at review',
    after: (c) => `family home, ${townOf(c.council)}`,
  },
  'independent-living': {
    planned: true,
    reason: 'moved on to supported lodgings',
    after: (c) => `supported lodgings, ${townOf(c.council)}`,
  },
  'eighteen-staying-put': {
    planned: true,
    reason: 'turned 18; staying put with the same carers',
    after: () => 'same address (staying put)',
  },
  'eighteen-moving-on': {
    planned: true,
    reason: 'turned 18; moved on from care',
    after: (c) => `supported lodgings, ${townOf(c.council)}`,
  },
};

const endOne = async (
  sim: Sim,
  child: Child,
  placementId: string,
  day: Day,
  kind: EndKind,
  movedTo?: string,
): Promise<boolean> => {
  const p = sim.world.placements.get(placementId);
  if (p === undefined || p.endedOn !== undefined) return false;
  const how = endings[kind];
  const ok = await sim.ledger.endPlacement(
    placementId,
    {
      kind: 'EndPlacement',
      endedOn: dateOf(day),
      planned: how.planned,
      reason: how.reason,
      childAddressAfter: how.after(child),
      ...(movedTo === undefined ? {} : { movedToPlacementId: movedTo }),
    },
    { actor: actors.placements, on: day },
  );
  if (ok) {
    p.endedOn = day;
    if (child.placementId === placementId) child.placementId = undefined;
  }
  return ok;
};

const plannedEnd = async (
  sim: Sim,
  unit: Unit,
  placements: ReadonlyArray<Placement>,
  day: Day,
): Promise<void> => {
  const random = sim.random.placements;
  const current = placements.filter(
    (p) => p.endedOn === undefined && sim.world.children.get(p.childId)?.placementId === p.id,
  );
  const first = current[0];
  if (first === undefined) return;
  const kind = first.endKind;
  const householdId = first.householdId;
  const from = { householdId, placementIds: new Map(current.map((p) => [p.childId, p.id])), endKind: kind };
  switch (kind) {
    case 'emergency-over': {
      const stay = random.chance(0.45);
      const type: PlacementType = random.chance(0.7) ? 'short-term' : 'long-term';
      const elsewhere: Move = {
        unit,
        type,
        supportPackage: first.supportPackage,
        from,
        excludeHousehold: householdId,
        first: false,
        planned: true,
      };
      const staying: Move = {
        unit,
        type: 'short-term',
        supportPackage: first.supportPackage,
        from,
        sameHousehold: householdId,
        first: false,
        planned: true,
      };
      const children = current.map((p) => sim.world.children.get(p.childId) as Child);
      return seek(
        sim,
        stay && findMatch(sim, staying, children, day) !== undefined ? staying : elsewhere,
        day,
        0,
      );
    }
    case 'step-to-long-term': {
      const move: Move = {
        unit,
        type: 'long-term',
        supportPackage: first.supportPackage,
        from,
        sameHousehold: householdId,
        first: false,
        planned: true,
      };
      if (
        findMatch(
          sim,
          move,
          current.map((p) => sim.world.children.get(p.childId) as Child),
          day,
        ) !== undefined
      )
        return seek(sim, move, day, 0);
      return seek(
        sim,
        {
          unit,
          type: 'long-term',
          supportPackage: first.supportPackage,
          from: { ...from, endKind: 'move' },
          excludeHousehold: householdId,
          first: false,
          planned: true,
        },
        day,
        0,
      );
    }
    case 'move':
      return seek(
        sim,
        {
          unit,
          type: random.chance(0.6) ? 'long-term' : 'short-term',
          supportPackage: first.supportPackage,
          from,
          excludeHousehold: householdId,
          first: false,
          planned: true,
        },
        day,
        0,
      );
    case 'disruption':
      return seek(
        sim,
        {
          unit,
          type: 'short-term',
          supportPackage: random.chance(0.3) ? 'intensive' : first.supportPackage,
          from,
          excludeHousehold: householdId,
          first: false,
          planned: false,
        },
        day,
        0,
      );
    default: {
      for (const p of current) {
        const child = sim.world.children.get(p.childId) as Child;
        if (await endOne(sim, child, p.id, day, kind)) child.left = true;
      }
      await clinicsChanged(sim, householdId, day);
    }
  }
};

/**
 * At 18 a foster placement ends. A young person settled with long-term carers may stay put with them (rule
 * `staying-put`: only with the carers they lived with on the eve of the birthday, until 21); the others move on.
 */
const turningEighteen = (sim: Sim, child: Child, placement: Placement) => {
  if (placement.type === 'staying-put') return;
  const birthday = birthdayOf(child.born, 18);
  if (birthday <= placement.startedOn || birthday > sim.shape.asOfDay || birthday >= placement.plannedEnd)
    return;
  sim.on(
    birthday,
    async () => {
      if (child.placementId !== placement.id || placement.endedOn !== undefined) return;
      const random = sim.random.placements;
      const household = sim.world.households.get(placement.householdId) as Household;
      const settled =
        placement.type === 'long-term' ||
        placement.type === 'sibling-group' ||
        birthday - placement.startedOn > 365;
      const stay =
        settled &&
        !household.closing &&
        random.chance(0.55) &&
        statusOn(householdState(sim, household.id), dateOf(birthday)) === 'approved';
      const stayId = stay ? newPlacementId(sim) : undefined;
      const ended = await endOne(
        sim,
        child,
        placement.id,
        birthday,
        stay ? 'eighteen-staying-put' : 'eighteen-moving-on',
        stayId,
      );
      if (!ended) return;
      const unit = sim.world.units.get(child.unitId);
      if (unit !== undefined) unit.childIds = unit.childIds.filter((id) => id !== child.id);
      if (stayId === undefined) {
        child.left = true;
        await clinicsChanged(sim, household.id, birthday);
        return;
      }
      const move: Move = {
        unit: { ...(unit as Unit), childIds: [child.id] },
        type: 'staying-put',
        supportPackage: 'standard',
        first: false,
        planned: true,
      };
      const ok = await sim.ledger.startPlacement(
        startCommand(sim, household, child, stayId, birthday, 'staying-put', 'standard', move),
        { actor: actors.placements, on: birthday },
      );
      if (!ok) {
        child.left = true;
        return;
      }
      const twentyFirst = birthdayOf(child.born, 21);
      const endOn = Math.min(twentyFirst - random.int(30, 300), birthday + random.int(180, 900));
      const stayPlacement: Placement = {
        id: stayId,
        childId: child.id,
        unitId: child.unitId,
        householdId: household.id,
        type: 'staying-put',
        supportPackage: 'standard',
        startedOn: birthday,
        plannedEnd: endOn,
        endKind: 'independent-living',
      };
      sim.world.placements.set(stayId, stayPlacement);
      child.placementId = stayId;
      startChildRoutine(sim, child, stayPlacement, birthday);
      await clinicsChanged(sim, household.id, birthday);
      if (endOn <= sim.shape.asOfDay) {
        sim.on(endOn, async () => {
          if (await endOne(sim, child, stayId, endOn, 'independent-living')) child.left = true;
        });
      }
    },
    480,
  );
};
