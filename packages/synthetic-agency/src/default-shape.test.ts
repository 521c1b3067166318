import { streamCategory } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { explains, findingsOf, recordsOf } from './__fixtures__/records.js';
import { simulateAgency } from './generate.js';
import { defaultAgencyShape } from './index.js';

describe('the default shape', () => {
  it('is a two-year agency of tens of thousands of events, in all five areas, with only the planted failures', async () => {
    const agency = await simulateAgency();
    expect(defaultAgencyShape).toEqual({
      households: 360,
      children: 510,
      from: '2024-11-01',
      months: 24,
      seed: 20261122,
    });
    expect(agency.asOf).toBe('2026-10-31');
    expect(agency.events).toBeGreaterThan(50_000);
    expect(agency.events).toBeLessThan(110_000);
    expect(agency.commands.refused).toBe(0);
    expect(agency.ids.households).toHaveLength(360);
    expect(agency.ids.children.length).toBeGreaterThanOrEqual(490);
    expect(agency.ids.children.length).toBeLessThanOrEqual(510);
    expect(agency.ids.placements.length).toBeGreaterThan(500);
    expect(agency.ids.staff.length).toBeGreaterThan(40);
    expect(agency.ids.clinicSeries.length).toBeGreaterThan(100);

    const perArea: Record<string, number> = {};
    for await (const event of agency.store.readAll()) {
      const area = streamCategory(event.streamId);
      perArea[area] = (perArea[area] ?? 0) + 1;
    }
    expect(Object.keys(perArea).sort()).toEqual(['child', 'clinic', 'household', 'placement', 'staff']);
    for (const n of Object.values(perArea)) expect(n).toBeGreaterThan(1000);

    const kinds = new Set(agency.planted.map((p) => p.kind));
    expect(kinds.size).toBe(11);
    const findings = findingsOf(await recordsOf(agency.store), agency.asOf);
    expect(findings.filter((f) => !agency.planted.some((p) => explains(p, f)))).toEqual([]);
    for (const p of agency.planted) expect(findings.some((f) => explains(p, f))).toBe(true);
  }, 180_000);
});
