import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { addDays, unsafeLocalDate as d, type LocalDate } from '../calendar/index.js';
import type { EventStore } from '../eventsourcing/index.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { rileysPlacement } from './__fixtures__/riley.js';
import { loadReviewPack } from './load.js';

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const period = { placementId: 'p1', from: d('2025-03-01'), to: d('2025-08-31') };

describe('review pack', () => {
  it('lays out the placement, clinics, visits and respite of the period on one timeline', async () => {
    const { store, sessions } = await rileysPlacement();
    const pack = right(await loadReviewPack(store, period));
    const marks = (kind: string) => pack.timeline.filter((entry) => entry.kind === kind);
    expect(marks('placement').map((m) => [m.on, m.until, m.label])).toEqual([
      ['2025-03-03', '2025-08-31', 'In placement'],
      ['2025-03-03', undefined, 'Placement started (long-term)'],
    ]);
    expect(
      marks('clinic')
        .filter((m) => m.label.startsWith('Clinic session held'))
        .map((m) => m.on),
    ).toEqual(sessions);
    expect(marks('respite')).toEqual([
      { on: '2025-05-10', until: '2025-05-12', kind: 'respite', label: 'Respite, 3 days' },
    ]);
    expect(marks('visit').map((m) => m.on)).toEqual(['2025-03-09', '2025-04-07']);
    expect(pack.timeline.map((m) => m.on)).toEqual([...pack.timeline.map((m) => m.on)].sort());
    expect(pack.respite).toMatchObject({
      entitlement: defaultAgencyPolicy.placements.respiteDaysPerYear.enhanced,
      used: 3,
    });
    expect(pack.child).toEqual({
      childId: 'c1',
      displayName: 'R. M.',
      ageAtEnd: 11,
      placingAuthority: 'Shropshire',
    });
    expect(pack.household).toMatchObject({ householdId: 'h1', carers: ['Carer of h1'], status: 'approved' });
    expect(pack.placement).toMatchObject({
      startedOn: '2025-03-03',
      kind: 'long-term',
      supportPackage: 'enhanced',
    });
  });

  it('flags what was written up late, and cites the rule of every deadline and finding', async () => {
    const { store, sessions } = await rileysPlacement();
    const pack = right(await loadReviewPack(store, period));
    expect(pack.lateRecordings).toEqual([
      expect.objectContaining({
        eventType: 'SocialWorkerVisitRecorded',
        occurredOn: '2025-04-07',
        daysLate: 18,
      }),
    ]);
    expect(pack.timeline.filter((m) => m.late)).toEqual([
      expect.objectContaining({ kind: 'visit', on: '2025-04-07', recordedOn: '2025-04-25' }),
    ]);
    const notes = pack.deadlines.find((dl) => dl.code === 'clinic-notes' && dl.state === 'met-late');
    expect(notes).toMatchObject({
      rule: { id: 'clinic-cadence' },
      metOn: addDays(sessions[3] as LocalDate, 12),
    });
    const missed = pack.timeline.filter((m) => m.kind === 'deadline-missed');
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((m) => m.rule !== undefined && m.rule.citation !== '')).toBe(true);
    expect(pack.openFindings.map((f) => f.rule.id)).toContain('risk-complete');
    expect(pack.deadlines.every((dl) => dl.dueOn >= period.from && dl.dueOn <= period.to)).toBe(true);
  });

  it('as recorded at a date, leaves out what had not been written down yet', async () => {
    const { store } = await rileysPlacement();
    const on = d('2025-04-15');
    const then = right(await loadReviewPack(store, { ...period, to: on, asRecordedAt: on }));
    expect(then.asOf).toEqual({ by: 'recorded', on });
    expect(then.timeline.filter((m) => m.kind === 'visit').map((m) => m.on)).toEqual(['2025-03-09']);
    const now = right(await loadReviewPack(store, { ...period, to: on }));
    expect(now.asOf).toEqual({ by: 'occurred', on });
    expect(now.timeline.filter((m) => m.kind === 'visit').map((m) => m.on)).toEqual([
      '2025-03-09',
      '2025-04-07',
    ]);
  });

  it('reads only the streams involved in the placement', async () => {
    const { store } = await rileysPlacement();
    const read: string[] = [];
    const counting: EventStore = {
      ...store,
      readStream: (streamId, options) => {
        read.push(streamId);
        return store.readStream(streamId, options);
      },
    };
    const pack = right(await loadReviewPack(counting, period));
    expect(new Set(read)).toEqual(new Set(['placement-p1', 'child-c1', 'household-h1', 'clinic-s-h1']));
    expect(pack.sources.streams).toHaveLength(4);
  });

  it('refuses an unknown placement and a period that ends before it starts, naming them', async () => {
    const { store } = await rileysPlacement();
    const unknown = await loadReviewPack(store, { ...period, placementId: 'p-missing' });
    expect(E.isLeft(unknown) && unknown.left).toMatchObject({
      _tag: 'UnknownPlacement',
      placementId: 'p-missing',
    });
    const backwards = await loadReviewPack(store, { ...period, to: d('2025-01-01') });
    expect(E.isLeft(backwards) && backwards.left).toMatchObject({ _tag: 'InvalidPeriod', field: 'to' });
  });
});
