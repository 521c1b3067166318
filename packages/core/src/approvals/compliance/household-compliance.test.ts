import { describe, expect, it } from 'vitest';
import { unsafeLocalDate as day, englandWorkingDayCalendar } from '../../calendar/index.js';
import { complianceContext } from '../../compliance/context.js';
import type { Finding } from '../../compliance/index.js';
import { defaultAgencyPolicy } from '../../policy/index.js';
import type { HouseholdEvent } from '../events/index.js';
import * as ev from '../events/index.js';
import { evolveHousehold, initialHouseholdState } from '../state.js';
import type { Terms } from '../terms.js';
import { householdCompliance } from './household-compliance.js';

const terms: Terms = {
  maxChildren: 2,
  ageRange: { minAge: 5, maxAge: 12 },
  placementTypes: ['long-term', 'short-breaks'],
  supportPackages: ['enhanced'],
  exemptions: [],
};

const application = (route: 'mainstream' | 'family-and-friends' = 'mainstream'): HouseholdEvent[] => [
  ev.ApplicationReceived.create({
    householdId: 'h1',
    receivedOn: day('2025-01-06'),
    route,
    applicants: [{ adultId: 'a1', name: 'Sam Okoro' }],
    previousServices: [],
  }),
];

const approved = (extra: HouseholdEvent[] = [], withTerms: Terms = terms): HouseholdEvent[] => [
  ...application(),
  ev.PanelScheduled.create({ panelOn: day('2025-06-10'), papersSentOn: day('2025-06-02') }),
  ev.PanelRecommendationMade.create({
    panelOn: day('2025-06-10'),
    recommendation: 'approve',
    minutesFinalisedOn: day('2025-06-12'),
  }),
  ev.HouseholdApproved.create({ decidedOn: day('2025-06-16'), terms: withTerms }),
  ev.FosterCareAgreementSigned.create({ signedOn: day('2025-06-20'), signedBy: ['a1'] }),
  ev.SupervisingSocialWorkerAllocated.create({ sswId: 'ssw-1', allocatedOn: day('2025-06-16') }),
  ...extra,
];

const evaluate = (events: HouseholdEvent[], asOf: string, policy = defaultAgencyPolicy) =>
  householdCompliance(
    events.reduce(evolveHousehold, initialHouseholdState),
    complianceContext(day(asOf), { policy }),
  );

const codes = (findings: ReadonlyArray<Finding>) => findings.map((f) => `${f.rule.id}:${f.code}`).sort();

