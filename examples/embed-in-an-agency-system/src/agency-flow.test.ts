import { type EventStore, type ManualClock, manualClock } from '@fostering/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicDates, placement, recordTheAgency, startRiley } from './__fixtures__/agency.js';
import { everything, recorder, type Service, ssw, startService, streamOf } from './__fixtures__/service.js';
import { openStore } from './store.js';

interface Entry {
  readonly on: string;
  readonly until?: string;
  readonly kind: string;
  readonly label: string;
  readonly late?: boolean;
  readonly recordedOn?: string;
  readonly rule?: { readonly id: string; readonly citation: string };
}
interface RuleRef {
  readonly id: string;
  readonly citation: string;
}
interface Pack {
  readonly placementId: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly timeline: ReadonlyArray<Entry>;
  readonly deadlines: ReadonlyArray<{
    readonly rule: RuleRef;
    readonly code: string;
    readonly state: string;
    readonly dueOn: string;
    readonly metOn?: string;
  }>;
  readonly lateRecordings: ReadonlyArray<{ readonly eventType: string; readonly daysLate: number }>;
  readonly openFindings: ReadonlyArray<{ readonly rule: RuleRef }>;
  readonly sources: { readonly streams: ReadonlyArray<string>; readonly events: number };
}
interface Report {
  readonly byRule: ReadonlyArray<{
    readonly rule: RuleRef;
    readonly count: number;
    readonly records: ReadonlyArray<{ readonly subject: Record<string, string>; readonly code: string }>;
  }>;
  readonly population: Record<string, number>;
  readonly totals: { readonly findings: number; readonly rulesWithFindings: number };
}

const period = 'from=2025-03-01&to=2025-06-30';

