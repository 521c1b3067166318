import { inMemoryEventStore, rules } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { type AgencyHandle, agencyHandle } from './agency-handle.js';
import { checkRegulatoryInvariants, RegulatoryInvariantsBroken } from './check.js';

/**
 * The catalogue must catch a pipeline that breaks a rule, and say so readably. Each property's own
 * broken-pipeline tests live beside it (properties/*.test.ts); this one checks the report.
 */
describe('checkRegulatoryInvariants against a pipeline that breaks a rule', () => {
  it('reports the rule, its citation and the shrunk history as dated commands', async () => {
    const store = inMemoryEventStore();
    const reference = agencyHandle({ store });
    // Records every start as sent by nobody in particular: rule `records` is broken.
    const anonymous: AgencyHandle = (request, metadata) =>
      reference(
        request,
        request.command.kind === 'StartPlacement' ? { ...metadata, actor: { id: '', role: '' } } : metadata,
      );
    const failure = await checkRegulatoryInvariants({
      handle: anonymous,
      store,
      rules: [rules.records.id],
      numRuns: 50,
      // How far a failure shrinks depends on the history that first failed: a fixed seed keeps the bound below honest.
      seed: 20_251_123,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RegulatoryInvariantsBroken);
    const { message, results } = failure as RegulatoryInvariantsBroken;
    expect(results.map((r) => [r.ruleId, r.status])).toEqual([[rules.records.id, 'broken']]);
    expect(message).toContain(`records (${rules.records.citation}) broken`);
    expect(message).toMatch(/PlacementStarted at placement-\S+ is not attributed/);
    // Shrunk to one household's approval, one child and the one start: a short list of dated commands.
    expect(message).toMatch(
      /shrunk history:\n +1\. \d{4}-\d\d-\d\d {2}households (s\d\.)?h1 {2}ReceiveApplication/,
    );
    expect(message).toMatch(
      /placements (s\d\.)?p1 {2}StartPlacement childId: (s\d\.)?c1, householdId: (s\d\.)?h1/,
    );
    const steps = message.split('shrunk history:')[1]?.split('judged on')[0]?.trim().split('\n') ?? [];
    expect(steps.length).toBeLessThanOrEqual(25);
    expect(message).toMatch(/replay: \{ seed: -?\d+, path: "[\d:]+" \}/);
  });

  it('replays the printed failure with the seed and path it gave', async () => {
    const store = inMemoryEventStore();
    const reference = agencyHandle({ store });
    const anonymous: AgencyHandle = (request, metadata) =>
      reference(
        request,
        request.command.kind === 'StartPlacement' ? { ...metadata, actor: { id: '', role: '' } } : metadata,
      );
    const first = (await checkRegulatoryInvariants({
      handle: anonymous,
      store,
      rules: ['records'],
      numRuns: 50,
    }).catch((e: unknown) => e)) as RegulatoryInvariantsBroken;
    const [, seed, path] = /seed: (-?\d+), path: "([\d:]+)"/.exec(first.message) ?? [];
    const again = (await checkRegulatoryInvariants({
      handle: anonymous,
      store,
      rules: ['records'],
      replay: { seed: Number(seed), path: String(path) },
    }).catch((e: unknown) => e)) as RegulatoryInvariantsBroken;
    expect(again.results[0]?.runs).toBe(1);
    expect(again.message.split('shrunk history:')[1]?.split('replay:')[0]).toBe(
      first.message.split('shrunk history:')[1]?.split('replay:')[0],
    );
  });
});
