import { inMemoryEventStore, type LocalDate } from '@fostering/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from '../agency-handle.js';
import { assessmentHistories } from '../histories/approvals-assessment.js';
import { endingHistories } from '../histories/approvals-endings.js';
import { temporaryHistories } from '../histories/approvals-temporary.js';
import { daysFrom, later, plusMonths, stepWorkingDays } from '../oracles/approvals-calendar.js';
import { admDecisionExpected, panelTimingExpected } from '../oracles/approvals-deadlines.js';
import { endingsOf, householdStreams, ofType } from '../oracles/approvals-household.js';
import { temporaryExpected } from '../oracles/approvals-temporary.js';
import { runScript, type ScriptRun } from '../run-script.js';
import type { Script } from '../script.js';

/**
 * The approvals histories reach the situations their properties are about, on both sides of each boundary,
 * so that the properties are not vacuously true. Each situation must turn up in at least 5 of 150 histories.
 */

const samples = 150;
const atLeast = 5;

const tally = async (
  histories: fc.Arbitrary<Script>,
  situations: Record<string, (run: ScriptRun) => boolean>,
) => {
  const store = inMemoryEventStore();
  const handle = agencyHandle({ store });
  const counts = Object.fromEntries(Object.keys(situations).map((k) => [k, 0]));
  for (const history of fc.sample(histories, { numRuns: samples, seed: 20260403 })) {
    const run = await runScript(handle, store, history);
    for (const [name, reached] of Object.entries(situations))
      if (reached(run)) counts[name] = (counts[name] ?? 0) + 1;
  }
  if (process.env.FOSTERING_SHOW_COUNTS) console.log(counts);
  for (const [name, n] of Object.entries(counts))
    expect(n, `${name}: ${n} of ${samples}`).toBeGreaterThanOrEqual(atLeast);
};

const stored = (type: Parameters<typeof ofType>[1]) => (run: ScriptRun) =>
  run.events.some((e) => e.type === type);
const refusedCiting = (ruleId: string, kind?: string, message?: RegExp) => (run: ScriptRun) =>
  run.outcomes.some(
    ({ step, answer }) =>
      E.isLeft(answer) &&
      answer.left.rule?.id === ruleId &&
      (kind === undefined || step.request.command.kind === kind) &&
      (message === undefined || message.test(answer.left.message ?? '')),
  );
const households = (run: ScriptRun) => [...householdStreams(run).values()];
const judgedOn = (run: ScriptRun, days: (run: ScriptRun) => LocalDate[], shift: number) =>
  days(run).some((day) => daysFrom(day, run.script.asOf) === shift);

