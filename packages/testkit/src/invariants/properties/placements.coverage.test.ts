import { defaultAgencyPolicy, inMemoryEventStore, rules } from '@fostering/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from '../agency-handle.js';
import { placementFacts } from '../oracles/placements-facts.js';
import { overdueEmergencies } from '../oracles/placements-terms.js';
import { overdueStayingPut } from '../oracles/placements-young-people.js';
import { runScript, type ScriptRun } from '../run-script.js';
import { placementsProperties } from './placements.js';

/**
 * The placements histories reach the states their rules are about, so that the properties are not vacuous:
 * 40 histories of each property (a fixed seed) through the reference handle, counting what happened.
 */

const samples = 40;
const store = inMemoryEventStore();
const handle = agencyHandle({ store });

const runsOf = async (ruleId: string): Promise<ScriptRun[]> => {
  const property = placementsProperties[ruleId];
  if (property === undefined) throw new Error(`no property for ${ruleId}`);
  const runs: ScriptRun[] = [];
  for (const script of fc.sample(property.histories(defaultAgencyPolicy), {
    numRuns: samples,
    seed: 20260611,
  }))
    runs.push(await runScript(handle, store, script));
  return runs;
};

/** How often each named situation happened over the runs. */
const tally = (
  runs: ReadonlyArray<ScriptRun>,
  count: (run: ScriptRun, seen: (what: string, n?: number) => void) => void,
) => {
  const counts: Record<string, number> = {};
  for (const run of runs) count(run, (what, n = 1) => (counts[what] = (counts[what] ?? 0) + n));
  return counts;
};

const refusedNaming = (run: ScriptRun, ruleId: string) =>
  run.outcomes.filter((o) => E.isLeft(o.answer) && o.answer.left.rule?.id === ruleId).length;
const accepted = (run: ScriptRun, kind: string) =>
  run.outcomes.filter((o) => E.isRight(o.answer) && o.step.request.command.kind === kind).length;

const atLeast = (counts: Record<string, number>, minimum: Record<string, number>) => {
  if (process.env.FOSTERING_SHOW_COUNTS) console.log(counts);
  for (const [what, n] of Object.entries(minimum))
    expect(counts[what] ?? 0, `${what} in ${samples} histories`).toBeGreaterThanOrEqual(n);
};

