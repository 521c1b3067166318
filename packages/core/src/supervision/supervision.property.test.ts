import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HouseholdEvent } from '../approvals/events/index.js';
import * as hev from '../approvals/events/index.js';
import { addDays, daysBetween, type LocalDate, unsafeLocalDate } from '../calendar/index.js';
import { complianceContext } from '../compliance/context.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { approvedHousehold, foldHousehold, visit } from './__fixtures__/household.js';
import { unannouncedVisitCompliance } from './compliance/household-supervision.js';
import { staffCompliance } from './compliance/staff-compliance.js';
import type { StaffEvent } from './events/index.js';
import * as ev from './events/index.js';
import { evolveStaff, initialStaffState } from './state.js';

const runs = 300;
const base = unsafeLocalDate('2020-01-01');
const day = (n: number) => addDays(base, n);

/** The oracle's own "12 months later": the same day a year on, 29 February going to 28 February. */
const yearAfter = (date: LocalDate): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const leap = (y + 1) % 4 === 0 && ((y + 1) % 100 !== 0 || (y + 1) % 400 === 0);
  const dd = m === 2 && d === 29 && !leap ? 28 : d;
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
};

interface HouseholdSpec {
  readonly approvedOn: LocalDate;
  readonly visits: ReadonlyArray<{ readonly on: LocalDate; readonly announced: boolean }>;
  readonly termination?: { readonly noticeGivenOn: LocalDate; readonly takesEffectOn: LocalDate };
}

const householdSpec: fc.Arbitrary<HouseholdSpec> = fc
  .record({
    approved: fc.integer({ min: 0, max: 1200 }),
    visits: fc.array(fc.record({ after: fc.integer({ min: 0, max: 1400 }), announced: fc.boolean() }), {
      maxLength: 6,
    }),
    termination: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
  })
  .map(({ approved, visits, termination }) => ({
    approvedOn: day(approved),
    visits: visits.map((v) => ({ on: day(approved + v.after), announced: v.announced })),
    ...(termination === undefined
      ? {}
      : {
          termination: {
            noticeGivenOn: day(approved + termination),
            takesEffectOn: day(approved + termination + 28),
          },
        }),
  }));

/** The household stream as it stood on `asOf`: only what had been recorded by then (as-of replay). */
const eventsAsOf = (id: string, spec: HouseholdSpec, asOf: LocalDate): HouseholdEvent[] => [
  ...(spec.approvedOn <= asOf ? approvedHousehold(id, spec.approvedOn) : []),
  ...spec.visits.filter((v) => v.on <= asOf).map((v) => visit(v.on, v.announced)),
  ...(spec.termination !== undefined && spec.termination.noticeGivenOn <= asOf
    ? [hev.ApprovalTerminated.create({ ...spec.termination, reason: 'ended' })]
    : []),
];

/** The oracle: approved on the day, a full year has run out, and no unannounced visit within 12 months. */
const shouldBeListed = (spec: HouseholdSpec, asOf: LocalDate): boolean => {
  const approved =
    spec.approvedOn <= asOf && (spec.termination === undefined || spec.termination.takesEffectOn > asOf);
  const fullYear = yearAfter(spec.approvedOn) < asOf;
  const recent = spec.visits.some((v) => !v.announced && v.on <= asOf && yearAfter(v.on) >= asOf);
  return approved && fullYear && !recent;
};

/** Dates near the boundaries (approval and visit anniversaries, a day either side) are chosen often. */
const households = fc.array(householdSpec, { minLength: 1, maxLength: 6 }).chain((specs) => {
  const anniversaries = specs.flatMap((s) => [s.approvedOn, ...s.visits.map((v) => v.on)]).map(yearAfter);
  const near = fc
    .tuple(fc.constantFrom(...anniversaries), fc.integer({ min: -1, max: 1 }))
    .map(([date, offset]) => addDays(unsafeLocalDate(date), offset));
  return fc.record({
    specs: fc.constant(specs),
    asOf: fc.oneof(fc.integer({ min: 0, max: 2800 }).map(day), near),
  });
});

interface StaffSpec {
  readonly events: StaffEvent[];
  readonly role: ev.StaffRole;
  readonly startedOn: LocalDate;
  readonly asOf: LocalDate;
}

const staffSpec: fc.Arbitrary<StaffSpec> = fc
  .record({
    role: fc.constantFrom(...(Object.keys(ev.StaffRole.keys) as ev.StaffRole[])),
    start: fc.integer({ min: 0, max: 400 }),
    sessions: fc.array(fc.record({ after: fc.integer({ min: 0, max: 500 }), clinical: fc.boolean() }), {
      maxLength: 12,
    }),
    appraisals: fc.array(fc.integer({ min: 0, max: 900 }), { maxLength: 3 }),
    asOf: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ role, start, sessions, appraisals, asOf }) => ({
    role,
    startedOn: day(start),
    asOf: day(start + asOf),
    events: [
      ev.StaffMemberRegistered.create({ staffId: 'staff-x', role, startedOn: day(start) }),
      ...sessions.map((s, i) =>
        ev.SupervisionSessionRecorded.create({
          sessionId: `s${i}`,
          supervisorId: 'staff-y',
          heldOn: day(start + s.after),
          startTime: '09:30',
          minutes: 60,
          kind: s.clinical ? 'clinical' : 'managerial',
          signedBySupervisee: true,
          signedBySupervisor: true,
        }),
      ),
      ...appraisals.map((a) =>
        ev.AppraisalCompleted.create({ appraisedOn: day(start + a), appraiserId: 'staff-y' }),
      ),
    ],
  }));

