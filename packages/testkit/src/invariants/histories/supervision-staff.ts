import { type AgencyPolicy, type LocalDate, type StaffRole, unsafeLocalDate } from '@fostering/core';
import fc from 'fast-check';
import { staff } from '../journeys.js';
import { daysAfter, monthsAfter } from '../oracles/supervision-facts.js';
import { ref, type Script, type ScriptStep } from '../script.js';
import { judgedAround, sometimes, sortedSteps } from './supervision-dates.js';

/**
 * One to three members of staff in varied roles, registered on staggered days, then up to two years of their
 * supervision: sessions a supervision interval apart give or take a day, or any number of days, clinical or
 * managerial, sometimes written up days later, sometimes not signed by one of the two (which must be refused under the rule); appraisals a year
 * apart give or take two days; reflective groups (which count for nothing); sometimes leaving, after which
 * nothing is due and nothing more can be recorded. An appraisal sometimes races a session, sent by the
 * appraiser. Judged on a day near an interval's end, or later.
 */

const roles: ReadonlyArray<StaffRole> = [
  'therapeutic-support-worker',
  'therapeutic-support-worker',
  'clinician',
  'supervising-social-worker',
  'manager',
];

const memberPlan = (policy: AgencyPolicy) => {
  const days = policy.supervision.staffSupervisionIntervalDays;
  return fc.record({
    role: fc.constantFrom(...roles),
    start: fc.integer({ min: 0, max: 300 }),
    sessions: fc.array(
      fc.record({
        gap: fc.oneof(
          { arbitrary: fc.integer({ min: days - 1, max: days + 1 }), weight: 2 },
          { arbitrary: fc.integer({ min: 0, max: Math.max(0, days - 2) }), weight: 2 },
          { arbitrary: fc.integer({ min: 0, max: 90 }), weight: 1 },
        ),
        clinical: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
        unsigned: sometimes(
          fc.constantFrom('signedBySupervisee' as const, 'signedBySupervisor' as const),
          1,
          8,
        ),
        time: fc.tuple(fc.integer({ min: 8, max: 18 }), fc.constantFrom(0, 15, 30, 45)),
        minutes: fc.integer({ min: 20, max: 120 }),
        // Days between the session and its record: notes are often written up later.
        lag: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 20 })),
        racingAppraisal: fc.oneof(
          fc.constant(false),
          fc.constant(false),
          fc.constant(false),
          fc.constant(true),
        ),
      }),
      { maxLength: 10 },
    ),
    appraisals: fc.array(
      fc.oneof(
        fc.integer({ min: -2, max: 2 }).map((offset) => ({ offset })),
        fc.integer({ min: 30, max: 500 }).map((d) => ({ days: d })),
      ),
      { maxLength: 2 },
    ),
    groups: fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 1 }),
    leaves: sometimes(fc.integer({ min: 0, max: 700 }), 1, 3),
  });
};

type Plan = ReturnType<typeof memberPlan> extends fc.Arbitrary<infer P> ? P : never;

const appraiser = { id: 'appraiser', role: 'manager' } as const;
const two = (n: number) => String(n).padStart(2, '0');

const memberSteps = (name: string, plan: Plan, base: LocalDate, months: number): ScriptStep[] => {
  const startedOn = daysAfter(base, plan.start);
  const steps: ScriptStep[] = [
    staff(name, startedOn, { kind: 'RegisterStaffMember', staffId: ref(name), role: plan.role, startedOn }),
  ];
  let at = startedOn;
  plan.sessions.forEach((s, i) => {
    at = daysAfter(at, s.gap);
    const recordedOn = daysAfter(at, s.lag);
    steps.push(
      staff(name, recordedOn, {
        kind: 'RecordSupervisionSession',
        sessionId: `${name}-s${i + 1}`,
        supervisorId: 'clinical-lead',
        heldOn: at,
        startTime: `${two(s.time[0])}:${two(s.time[1])}`,
        minutes: s.minutes,
        supervisionKind: s.clinical ? 'clinical' : 'managerial',
        signedBySupervisee: s.unsigned !== 'signedBySupervisee',
        signedBySupervisor: s.unsigned !== 'signedBySupervisor',
      }),
    );
    if (s.racingAppraisal) {
      const appraisedOn = at;
      steps.push({
        ...staff(name, recordedOn, { kind: 'CompleteAppraisal', appraisedOn, appraiserId: appraiser.id }),
        by: appraiser,
        concurrent: true,
      });
    }
  });
  let appraisedAfter = startedOn;
  for (const a of plan.appraisals) {
    appraisedAfter =
      'offset' in a
        ? daysAfter(monthsAfter(appraisedAfter, months), a.offset)
        : daysAfter(appraisedAfter, a.days);
    steps.push(
      staff(name, appraisedAfter, {
        kind: 'CompleteAppraisal',
        appraisedOn: appraisedAfter,
        appraiserId: 'manager-1',
      }),
    );
  }
  plan.groups.forEach((g, i) => {
    const on = daysAfter(startedOn, g);
    steps.push(
      staff(name, on, {
        kind: 'RecordReflectiveGroupAttendance',
        groupSessionId: `${name}-g${i}`,
        attendedOn: on,
      }),
    );
  });
  if (plan.leaves !== undefined) {
    const on = daysAfter(startedOn, plan.leaves);
    steps.push(staff(name, on, { kind: 'RecordStaffMemberLeaving', leftOn: on }));
  }
  return steps;
};

/** The staff's histories, judged on a day near an interval's end (or later). */
export const supervisionStaffHistories = (policy: AgencyPolicy): fc.Arbitrary<Script> =>
  fc
    .array(memberPlan(policy), { minLength: 1, maxLength: 3 })
    .map((plans) => {
      const base = unsafeLocalDate('2024-01-08');
      const months = policy.supervision.appraisalIntervalMonths;
      return sortedSteps(plans.flatMap((plan, i) => memberSteps(`s${i + 1}`, plan, base, months)));
    })
    .chain((steps) => judgedAround(steps, policy));
