import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { unsafeLocalDate as d } from '../calendar/index.js';
import { rileysPlacement } from './__fixtures__/riley.js';
import { loadComplianceReport } from './load.js';

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

describe('agency compliance report', () => {
  it('groups every finding by rule with the records affected, most findings first', async () => {
    const { store } = await rileysPlacement();
    const report = right(await loadComplianceReport(store, { asOf: d('2025-08-31') }));
    expect(report.population).toEqual({
      households: 2,
      approvedHouseholds: 2,
      children: 1,
      placementsOpen: 1,
      staff: 0,
      clinicSeries: 1,
    });
    const risk = report.byRule.find((group) => group.rule.id === 'risk-complete');
    expect(risk?.records).toEqual([
      expect.objectContaining({
        code: 'health-need-not-in-safe-care-plan',
        subject: expect.objectContaining({ childId: 'c1', householdId: 'h1' }),
      }),
    ]);
    expect(risk?.summary).not.toBe('');
    const clinic = report.byRule.find((group) => group.rule.id === 'clinic-cadence');
    expect(clinic?.records.some((r) => r.code === 'clinic-notes' && r.subject.seriesId === 's-h1')).toBe(
      true,
    );
    for (const group of report.byRule) {
      expect(group.count).toBe(group.records.length);
      expect(group.rule.citation).not.toBe('');
    }
    expect(report.totals.findings).toBe(report.byRule.reduce((sum, group) => sum + group.count, 0));
    expect(report.totals.rulesWithFindings).toBe(report.byRule.length);
    const counts = report.byRule.map((group) => group.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('as of a date before the placement, has none of its findings', async () => {
    const { store } = await rileysPlacement();
    const before = right(await loadComplianceReport(store, { asOf: d('2025-02-28') }));
    expect(before.population.placementsOpen).toBe(0);
    expect(before.byRule.some((group) => group.rule.id === 'risk-complete')).toBe(false);
    expect(before.events).toBeLessThan(
      right(await loadComplianceReport(store, { asOf: d('2025-08-31') })).events,
    );
  });
});
