import {
  agencyRecords,
  defaultAgencyPolicy,
  inMemoryEventStore,
  type LocalDate,
  project,
  rules,
  unsafeLocalDate,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from '../agency-handle.js';
import { application, kin, signAgreement } from '../histories/approvals-common.js';
import { approvalJourney, end, household, start, wideTerms } from '../journeys.js';
import { admDecisionExpected, panelTimingExpected } from '../oracles/approvals-deadlines.js';
import { reportedFindings } from '../oracles/approvals-findings.js';
import { householdStreams, statusesOn } from '../oracles/approvals-household.js';
import { temporaryExpected } from '../oracles/approvals-temporary.js';
import { runScript, type ScriptRun } from '../run-script.js';
import { ref, type ScriptStep, script } from '../script.js';
import { approvalsProperties } from './approvals.js';

/**
 * The alert oracles on hand-written histories at their boundaries (a bank holiday inside the working days,
 * month ends), what the projection says of them, and the core bugs the properties found, pinned as expected
 * failures until the core is fixed.
 */

const d = unsafeLocalDate;
const policy = defaultAgencyPolicy;

const run = async (steps: ReadonlyArray<ScriptStep>, asOf: string): Promise<ScriptRun> => {
  const store = inMemoryEventStore();
  const sorted = [...steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const done = await runScript(agencyHandle({ store }), store, script(sorted, d(asOf)));
  const refused = done.outcomes.filter((o) => E.isLeft(o.answer));
  expect(refused.map((o) => o.step.request.command.kind)).toEqual([]);
  return done;
};

const check = (ruleId: string, r: ScriptRun) =>
  approvalsProperties[ruleId]?.check(r, policy) ?? ['no property'];
const dues = (expected: ReadonlyArray<{ dueOn: LocalDate }>) => expected.map((e) => e.dueOn);

interface Assessment {
  readonly from: string;
  readonly papersSentOn: string;
  readonly panelOn?: string;
  readonly minutesOn?: string;
  readonly decidedOn?: string;
}

/** One mainstream assessment, recommended and (when `decidedOn` is given) approved on the days given. */
const assessed = ({ from, papersSentOn, panelOn, minutesOn, decidedOn }: Assessment): ScriptStep[] => {
  const on = (date: string) => d(date);
  const day = (n: number) => d(new Date(Date.parse(from) + n * 86_400_000).toISOString().slice(0, 10));
  const steps: ScriptStep[] = [
    application('h1', on(from), 'mainstream'),
    ...[1, 2].map((n) =>
      household('h1', day(10), {
        kind: 'InterviewReferee',
        refereeId: ref(`referee-${n}`),
        name: `Referee ${n}`,
        relationship: 'friend',
        interviewedOn: day(10),
      }),
    ),
    household('h1', day(20), {
      kind: 'CompleteAssessmentReport',
      completedOn: day(20),
      proposedTerms: wideTerms,
    }),
  ];
  if (panelOn === undefined) return steps;
  const minutes = on(minutesOn ?? panelOn);
  steps.push(
    household('h1', on(papersSentOn), {
      kind: 'SchedulePanel',
      panelOn: on(panelOn),
      papersSentOn: on(papersSentOn),
    }),
    household('h1', minutes, {
      kind: 'RecordPanelRecommendation',
      panelOn: on(panelOn),
      recommendation: 'approve',
      minutesFinalisedOn: minutes,
    }),
  );
  if (decidedOn !== undefined)
    steps.push(
      household('h1', on(decidedOn), { kind: 'Approve', decidedOn: on(decidedOn), terms: wideTerms }),
    );
  return steps;
};

describe('panel-timing oracle', () => {
  // The early May bank holiday (Monday 5 May 2025) sits between the papers and a Tuesday panel.
  const papers = (papersSentOn: string) =>
    assessed({ from: '2025-01-06', papersSentOn, panelOn: '2025-05-06', decidedOn: '2025-05-07' });

  it('papers on the 5th working day before the panel are on time; a day later they are late', async () => {
    const onTime = await run(papers('2025-04-28'), '2025-06-01');
    expect(panelTimingExpected(onTime)).toEqual([]);
    expect(check(rules.panelTiming.id, onTime)).toEqual([]);
    const late = await run(papers('2025-04-29'), '2025-06-01');
    expect(dues(panelTimingExpected(late))).toEqual(['2025-04-28']);
    expect(check(rules.panelTiming.id, late)).toEqual([]);
  });

  it('a recommendation is due 8 months on, the last day of a shorter month', async () => {
    const recommendedOn = (panelOn: string) =>
      assessed({ from: '2024-01-31', papersSentOn: '2024-09-16', panelOn, decidedOn: '2024-10-02' });
    const onTime = await run(recommendedOn('2024-09-30'), '2024-11-01');
    expect(panelTimingExpected(onTime)).toEqual([]);
    const late = await run(recommendedOn('2024-10-01'), '2024-11-01');
    expect(dues(panelTimingExpected(late))).toEqual(['2024-09-30']);
    expect(check(rules.panelTiming.id, late)).toEqual([]);
    const pending = assessed({ from: '2024-01-31', papersSentOn: '2024-01-31' });
    expect(panelTimingExpected(await run(pending, '2024-09-30'))).toEqual([]);
    const overdue = await run(pending, '2024-10-01');
    expect(dues(panelTimingExpected(overdue))).toEqual(['2024-09-30']);
    expect(check(rules.panelTiming.id, overdue)).toEqual([]);
  });

  it('a projection that lost the panel schedule is caught', async () => {
    const late = await run(papers('2025-04-29'), '2025-06-01');
    const records = project(agencyRecords)(late.events.filter((e) => e.type !== 'PanelScheduled'));
    expect(check(rules.panelTiming.id, { ...late, records }).join('\n')).toMatch(
      /should report it due 2025-04-28; the projection reports nothing for it/,
    );
  });
});

describe('adm-decision oracle', () => {
  // Christmas, Boxing Day and New Year's Day fall within the 7 working days after the minutes.
  const decided = (decidedOn?: string) =>
    assessed({
      from: '2024-06-03',
      papersSentOn: '2024-12-05',
      panelOn: '2024-12-19',
      minutesOn: '2024-12-20',
      ...(decidedOn === undefined ? {} : { decidedOn }),
    });

  it('due on the 7th working day after the later of panel and minutes', async () => {
    expect(admDecisionExpected(await run(decided('2025-01-03'), '2025-02-01'))).toEqual([]);
    const late = await run(decided('2025-01-06'), '2025-02-01');
    expect(dues(admDecisionExpected(late))).toEqual(['2025-01-03']);
    expect(check(rules.admDecision.id, late)).toEqual([]);
    expect(admDecisionExpected(await run(decided(), '2025-01-03'))).toEqual([]);
    const overdue = await run(decided(), '2025-01-04');
    expect(dues(admDecisionExpected(overdue))).toEqual(['2025-01-03']);
    expect(check(rules.admDecision.id, overdue)).toEqual([]);
  });

  it('a projection that lost the recommendation is caught', async () => {
    const late = await run(decided('2025-01-06'), '2025-02-01');
    const records = project(agencyRecords)(late.events.filter((e) => e.type !== 'PanelRecommendationMade'));
    expect(check(rules.admDecision.id, { ...late, records }).join('\n')).toMatch(
      /should report it due 2025-01-03/,
    );
  });
});

describe('notice-28 oracle', () => {
  it('a resignation ends approval on the 28th day after it was received, not before', async () => {
    const steps = [
      ...approvalJourney('h1', { from: d('2024-09-02') }),
      household('h1', d('2025-03-03'), { kind: 'ReceiveResignation', receivedOn: d('2025-03-03') }),
    ];
    const r = await run(steps, '2025-04-01');
    const events = [...householdStreams(r).values()][0] ?? [];
    expect(statusesOn(events, d('2025-03-30'))).toEqual(['approved', 'suspended']);
    expect(statusesOn(events, d('2025-03-31'))).toEqual(['resigned']);
    expect(check(rules.notice28.id, r)).toEqual([]);
    // A projection that missed the resignation shows the household approved after it ended.
    const records = project(agencyRecords)(r.events.filter((e) => e.type !== 'ResignationReceived'));
    expect(check(rules.notice28.id, { ...r, records }).join('\n')).toMatch(
      /on 2025-03-31 the approvals register shows approved, but the events \(resignation received 2025-03-03, approval ending 2025-03-31\) imply resigned/,
    );
  });
});

/** A connected person temporarily approved on 8 January 2024 for 16 weeks: it expires on 29 April 2024. */
const connected = (extra: ReadonlyArray<ScriptStep>): ScriptStep[] => [
  ...kin('kin'),
  application('h1', d('2024-01-08'), 'family-and-friends'),
  household('h1', d('2024-01-08'), {
    kind: 'ApproveTemporarily',
    approvedOn: d('2024-01-08'),
    childId: ref('kin'),
    terms: wideTerms,
  }),
  signAgreement('h1', d('2024-01-08')),
  ...extra,
];
const placed = start('p1', { child: 'kin', household: 'h1', on: d('2024-01-08') });
const fullyApproved = (decidedOn: string): ScriptStep[] => [
  ...assessed({
    from: '2024-01-08',
    papersSentOn: '2024-03-29',
    panelOn: '2024-04-10',
    minutesOn: '2024-04-12',
  }).slice(1),
  household('h1', d(decidedOn), { kind: 'Approve', decidedOn: d(decidedOn), terms: wideTerms }),
];

describe('temporary-approval oracle', () => {
  it('a placement still open once the approval expired is reported, due that day; ended before it, only the lapse', async () => {
    expect(temporaryExpected(await run(connected([placed]), '2024-04-29'))).toMatchObject({
      placements: [],
      households: [],
    });
    const open = temporaryExpected(await run(connected([placed]), '2024-04-30'));
    expect(dues(open.placements)).toEqual(['2024-04-29']);
    expect(dues(open.households)).toEqual(['2024-04-29']);
    const ended = temporaryExpected(await run(connected([placed, end('p1', d('2024-04-20'))]), '2024-06-01'));
    expect(ended.placements).toEqual([]);
    expect(dues(ended.households)).toEqual(['2024-04-29']);
  });
});

describe('core bugs the approvals properties found', () => {
  it('panel-timing: the oracle expects a temporarily approved applicant’s 8 months to run out', async () => {
    const r = await run(connected([]), '2024-09-09');
    expect(dues(panelTimingExpected(r))).toEqual(['2024-09-08']);
  });
  // household-compliance.ts adds the recommendation deadline only `if (state.temporary === undefined ||
  // state.recommendation !== undefined)`: a connected person's assessment may run on for ever unreported.
  it('panel-timing: the projection reports a temporarily approved applicant with no recommendation in 8 months', async () => {
    expect(check(rules.panelTiming.id, await run(connected([]), '2024-09-09'))).toEqual([]);
  });

  // placement-compliance.ts sets the deadline for every placement of the named child, met by the earlier of
  // its end and full approval: a placement made after full approval, itself after the lapse, is "met late".
  it('temporary-approval: a placement made after full approval is not reported as outliving the temporary one', async () => {
    const later = start('p2', { child: 'kin', household: 'h1', on: d('2024-05-01') });
    const r = await run(connected([...fullyApproved('2024-04-30'), later]), '2024-05-02');
    expect(temporaryExpected(r).placements).toEqual([]);
    expect(
      reportedFindings(r, policy, rules.temporaryApproval.id).filter((f) => f.subject.placementId),
    ).toEqual([]);
  });

  // Both lapse deadlines are due the day before `expiresOn`; but a placement ended on `expiresOn` (its first day
  // without the child) or full approval decided that day (status `approved` from then) leaves no day uncovered.
  it('temporary-approval: ending the placement, or approving fully, on the day it expires is on time', async () => {
    const r = await run(
      connected([placed, end('p1', d('2024-04-29')), ...fullyApproved('2024-04-29')]),
      '2024-05-10',
    );
    expect(temporaryExpected(r)).toMatchObject({ placements: [], households: [] });
    expect(reportedFindings(r, policy, rules.temporaryApproval.id)).toEqual([]);
  });
});
