import type { AgencyPolicy, LocalDate, SupportPackage } from '@fostering/core';
import fc from 'fast-check';
import { approvalJourney, approvalTimeline, child, end, registration, start } from '../journeys.js';
import { daysFrom, plusDays, plusMonths, plusWorkingDays } from '../oracles/children-dates.js';
import { ref, type Script, type ScriptStep, script } from '../script.js';

/**
 * Placed children's first year or two, aimed at one of the child's statutory clocks at a time (`focus`): a
 * household approved, one to three children registered and placed (long-term or not, on the intensive package
 * or not, some starting around bank holidays or month ends), then placement plans (signed or not, on time or
 * late), social worker visits, looked-after reviews and therapeutic care plan agreements and reviews, each
 * dated a few days either side of when it falls due (often exactly on it, or one day over), sometimes much
 * later; in two histories out of three the focused clock is kept up, never late, until four months after the
 * last start, so that most children are not overdue. The day judged lies around the next due date of one
 * child's focused clock, or well after it; what would have happened after that day is left out (and sometimes
 * that child's placement ends on the very day).
 */
export type ChildFocus = 'plan' | 'visits' | 'reviews' | 'care-plan';

/** A value once in `1 + never` times, else undefined. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, never: number) =>
  fc.oneof({ weight: never, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const applicationOn = '2024-09-02' as LocalDate;
const agreementOn = plusDays(applicationOn, approvalTimeline.agreement);

/** Starts just before bank holidays, Christmas and Easter, and on month ends (months clamp). */
const trickyStarts = [
  '2025-03-31',
  '2025-04-16',
  '2025-04-17',
  '2025-04-18',
  '2025-05-01',
  '2025-05-23',
  '2025-05-31',
  '2025-08-22',
  '2025-10-31',
  '2025-11-30',
  '2025-12-19',
  '2025-12-24',
  '2025-12-31',
  '2026-01-31',
  '2026-04-02',
] as LocalDate[];

const sizes: Record<ChildFocus, { visits: number; reviews: number; care: number }> = {
  plan: { visits: 1, reviews: 1, care: 1 },
  visits: { visits: 8, reviews: 1, care: 1 },
  reviews: { visits: 2, reviews: 5, care: 1 },
  'care-plan': { visits: 2, reviews: 1, care: 6 },
};

/** Days off the due date: mostly on it or one day either side, else days early or weeks late. */
const offset = (early: number, late: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -1, max: 1 }) },
    { weight: 2, arbitrary: fc.integer({ min: -early, max: -2 }) },
    { weight: 2, arbitrary: fc.integer({ min: 2, max: late }) },
  );

const childSpec = (focus: ChildFocus) =>
  fc.record({
    start: fc.oneof(
      fc.constantFrom(...trickyStarts),
      fc.integer({ min: 1, max: 330 }).map((n) => plusDays(agreementOn, n)),
    ),
    registeredBefore: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 100, max: 400 }),
    ),
    age: fc.integer({ min: 1, max: 15 }),
    longTerm: fc.boolean(),
    supportPackage: fc.constantFrom<SupportPackage>('standard', 'enhanced', 'intensive', 'intensive'),
    plan: fc.record({
      kind: fc.constantFrom('none', 'signed', 'signed', 'unsigned', 'unsigned-then-signed'),
      at: fc.integer({ min: -3, max: 9 }),
      laterBy: fc.integer({ min: 1, max: 12 }),
    }),
    visits: fc.array(offset(30, 25), { maxLength: sizes[focus].visits }),
    reviews: fc.array(offset(30, 40), { maxLength: sizes[focus].reviews }),
    carePlan: fc.record({
      agreedAt: fc.option(fc.integer({ min: -40, max: 40 }), { nil: undefined }),
      touches: fc.array(fc.record({ offset: offset(40, 30), newVersion: fc.integer({ min: 0, max: 3 }) }), {
        maxLength: sizes[focus].care,
      }),
    }),
    endsAfter: sometimes(fc.integer({ min: 20, max: 400 }), 8),
    twin: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    /** A visit due within three weeks of the first anniversary happens on it (long-term intervals start there). */
    anniversary: fc.boolean(),
  });

