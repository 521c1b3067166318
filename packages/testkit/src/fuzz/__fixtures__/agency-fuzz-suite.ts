import type { EventStore } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyRuns } from '../../property-runs.js';
import { checkCommand, type FuzzSummary, type FuzzTarget, fuzzCommands } from '../fuzz-commands.js';
import { agencyFuzzTargets } from '../targets.js';

export interface AgencyFuzzSuiteOptions {
  /** What a valid command carrying a NUL character must come to on this store. */
  readonly nul: 'stored' | 'refused';
}

const named = (targets: ReadonlyArray<FuzzTarget>, name: string): FuzzTarget => {
  const target = targets.find((t) => t.name === name);
  if (target === undefined) throw new Error(`no fuzz target '${name}'`);
  return target;
};

/**
 * Fuzzes every area's entry point on one store (FOSTERING_PROPERTY_RUNS inputs each, 100 by default), after a
 * few pinned cases that must reach the store itself: a NUL character in an otherwise valid command.
 */
export const describeAgencyFuzzing = (
  label: string,
  makeStore: () => Promise<EventStore>,
  options: AgencyFuzzSuiteOptions,
): void => {
  describe(`fuzzing the agency's command entry points: ${label}`, () => {
    let store: EventStore | undefined;
    let targets: ReadonlyArray<FuzzTarget> = [];
    const summaries: FuzzSummary[] = [];
    const runs = propertyRuns();

    beforeAll(async () => {
      store = await makeStore();
      targets = agencyFuzzTargets(store);
      await targets[0]?.prepare?.();
      // Starting PGlite and seeding the agency through it takes seconds on a busy machine.
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    it(`a NUL character inside a valid command is ${options.nul}, and never breaks the store`, async () => {
      const households = named(targets, 'households');
      const pet = {
        kind: 'RecordPet',
        petId: 'pet-nul',
        species: 'dog',
        description: 'Collie\u0000 cross',
        recordedOn: '2025-02-01',
      };
      const outcome = await checkCommand(households, 'household-h-approved', pet);
      const start = named(targets, 'placement process: start');
      const placed = await checkCommand(start, '', {
        kind: 'StartPlacement',
        placementId: 'p-nul',
        childId: 'child-bo',
        householdId: 'h-placing-1',
        startedOn: '2025-04-01',
        placementType: 'short-term',
        supportPackage: 'standard',
        legalBasis: 'section-20',
        placingAuthority: 'Leeds City Council',
        carersAddress: '1 High Street\u0000, Shrewsbury',
        childAddressBefore: '2 Low Road, Telford',
        bedroom: { shared: false },
        longTerm: false,
      });
      if (options.nul === 'stored') {
        expect(E.isRight(outcome) && E.isRight(placed)).toBe(true);
      } else {
        for (const refused of [outcome, placed]) {
          expect(refused).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable', reason: 'data' } });
        }
      }
      // And the store still works for the next command.
      const after = await checkCommand(households, 'household-h-approved', {
        ...pet,
        description: 'Collie cross',
      });
      expect(E.isRight(after) || (E.isLeft(after) && after.left._tag === 'NotAllowedNow')).toBe(true);
    });

    it('a NUL character, an RTL override or a prototype name as a stream id is refused or recorded properly', async () => {
      const children = named(targets, 'children');
      for (const streamId of ['child-\u0000', 'child-\u202Eevil', '__proto__', 'constructor']) {
        await checkCommand(children, streamId, { kind: 'HoldLookedAfterReview', heldOn: '2025-03-01' });
      }
    });

    for (const name of [
      'households',
      'children',
      'placements',
      'placement process: start',
      'placement process: end',
      'placement process: short-break stay',
      'clinics',
      'staff supervision',
    ]) {
      it(
        `${name}: ${runs} bad inputs, each refused with what was wrong and nothing written, or accepted`,
        async () => {
          const summary = await fuzzCommands(named(targets, name), {
            numRuns: runs,
            // The whole log after every refusal in CI; past the last position seen in deep runs, where the log
            // grows long and reading it all each time would dominate (exact for any contract-keeping store).
            storeCheck: runs > 500 ? 'new-events' : 'whole-log',
          });
          summaries.push(summary);
          expect(summary.runs).toBe(runs);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
        Math.max(30_000, runs * 50),
      );
    }

    it('the inputs got past the command codecs to the deciders and the store', () => {
      const reached = summaries.reduce(
        (total, s) =>
          total +
          s.accepted +
          Object.entries(s.refused)
            .filter(([tag]) => !tag.startsWith('InvalidCommand'))
            .reduce((n, [, count]) => n + count, 0),
        0,
      );
      expect(summaries).toHaveLength(8);
      expect(reached).toBeGreaterThan(0);
      if (process.env.FOSTERING_PROPERTY_RUNS !== undefined) {
        // A deep run says what it saw, known core bugs included.
        for (const s of summaries) {
          const invalid = Object.entries(s.refused)
            .filter(([tag]) => tag.startsWith('InvalidCommand'))
            .reduce((n, [, count]) => n + count, 0);
          const other = Object.entries(s.refused).filter(([tag]) => !tag.startsWith('InvalidCommand'));
          console.info(
            `${label} / ${s.target}: ${s.runs} inputs, ${s.accepted} accepted, ${invalid} InvalidCommand, ` +
              `${other.map(([tag, n]) => `${n} ${tag}`).join(', ') || 'no other refusals'}; ` +
              `known core bugs: ${JSON.stringify(s.knownIssues)}`,
          );
        }
      }
    });
  });
};
