import { addDays, type LocalDate } from '@fostering/core';
import fc from 'fast-check';
import { end, household, start, wideTerms } from '../journeys.js';
import { later } from '../oracles/approvals-calendar.js';
import { ref, type Script, type ScriptStep } from '../script.js';
import {
  application,
  base,
  days,
  edge,
  kin,
  racing,
  scriptOf,
  signAgreement,
  weighted,
} from './approvals-common.js';

/**
 * Connected people temporarily approved for a child (and, now and then, a mainstream applicant who may not
 * be): approvals asked for 16 weeks, a day more, less, or none at all, sometimes twice; the child placed, and
 * sometimes another child too; extensions asked for 8 weeks, a day more or fewer, made weeks before the expiry,
 * the day before it, on it or after it, sometimes a second one, sometimes two officers asking at once; full
 * approval just before, on or after the expiry, or never; a termination or resignation, then an extension asked
 * for anyway; the child's placement ending around the expiry, or not at all. Judged around the expiry, or later.
 */

const weeks16 = 112;
const weeks8 = 56;

const plan = fc.record({
  route: weighted([7, fc.constant('family-and-friends' as const)], [1, fc.constant('mainstream' as const)]),
  startsAfter: days(0, 300),
  approveAfter: days(0, 20),
  until: weighted(
    [3, fc.constant(undefined)],
    [2, fc.constantFrom(weeks16, weeks16 + 1)],
    [1, days(1, weeks16 - 1)],
    [1, fc.constantFrom(0, weeks16 + 30)],
  ),
  again: weighted([8, fc.constant(false)], [1, fc.constant(true)]),
  place: weighted(
    [4, days(0, 30)],
    [1, fc.constant('after-full-approval' as const)],
    [1, fc.constant(undefined)],
  ),
  placeOther: weighted([6, fc.constant(false)], [1, fc.constant(true)]),
  extensions: fc.array(
    fc.record({
      at: weighted([3, days(-30, -2)], [3, edge], [1, days(2, 30)]),
      until: weighted(
        [3, fc.constant(undefined)],
        [2, fc.constantFrom(weeks8, weeks8 + 1)],
        [1, days(1, weeks8 - 1)],
        [1, fc.constantFrom(0, -1)],
      ),
      race: weighted([5, fc.constant(false)], [1, fc.constant(true)]),
    }),
    { maxLength: 2 },
  ),
  full: weighted([3, fc.constant(undefined)], [2, edge], [1, days(-60, 60)]),
  ending: weighted(
    [4, fc.constant(undefined)],
    [
      1,
      fc.record({
        kind: fc.constantFrom('terminate' as const, 'resign' as const),
        after: days(5, 60),
        extend: fc.boolean(),
      }),
    ],
  ),
  placementEnds: weighted([2, fc.constant(undefined)], [3, edge], [1, days(-40, -2)], [1, days(2, 30)]),
  judged: weighted([3, edge], [1, fc.constant('last' as const)], [1, days(30, 300)]),
});
type Plan = typeof plan extends fc.Arbitrary<infer P> ? P : never;

/** Referees, report, panel and the decision, placed so that the approval is decided on `approveOn`. */
const fullApproval = (name: string, approveOn: LocalDate): ScriptStep[] => {
  const at = (n: number) => addDays(approveOn, n);
  return [
    ...[1, 2].map((n) =>
      household(name, at(-40), {
        kind: 'InterviewReferee',
        refereeId: ref(`${name}-referee-${n}`),
        name: `Referee ${n}`,
        relationship: 'friend',
        interviewedOn: at(-40),
      }),
    ),
    household(name, at(-35), {
      kind: 'CompleteAssessmentReport',
      completedOn: at(-35),
      proposedTerms: wideTerms,
    }),
    household(name, at(-30), { kind: 'SchedulePanel', panelOn: at(-20), papersSentOn: at(-30) }),
    household(name, at(-18), {
      kind: 'RecordPanelRecommendation',
      panelOn: at(-20),
      recommendation: 'approve',
      minutesFinalisedOn: at(-18),
    }),
    household(name, approveOn, { kind: 'Approve', decidedOn: approveOn, terms: wideTerms }),
  ];
};