type ChildSpec = ReturnType<typeof childSpec> extends fc.Arbitrary<infer T> ? T : never;

const iro = { id: 'iro-shropshire', role: 'independent-reviewing-officer' } as const;
const later = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);

interface Agency {
  readonly focus: ChildFocus;
  readonly months: number;
  /** Keeps the focused clock going, each occurrence on or before its day, up to `horizon`. */
  readonly punctual: boolean;
  readonly horizon: LocalDate;
}

/**
 * The offsets a clock's occurrences take, in turn; kept up, it goes on (never late) until it falls due after the
 * horizon. `each` records one occurrence and answers when the next falls due.
 */
const occurrences = (
  offsets: ReadonlyArray<number>,
  keepUp: boolean,
  horizon: LocalDate,
  each: (offset: number, n: number) => LocalDate,
) => {
  for (let n = 0, due = ''; n < offsets.length || (keepUp && due < horizon); n += 1) {
    const next = each(
      keepUp ? Math.min(offsets[n % Math.max(offsets.length, 1)] ?? 0, 0) : (offsets[n] ?? 0),
      n,
    );
    // A clock kept up that stops moving would generate steps until memory runs out; fail where the bug is.
    if (n > 1_000) throw new Error(`a clock kept up is stuck at ${next}, ${n} occurrences on`);
    due = next;
  }
};

/** One child's steps, and the day each of its clocks falls due next after them. */
const lifeOf = (i: number, spec: ChildSpec, agency: Agency) => {
  const { months, punctual, horizon, focus } = agency;
  const c = `c${i + 1}`;
  const p = `p${i + 1}`;
  const on = spec.start;
  const registeredOn = plusDays(on, -spec.registeredBefore);
  const steps: ScriptStep[] = [
    ...registration(c, { on: registeredOn, dateOfBirth: plusDays(on, -(spec.age * 365 + 100)) }),
    start(p, {
      child: c,
      household: 'h1',
      on,
      placementType: spec.longTerm ? 'long-term' : 'short-term',
      supportPackage: spec.supportPackage,
    }),
  ];
  const plan = (agreedOn: LocalDate, signed: boolean) =>
    child(c, later(agreedOn, on), {
      kind: 'RecordPlacementPlan',
      placementId: ref(p),
      agreedOn,
      signedByCarer: signed,
    });
  const { kind, at, laterBy } = spec.plan;
  const agreedOn = at <= 0 ? plusDays(on, at) : plusWorkingDays(on, at);
  if (kind === 'signed') steps.push(plan(agreedOn, true));
  if (kind === 'unsigned' || kind === 'unsigned-then-signed') steps.push(plan(agreedOn, false));
  if (kind === 'unsigned-then-signed') steps.push(plan(plusDays(later(agreedOn, on), laterBy), true));

  const firstYearEnds = plusMonths(on, 12);
  let visitDue = plusDays(on, 7);
  let previous = on;
  const twins = new Map<ScriptStep, ScriptStep>();
  occurrences(spec.visits, punctual && focus === 'visits', horizon, (off, n) => {
    const planned = later(plusDays(visitDue, off), previous);
    // The anniversary visit happens once: after it, `previous` is the anniversary itself and is not before it.
    const near =
      Math.abs(daysFrom(firstYearEnds, planned)) <= 21 && spec.anniversary && firstYearEnds > previous;
    const visitedOn = near ? firstYearEnds : planned;
    const visit = child(c, visitedOn, { kind: 'RecordSocialWorkerVisit', visitedOn });
    steps.push(visit);
    if (n === 0 && spec.twin) {
      twins.set(visit, {
        ...child(c, visitedOn, { kind: 'HoldLookedAfterReview', heldOn: visitedOn }),
        by: iro,
      });
    }
    previous = visitedOn;
    visitDue =
      spec.longTerm && visitedOn >= firstYearEnds ? plusMonths(visitedOn, 3) : plusDays(visitedOn, 42);
    return visitDue;
  });

  let reviewDue = plusWorkingDays(registeredOn, 20);
  let lastReview = registeredOn;
  occurrences(spec.reviews, punctual && focus === 'reviews', horizon, (off, n) => {
    const heldOn = later(plusDays(reviewDue, off), lastReview);
    steps.push(child(c, heldOn, { kind: 'HoldLookedAfterReview', heldOn }));
    lastReview = heldOn;
    reviewDue = plusMonths(heldOn, n === 0 ? 3 : 6);
    return reviewDue;
  });

  let version = 0;
  let anchor = on;
  let lastTouch = registeredOn;
  const touch = (date: LocalDate, agree: boolean) => {
    version += agree ? 1 : 0;
    steps.push(
      child(
        c,
        date,
        agree
          ? { kind: 'AgreeTherapeuticCarePlan', version, agreedOn: date }
          : { kind: 'ReviewTherapeuticCarePlan', version, reviewedOn: date },
      ),
    );
    lastTouch = date;
    if (date >= on) anchor = date;
  };
  if (spec.carePlan.agreedAt !== undefined)
    touch(later(plusDays(on, spec.carePlan.agreedAt), registeredOn), true);
  const { touches } = spec.carePlan;
  const keepingUp = punctual && focus === 'care-plan';
  occurrences(
    touches.map((t) => t.offset),
    keepingUp,
    horizon,
    (off, n) => {
      const renew = version === 0 || touches[n % Math.max(touches.length, 1)]?.newVersion === 0;
      const date = later(plusDays(plusMonths(anchor, months), off), lastTouch);
      // Kept up, a touch is never before the placement starts: only touches from then on move the anchor (one
      // month on from a 1 February start, less 30 days, would fall before it, and the clock would never move).
      touch(keepingUp ? later(date, on) : date, renew);
      return plusMonths(anchor, months);
    },
  );
  if (spec.endsAfter !== undefined) steps.push(end(p, plusDays(on, spec.endsAfter)));
  const due: Record<ChildFocus, LocalDate> = {
    plan: plusWorkingDays(on, 5),
    visits: visitDue,
    reviews: reviewDue,
    'care-plan': plusMonths(anchor, months),
  };
  return { steps, twins, due };
};

