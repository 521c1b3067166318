import type { LocalDate } from '@fostering/core';
import fc from 'fast-check';
import {
  approvalJourney,
  approvalTimeline,
  child,
  end,
  household,
  registration,
  start,
} from '../journeys.js';
import { plusDays } from '../oracles/children-dates.js';
import { ref, type Script, type ScriptStep, script } from '../script.js';

/**
 * Households' known risks over a year or two, for rule `risk-complete`: `h1` approved, `h2` approved too or
 * still being assessed (its pets are not yet the approved household's); pets recorded, some risk-assessed
 * (sometimes the day they arrive), some removed; one to three children placed with `h1`, each with allergies
 * and medical needs recorded and sometimes resolved; safe-care plans recorded now and then, each listing some of
 * the needs (and entries that cover nothing: a need of another child, a bare need id), sometimes at the same
 * moment as another worker's home-safety assessment; some placements end.
 *
 * A plan entry for child `c1`'s need `n1` is written `health:~c1:n1`, with the child as a reference inside
 * the string: it only names the run's child if the runner binds references inside strings (see the report on
 * `bindRefs`); otherwise it covers nothing, and the oracle, which reads the stored plan, expects the need reported.
 */

/** A value once in `1 + never` times, else undefined. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, never: number) =>
  fc.oneof({ weight: never, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const applicationOn = '2024-09-02' as LocalDate;
const agreementOn = plusDays(applicationOn, approvalTimeline.agreement);
const species = ['dog', 'cat', 'rabbit', 'snake'] as const;

const petSpec = fc.record({
  kind: fc.constantFrom(...species),
  recordedAfter: fc.integer({ min: 0, max: 500 }),
  assessedAfter: sometimes(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 })), 1),
  removedAfter: sometimes(fc.integer({ min: 0, max: 200 }), 3),
});

const needSpec = fc.record({
  kind: fc.constantFrom('allergy' as const, 'medical' as const),
  recordedAfter: fc.integer({ min: -30, max: 250 }),
  resolvedAfter: sometimes(fc.integer({ min: 0, max: 200 }), 3),
});

const childSpec = fc.record({
  startsAfter: fc.integer({ min: 1, max: 250 }),
  needs: fc.array(needSpec, { maxLength: 3 }),
  endsAfter: sometimes(fc.integer({ min: 10, max: 400 }), 5),
});

const planSpec = fc.record({
  after: fc.integer({ min: 0, max: 600 }),
  /** Which needs (by index over every child's needs) the plan lists; the rest it leaves out. */
  covers: fc.array(fc.nat(8), { maxLength: 6 }),
  noise: fc.subarray(['health:n1', 'health:~c2:n1', 'dog-1', 'stairs gate']),
  /** The supervising social worker records a home-safety assessment at the same moment. */
  race: fc.boolean(),
});

const ssw = { id: 'ssw-1', role: 'supervising-social-worker' } as const;

const byDate = (a: ScriptStep, b: ScriptStep) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0);

type PetSpec = typeof petSpec extends fc.Arbitrary<infer T> ? T : never;

const petSteps = (name: string, from: LocalDate, pets: ReadonlyArray<PetSpec>) =>
  pets.flatMap((pet, n) => {
    const petId = `${pet.kind}-${n + 1}`;
    const recordedOn = plusDays(from, pet.recordedAfter);
    const steps = [
      household(name, recordedOn, {
        kind: 'RecordPet',
        petId,
        species: pet.kind,
        description: `a ${pet.kind}`,
        recordedOn,
      }),
    ];
    if (pet.assessedAfter !== undefined) {
      const assessedOn = plusDays(recordedOn, pet.assessedAfter);
      steps.push(
        household(name, assessedOn, {
          kind: 'RecordRiskAssessment',
          assessmentId: `ra-${petId}`,
          assessmentKind: 'pet',
          assessedOn,
          petId,
        }),
      );
    }
    if (pet.removedAfter !== undefined) {
      const removedOn = plusDays(recordedOn, pet.removedAfter);
      steps.push(household(name, removedOn, { kind: 'RemovePet', petId, removedOn }));
    }
    return steps;
  });

