import { describe, expect, it } from 'vitest';
import { fold } from '../eventsourcing/index.js';
import {
  aPlacedChild,
  aRegisteredChild,
  asthma,
  childId,
  childPlaced,
  d,
  householdId,
  nutAllergy,
  placementId,
  registration,
} from './__fixtures__/child-history.js';
import { childHealthNeedsFor, healthNeedKey, healthNeedsNotCovered } from './compliance/health-needs.js';
import { placementOn } from './compliance/schedules.js';
import { childDecider } from './decider.js';
import type { ChildEvent } from './events/index.js';
import * as ev from './events/index.js';
import { type ChildRecords, siblingsOf } from './projections/children.js';

const foldChild = fold(childDecider);

describe('the placement, as the child stream folds it', () => {
  it('a placed child has a current placement, which is also in the history', () => {
    const state = foldChild(aPlacedChild({ longTerm: true }));
    const placement = {
      placementId,
      householdId,
      startedOn: '2025-01-13',
      placementType: 'long-term',
      longTerm: true,
    };
    expect(state.currentPlacement).toEqual(placement);
    expect(state.placements).toEqual([placement]);
  });

  it('an ended placement stays in the history with its end date; a move starts the next', () => {
    const moved = [
      ...aPlacedChild(),
      ev.ChildPlacementEnded.create({ placementId, endedOn: d('2025-04-01') }),
      childPlaced({ placementId: 'placement-2', startedOn: d('2025-04-01') }),
    ];
    const ended = foldChild(moved.slice(0, 3));
    expect(ended.currentPlacement).toBeUndefined();
    expect(ended.placements[0]?.endedOn).toBe('2025-04-01');
    const state = foldChild(moved);
    expect(state.currentPlacement?.placementId).toBe('placement-2');
    expect(state.placements.map((p) => [p.placementId, p.endedOn])).toEqual([
      [placementId, '2025-04-01'],
      ['placement-2', undefined],
    ]);
    expect(placementOn(state, d('2025-03-31'))?.placementId).toBe(placementId);
    expect(placementOn(state, d('2025-04-01'))?.placementId).toBe('placement-2');
    expect(placementOn(state, d('2025-01-12'))).toBeUndefined();
  });

  it('an ending for another placement leaves the current one alone', () => {
    const state = foldChild([
      ...aPlacedChild(),
      ev.ChildPlacementEnded.create({ placementId: 'x', endedOn: d('2025-02-01') }),
    ]);
    expect(state.currentPlacement?.placementId).toBe(placementId);
  });
});

describe('health needs for the safe-care plan (rule risk-complete)', () => {
  const events: ChildEvent[] = [
    ...aRegisteredChild(),
    ev.HealthNeedRecorded.create(nutAllergy),
    ev.HealthNeedRecorded.create(asthma),
    ev.HealthNeedResolved.create({ needId: 'asthma', resolvedOn: d('2025-06-01') }),
  ];

  it('keys a need as health:<childId>:<needId>, encoding each part', () => {
    expect(healthNeedKey(childId, 'nut-allergy')).toBe('health:child-riley:nut-allergy');
    expect(healthNeedKey('a:b', 'c')).not.toBe(healthNeedKey('a', 'b:c'));
  });

  it('lists the current needs, or those current on a date', () => {
    const state = foldChild(events);
    expect(childHealthNeedsFor(state).map((n) => n.key)).toEqual(['health:child-riley:nut-allergy']);
    expect(childHealthNeedsFor(state, d('2025-03-01'))).toEqual([
      { childId, ...asthma, key: 'health:child-riley:asthma' },
      { childId, ...nutAllergy, key: 'health:child-riley:nut-allergy' },
    ]);
    expect(childHealthNeedsFor(state, d('2025-01-10')).map((n) => n.needId)).toEqual(['nut-allergy']);
    expect(childHealthNeedsFor(state, d('2025-06-01')).map((n) => n.needId)).toEqual(['nut-allergy']);
  });

  it('names the needs a safe-care plan leaves out (the inspection’s missing nut allergy)', () => {
    const state = foldChild(events);
    expect(healthNeedsNotCovered(state, ['dog in the household']).map((n) => n.needId)).toEqual([
      'nut-allergy',
    ]);
    expect(healthNeedsNotCovered(state, ['health:child-riley:nut-allergy'])).toEqual([]);
    expect(
      healthNeedsNotCovered(state, ['health:child-riley:nut-allergy'], d('2025-03-01')).map((n) => n.needId),
    ).toEqual(['asthma']);
  });
});

describe('siblings', () => {
  const recorded = (otherChildId: string, relationship: ev.ChildRelationship): ChildEvent =>
    ev.ChildRelationshipRecorded.create({ otherChildId, relationship, recordedOn: d('2025-01-06') });
  const registered = (id: string): ChildEvent => ev.ChildRegistered.create({ ...registration, childId: id });

  it('derives siblings from recorded relationships only, sorted', () => {
    const state = foldChild([
      ...aRegisteredChild(),
      recorded('child-z', 'step-sibling'),
      recorded('child-a', 'sibling'),
      recorded('child-m', 'other'),
    ]);
    expect(state.siblingIds).toEqual(['child-a', 'child-z']);
  });

  it('counts a relationship recorded on either child’s stream both ways, and is not transitive', () => {
    const records: ChildRecords = {
      a: foldChild([registered('a'), recorded('b', 'half-sibling')]),
      b: foldChild([registered('b')]),
      c: foldChild([registered('c'), recorded('a', 'half-sibling')]),
    };
    expect(siblingsOf(records, 'a')).toEqual(['b', 'c']);
    expect(siblingsOf(records, 'b')).toEqual(['a']);
    expect(siblingsOf(records, 'c')).toEqual(['a']);
  });
});
