import { addDays, type LocalDate } from '@fostering/core';
import fc from 'fast-check';
import { approvalJourney, household, start, wideTerms } from '../journeys.js';
import { ref, type Script, type ScriptStep } from '../script.js';
import {
  application,
  base,
  days,
  edge,
  kin,
  narrowTerms,
  racing,
  scriptOf,
  signAgreement,
  weighted,
} from './approvals-common.js';

/**
 * Households approved (fully, or temporarily as connected people) or still applying, then notices: changes of
 * terms with and without the carers' written consent, terminations and refusals with 0 to 90 days' notice
 * (27, 28 and 29 often; the notice sometimes dated a few days before it is recorded, sometimes after the
 * effect), resignations, a resignation racing a termination sent by another officer, suspensions, and children
 * placed on the day before, the day of and the day after an ending takes effect. Judged on those days too.
 */

const noticeDays = weighted(
  [2, days(0, 27)],
  [3, fc.constantFrom(27, 28, 29)],
  [2, days(30, 90)],
  [1, days(-5, -1)],
);
const backdated = weighted([4, fc.constant(0)], [1, days(1, 5)]);

const action = weighted(
  [
    3,
    fc.record({
      kind: fc.constant('change' as const),
      days: noticeDays,
      consent: fc.boolean(),
      max: days(1, 3),
      backdated,
    }),
  ],
  [2, fc.record({ kind: fc.constant('terminate' as const), days: noticeDays, backdated })],
  [2, fc.record({ kind: fc.constant('refuse' as const), days: noticeDays, late: days(-1, 3) })],
  [2, fc.record({ kind: fc.constant('resign' as const) })],
  [1, fc.record({ kind: fc.constantFrom('suspend' as const, 'lift' as const) })],
  [3, fc.record({ kind: fc.constant('place' as const), shift: edge, onEnding: fc.boolean() })],
  [1, fc.record({ kind: fc.constant('race' as const), days: noticeDays })],
);

const plan = fc.record({
  approval: weighted(
    [4, fc.constant('full' as const)],
    [2, fc.constant('temporary' as const)],
    [1, fc.constant('applicant' as const)],
  ),
  startsAfter: days(0, 300),
  actions: fc.array(fc.tuple(weighted([3, days(0, 10)], [2, days(11, 60)]), action), {
    minLength: 1,
    maxLength: 6,
  }),
  /** A last child placed the day before, of or after the last ending takes effect. */
  probe: weighted([1, fc.constant(undefined)], [4, edge]),
  judged: fc.record({ shift: edge, onEnding: fc.boolean() }),
});
type Plan = typeof plan extends fc.Arbitrary<infer P> ? P : never;

const endings = (name: string, p: Plan): { steps: ScriptStep[]; asOf?: LocalDate } => {
  const from = addDays(base, p.startsAfter);
  const kinName = `${name}-kin`;
  const steps: ScriptStep[] = [];
  let now: LocalDate;
  if (p.approval === 'full') {
    steps.push(...approvalJourney(name, { from }));
    now = addDays(from, 158);
  } else if (p.approval === 'temporary') {
    const on = addDays(from, 1);
    steps.push(
      ...kin(kinName),
      application(name, from, 'family-and-friends'),
      household(name, on, {
        kind: 'ApproveTemporarily',
        approvedOn: on,
        childId: ref(kinName),
        terms: wideTerms,
      }),
      signAgreement(name, on),
    );
    now = addDays(from, 2);
  } else {
    steps.push(application(name, from, 'mainstream'));
    now = addDays(from, 5);
  }
  // The first ending with enough notice: the one the handle should record (later ones are refused).
  let lastEffect: LocalDate | undefined;
  const ending = (effect: LocalDate, days: number) => {
    if (lastEffect === undefined && days >= 28) lastEffect = effect;
  };
  let placements = 0;
  for (const [gap, a] of p.actions) {
    now = addDays(now, gap);
    switch (a.kind) {
      case 'change': {
        const notice = addDays(now, -a.backdated);
        steps.push(
          household(name, now, {
            kind: 'ChangeTerms',
            noticeGivenOn: notice,
            takesEffectOn: addDays(notice, a.days),
            terms: narrowTerms(a.max),
            carerConsentedInWriting: a.consent,
          }),
        );
        break;
      }
      case 'terminate': {
        const notice = addDays(now, -a.backdated);
        lastEffect = addDays(notice, a.days);
        steps.push(
          household(name, now, {
            kind: 'Terminate',
            noticeGivenOn: notice,
            takesEffectOn: lastEffect,
            reason: 'standards',
          }),
        );
        break;
      }
      case 'refuse': {
        const notice = addDays(now, a.late);
        const effect = addDays(notice, a.days);
        ending(effect, a.days);
        steps.push(
          household(name, now, {
            kind: 'Refuse',
            decidedOn: now,
            noticeGivenOn: notice,
            takesEffectOn: effect,
            reason: 'not suitable',
          }),
        );
        break;
      }
      case 'resign':
        ending(addDays(now, 28), 28);
        steps.push(household(name, now, { kind: 'ReceiveResignation', receivedOn: now }));
        break;
      case 'race':
        ending(addDays(now, 28), 28);
        steps.push(
          household(name, now, { kind: 'ReceiveResignation', receivedOn: now }),
          racing(
            household(name, now, {
              kind: 'Terminate',
              noticeGivenOn: now,
              takesEffectOn: addDays(now, a.days),
              reason: 'x',
            }),
          ),
        );
        break;
      case 'suspend':
        steps.push(household(name, now, { kind: 'Suspend', suspendedOn: now, reason: 'allegation' }));
        break;
      case 'lift':
        steps.push(household(name, now, { kind: 'LiftSuspension', liftedOn: now }));
        break;
      case 'place': {
        const aimed = a.onEnding && lastEffect !== undefined ? addDays(lastEffect, a.shift) : now;
        now = aimed > now ? aimed : now;
        placements += 1;
        const child = p.approval === 'temporary' ? kinName : `${name}-c${placements}`;
        if (p.approval !== 'temporary') steps.push(...kin(child));
        steps.push(start(`${name}-p${placements}`, { child, household: name, on: now }));
        break;
      }
    }
  }
  if (p.probe !== undefined && lastEffect !== undefined) {
    const child = p.approval === 'temporary' ? kinName : `${name}-probe`;
    if (p.approval !== 'temporary') steps.push(...kin(child));
    // Sorted into place with the other steps: it may come before later notices.
    steps.push(start(`${name}-probe`, { child, household: name, on: addDays(lastEffect, p.probe) }));
  }
  const asOf =
    p.judged.onEnding && lastEffect !== undefined ? addDays(lastEffect, p.judged.shift) : undefined;
  return asOf === undefined ? { steps } : { steps, asOf };
};

/** One or two households' notices and endings; judged around the first household's last ending, or after. */
export const endingHistories = (): fc.Arbitrary<Script> =>
  fc.array(plan, { minLength: 1, maxLength: 2 }).map((plans) => {
    const households = plans.map((p, i) => endings(`h${i + 1}`, p));
    return scriptOf(
      households.flatMap((h) => h.steps),
      households[0]?.asOf,
    );
  });
