import {
  defaultAgencyPolicy,
  type EventStore,
  englandWorkingDayCalendar,
  type LocalDate,
} from '@fostering/core';
import { agenda } from './agenda.js';
import { planChildren, plantChildFailures } from './children.js';
import { openSeriesAtRoutineStart, plantClinicFailures } from './clinics.js';
import { addMonthsTo, type Day, dayOfInstant, timeOf, workingDaysOf } from './days.js';
import { failureQuotas } from './failures.js';
import { chooseFeatured } from './featured.js';
import { planHouseholds, scheduleHouseholds } from './households.js';
import { type CommandCounts, ledger, type Refusal } from './ledger.js';
import { scheduleUnits } from './placements.js';
import { seededRandom } from './random.js';
import { type AgencyShape, resolveShape } from './shape.js';
import { planStaff, scheduleStaff } from './staff.js';
import type { PlantedFailure, Sim, World } from './world.js';

export interface GenerationProgress {
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

export interface GeneratedAgency {
  /** An in-memory event store holding the whole history. */
  readonly store: EventStore;
  /** Events recorded. */
  readonly events: number;
  readonly commands: {
    readonly accepted: number;
    readonly refused: number;
    /** Refused commands by the id of the rule that refused them (by the error's tag when no rule did). */
    readonly refusedByRule: Record<string, number>;
  };
  readonly ids: {
    readonly households: string[];
    readonly children: string[];
    readonly placements: string[];
    readonly staff: string[];
    readonly clinicSeries: string[];
  };
  /** A long placement with a rich history, open on the last day: good for a review pack. */
  readonly featured: { readonly placementId: string; readonly householdId: string; readonly childId: string };
  /** The last simulated day. */
  readonly asOf: LocalDate;
}

/** What the tests see besides the public result: the failures planted and the refusals in full. */
export interface SimulatedAgency extends GeneratedAgency {
  readonly planted: ReadonlyArray<PlantedFailure>;
  readonly refusals: ReadonlyArray<Refusal>;
  readonly declinedReferrals: number;
  readonly from: LocalDate;
}

/** Before this, only milestones are recorded (approvals, reviews, training, children's statutory records). */
const ROUTINE_LEAD_IN_DAYS = 90;

const emptyWorld = (): World => ({
  households: new Map(),
  children: new Map(),
  units: new Map(),
  placements: new Map(),
  staff: new Map(),
  series: new Map(),
  planted: [],
  declinedReferrals: 0,
  nextChild: 0,
  nextUnit: 0,
  nextPlacement: 0,
  nextSeries: 0,
});

/**
 * Simulates the agency: plans who is there (staff, households, children), then runs the diary of everything to
 * record in the order it is recorded, each entry issuing commands to the real deciders. The same shape and seed
 * always give the same records.
 */
export const simulateAgency = async (
  shape: Partial<AgencyShape> = {},
  onProgress: (progress: GenerationProgress) => void = () => {},
): Promise<SimulatedAgency> => {
  const resolved = resolveShape(shape);
  const root = seededRandom(resolved.seed);
  const diary = agenda();
  const book = ledger(resolved.seed);
  const timing = root.fork();
  let today: Day = resolved.fromDay;
  const sim: Sim = {
    shape: resolved,
    policy: defaultAgencyPolicy,
    quotas: failureQuotas(resolved),
    ledger: book,
    agenda: diary,
    wd: workingDaysOf(englandWorkingDayCalendar),
    world: emptyWorld(),
    routineFrom: resolved.fromDay - ROUTINE_LEAD_IN_DAYS,
    random: {
      staff: root.fork(),
      households: root.fork(),
      children: root.fork(),
      placements: root.fork(),
      clinics: root.fork(),
      timing,
    },
    on: (day, run, minute) => diary.add(timeOf(day, minute ?? timing.int(480, 1020)), run),
    today: () => today,
  };

  onProgress({ step: 'planning', done: 0, total: 3 });
  planStaff(sim);
  scheduleStaff(sim);
  onProgress({ step: 'planning', done: 1, total: 3 });
  planHouseholds(sim);
  planChildren(sim);
  scheduleHouseholds(sim, sim.quotas);
  onProgress({ step: 'planning', done: 2, total: 3 });
  scheduleUnits(sim);
  openSeriesAtRoutineStart(sim);
  scheduleCheckpoints(sim);
  onProgress({ step: 'planning', done: 3, total: 3 });

  onProgress({ step: 'simulating months', done: 0, total: resolved.months });
  await run(
    sim,
    (day) => {
      today = day;
    },
    onProgress,
  );

  const featured = chooseFeatured(sim);
  const sorted = (ids: Iterable<string>) => [...ids].sort();
  const counts: CommandCounts = book.counts();
  return {
    store: book.store,
    events: book.events(),
    commands: counts,
    ids: {
      households: sorted(sim.world.households.keys()),
      children: sorted(
        [...sim.world.children.values()].filter((c) => c.registeredOn !== undefined).map((c) => c.id),
      ),
      placements: sorted(sim.world.placements.keys()),
      staff: sorted(sim.world.staff.keys()),
      clinicSeries: sorted(sim.world.series.keys()),
    },
    featured,
    asOf: resolved.asOf,
    planted: sim.world.planted,
    refusals: book.refusals(),
    declinedReferrals: sim.world.declinedReferrals,
    from: resolved.from,
  };
};

/**
 * Runs the diary to the last simulated day. Progress is reported once per simulated month (the history before
 * the period as 'history', the period as 'simulating months'), and the event loop is given a turn then, so a
 * caller can redraw a progress bar.
 */
const run = async (sim: Sim, setToday: (day: Day) => void, onProgress: (p: GenerationProgress) => void) => {
  const { fromDay, asOfDay, months } = sim.shape;
  const end = timeOf(asOfDay + 1, 0);
  let milestones: Array<{ readonly day: Day; readonly progress: GenerationProgress }> | undefined;
  let next = 0;
  for (let entry = sim.agenda.next(); entry !== undefined && entry.at < end; entry = sim.agenda.next()) {
    const day = dayOfInstant(entry.at);
    if (milestones === undefined) milestones = progressMilestones(day, fromDay, months);
    if (next < milestones.length && (milestones[next] as { day: Day }).day <= day) {
      while (next < milestones.length && (milestones[next] as { day: Day }).day <= day) {
        onProgress((milestones[next] as { progress: GenerationProgress }).progress);
        next++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    setToday(day);
    sim.ledger.recordAt(entry.at);
    await entry.run();
  }
  for (const milestone of (milestones ?? []).slice(next)) onProgress(milestone.progress);
};

/** One report per month of the history before the period, and one per month of the period. */
const progressMilestones = (first: Day, fromDay: Day, months: number) => {
  const history = Math.max(0, Math.ceil((fromDay - first) / 30.44));
  return [
    ...Array.from({ length: history + 1 }, (_, done) => ({
      day: done === history ? fromDay : first + Math.round(done * 30.44),
      progress: { step: 'history', done, total: history },
    })),
    ...Array.from({ length: months }, (_, done) => ({
      day: addMonthsTo(fromDay, done + 1),
      progress: { step: 'simulating months', done: done + 1, total: months },
    })),
  ];
};

/** Plants the failures that need the world as it stands mid-period, at three checkpoints. */
const scheduleCheckpoints = (sim: Sim) => {
  const { fromDay, asOfDay } = sim.shape;
  const span = asOfDay - fromDay;
  let lateVisits = sim.quotas.childVisitLate;
  let allergies = sim.quotas.allergyNotInSafeCarePlan;
  const checkpoints = [0.35, 0.6, 0.85].map((f) => sim.wd.onOrAfter(fromDay + Math.floor(span * f)));
  checkpoints.forEach((day, k) => {
    sim.on(
      day,
      () => {
        const left = checkpoints.length - k;
        const wanted = plantChildFailures(
          sim,
          day,
          Math.ceil(lateVisits / left),
          Math.ceil(allergies / left),
        );
        lateVisits -= Math.ceil(lateVisits / left) - wanted.lateVisits;
        allergies -= Math.ceil(allergies / left) - wanted.allergies;
        if (k > 0) plantClinicFailures(sim);
      },
      470,
    );
  });
};
