import { addDays, addMonths, type LocalDate } from '@fostering/core';
import fc from 'fast-check';
import { household, wideTerms } from '../journeys.js';
import { later, plusMonths, stepWorkingDays } from '../oracles/approvals-calendar.js';
import { ref, type Script, type ScriptStep } from '../script.js';
import { application, base, days, edge, racing, scriptOf, weighted } from './approvals-common.js';

/**
 * Assessments from application to the agency's decision, varied where rules `referees`, `panel-timing` and
 * `adm-decision` bite: referees missing, interviewed twice, on the panel day or after it, or recorded late;
 * previous fostering services whose approval ended just inside or just outside the 12 months before the
 * application, with their reference received before, on or after the panel day, or never; panel papers 3 to 8
 * working days ahead (or a number of calendar days); panels either side of 8 months after the application,
 * sometimes rescheduled; minutes finalised late; decisions 0 to 15 working days on, or never; connected
 * people temporarily approved while assessed. The recommendation sometimes races a second recording of it or
 * the last referee interview. The day judged on falls on, just before or just after one household's deadlines.
 */

type Service =
  | { readonly ended: 'ongoing' | 'after-application'; readonly reference: When }
  | { readonly ended: number; readonly reference: When };
type When = 'none' | 'before' | 'panel-day' | 'after';
type RefereeWhen = 'before' | 'panel-day' | 'after' | 'late-recorded';

const service: fc.Arbitrary<Service> = fc.record({
  ended: weighted(
    [2, fc.constantFrom('ongoing' as const, 'after-application' as const)],
    // Days before the application, around 12 months (365 or 366) and elsewhere.
    [3, days(363, 368)],
    [1, days(20, 900)],
  ),
  reference: fc.constantFrom<When>('none', 'before', 'before', 'panel-day', 'after'),
});

const referee = fc.record({
  who: days(1, 3),
  when: fc.constantFrom<RefereeWhen>('before', 'before', 'panel-day', 'after', 'late-recorded'),
});

const plan = fc.record({
  startsAfter: days(0, 500),
  route: weighted([4, fc.constant('mainstream' as const)], [1, fc.constant('family-and-friends' as const)]),
  temporary: fc.boolean(),
  services: weighted([3, fc.constant<Service[]>([])], [2, fc.array(service, { minLength: 1, maxLength: 2 })]),
  referees: weighted(
    [
      4,
      fc.constant<Array<{ who: number; when: RefereeWhen }>>([
        { who: 1, when: 'before' },
        { who: 2, when: 'before' },
      ]),
    ],
    [3, fc.array(referee, { maxLength: 4 })],
  ),
  report: weighted([9, fc.constant(true)], [1, fc.constant(false)]),
  panel: weighted(
    [3, days(90, 220)],
    [3, edge.map((shift) => ({ eightMonths: shift }))],
    [1, days(230, 330)],
  ),
  papers: weighted(
    [4, days(3, 7).map((n) => ({ workingDays: n }))],
    [1, days(8, 15).map((n) => ({ workingDays: n }))],
    [1, days(0, 10).map((n) => ({ calendarDays: n }))],
  ),
  reschedule: weighted([5, fc.constant(false)], [1, fc.constant(true)]),
  recommendation: weighted(
    [1, fc.constant(undefined)],
    [
      8,
      fc.record({
        scheduled: weighted([9, fc.constant(true)], [1, fc.constant(false)]),
        minutes: weighted([3, days(0, 3)], [2, days(4, 10)], [1, fc.constant(-1)]),
        recordedAfter: days(0, 3),
        outcome: fc.constantFrom('approve' as const, 'approve' as const, 'refuse' as const),
        race: weighted(
          [6, fc.constant(undefined)],
          [1, fc.constantFrom('recommendation' as const, 'referee' as const)],
        ),
      }),
    ],
  ),
  decision: weighted(
    [2, fc.constant(undefined)],
    [
      6,
      fc.record({
        kind: fc.constantFrom('approve' as const, 'approve' as const, 'refuse' as const),
        workingDays: weighted([3, days(6, 8)], [2, days(0, 15)]),
      }),
    ],
    [1, fc.constant('refuse-early' as const)],
  ),
});
type Plan = typeof plan extends fc.Arbitrary<infer P> ? P : never;