const temporary = (name: string, p: Plan): { steps: ScriptStep[]; asOf?: LocalDate } => {
  const from = addDays(base, p.startsAfter);
  const approvedOn = addDays(from, p.approveAfter);
  const kinName = `${name}-kin`;
  const steps: ScriptStep[] = [...kin(kinName), application(name, from, p.route)];
  const approve = (on: LocalDate, until?: number) =>
    household(name, on, {
      kind: 'ApproveTemporarily',
      approvedOn: on,
      childId: ref(kinName),
      terms: wideTerms,
      ...(until === undefined ? {} : { until: addDays(on, until) }),
    });
  steps.push(approve(approvedOn, p.until), signAgreement(name, approvedOn));
  if (p.again) steps.push(approve(addDays(approvedOn, 10)));
  // Where the generator expects the approval to lapse: aims only, the handle decides what is recorded.
  let expiresOn = addDays(
    approvedOn,
    p.until !== undefined && p.until > 0 && p.until <= weeks16 ? p.until : weeks16,
  );
  p.extensions.forEach((e, i) => {
    const on = addDays(expiresOn, e.at);
    const extend = household(name, on, {
      kind: 'ExtendTemporaryApproval',
      extendedOn: on,
      ...(e.until === undefined ? {} : { until: addDays(expiresOn, e.until) }),
    });
    steps.push(extend, ...(e.race ? [racing(extend)] : []));
    if (i === 0 && e.at < 0 && (e.until === undefined || (e.until > 0 && e.until <= weeks8)))
      expiresOn = addDays(expiresOn, e.until ?? weeks8);
  });
  // Full approval needs some weeks of assessment after the application first.
  const fullOn = p.full === undefined ? undefined : later(addDays(expiresOn, p.full), addDays(from, 41));
  if (fullOn !== undefined) steps.push(...fullApproval(name, fullOn));
  if (p.ending !== undefined) {
    const on = addDays(approvedOn, p.ending.after);
    steps.push(
      p.ending.kind === 'resign'
        ? household(name, on, { kind: 'ReceiveResignation', receivedOn: on })
        : household(name, on, {
            kind: 'Terminate',
            noticeGivenOn: on,
            takesEffectOn: addDays(on, 30),
            reason: 'x',
          }),
    );
    if (p.ending.extend) {
      const late = addDays(on, 31);
      steps.push(household(name, late, { kind: 'ExtendTemporaryApproval', extendedOn: late }));
    }
  }
  const placedOn =
    p.place === undefined
      ? undefined
      : p.place === 'after-full-approval'
        ? fullOn === undefined
          ? undefined
          : addDays(fullOn, 1)
        : addDays(approvedOn, p.place);
  if (placedOn !== undefined) {
    steps.push(start(`${name}-p1`, { child: kinName, household: name, on: placedOn }));
    if (p.placementEnds !== undefined) {
      const endsOn = addDays(expiresOn, p.placementEnds);
      steps.push(end(`${name}-p1`, endsOn > placedOn ? endsOn : addDays(placedOn, 1)));
    }
  }
  if (p.placeOther) {
    const other = `${name}-other`;
    steps.push(
      ...kin(other),
      start(`${name}-p2`, { child: other, household: name, on: addDays(approvedOn, 1) }),
    );
  }
  if (p.judged === 'last') return { steps };
  return { steps, asOf: addDays(expiresOn, p.judged) };
};

/** One or two households' temporary approvals; judged around the first one's expected expiry, or later. */
export const temporaryHistories = (): fc.Arbitrary<Script> =>
  fc.array(plan, { minLength: 1, maxLength: 2 }).map((plans) => {
    const households = plans.map((p, i) => temporary(`h${i + 1}`, p));
    return scriptOf(
      households.flatMap((h) => h.steps),
      households[0]?.asOf,
    );
  });
