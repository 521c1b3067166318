import type { LocalDate } from '@fostering/core';
import type { ScriptRun } from '../run-script.js';
import { earliest, later, law, plusMonths, stepWorkingDays } from './approvals-calendar.js';
import type { ExpectedFinding } from './approvals-findings.js';
import { lateOn } from './approvals-findings.js';
import { applicationOf, householdStreams, ofType } from './approvals-household.js';

/**
 * The assessment's deadlines, from each household's stored events and domain.md alone, judged on the script's
 * day (households whose application is not yet received then are not judged).
 *
 * `panel-timing` (NMS 14): the papers for the panel (the latest one scheduled) go out on or before the 5th
 * working day before it; the application reaches a recommendation within 8 months of its receipt, or ends
 * without one first (a refusal decided, or, for a connected person temporarily approved, a termination or a
 * resignation notified).
 *
 * `adm-decision` (NMS 14): the agency decision (approval or refusal) on or before the 7th working day after the
 * later of the panel and its final minutes.
 */

export const panelTimingExpected = (run: ScriptRun): ExpectedFinding[] => {
  const { asOf } = run.script;
  const expected: ExpectedFinding[] = [];
  for (const [id, events] of householdStreams(run)) {
    const application = applicationOf(events);
    if (application === undefined || application.receivedOn > asOf) continue;
    const panel = ofType(events, 'PanelScheduled').at(-1)?.data;
    if (panel !== undefined) {
      const dueOn = stepWorkingDays(panel.panelOn, -law.papersWorkingDays);
      if (lateOn(asOf, dueOn, panel.papersSentOn)) {
        expected.push({
          subject: id,
          dueOn,
          why: `papers for the panel of ${panel.panelOn} were sent on ${panel.papersSentOn}, due by ${dueOn}`,
        });
      }
    }
    const recommendedOn = ofType(events, 'PanelRecommendationMade')[0]?.data.panelOn;
    const endedOn = earliest([
      ofType(events, 'ApprovalRefused')[0]?.data.decidedOn,
      ofType(events, 'ApprovalTerminated')[0]?.data.noticeGivenOn,
      ofType(events, 'ResignationReceived')[0]?.data.receivedOn,
    ]);
    const metOn = recommendedOn ?? endedOn;
    const dueOn = plusMonths(application.receivedOn, law.recommendationMonths);
    if (lateOn(asOf, dueOn, metOn)) {
      expected.push({
        subject: id,
        dueOn,
        why: `the application of ${application.receivedOn} ${metOn === undefined || metOn > asOf ? 'has no recommendation' : `was recommended or ended on ${metOn}`}, due by ${dueOn}`,
      });
    }
  }
  return expected;
};

export const admDecisionExpected = (run: ScriptRun): ExpectedFinding[] => {
  const { asOf } = run.script;
  const expected: ExpectedFinding[] = [];
  for (const [id, events] of householdStreams(run)) {
    const application = applicationOf(events);
    if (application === undefined || application.receivedOn > asOf) continue;
    const recommendation = ofType(events, 'PanelRecommendationMade')[0]?.data;
    if (recommendation === undefined) continue;
    const from: LocalDate = later(recommendation.panelOn, recommendation.minutesFinalisedOn);
    const dueOn = stepWorkingDays(from, law.decisionWorkingDays);
    const decision = events.find((e) => e.type === 'HouseholdApproved' || e.type === 'ApprovalRefused');
    const decidedOn =
      decision?.type === 'HouseholdApproved' || decision?.type === 'ApprovalRefused'
        ? decision.data.decidedOn
        : undefined;
    if (lateOn(asOf, dueOn, decidedOn)) {
      expected.push({
        subject: id,
        dueOn,
        why: `the panel of ${recommendation.panelOn} (minutes ${recommendation.minutesFinalisedOn}) ${decidedOn === undefined || decidedOn > asOf ? 'has no decision' : `was decided on ${decidedOn}`}, due by ${dueOn}`,
      });
    }
  }
  return expected;
};