/** A household's steps, and the deadlines the day judged on may aim at. */
const assessment = (name: string, p: Plan): { steps: ScriptStep[]; deadlines: LocalDate[] } => {
  const from = addDays(base, p.startsAfter);
  const after = (date: LocalDate) => (date < from ? from : date);
  const panelOn =
    typeof p.panel === 'number' ? addDays(from, p.panel) : addDays(addMonths(from, 8), p.panel.eightMonths);
  const papersSentOn = after(
    'workingDays' in p.papers
      ? stepWorkingDays(panelOn, -p.papers.workingDays)
      : addDays(panelOn, -p.papers.calendarDays),
  );
  const services = p.services.map((s, i) => ({
    serviceId: `${name}-service-${i + 1}`,
    serviceName: `Service ${i + 1}`,
    ...(s.ended === 'ongoing'
      ? {}
      : { approvalEndedOn: s.ended === 'after-application' ? addDays(from, 10) : addDays(from, -s.ended) }),
  }));
  const at = (when: When | RefereeWhen, early: LocalDate) =>
    when === 'before' ? early : when === 'panel-day' ? panelOn : addDays(panelOn, 1);
  const steps: ScriptStep[] = [application(name, from, p.route, services)];
  if (p.temporary && p.route === 'family-and-friends') {
    steps.push(
      household(name, addDays(from, 3), {
        kind: 'ApproveTemporarily',
        approvedOn: addDays(from, 3),
        childId: ref(`${name}-kin`),
        terms: wideTerms,
      }),
    );
  }
  steps.push(
    household(name, addDays(from, 7), { kind: 'StartAssessment', stage: 1, startedOn: addDays(from, 7) }),
  );
  p.services.forEach((s, i) => {
    if (s.reference === 'none') return;
    const on = after(at(s.reference, addDays(from, 30)));
    const serviceId = services[i]?.serviceId ?? '';
    steps.push(household(name, on, { kind: 'ReceivePreviousServiceReference', serviceId, receivedOn: on }));
  });
  const interviews = p.referees.map(({ who, when }) => {
    const on = after(at(when, addDays(from, 40 + who * 3)));
    return household(name, on, {
      kind: 'InterviewReferee',
      refereeId: ref(`${name}-referee-${who}`),
      name: `Referee ${who}`,
      relationship: 'neighbour',
      interviewedOn: when === 'late-recorded' ? after(addDays(panelOn, -2)) : on,
    });
  });
  const rec = p.recommendation;
  const racedInterview = rec?.race === 'referee' ? interviews.pop() : undefined;
  steps.push(...interviews);
  if (p.report) {
    const on = after(addDays(papersSentOn, -10));
    steps.push(
      household(name, on, { kind: 'CompleteAssessmentReport', completedOn: on, proposedTerms: wideTerms }),
    );
  }
  if (p.reschedule) {
    const on = after(addDays(papersSentOn, -21));
    steps.push(
      household(name, on, { kind: 'SchedulePanel', panelOn: addDays(panelOn, -21), papersSentOn: on }),
    );
  }
  steps.push(household(name, papersSentOn, { kind: 'SchedulePanel', panelOn, papersSentOn }));
  const minutesOn =
    rec === undefined
      ? panelOn
      : rec.minutes < 0
        ? addDays(panelOn, -1)
        : stepWorkingDays(panelOn, rec.minutes);
  const deadlines = [stepWorkingDays(panelOn, -5), plusMonths(from, 8)];
  let recordedOn = panelOn;
  if (rec !== undefined) {
    recordedOn = addDays(later(minutesOn, panelOn), rec.recordedAfter);
    const recommend = household(name, recordedOn, {
      kind: 'RecordPanelRecommendation',
      panelOn: rec.scheduled ? panelOn : addDays(panelOn, 1),
      recommendation: rec.outcome,
      minutesFinalisedOn: minutesOn,
    });
    if (racedInterview !== undefined) steps.push({ ...racedInterview, on: recordedOn }, racing(recommend));
    else steps.push(recommend, ...(rec.race === 'recommendation' ? [racing(recommend)] : []));
    // Twice: the decision's deadline is the one most often still open at the end.
    const decisionDue = stepWorkingDays(later(minutesOn, panelOn), 7);
    deadlines.push(decisionDue, decisionDue);
  }
  const d = p.decision;
  if (d === 'refuse-early' || (d !== undefined && d.kind === 'refuse')) {
    const decidedOn =
      d === 'refuse-early' ? addDays(from, 60) : stepWorkingDays(later(minutesOn, panelOn), d.workingDays);
    steps.push(
      household(name, d === 'refuse-early' ? decidedOn : later(decidedOn, recordedOn), {
        kind: 'Refuse',
        decidedOn,
        noticeGivenOn: decidedOn,
        takesEffectOn: addDays(decidedOn, 35),
        reason: 'not suitable',
      }),
    );
  } else if (d !== undefined) {
    const decidedOn = stepWorkingDays(later(minutesOn, panelOn), d.workingDays);
    steps.push(
      household(name, later(decidedOn, recordedOn), {
        kind: 'Approve',
        decidedOn,
        terms: wideTerms,
      }),
    );
  }
  return { steps, deadlines };
};

/** One to three households assessed; judged on a day at one household's deadline (±1), or well after. */
export const assessmentHistories = (): fc.Arbitrary<Script> =>
  fc
    .record({
      plans: fc.array(plan, { minLength: 1, maxLength: 3 }),
      judged: fc.record({
        deadline: fc.nat(),
        shift: edge,
        far: weighted([4, fc.constant(0)], [1, days(30, 400)]),
      }),
    })
    .map(({ plans, judged }) => {
      const households = plans.map((p, i) => assessment(`h${i + 1}`, p));
      const steps = households.flatMap((h) => h.steps);
      const last = steps.reduce((max, s) => later(max, s.on), base);
      // Deadlines not yet passed by the last step, where judging on the day before, of and after them matters.
      const all = households.flatMap((h) => h.deadlines);
      const open = all.filter((d) => addDays(d, judged.shift) >= last);
      const deadlines = open.length > 0 ? open : all;
      const aim = deadlines[judged.deadline % deadlines.length] ?? base;
      return scriptOf(steps, addDays(aim, judged.shift + judged.far));
    });