describe('the placements histories reach the states their rules are about', { timeout: 120_000 }, () => {
  it('limit: groups over 3 (siblings or exempted), refusals, races won and lost, one child sent to two homes', async () => {
    const counts = tally(await runsOf(rules.limit.id), (run, seen) => {
      const { stays } = placementFacts(run);
      seen('refused naming limit', refusedNaming(run, 'limit'));
      seen('exemption used', stays.filter((s) => s.data.exemptionId !== undefined).length);
      const racing = run.outcomes.filter(
        (o, i) => o.step.concurrent === true || run.script.steps[i + 1]?.concurrent === true,
      );
      seen(
        'racing start accepted',
        racing.filter((o) => E.isRight(o.answer) && o.step.request.command.kind === 'StartPlacement').length,
      );
      seen(
        'racing start refused',
        racing.filter((o) => E.isLeft(o.answer) && o.step.request.command.kind === 'StartPlacement').length,
      );
      const households = new Set(stays.map((s) => s.householdId));
      for (const h of households) {
        const here = stays.filter((s) => s.householdId === h && s.placementType !== 'staying-put');
        if (
          here.some(
            (s) =>
              here.filter((t) => t.startedOn <= s.startedOn && (t.endedOn ?? '9999') > s.startedOn).length >
              3,
          )
        )
          seen('more than 3 together');
      }
      if (run.events.some((e) => e.type === 'HouseholdMemberJoined')) seen('carers’ own children at home');
    });
    atLeast(counts, {
      'refused naming limit': 10,
      'exemption used': 1,
      'racing start accepted': 10,
      'racing start refused': 5,
      'more than 3 together': 3,
      'carers’ own children at home': 5,
    });
  });

  it('terms: refusals, emergencies outside the terms, overdue or met in time', async () => {
    const counts = tally(await runsOf(rules.terms.id), (run, seen) => {
      const facts = placementFacts(run);
      seen('refused naming terms', refusedNaming(run, 'terms'));
      const outside = facts.stays.filter((s) => s.data.outsideTermsUntil !== undefined);
      const overdue = overdueEmergencies(run, facts);
      seen('emergency outside the terms', outside.length);
      seen('overdue on the judging day', overdue.size);
      seen(
        'ended or covered in time',
        outside.filter(
          (s) =>
            !overdue.has(s.placementId) &&
            s.data.outsideTermsUntil !== undefined &&
            s.data.outsideTermsUntil < run.script.asOf,
        ).length,
      );
      seen('terms changed', accepted(run, 'ChangeTerms'));
    });
    atLeast(counts, {
      'refused naming terms': 20,
      'emergency outside the terms': 8,
      'overdue on the judging day': 2,
      'ended or covered in time': 2,
      'terms changed': 10,
    });
  });

  it('approval-before-placement: starts refused and accepted around approval, agreement and endings', async () => {
    const counts = tally(await runsOf(rules.approvalBeforePlacement.id), (run, seen) => {
      seen('refused naming approval-before-placement', refusedNaming(run, 'approval-before-placement'));
      seen('accepted start', accepted(run, 'StartPlacement'));
      if (run.events.some((e) => e.type === 'TemporarilyApproved') && accepted(run, 'StartPlacement') > 0)
        seen('temporary approval with a placement');
      if (run.events.some((e) => e.type === 'ResignationReceived' || e.type === 'ApprovalTerminated'))
        seen('approval ending');
    });
    atLeast(counts, {
      'refused naming approval-before-placement': 20,
      'accepted start': 20,
      'temporary approval with a placement': 3,
      'approval ending': 5,
    });
  });

  it('staying-put and bedroom: 18th and 21st birthdays, bedrooms shared with and without evidence', async () => {
    const counts = tally(await runsOf(rules.stayingPut.id), (run, seen) => {
      const facts = placementFacts(run);
      seen('staying put', facts.stays.filter((s) => s.placementType === 'staying-put').length);
      seen('refused naming staying-put', refusedNaming(run, 'staying-put'));
      seen('overdue staying put', overdueStayingPut(run, facts).size);
      seen('refused naming bedroom', refusedNaming(run, 'bedroom'));
      seen('shared bedroom', facts.stays.filter((s) => s.data.bedroom.shared).length);
    });
    atLeast(counts, {
      'staying put': 10,
      'refused naming staying-put': 10,
      'overdue staying put': 2,
      'refused naming bedroom': 10,
      'shared bedroom': 10,
    });
  });

  it('register: starts and endings refused for a missing field, complete ones accepted', async () => {
    const counts = tally(await runsOf(rules.register.id), (run, seen) => {
      seen(
        'refused for a field',
        run.outcomes.filter((o) => E.isLeft(o.answer) && o.answer.left._tag === 'InvalidCommand').length,
      );
      seen('accepted start', accepted(run, 'StartPlacement'));
      seen('accepted end', accepted(run, 'EndPlacement'));
    });
    atLeast(counts, { 'refused for a field': 20, 'accepted start': 20, 'accepted end': 10 });
  });

  it('short-breaks and respite: limits reached, authorisations, a child’s stays over two placements', async () => {
    const counts = tally(await runsOf(rules.respite.id), (run, seen) => {
      const facts = placementFacts(run);
      seen('refused naming respite', refusedNaming(run, 'respite'));
      seen('refused naming short-breaks', refusedNaming(run, 'short-breaks'));
      seen('authorised respite', facts.respite.filter((b) => b.authorised).length);
      const placementsWithStays = new Set(facts.shortBreaks.map((b) => b.placementId));
      const children = [...placementsWithStays].map(
        (p) => facts.stays.find((s) => s.placementId === p)?.childId,
      );
      if (new Set(children).size < children.length) seen('a child’s stays on two placements');
    });
    atLeast(counts, {
      'refused naming respite': 20,
      'refused naming short-breaks': 3,
      'authorised respite': 10,
      'a child’s stays on two placements': 3,
    });
  });
});