describe('the approvals histories reach what their properties judge', () => {
  it('assessments: referees, references, panel papers, 8 months, the decision', {
    timeout: 60_000,
  }, async () => {
    const papersDue = (run: ScriptRun) =>
      households(run).flatMap((events) => ofType(events, 'PanelScheduled').map((e) => e.data));
    const decisionDue = (run: ScriptRun) =>
      households(run).flatMap((events) =>
        ofType(events, 'PanelRecommendationMade').map((e) =>
          stepWorkingDays(later(e.data.minutesFinalisedOn, e.data.panelOn), 7),
        ),
      );
    await tally(assessmentHistories(), {
      'recommendation stored': stored('PanelRecommendationMade'),
      'refused: too few referees': refusedCiting(
        'referees',
        'RecordPanelRecommendation',
        /personal referees/,
      ),
      'refused: no previous service reference': refusedCiting(
        'referees',
        'RecordPanelRecommendation',
        /no reference/,
      ),
      'recommended with a previous service’s reference': (run) =>
        households(run).some((events) => ofType(events, 'PreviousServiceReferenceReceived').length > 0) &&
        stored('PanelRecommendationMade')(run),
      'papers exactly 5 working days ahead': (run) =>
        papersDue(run).some((p) => p.papersSentOn === stepWorkingDays(p.panelOn, -5)),
      'papers 4 working days ahead': (run) =>
        papersDue(run).some((p) => p.papersSentOn === stepWorkingDays(p.panelOn, -4)),
      'papers finding expected': (run) => panelTimingExpected(run).some((e) => /papers/.test(e.why)),
      'recommendation on the 8-month day': (run) =>
        households(run).some((events) => {
          const received = ofType(events, 'ApplicationReceived')[0]?.data.receivedOn;
          const panelOn = ofType(events, 'PanelRecommendationMade')[0]?.data.panelOn;
          return received !== undefined && panelOn === plusMonths(received, 8);
        }),
      '8-month finding expected': (run) => panelTimingExpected(run).some((e) => /application/.test(e.why)),
      'decision on its due day': (run) =>
        households(run).some((events) => {
          const rec = ofType(events, 'PanelRecommendationMade')[0]?.data;
          const decided = ofType(events, 'HouseholdApproved')[0]?.data.decidedOn;
          return rec !== undefined && decided !== undefined && decided === decisionDue(run)[0];
        }),
      'decision finding expected': (run) => admDecisionExpected(run).length > 0,
      'judged on a decision’s due day': (run) => judgedOn(run, decisionDue, 0),
      'judged the day after a decision’s due day': (run) => judgedOn(run, decisionDue, 1),
      'recommendation raced': (run) => run.outcomes.some((o) => o.step.concurrent === true),
    });
  });

  it('endings: notices either side of 28 days, resignations, placements around the end', {
    timeout: 60_000,
  }, async () => {
    const effects = (run: ScriptRun) =>
      households(run).flatMap((events) => endingsOf(events).map((e) => e.effectiveOn));
    const placedAround = (shift: number, accepted: boolean) => (run: ScriptRun) =>
      run.outcomes.some(({ step, answer }) => {
        const c = step.request.command;
        return (
          c.kind === 'StartPlacement' &&
          E.isRight(answer) === accepted &&
          effects(run).some((effect) => daysFrom(effect, c.startedOn) === shift)
        );
      });
    const noticeOf = (days: number, consented: boolean) => (run: ScriptRun) =>
      run.events.some(
        (e) =>
          e.type === 'TermsChanged' &&
          e.data.carerConsentedInWriting === consented &&
          daysFrom(e.data.noticeGivenOn, e.data.takesEffectOn) === days,
      );
    await tally(endingHistories(), {
      'refusal stored': stored('ApprovalRefused'),
      'termination stored': stored('ApprovalTerminated'),
      'resignation stored': stored('ResignationReceived'),
      'change of terms on exactly 28 days': noticeOf(28, false),
      'change of terms consented, under 28 days': (run) =>
        run.events.some(
          (e) =>
            e.type === 'TermsChanged' &&
            e.data.carerConsentedInWriting &&
            daysFrom(e.data.noticeGivenOn, e.data.takesEffectOn) < 28,
        ),
      'refused citing notice-28': refusedCiting('notice-28'),
      'placed the day before an ending': placedAround(-1, true),
      'placement refused the day an ending takes effect': placedAround(0, false),
    });
  });

  it('temporary approvals: 16 weeks, extensions, lapses, the child placed', { timeout: 60_000 }, async () => {
    const expiries = (run: ScriptRun) =>
      households(run).flatMap((events) => ofType(events, 'TemporarilyApproved').map((e) => e.data.expiresOn));
    await tally(temporaryHistories(), {
      'temporary approval of exactly 16 weeks': (run) =>
        run.events.some(
          (e) => e.type === 'TemporarilyApproved' && daysFrom(e.data.approvedOn, e.data.expiresOn) === 112,
        ),
      'extension stored': stored('TemporaryApprovalExtended'),
      'extension of exactly 8 weeks': (run) =>
        households(run).some((events) => {
          const [t] = ofType(events, 'TemporarilyApproved');
          const [x] = ofType(events, 'TemporaryApprovalExtended');
          return t !== undefined && x !== undefined && daysFrom(t.data.expiresOn, x.data.expiresOn) === 56;
        }),
      'refused: over 16 weeks': refusedCiting('temporary-approval', 'ApproveTemporarily'),
      'refused: second extension': refusedCiting(
        'temporary-approval',
        'ExtendTemporaryApproval',
        /only once/,
      ),
      'refused: extension after the lapse': refusedCiting(
        'temporary-approval',
        'ExtendTemporaryApproval',
        /lapsed/,
      ),
      'refused: extension over 8 weeks': refusedCiting(
        'temporary-approval',
        'ExtendTemporaryApproval',
        /at most 8 weeks/,
      ),
      'refused: another child placed': refusedCiting('temporary-approval', 'StartPlacement'),
      'placement outliving the approval expected': (run) => temporaryExpected(run).placements.length > 0,
      'placement ended the day it expired': (run) =>
        run.events.some((e) => e.type === 'PlacementEnded' && expiries(run).includes(e.data.endedOn)),
      'lapse without full approval expected': (run) => temporaryExpected(run).households.length > 0,
      'fully approved before the lapse': (run) =>
        households(run).some((events) => {
          const [t] = ofType(events, 'TemporarilyApproved');
          const [a] = ofType(events, 'HouseholdApproved');
          return t !== undefined && a !== undefined && a.data.decidedOn < t.data.expiresOn;
        }),
      'judged the day it expires': (run) => judgedOn(run, expiries, 0),
      'extensions raced': (run) => run.outcomes.some((o) => o.step.concurrent === true),
    });
  });
});
