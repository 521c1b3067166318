import {
  type ChildCommand,
  type ChildState,
  childStreamId,
  type LegalStatus,
  nextVisitDue,
  type PlacementType,
  type SupportPackage,
} from '@fostering/core';
import { addMonthsTo, ageOnDay, type Day, dateOf } from './days.js';
import { recordSafeCarePlan } from './households.js';
import * as names from './names.js';
import type { Random } from './random.js';
import { allocateSsw } from './staff.js';
import { actors, type Child, type HealthNeedPlan, type Placement, type Sim, type Unit } from './world.js';

/**
 * Looked-after children: a little over half already placed when the period begins (their placements, visits
 * and reviews since they came are in the history), the rest referred during it by eight councils, alone or as
 * brothers and sisters. Each child's record has what the placement needs to know (health needs, identity,
 * education, risks), and while the child is looked after: a placement plan within 5 working days of every move,
 * social worker visits within the statutory intervals, looked-after reviews, and a therapeutic care plan on the
 * supported packages (reviewed every three months on the intensive one).
 */

export const childState = (sim: Sim, childId: string): ChildState =>
  sim.ledger.children.state(childStreamId(childId));

const ageWeights = [
  [0, 4],
  [1, 4],
  [2, 4],
  [3, 4],
  [4, 4],
  [5, 5],
  [6, 5],
  [7, 5],
  [8, 6],
  [9, 6],
  [10, 6],
  [11, 7],
  [12, 8],
  [13, 9],
  [14, 9],
  [15, 8],
  [16, 6],
  [17, 3],
] as const;

const firstTypeOf = (random: Random, age: number, size: number, existing: boolean): PlacementType => {
  if (size > 1) return random.chance(0.6) ? 'sibling-group' : random.chance(0.5) ? 'long-term' : 'short-term';
  return random.weighted<PlacementType>([
    ['emergency', existing ? 0 : 10],
    ['short-term', 50],
    // Already placed long-term when the period begins: most came years earlier, when younger.
    ['long-term', existing ? 45 : age < 16 ? 25 : 0],
    ['short-breaks', age >= 5 && age <= 16 ? 6 : 0],
    ['parent-and-child', age >= 15 && age <= 16 ? 25 : 0],
  ]);
};

const packageOf = (random: Random): SupportPackage =>
  random.weighted<SupportPackage>([
    ['standard', 35],
    ['enhanced', 45],
    ['intensive', 20],
  ]);

const needsOf = (random: Random): HealthNeedPlan[] => {
  const needs: HealthNeedPlan[] = [];
  if (random.chance(0.22)) {
    const allergy = random.pick(names.allergies);
    needs.push({ needId: allergy.id, kind: 'allergy', description: allergy.description });
  }
  if (random.chance(0.25)) {
    const medical = random.pick(names.medicalNeeds);
    needs.push({ needId: medical.id, kind: 'medical', description: medical.description });
  }
  return needs;
};

const legalStatusOf = (random: Random, type: PlacementType, age: number): LegalStatus =>
  random.weighted<LegalStatus>([
    ['section-20', type === 'short-breaks' ? 90 : 35],
    ['interim-care-order', 20],
    ['care-order', 35],
    ['placement-order', age < 5 ? 10 : 0],
    ['emergency-protection-order', type === 'emergency' ? 30 : 0],
  ]);

/**
 * Creates the children, grouped into units that are placed together, with the day each unit's first referral
 * arrives. Connected children (family and friends) come first, one for each such household.
 */
export const planChildren = (sim: Sim): void => {
  const random = sim.random.children;
  const { fromDay, asOfDay, children: total } = sim.shape;
  const world = sim.world;
  const connected = [...world.households.values()].filter((h) => h.route === 'family-and-friends');
  for (const h of connected) {
    if (world.nextChild >= total) break;
    const unitId = `unit-${++world.nextUnit}`;
    const age = random.int(1, 14);
    const surname = h.carers[0]?.name.split(' ')[1] ?? 'Smith';
    const child = newChild(
      sim,
      unitId,
      surname,
      h.appliedOn - age * 365 - random.int(0, 300),
      h.council,
      'long-term',
    );
    h.connectedChildId = child.id;
    world.units.set(unitId, {
      id: unitId,
      childIds: [child.id],
      council: h.council,
      existing: false,
      arrival: h.appliedOn,
      firstType: 'long-term',
      supportPackage: random.chance(0.5) ? 'standard' : 'enhanced',
      connectedHouseholdId: h.id,
    });
  }
  const existingTarget = Math.round(total * 0.55);
  const span = asOfDay - fromDay;
  while (world.nextChild < total) {
    const existing = world.nextChild < existingTarget;
    const size = Math.min(
      total - world.nextChild,
      random.weighted([
        [1, 85],
        [2, 11],
        [3, 4],
      ] as const),
    );
    // Already placed on the first day: arrived up to three years before it for long-term placements, within the
    // year for the others. Otherwise referred on a day of the period.
    newUnit(sim, size, existing, existing ? undefined : fromDay + random.int(0, Math.max(0, span - 10)));
  }
};