const { staffSupervisionIntervalDays } = defaultAgencyPolicy.supervision;
const clinicalRoles: ReadonlyArray<ev.StaffRole> = ['therapeutic-support-worker', 'clinician'];

const sortedDistinct = (dates: ReadonlyArray<LocalDate>) => [...new Set(dates)].sort();

describe('supervision over generated histories', () => {
  it('ssw (NMS 21.8): exactly the households approved a full year without an unannounced visit in 12 months are listed', () => {
    fc.assert(
      fc.property(households, ({ specs, asOf }) => {
        const records = Object.fromEntries(
          specs.map((spec, i) => [`h${i}`, foldHousehold(eventsAsOf(`h${i}`, spec, asOf))]),
        );
        const listed = unannouncedVisitCompliance(records, asOf).map((g) => g.householdId);
        const expected = specs.flatMap((spec, i) => (shouldBeListed(spec, asOf) ? [`h${i}`] : []));
        expect(listed).toEqual(expected.sort());
      }),
      { numRuns: runs },
    );
  });

  it('staff-supervision: clinical supervision chains every interval from the start; appraisal a year from the last', () => {
    fc.assert(
      fc.property(staffSpec, ({ events, role, startedOn, asOf }) => {
        const state = events.reduce(evolveStaff, initialStaffState);
        const { deadlines, findings } = staffCompliance(state, complianceContext(asOf));
        const clinical = deadlines.filter((d) => d.code === 'clinical-supervision');
        const clinicalDates = sortedDistinct(
          state.sessions.filter((s) => s.kind === 'clinical' && s.heldOn <= asOf).map((s) => s.heldOn),
        );
        if (!clinicalRoles.includes(role)) {
          expect(clinical).toEqual([]);
        } else {
          expect(clinical.map((d) => d.metOn)).toEqual([...clinicalDates, undefined]);
          [startedOn, ...clinicalDates].forEach((from, i) => {
            expect(daysBetween(from, clinical[i]?.dueOn as LocalDate)).toBe(staffSupervisionIntervalDays);
          });
          const open = clinical[clinical.length - 1];
          expect(open?.state === 'overdue').toBe(asOf > (open?.dueOn as LocalDate));
        }
        const appraised = sortedDistinct(
          state.appraisals.filter((a) => a.appraisedOn <= asOf).map((a) => a.appraisedOn),
        );
        const appraisals = deadlines.filter((d) => d.code === 'appraisal');
        expect(appraisals.map((d) => d.dueOn)).toEqual([startedOn, ...appraised].map(yearAfter));
        for (const d of deadlines) expect(d.rule.id).toBe('staff-supervision');
        const late = deadlines.filter((d) => d.state === 'overdue' || d.state === 'met-late');
        expect(findings.map((f) => f.dueOn)).toEqual(late.map((d) => d.dueOn));
      }),
      { numRuns: runs },
    );
  });

  it('the generators reach the interesting states, so the properties above are not vacuous', () => {
    const counts = new Map<string, number>();
    const count = (key: string, reached: boolean) =>
      counts.set(key, (counts.get(key) ?? 0) + (reached ? 1 : 0));
    fc.assert(
      fc.property(households, ({ specs, asOf }) => {
        for (const spec of specs) {
          const approved = spec.approvedOn <= asOf;
          count('household listed', shouldBeListed(spec, asOf));
          count('approved under a year', approved && yearAfter(spec.approvedOn) >= asOf);
          count(
            'full year with a recent unannounced visit',
            approved &&
              yearAfter(spec.approvedOn) < asOf &&
              spec.visits.some((v) => !v.announced && v.on <= asOf && yearAfter(v.on) >= asOf),
          );
          count(
            'terminated before the date',
            spec.termination !== undefined && spec.termination.takesEffectOn <= asOf,
          );
          count(
            'visit recorded after the date',
            spec.visits.some((v) => v.on > asOf),
          );
          count('on an anniversary of approval', yearAfter(spec.approvedOn) === asOf);
        }
      }),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(staffSpec, ({ events, asOf }) => {
        const { deadlines } = staffCompliance(
          events.reduce(evolveStaff, initialStaffState),
          complianceContext(asOf),
        );
        count(
          'clinical supervision overdue',
          deadlines.some((d) => d.code === 'clinical-supervision' && d.state === 'overdue'),
        );
        count(
          'clinical supervision met',
          deadlines.some((d) => d.code === 'clinical-supervision' && d.state === 'met'),
        );
        count(
          'appraisal met late',
          deadlines.some((d) => d.code === 'appraisal' && d.state === 'met-late'),
        );
        count(
          'appraisal overdue',
          deadlines.some((d) => d.code === 'appraisal' && d.state === 'overdue'),
        );
        count(
          'no clinical supervision due (other roles)',
          !deadlines.some((d) => d.code === 'clinical-supervision'),
        );
      }),
      { numRuns: runs },
    );
    for (const [key, n] of counts) expect(n, key).toBeGreaterThan(0);
    expect(counts.size).toBe(11);
  });
});