const byDate = (a: ScriptStep, b: ScriptStep) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0);

export const childrenLives =
  (focus: ChildFocus) =>
  (policy: AgencyPolicy): fc.Arbitrary<Script> =>
    fc
      .record({
        children: fc.array(childSpec(focus), { minLength: 1, maxLength: 3 }),
        punctual: fc.integer({ min: 0, max: 2 }).map((n) => n > 0),
        target: fc.nat(),
        endsOnJudgedDay: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
        judged: fc.oneof(
          { weight: 3, arbitrary: fc.integer({ min: -1, max: 1 }) },
          { weight: 1, arbitrary: fc.integer({ min: 2, max: 150 }) },
        ),
      })
      .map(({ children, punctual, target, endsOnJudgedDay, judged }) => {
        const horizon = plusDays(
          children
            .map((c) => c.start)
            .sort()
            .at(-1) ?? agreementOn,
          120,
        );
        const months = policy.children.intensiveCarePlanReviewMonths;
        const lives = children.map((spec, i) => lifeOf(i, spec, { focus, months, punctual, horizon }));
        const twins = new Map(lives.flatMap((l) => [...l.twins]));
        // A stable sort keeps each record's own steps in order; a twin review races the visit it shares a day with.
        const sorted = [...approvalJourney('h1', { from: applicationOn }), ...lives.flatMap((l) => l.steps)]
          .sort(byDate)
          .flatMap((s) => {
            const twin = twins.get(s);
            return twin === undefined ? [s] : [s, { ...twin, concurrent: true as const }];
          });
        // Judged around when one child's clock falls due next: what happened after that day has not happened yet.
        const chosen = target % lives.length;
        const due = lives[chosen]?.due[focus] ?? agreementOn;
        const asOf = later(plusDays(due, judged), agreementOn);
        const happened = sorted.filter((s) => s.on <= asOf);
        // Sometimes the chosen child's placement ends on the very day judged: it is then no longer reported.
        const ending =
          endsOnJudgedDay && (children[chosen]?.start ?? asOf) < asOf ? [end(`p${chosen + 1}`, asOf)] : [];
        return script([...happened, ...ending], asOf);
      });