const newChild = (
  sim: Sim,
  unitId: string,
  surname: string,
  born: Day,
  council: string,
  type: PlacementType,
): Child => {
  const random = sim.random.children;
  const id = `ch-${String(++sim.world.nextChild).padStart(4, '0')}`;
  const child: Child = {
    id,
    name: `${random.pick(names.childFirstNames)} ${surname}`,
    born,
    council,
    legalStatus: legalStatusOf(random, type, ageOnDay(born, sim.shape.fromDay)),
    needs: needsOf(random),
    unitId,
    left: false,
  };
  sim.world.children.set(id, child);
  return child;
};

/** A unit of `size` children: placed before the period (`arrival` absent) or referred on `arrival`. */
export const newUnit = (sim: Sim, size: number, existing: boolean, referredOn?: Day): Unit => {
  const random = sim.random.children;
  const { fromDay } = sim.shape;
  const unitId = `unit-${++sim.world.nextUnit}`;
  const council = random.weighted(names.councils.map((c, k) => [c.name, k < 2 ? 3 : 1] as const));
  const surname = random.pick(names.surnames);
  const eldest = random.weighted(ageWeights);
  const type = firstTypeOf(random, eldest, size, existing);
  const arrival =
    referredOn ??
    fromDay -
      (type === 'long-term' || type === 'sibling-group'
        ? random.int(60, 1100)
        : type === 'parent-and-child'
          ? random.int(10, 50)
          : random.int(20, 330));
  const ageAt = existing ? fromDay : arrival;
  const bornEldest = Math.min(ageAt - eldest * 365 - random.int(0, 330), arrival - 30);
  const childIds: string[] = [];
  for (let k = 0; k < size; k++) {
    const born = Math.min(bornEldest + k * random.int(400, 1500), arrival - 30);
    childIds.push(newChild(sim, unitId, surname, born, council, type).id);
  }
  const unit: Unit = {
    id: unitId,
    childIds,
    council,
    existing,
    arrival,
    firstType: type,
    supportPackage: type === 'short-breaks' || type === 'parent-and-child' ? 'standard' : packageOf(random),
  };
  sim.world.units.set(unitId, unit);
  return unit;
};

// ---------------------------------------------------------------------------------------------------------
// Registration

const educationOf = (random: Random, age: number, council: string) => {
  const town = names.councils.find((c) => c.name === council)?.towns[0] ?? 'Shrewsbury';
  if (age < 2) return undefined;
  if (age < 4) return { setting: 'early-years' as const, schoolName: `${town} Day Nursery` };
  if (age < 11)
    return {
      setting: 'primary' as const,
      schoolName: `${random.pick(['St Mary’s', 'Oakfield', 'Castlefields', 'Greenacres'])} Primary School, ${town}`,
    };
  if (age < 16)
    return {
      setting: 'secondary' as const,
      schoolName: `${random.pick(['Meole Brace', 'Priory', 'Thomas Telford', 'Abbey'])} School, ${town}`,
    };
  return random.chance(0.7)
    ? { setting: 'college' as const, schoolName: `${town} College` }
    : { setting: 'not-in-education' as const };
};

