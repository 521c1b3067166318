import { isApprovedOn, localDateOf, streamCategory } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { recordsOf } from './__fixtures__/records.js';
import { smallAgency, smallShape } from './__fixtures__/small-agency.js';
import type { GenerationProgress } from './generate.js';
import { generateAgency } from './index.js';

describe('generateAgency on a small shape', () => {
  it('records every command it issues, and none is refused', async () => {
    const agency = await smallAgency();
    let stored = 0;
    for await (const _ of agency.store.readAll()) stored++;
    expect(agency.events).toBe(stored);
    expect(agency.commands.refused).toBe(0);
    expect(agency.commands.refusedByRule).toEqual({});
    expect(agency.commands.accepted).toBeGreaterThan(1000);
    expect(agency.refusals).toEqual([]);
  });

  it('writes all five areas: households, children, placements, clinic series and staff', async () => {
    const agency = await smallAgency();
    const categories = new Set<string>();
    for await (const event of agency.store.readAll()) categories.add(streamCategory(event.streamId));
    expect([...categories].sort()).toEqual(['child', 'clinic', 'household', 'placement', 'staff']);
    expect(agency.ids.households).toHaveLength(smallShape.households as number);
    expect(agency.ids.children.length).toBeGreaterThan(0);
    expect(agency.ids.children.length).toBeLessThanOrEqual(smallShape.children as number);
    for (const ids of Object.values(agency.ids)) expect(ids.length).toBeGreaterThan(0);
    expect(agency.asOf).toBe('2025-10-31');
  });

  it('records in time order, each fact when it happened or later, some of them days later', async () => {
    const agency = await smallAgency();
    let previous = 0;
    let late = 0;
    for await (const event of agency.store.readAll()) {
      // The events of one command (the three streams of a placement start) share their instant.
      expect(event.recordedAt.getTime()).toBeGreaterThanOrEqual(previous);
      expect(event.occurredAt.getTime()).toBeLessThanOrEqual(event.recordedAt.getTime());
      expect(localDateOf(event.recordedAt) <= agency.asOf).toBe(true);
      if (localDateOf(event.recordedAt) > localDateOf(event.occurredAt)) late++;
      previous = event.recordedAt.getTime();
    }
    expect(late).toBeGreaterThan(10);
  });

  it('features a placement open on the last day, in an approved household', async () => {
    const agency = await smallAgency();
    const records = await recordsOf(agency.store);
    const placement = records.placements[agency.featured.placementId];
    expect(placement?.started?.childId).toBe(agency.featured.childId);
    expect(placement?.started?.householdId).toBe(agency.featured.householdId);
    expect(placement?.ended === undefined || (placement.ended.endedOn as string) > agency.asOf).toBe(true);
    const household = records.households[agency.featured.householdId];
    expect(household !== undefined && isApprovedOn(household, agency.asOf)).toBe(true);
  });

  it('reports progress by step, a month at a time, ending complete', async () => {
    const calls: GenerationProgress[] = [];
    await generateAgency({ ...smallShape, months: 3 }, (p) => calls.push(p));
    expect(calls.length).toBeLessThan(300);
    expect(new Set(calls.map((c) => c.step))).toEqual(new Set(['planning', 'history', 'simulating months']));
    for (const step of ['planning', 'history', 'simulating months']) {
      const done = calls.filter((c) => c.step === step).map((c) => c.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      const last = calls.filter((c) => c.step === step).at(-1);
      expect(last?.done).toBe(last?.total);
    }
    expect(calls.at(-1)).toEqual({ step: 'simulating months', done: 3, total: 3 });
  });

  it('refuses a shape it cannot honour', async () => {
    await expect(generateAgency({ households: 0 })).rejects.toThrow(RangeError);
    await expect(generateAgency({ from: '2014-01-01' as never })).rejects.toThrow(/calendar/);
  });
});
