import { unsafeLocalDate as d, inMemoryEventStore } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from './agency-handle.js';
import { approvalJourney, registration, start } from './journeys.js';
import { runScript } from './run-script.js';
import { printScript, script } from './script.js';

describe('the journeys histories are built from', () => {
  it('approve a household, register a child and place it, every command accepted by the reference handle', async () => {
    const store = inMemoryEventStore();
    const history = script([
      ...approvalJourney('h1', { from: d('2025-01-06') }),
      ...registration('c1', { on: d('2025-06-01'), dateOfBirth: d('2015-03-01') }),
      start('p1', { child: 'c1', household: 'h1', on: d('2025-07-01') }),
    ]);
    const run = await runScript(agencyHandle({ store }), store, history);
    const refused = run.outcomes.filter((o) => E.isLeft(o.answer));
    expect(refused.map((o) => JSON.stringify(o.answer))).toEqual([]);
    expect(run.defects).toEqual([]);
    expect(run.events.map((e) => e.type)).toContain('PlacementStarted');
    expect(Object.keys(run.records.placements)).toEqual([run.id('p1')]);
  });

  it('print as dated commands, with references shown by name', () => {
    const printed = printScript(
      script([start('p1', { child: 'c1', household: 'h1', on: d('2025-07-01') })], d('2025-08-01')),
    );
    expect(printed).toContain('2025-07-01  placements p1  StartPlacement childId: c1, householdId: h1');
    expect(printed).toContain('judged on 2025-08-01');
  });
});