/** The child's record as the agency opens it on the day the first placement starts. */
export const registrationCommands = (random: Random, child: Child, unit: Unit, day: Day): ChildCommand[] => {
  const date = dateOf(day);
  const commands: ChildCommand[] = [
    {
      kind: 'RegisterChild',
      childId: child.id,
      name: child.name,
      dateOfBirth: dateOf(child.born),
      legalStatus: child.legalStatus,
      placingAuthority: child.council,
      registeredOn: date,
    },
  ];
  for (const other of unit.childIds) {
    if (other !== child.id)
      commands.push({
        kind: 'RecordRelationship',
        otherChildId: other,
        relationship: 'sibling',
        recordedOn: date,
      });
  }
  for (const need of child.needs) {
    commands.push({
      kind: 'RecordHealthNeed',
      needId: need.needId,
      needKind: need.kind,
      description: need.description,
      recordedOn: date,
    });
  }
  commands.push({
    kind: 'RecordIdentityNeeds',
    recordedOn: date,
    ethnicity: random.pick(names.ethnicities),
    religion: random.pick(names.religions),
    languages: [...random.pick(names.languages)],
  });
  const age = ageOnDay(child.born, day);
  const education = educationOf(random, age, child.council);
  if (education !== undefined) {
    commands.push({
      kind: 'RecordEducation',
      recordedOn: date,
      educationHealthAndCarePlan: random.chance(0.2),
      ...education,
    });
  }
  if (age >= 11 && random.chance(0.35)) {
    const assessmentId = `${child.id}-risk-1`;
    commands.push({
      kind: 'RecordChildRiskAssessment',
      assessmentId,
      assessedOn: date,
      areas: random
        .pick([
          ['going-missing'],
          ['going-missing', 'exploitation'],
          ['self-harm'],
          ['online'],
          ['harm-to-others'],
        ] as const)
        .slice(),
      facts:
        'Two missing episodes in the last three months, found each time within hours; police return interviews on file.',
      analysis:
        'Risk is highest after contact; a consistent evening routine and agreed curfew should reduce it.',
    });
    commands.push({
      kind: 'RecordSafetyPlan',
      recordedOn: date,
      assessmentIds: [assessmentId],
      measures: [
        'agreed curfew of 9pm with a phone check-in',
        'missing-from-care protocol shared with carers',
      ],
    });
  }
  return commands;
};

// ---------------------------------------------------------------------------------------------------------
// Statutory routine

const recordChild = (sim: Sim, child: Child, command: ChildCommand, on: Day) =>
  sim.ledger.child(child.id, command, { actor: actors.ssw(sswOf(sim, child, on)), on });

const sswOf = (sim: Sim, child: Child, day: Day): string => {
  const placement = child.placementId === undefined ? undefined : sim.world.placements.get(child.placementId);
  const household = placement === undefined ? undefined : sim.world.households.get(placement.householdId);
  return household?.sswId ?? allocateSsw(sim, day);
};

/** Whether the placement is open on `day` by the generator's notes. */
const openOn = (placement: Placement, day: Day) =>
  placement.startedOn <= day && (placement.endedOn === undefined || placement.endedOn > day);

/** Records late only when the write-up still falls inside the history (otherwise on the day). */
const writeUpDay = (sim: Sim, random: Random, day: Day, share: number, maxDays: number): Day => {
  if (!random.chance(share)) return day;
  const late = sim.wd.onOrAfter(day + random.int(1, maxDays));
  return late <= sim.shape.asOfDay ? late : day;
};

/** Everything the child's record needs when a placement starts. */
export const startChildRoutine = (sim: Sim, child: Child, placement: Placement, matchedOn: Day): void => {
  const random = sim.random.children;
  const { wd } = sim;
  const start = placement.startedOn;
  // Placement plan (rule placement-plan): agreed before the start at matching, or within 3 working days.
  const planned = random.chance(0.1) && matchedOn < start ? matchedOn : wd.add(start, random.int(0, 3));
  sim.on(Math.max(planned, start), async () => {
    // A placement that ended within days had its plan agreed on the first day.
    const agreedOn = placement.endedOn !== undefined && placement.endedOn < planned ? start : planned;
    await recordChild(
      sim,
      child,
      {
        kind: 'RecordPlacementPlan',
        placementId: placement.id,
        agreedOn: dateOf(agreedOn),
        signedByCarer: true,
      },
      agreedOn,
    );
  });
  // Social worker visits (rule child-visits): the first within a week.
  visit(sim, child, placement, Math.max(start, wd.onOrBefore(start + random.int(2, 6))));
  // Therapeutic care plan on the supported packages; reviewed every 2-3 months on the intensive one.
  if (placement.supportPackage !== 'standard' && placement.type !== 'staying-put') {
    const agreed = wd.onOrAfter(start + random.int(20, 55));
    sim.on(agreed, () => carePlan(sim, child, placement, agreed, true));
  }
  // Now and then a health need is diagnosed during the placement.
  if (placement.plannedEnd - start > 90 && random.chance(0.04)) {
    const day = wd.onOrAfter(start + random.int(30, Math.min(600, placement.plannedEnd - start - 20)));
    sim.on(day, () => newHealthNeed(sim, child, placement, day, false));
  }
};