describe('household compliance as of a date', () => {
  it('a well-kept approved household has no findings, and its deadlines are upcoming', () => {
    const kept = approved([
      ev.TrainingCompleted.create({ adultId: 'a1', course: 'safeguarding', completedOn: day('2025-07-01') }),
      ev.TrainingCompleted.create({ adultId: 'a1', course: 'first-aid', completedOn: day('2025-07-02') }),
    ]);
    const result = evaluate(kept, '2025-08-01');
    expect(result.status).toBe('approved');
    expect(codes(result.findings)).toEqual([]);
    const review = result.deadlines.find((d) => d.code === 'annual-review');
    expect(review).toMatchObject({
      dueOn: '2026-06-16',
      state: 'upcoming',
      rule: { id: 'annual-review', citation: 'FSR 28' },
    });
  });

  it('panel-timing: papers sent fewer than 5 working days before panel, counting bank holidays', () => {
    // Panel Tuesday 2025-05-06; Monday 5 May is a bank holiday, so five working days before is Monday 28 April.
    const events = [
      ...application(),
      ev.PanelScheduled.create({ panelOn: day('2025-05-06'), papersSentOn: day('2025-04-29') }),
    ];
    const papers = evaluate(events, '2025-05-07').deadlines.find((d) => d.code === 'panel-papers');
    expect(papers).toMatchObject({ dueOn: '2025-04-28', state: 'met-late', metOn: '2025-04-29' });
    expect(codes(evaluate(events, '2025-05-07').findings)).toContain('panel-timing:panel-papers');
  });

  it('panel-timing: no recommendation 8 months after the application is overdue', () => {
    expect(codes(evaluate(application(), '2025-09-05').findings)).toEqual([]);
    const late = evaluate(application(), '2025-09-07');
    expect(late.findings).toContainEqual(
      expect.objectContaining({
        code: 'panel-recommendation',
        dueOn: '2025-09-06',
        rule: expect.objectContaining({ id: 'panel-timing' }),
      }),
    );
  });

  it('adm-decision: decision due 7 working days after the later of panel and final minutes', () => {
    const recommended = approved().slice(0, 3);
    const open = evaluate(recommended, '2025-06-13').deadlines.find((d) => d.code === 'adm-decision');
    expect(open).toMatchObject({ dueOn: '2025-06-23', state: 'due-soon' });
    expect(codes(evaluate(recommended, '2025-06-24').findings)).toContain('adm-decision:adm-decision');
    expect(evaluate(approved(), '2025-06-24').deadlines.find((d) => d.code === 'adm-decision')?.state).toBe(
      'met',
    );
  });

  it('annual-review: overdue a year after approval, then a year after the last review', () => {
    expect(codes(evaluate(approved(), '2026-06-17').findings)).toContain('annual-review:annual-review');
    const reviewed = approved([
      ev.AnnualReviewHeld.create({
        reviewedOn: day('2026-05-20'),
        outcome: 'continue',
        panelOn: day('2026-06-01'),
      }),
    ]);
    const due = evaluate(reviewed, '2026-06-17').deadlines.find((d) => d.code === 'annual-review');
    expect(due).toMatchObject({ dueOn: '2027-05-20', state: 'upcoming' });
  });

  it('tsds: due 12 months after approval, 18 for family and friends carers', () => {
    const tsdsOf = (events: HouseholdEvent[]) =>
      evaluate(events, '2025-07-01').deadlines.find((d) => d.code === 'tsds');
    expect(tsdsOf(approved())).toMatchObject({ dueOn: '2026-06-16', subject: { adultId: 'a1' } });
    const kinship = approved().map((e) =>
      e.type === 'ApplicationReceived'
        ? ev.ApplicationReceived.create({ ...e.data, route: 'family-and-friends' })
        : e,
    );
    expect(tsdsOf(kinship)?.dueOn).toBe('2026-12-16');
    const done = approved([
      ev.TrainingCompleted.create({ adultId: 'a1', course: 'tsds', completedOn: day('2026-01-10') }),
    ]);
    expect(evaluate(done, '2026-07-01').deadlines.find((d) => d.code === 'tsds')?.state).toBe('met');
  });

  it('training: missing safeguarding and first aid, parent-and-child where the terms need it, expiry by policy', () => {
    const pac = { ...terms, placementTypes: ['parent-and-child' as const] };
    const findings = codes(evaluate(approved([], pac), '2025-07-01').findings);
    expect(findings).toEqual(
      expect.arrayContaining([
        'training:training-missing-safeguarding',
        'training:training-missing-first-aid',
        'training:training-missing-parent-and-child',
      ]),
    );
    const trained = approved([
      ev.TrainingCompleted.create({ adultId: 'a1', course: 'first-aid', completedOn: day('2022-07-01') }),
    ]);
    expect(codes(evaluate(trained, '2025-07-02').findings)).toContain('training:training-expiry-first-aid');
    const shortRefresh = {
      ...defaultAgencyPolicy,
      approvals: {
        ...defaultAgencyPolicy.approvals,
        trainingRefreshMonths: { safeguarding: 12, firstAid: 12, parentAndChild: 12 },
      },
    };
    const recent = approved([
      ev.TrainingCompleted.create({ adultId: 'a1', course: 'first-aid', completedOn: day('2024-07-01') }),
    ]);
    expect(codes(evaluate(recent, '2025-07-02').findings)).not.toContain(
      'training:training-expiry-first-aid',
    );
    expect(codes(evaluate(recent, '2025-07-02', shortRefresh).findings)).toContain(
      'training:training-expiry-first-aid',
    );
  });

  it('ssw and home-check: a named worker, an unannounced visit and a home check within a year', () => {
    const noWorker = approved().filter((e) => e.type !== 'SupervisingSocialWorkerAllocated');
    expect(codes(evaluate(noWorker, '2025-07-01').findings)).toContain('ssw:ssw-not-allocated');
    const year = codes(evaluate(approved(), '2026-06-17').findings);
    expect(year).toEqual(expect.arrayContaining(['ssw:unannounced-visit', 'home-check:home-check']));
    const visited = approved([
      ev.SupervisoryVisitRecorded.create({ sswId: 'ssw-1', visitedOn: day('2026-03-01'), announced: true }),
      ev.HomeCheckCompleted.create({ checkedOn: day('2026-03-01'), checkedBy: 'ssw-1' }),
    ]);
    const after = codes(evaluate(visited, '2026-06-17').findings);
    expect(after).toContain('ssw:unannounced-visit');
    expect(after).not.toContain('home-check:home-check');
  });

  it('risk-complete: every pet has a pet risk assessment', () => {
    const dog = approved([
      ev.PetRecorded.create({
        petId: 'dog',
        species: 'dog',
        description: 'Staffordshire terrier',
        recordedOn: day('2025-06-01'),
      }),
    ]);
    expect(evaluate(dog, '2025-07-01').findings).toContainEqual(
      expect.objectContaining({
        code: 'pet-risk-assessment-missing',
        subject: { householdId: 'h1', petId: 'dog' },
      }),
    );
    const assessed = [
      ...dog,
      ev.RiskAssessmentRecorded.create({
        assessmentId: 'r',
        kind: 'pet',
        petId: 'dog',
        assessedOn: day('2025-06-30'),
      }),
    ];
    expect(codes(evaluate(assessed, '2025-07-01').findings)).not.toContain(
      'risk-complete:pet-risk-assessment-missing',
    );
  });

  it('flags terms identical to the agency-wide default, unless policy turns it off', () => {
    const template = { ...defaultAgencyPolicy.approvals.defaultTerms, exemptions: [] };
    const defaulted = approved([], template);
    expect(codes(evaluate(defaulted, '2025-07-01').findings)).toContain(
      'approval-before-placement:default-terms',
    );
    const off = {
      ...defaultAgencyPolicy,
      approvals: { ...defaultAgencyPolicy.approvals, flagDefaultTerms: false },
    };
    expect(codes(evaluate(defaulted, '2025-07-01', off).findings)).not.toContain(
      'approval-before-placement:default-terms',
    );
  });

  it('temporary approval: lapsing without full approval is a finding naming the child', () => {
    const temporary = [
      ...application('family-and-friends'),
      ev.TemporarilyApproved.create({
        approvedOn: day('2025-02-03'),
        childId: 'c9',
        expiresOn: day('2025-05-26'),
        terms,
      }),
    ];
    expect(evaluate(temporary, '2025-05-25').status).toBe('temporarily-approved');
    expect(codes(evaluate(temporary, '2025-05-25').findings)).toEqual([
      'approval-before-placement:agreement-unsigned',
      'ssw:ssw-not-allocated',
      'training:training-missing-first-aid',
      'training:training-missing-safeguarding',
    ]);
    // Full approval taking effect on the expiry day (the first day without cover) would still be on time.
    expect(evaluate(temporary, '2025-05-26').status).toBe('temporary-approval-lapsed');
    expect(codes(evaluate(temporary, '2025-05-26').findings)).not.toContain(
      'temporary-approval:temporary-approval-expiry',
    );
    const lapsed = evaluate(temporary, '2025-05-27');
    expect(lapsed.findings).toContainEqual(
      expect.objectContaining({
        code: 'temporary-approval-expiry',
        subject: { householdId: 'h1', childId: 'c9' },
      }),
    );
  });

  it('reports a working-day deadline beyond the calendar as a finding instead of guessing', () => {
    const far = [
      ...application(),
      ev.PanelScheduled.create({ panelOn: day('2031-01-10'), papersSentOn: day('2030-12-20') }),
    ];
    const result = householdCompliance(
      far.reduce(evolveHousehold, initialHouseholdState),
      complianceContext(day('2030-12-21'), { calendar: englandWorkingDayCalendar }),
    );
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        code: 'calendar-not-covered',
        rule: expect.objectContaining({ id: 'panel-timing' }),
      }),
    );
  });
});