export const riskHistories = (): fc.Arbitrary<Script> =>
  fc
    .record({
      h1Pets: fc.array(petSpec, { maxLength: 3 }),
      h2: fc.option(
        fc.record({
          startsAfter: fc.integer({ min: 0, max: 300 }),
          stepsTaken: fc.integer({ min: 1, max: 13 }),
          pets: fc.array(petSpec, { minLength: 1, maxLength: 2 }),
        }),
        { nil: undefined },
      ),
      children: fc.array(childSpec, { minLength: 1, maxLength: 3 }),
      plans: fc.array(planSpec, { maxLength: 3 }),
      judged: fc.oneof(
        fc.record({ after: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })) }),
        fc.record({ on: fc.nat() }),
      ),
    })
    .map(({ h1Pets, h2, children, plans, judged }) => {
      const steps: ScriptStep[] = [...approvalJourney('h1', { from: applicationOn })];
      steps.push(...petSteps('h1', applicationOn, h1Pets));
      if (h2 !== undefined) {
        const from = plusDays(applicationOn, h2.startsAfter);
        steps.push(...approvalJourney('h2', { from }).slice(0, h2.stepsTaken));
        steps.push(...petSteps('h2', from, h2.pets));
      }
      const needs: Array<{ childName: string; needId: string }> = [];
      children.forEach((spec, i) => {
        const c = `c${i + 1}`;
        const on = plusDays(agreementOn, spec.startsAfter);
        steps.push(...registration(c, { on: plusDays(on, -40), dateOfBirth: plusDays(on, -3000 - i * 400) }));
        steps.push(start(`p${i + 1}`, { child: c, household: 'h1', on }));
        spec.needs.forEach((need, n) => {
          const needId = `n${n + 1}`;
          const recordedOn = plusDays(on, need.recordedAfter);
          needs.push({ childName: c, needId });
          steps.push(
            child(c, recordedOn, {
              kind: 'RecordHealthNeed',
              needId,
              needKind: need.kind,
              description: `${need.kind} ${needId} of ${c}`,
              recordedOn,
            }),
          );
          if (need.resolvedAfter !== undefined) {
            const resolvedOn = plusDays(recordedOn, need.resolvedAfter);
            steps.push(child(c, resolvedOn, { kind: 'ResolveHealthNeed', needId, resolvedOn }));
          }
        });
        if (spec.endsAfter !== undefined) steps.push(end(`p${i + 1}`, plusDays(on, spec.endsAfter)));
      });
      const races = new Map<ScriptStep, ScriptStep>();
      plans.forEach((plan, n) => {
        const recordedOn = plusDays(agreementOn, plan.after);
        const covers = plan.covers.flatMap((k) => {
          const need = needs[k];
          return need === undefined ? [] : [`health:${ref(need.childName)}:${need.needId}`];
        });
        const recorded = household('h1', recordedOn, {
          kind: 'RecordSafeCarePlan',
          recordedOn,
          covers: [...covers, ...plan.noise],
        });
        steps.push(recorded);
        if (plan.race) {
          const assessment = household('h1', recordedOn, {
            kind: 'RecordRiskAssessment',
            assessmentId: `home-${n + 1}`,
            assessmentKind: 'home-safety',
            assessedOn: recordedOn,
          });
          races.set(recorded, { ...assessment, by: ssw, concurrent: true });
        }
      });
      const sorted = [...steps].sort(byDate).flatMap((s) => {
        const race = races.get(s);
        return race === undefined ? [s] : [s, race];
      });
      const last = sorted.at(-1)?.on ?? applicationOn;
      if ('after' in judged) return script(sorted, plusDays(last, judged.after));
      // Or judged on the day of something after the first placement (a pet's arrival, a need resolved, an
      // ending...), which has then just happened; what came later has not.
      const days = [...new Set(sorted.map((s) => s.on))].filter((d) => d > agreementOn);
      const asOf = days[judged.on % Math.max(days.length, 1)] ?? last;
      return script(
        sorted.filter((s) => s.on <= asOf),
        asOf,
      );
    });