const visit = (sim: Sim, child: Child, placement: Placement, day: Day): void => {
  if (day > sim.shape.asOfDay) return;
  const random = sim.random.children;
  const record = writeUpDay(sim, random, day, 0.15, 4);
  sim.on(record, async () => {
    if (!openOn(placement, day)) return;
    await recordChild(
      sim,
      child,
      { kind: 'RecordSocialWorkerVisit', visitedOn: dateOf(day), seenAlone: random.chance(0.7) },
      day,
    );
    const current = childState(sim, child.id).placements.find((p) => p.placementId === placement.id);
    if (current === undefined) return;
    const due = nextVisitDueDay(current, day);
    let next: Day;
    if (child.lateVisitAfter !== undefined && day >= child.lateVisitAfter && due <= sim.shape.asOfDay - 20) {
      // Planted: the next visit happens a week or so after it was due.
      next = sim.wd.onOrAfter(due + random.int(4, 12));
      child.lateVisitAfter = undefined;
      sim.world.planted.push({
        kind: 'child-visit-late',
        ruleId: 'child-visits',
        code: 'child-visit',
        childId: child.id,
        householdId: placement.householdId,
        on: dateOf(due),
      });
    } else {
      next = Math.max(day + 7, sim.wd.onOrBefore(due - random.int(1, 12)));
    }
    visit(sim, child, placement, next);
  });
};

const nextVisitDueDay = (placement: Parameters<typeof nextVisitDue>[0], previous: Day): Day => {
  const due = nextVisitDue(placement, dateOf(previous));
  return Math.round(Date.parse(`${due}T00:00:00Z`) / 86_400_000);
};

const carePlan = async (
  sim: Sim,
  child: Child,
  placement: Placement,
  day: Day,
  agree: boolean,
): Promise<void> => {
  if (!openOn(placement, day)) return;
  const random = sim.random.children;
  const state = childState(sim, child.id);
  const current = state.carePlans[state.carePlans.length - 1];
  const version = agree || current === undefined ? state.carePlans.length + 1 : current.version;
  const ok = await recordChild(
    sim,
    child,
    agree || current === undefined
      ? { kind: 'AgreeTherapeuticCarePlan', version, agreedOn: dateOf(day) }
      : { kind: 'ReviewTherapeuticCarePlan', version, reviewedOn: dateOf(day) },
    day,
  );
  if (ok) await contributeToCarePlan(sim, child, placement, day, version);
  const next = sim.wd.onOrBefore(
    day + (placement.supportPackage === 'intensive' ? random.int(60, 85) : random.int(150, 200)),
  );
  if (next <= sim.shape.asOfDay)
    sim.on(next, () => carePlan(sim, child, placement, next, random.chance(0.25)));
};

/** The clinician supporting the household records a contribution to the child's plan. */
const contributeToCarePlan = async (
  sim: Sim,
  child: Child,
  placement: Placement,
  day: Day,
  version: number,
) => {
  const household = sim.world.households.get(placement.householdId);
  const series = household?.seriesId === undefined ? undefined : sim.world.series.get(household.seriesId);
  if (series === undefined || series.closed) return;
  const state = sim.ledger.clinics.state(`clinic-${series.id}`);
  const supported = state.supported.findLast((s) => s.from <= dateOf(day))?.childIds ?? [];
  if (!supported.includes(child.id) || (state.openedOn ?? '9999') > dateOf(day)) return;
  await sim.ledger.clinic(
    series.id,
    {
      kind: 'RecordCarePlanContribution',
      childId: child.id,
      contributedOn: dateOf(day),
      planVersion: version,
    },
    { actor: actors.clinician(series.clinicianId), on: day },
  );
};

/**
 * A health need diagnosed while the child is placed; the supervising social worker updates the household's
 * safe-care plan the same day, unless this is the planted failure (an allergy left out of the plan).
 */