describe('an agency system embedding the core, on embedded PostgreSQL (PGlite)', () => {
  let clock: ManualClock;
  let store: EventStore;
  let service: Service;

  beforeAll(async () => {
    clock = manualClock(new Date('2024-06-01T12:00:00Z'));
    store = await openStore({ kind: 'pglite' }, clock);
    service = await startService({ store, clock });
    // Application to approval, Riley registered and placed, clinics, visits and respite: all over HTTP.
    await recordTheAgency(recorder(service, clock));
  }, 30_000);

  afterAll(async () => {
    await service?.close();
    await store?.close();
  });

  it('wrote every step to its stream, attributed and dated as sent', async () => {
    const household = await streamOf(store, 'household-h-morgan');
    expect(household.map((e) => e.type)).toEqual([
      'ApplicationReceived',
      'AssessmentStarted',
      'AssessmentStarted',
      'TherapeuticCourseCompleted',
      'RefereeInterviewed',
      'RefereeInterviewed',
      'AssessmentReportCompleted',
      'PanelScheduled',
      'PanelRecommendationMade',
      'HouseholdApproved',
      'FosterCareAgreementSigned',
      'SupervisingSocialWorkerAllocated',
      'SafeCarePlanRecorded',
      'ChildJoinedHousehold',
    ]);
    expect(household[0]).toMatchObject({
      actor: { id: 'ssw-amina', role: 'supervising-social-worker' },
      occurredAt: new Date('2024-06-03T12:00:00Z'),
    });
    // The start went to three streams in one transaction.
    const [started] = await streamOf(store, 'placement-p-riley');
    const childPlaced = (await streamOf(store, 'child-c-riley')).find((e) => e.type === 'ChildPlaced');
    expect(started?.type).toBe('PlacementStarted');
    expect(childPlaced?.correlationId).toBe(started?.correlationId);
    expect(household.at(-1)?.correlationId).toBe(started?.correlationId);
  });

  it('serves the review pack as HTML with the SVG timeline, one mark per entry', async () => {
    const html = await service.request('GET', `${placement}/review-pack?${period}&format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.text).toContain('<svg');
    const json = (await service.request('GET', `${placement}/review-pack?${period}&format=json`))
      .json as Pack;
    const kinds = [...new Set(json.timeline.map((e) => e.kind))];
    expect(kinds).toEqual(expect.arrayContaining(['placement', 'clinic', 'visit', 'respite']));
    for (const kind of kinds) {
      const marks = html.text.match(new RegExp(`class="mark mark-${kind}[ "]`, 'g')) ?? [];
      expect(marks.length, kind).toBe(json.timeline.filter((e) => e.kind === kind).length);
    }
    // The visit written up eighteen days late is drawn as late.
    expect(html.text).toMatch(/class="mark mark-visit day late"[^>]*data-on="2025-04-07"/);
  });

  it('serves the review pack as Markdown', async () => {
    const md = await service.request('GET', `${placement}/review-pack?${period}&format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.text).toMatch(/^# /);
    expect(md.text).toContain('p-riley');
    expect(md.text).toContain('| ');
    expect(md.text).toContain('clinic-cadence');
  });

  it('serves the review pack as JSON: the placement, its timeline, deadlines with their rules', async () => {
    const answer = await service.request('GET', `${placement}/review-pack?${period}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const pack = answer.json as Pack;
    expect(pack).toMatchObject({
      placementId: 'p-riley',
      period: { from: '2025-03-01', to: '2025-06-30' },
      asOf: { by: 'occurred', on: '2025-06-30' },
      child: { childId: 'c-riley', displayName: 'R. M.', placingAuthority: 'Shropshire' },
      household: { householdId: 'h-morgan', carers: ['Alex Morgan'], status: 'approved' },
      placement: { startedOn: '2025-03-03', kind: 'long-term', supportPackage: 'enhanced' },
      respite: { used: 3 },
    });
    const marks = (kind: string) => pack.timeline.filter((e) => e.kind === kind);
    expect(marks('placement').map((e) => [e.on, e.until ?? null, e.label])).toEqual([
      ['2025-03-03', '2025-06-30', 'In placement'],
      ['2025-03-03', null, 'Placement started (long-term)'],
    ]);
    expect(
      marks('clinic')
        .filter((e) => e.label.startsWith('Clinic session held'))
        .map((e) => e.on),
    ).toEqual(clinicDates);
    expect(marks('respite')).toEqual([expect.objectContaining({ on: '2025-05-10', until: '2025-05-12' })]);
    expect(marks('visit')).toEqual([
      expect.objectContaining({ on: '2025-03-09' }),
      expect.objectContaining({ on: '2025-04-07', late: true, recordedOn: '2025-04-25' }),
    ]);
    expect(pack.lateRecordings).toEqual([
      expect.objectContaining({ eventType: 'SocialWorkerVisitRecorded', daysLate: 18 }),
    ]);
    expect(pack.deadlines.length).toBeGreaterThan(0);
    for (const deadline of pack.deadlines) {
      expect(deadline.rule.id).toMatch(/^[a-z-]+$/);
      expect(deadline.rule.citation).not.toBe('');
    }
    const plan = pack.deadlines.find((d) => d.rule.id === 'placement-plan');
    expect(plan).toMatchObject({ state: 'met', metOn: '2025-03-05', rule: { citation: 'CPPR 9' } });
    const ruleIds = new Set(pack.deadlines.map((d) => d.rule.id));
    expect([...ruleIds]).toEqual(
      expect.arrayContaining(['placement-plan', 'child-visits', 'clinic-cadence']),
    );
    expect(pack.openFindings.map((f) => f.rule.id)).toContain('risk-complete');
    expect(pack.sources.streams).toEqual(
      expect.arrayContaining(['placement-p-riley', 'child-c-riley', 'household-h-morgan', 'clinic-s-morgan']),
    );
  });

  it('replays the pack as it had been recorded on a date: the late visit is not there yet', async () => {
    const answer = await service.request(
      'GET',
      `${placement}/review-pack?from=2025-03-01&to=2025-04-15&asRecordedAt=2025-04-15`,
    );
    expect(answer.status).toBe(200);
    const pack = answer.json as Pack & { readonly asOf: unknown };
    expect(pack.asOf).toEqual({ by: 'recorded', on: '2025-04-15' });
    expect(pack.timeline.filter((e) => e.kind === 'visit').map((e) => e.on)).toEqual(['2025-03-09']);
  });

  it('serves the compliance report grouped by rule', async () => {
    const answer = await service.request('GET', '/compliance?asOf=2025-06-30');
    expect(answer.status).toBe(200);
    const report = answer.json as Report;
    expect(report).toMatchObject({
      asOf: { by: 'occurred', on: '2025-06-30' },
      population: { households: 1, approvedHouseholds: 1, children: 1, placementsOpen: 1, clinicSeries: 1 },
    });
    expect(report.byRule.length).toBe(report.totals.rulesWithFindings);
    expect(report.byRule.reduce((n, group) => n + group.count, 0)).toBe(report.totals.findings);
    for (const group of report.byRule) {
      expect(group.rule.citation).not.toBe('');
      expect(group.count).toBe(group.records.length);
    }
    const counts = report.byRule.map((group) => group.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const allergy = report.byRule.find((group) => group.rule.id === 'risk-complete');
    expect(allergy?.records).toEqual([
      expect.objectContaining({ subject: expect.objectContaining({ householdId: 'h-morgan' }) }),
    ]);

    const html = await service.request('GET', '/compliance?asOf=2025-06-30&format=html');
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('risk-complete');
    const md = await service.request('GET', '/compliance?asOf=2025-06-30&format=md');
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.text).toContain('risk-complete');
  });

  it('refuses a placement outside the terms of approval (rule terms, 422) and writes nothing', async () => {
    clock.set(new Date('2025-06-02T12:00:00Z'));
    const record = recorder(service, clock);
    // Sam is 16: the Morgans are approved for children aged 5 to 15.
    await record(
      '/children/c-sam/commands',
      {
        kind: 'RegisterChild',
        childId: 'c-sam',
        name: 'Sam Lee',
        dateOfBirth: '2009-01-15',
        legalStatus: 'section-20',
        placingAuthority: 'Telford and Wrekin',
        registeredOn: '2025-06-02',
      },
      '2025-06-02',
    );
    const before = await everything(store);
    const answer = await service.request('POST', '/placements/p-sam/start', {
      body: { ...startRiley, placementId: 'p-sam', childId: 'c-sam', startedOn: '2025-06-02' },
      headers: { ...ssw, 'x-occurred-at': '2025-06-02' },
    });
    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({
      error: 'RuleViolation',
      rule: { id: 'terms', citation: 'CPPR 23' },
      field: 'householdId',
      message: expect.stringContaining('age 16'),
      details: { outside: ['age 16'] },
    });
    expect(Object.keys(answer.json as object)).not.toContain('stack');
    expect(await everything(store)).toEqual(before);
    expect(await streamOf(store, 'placement-p-sam')).toEqual([]);
  });

  it('refuses a placement with a household not yet approved (rule approval-before-placement)', async () => {
    const record = recorder(service, clock);
    await record(
      '/households/h-patel/commands',
      {
        kind: 'ReceiveApplication',
        householdId: 'h-patel',
        receivedOn: '2025-05-01',
        route: 'mainstream',
        applicants: [{ adultId: 'adult-priya', name: 'Priya Patel' }],
        previousServices: [],
      },
      '2025-05-01',
      '2025-06-02',
    );
    const before = await everything(store);
    const answer = await service.request('POST', '/placements/p-sam/start', {
      body: {
        ...startRiley,
        placementId: 'p-sam',
        childId: 'c-sam',
        householdId: 'h-patel',
        startedOn: '2025-06-02',
      },
      headers: ssw,
    });
    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({
      error: 'RuleViolation',
      rule: { id: 'approval-before-placement', citation: 'FSR 27(5)' },
    });
    expect(await everything(store)).toEqual(before);
  });

  it('answers a command with the events it recorded, their revisions and positions, and the next revision', async () => {
    clock.set(new Date('2025-07-16T12:00:00Z'));
    const answer = await service.request('POST', `${placement}/commands`, {
      body: { kind: 'HoldStabilityMeeting', heldOn: '2025-07-15' },
      headers: {
        ...ssw,
        'x-occurred-at': '2025-07-15',
        'x-correlation-id': 'review-2025-07',
        'if-match': '1',
      },
    });
    expect(answer.status).toBe(201);
    const stored = (await streamOf(store, 'placement-p-riley')).at(-1);
    expect(answer.json).toEqual({
      streamId: 'placement-p-riley',
      events: [
        {
          type: 'StabilityMeetingHeld',
          streamId: 'placement-p-riley',
          streamRevision: 2,
          globalPosition: stored?.globalPosition,
          eventId: stored?.eventId,
        },
      ],
      nextExpectedRevision: 2,
      correlationId: 'review-2025-07',
    });
    expect(answer.headers.get('etag')).toBe('"2"');
    expect(stored).toMatchObject({
      type: 'StabilityMeetingHeld',
      correlationId: 'review-2025-07',
      occurredAt: new Date('2025-07-15T12:00:00Z'),
      recordedAt: new Date('2025-07-16T12:00:00Z'),
    });
  });
  it('ends the placement on its three streams at once; ending it twice is 409', async () => {
    clock.set(new Date('2025-08-01T12:00:00Z'));
    const ending = {
      endedOn: '2025-08-01',
      planned: true,
      reason: 'returned home',
      childAddressAfter: '3 Mill Lane',
    };
    const early = await service.request('POST', `${placement}/end`, {
      body: { ...ending, endedOn: '2025-01-01' },
      headers: ssw,
    });
    expect(early.status).toBe(400);
    expect(early.json).toMatchObject({ error: 'InvalidCommand', field: 'endedOn' });
    // `kind` may be left out on /start and /end: the route says which command it is.
    const ended = await service.request('POST', `${placement}/end`, {
      body: ending,
      headers: { ...ssw, 'x-occurred-at': '2025-08-01' },
    });
    expect(ended.status).toBe(201);
    const { events, nextExpectedRevision } = ended.json as {
      readonly events: ReadonlyArray<{ readonly streamId: string; readonly type: string }>;
      readonly nextExpectedRevision: number;
    };
    expect(events.map((e) => [e.streamId, e.type])).toEqual([
      ['placement-p-riley', 'PlacementEnded'],
      ['household-h-morgan', 'ChildLeftHousehold'],
      ['child-c-riley', 'ChildPlacementEnded'],
    ]);
    expect(nextExpectedRevision).toBe((await streamOf(store, 'placement-p-riley')).length - 1);
    const again = await service.request('POST', `${placement}/end`, { body: ending, headers: ssw });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: 'NotAllowedNow' });
  });
});