export const newHealthNeed = async (
  sim: Sim,
  child: Child,
  placement: Placement,
  day: Day,
  planted: boolean,
): Promise<void> => {
  if (!openOn(placement, day)) return;
  const random = sim.random.children;
  const known = new Set([
    ...Object.keys(childState(sim, child.id).healthNeeds),
    ...Object.keys(childState(sim, child.id).resolvedHealthNeeds),
  ]);
  const pool = planted ? names.allergies : [...names.allergies, ...names.medicalNeeds];
  const options = pool.filter((n) => !known.has(n.id));
  const need =
    options.length > 0
      ? random.pick(options)
      : { id: `allergy-${day}`, description: 'allergy to plasters (adhesive)' };
  const kind = names.allergies.some((a) => a.id === need.id) || planted ? 'allergy' : 'medical';
  const ok = await recordChild(
    sim,
    child,
    {
      kind: 'RecordHealthNeed',
      needId: need.id,
      needKind: kind,
      description: need.description,
      recordedOn: dateOf(day),
    },
    day,
  );
  if (!ok) return;
  const household = sim.world.households.get(placement.householdId);
  if (household === undefined) return;
  if (planted) {
    household.omittedFromPlan.add(`health:${encodeURIComponent(child.id)}:${encodeURIComponent(need.id)}`);
    household.keepApproved = true;
    sim.world.planted.push({
      kind: 'allergy-not-in-safe-care-plan',
      ruleId: 'risk-complete',
      code: 'health-need-not-in-safe-care-plan',
      childId: child.id,
      householdId: household.id,
      on: dateOf(day),
    });
    return;
  }
  await recordSafeCarePlan(sim, household.id, day);
};

/**
 * Looked-after reviews (rule lac-reviews), counted from registration across placements: the first within 20
 * working days, the second within 3 months, then every 6 months, while the child is looked after.
 */
export const startReviews = (sim: Sim, child: Child, registeredOn: Day): void => {
  const random = sim.random.children;
  const firstDue = sim.wd.add(registeredOn, 20);
  const first = Math.max(registeredOn + 1, sim.wd.onOrBefore(firstDue - random.int(0, 5)));
  review(sim, child, first, 1);
};

const review = (sim: Sim, child: Child, day: Day, n: number): void => {
  if (day > sim.shape.asOfDay) return;
  const random = sim.random.children;
  const record = writeUpDay(sim, random, day, 0.3, 8);
  sim.on(record, async () => {
    if (child.left) return;
    await recordChild(sim, child, { kind: 'HoldLookedAfterReview', heldOn: dateOf(day) }, day);
    const due = addMonthsTo(day, n === 1 ? 3 : 6);
    review(sim, child, sim.wd.onOrBefore(due - random.int(3, n === 1 ? 15 : 25)), n + 1);
  });
};

/** A child's legal status moves on while looked after (accommodated, then an order). */
export const legalStatusChange = (sim: Sim, child: Child, registeredOn: Day): void => {
  const random = sim.random.children;
  const next: LegalStatus | undefined =
    child.legalStatus === 'interim-care-order' || child.legalStatus === 'emergency-protection-order'
      ? 'care-order'
      : child.legalStatus === 'section-20' && random.chance(0.3)
        ? 'interim-care-order'
        : undefined;
  if (next === undefined) return;
  const day = sim.wd.onOrAfter(registeredOn + random.int(40, 280));
  if (day > sim.shape.asOfDay) return;
  sim.on(day, async () => {
    if (child.left) return;
    await recordChild(
      sim,
      child,
      { kind: 'ChangeLegalStatus', legalStatus: next, changedOn: dateOf(day) },
      day,
    );
  });
};

/** Plants the child failures at a checkpoint, among children whose placement is meant to outlast the history. */
export const plantChildFailures = (
  sim: Sim,
  day: Day,
  lateVisits: number,
  allergies: number,
): { lateVisits: number; allergies: number } => {
  const random = sim.random.children;
  const { asOfDay } = sim.shape;
  const candidates = random.shuffle(
    [...sim.world.children.values()].filter((child) => {
      const placement =
        child.placementId === undefined ? undefined : sim.world.placements.get(child.placementId);
      return (
        placement !== undefined &&
        !child.left &&
        child.lateVisitAfter === undefined &&
        openOn(placement, day) &&
        placement.plannedEnd > asOfDay &&
        placement.startedOn <= day - 30 &&
        placement.type !== 'staying-put' &&
        child.born + 18 * 365 + 5 > asOfDay + 30 &&
        sim.world.households.get(placement.householdId)?.closing === false
      );
    }),
  );
  let late = lateVisits;
  let allergy = allergies;
  for (const child of candidates) {
    const placement = sim.world.placements.get(child.placementId ?? '') as Placement;
    if (late > 0) {
      child.lateVisitAfter = day;
      late--;
      continue;
    }
    if (allergy > 0) {
      const on = sim.wd.onOrAfter(day + random.int(1, 20));
      sim.on(on, () => newHealthNeed(sim, child, placement, on, true));
      allergy--;
      continue;
    }
    break;
  }
  return { lateVisits: late, allergies: allergy };
};
