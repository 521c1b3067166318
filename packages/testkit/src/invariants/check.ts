import { AssertionError } from 'node:assert';
import { type AgencyPolicy, defaultAgencyPolicy, type EventStore } from '@fostering/core';
import fc from 'fast-check';
import { propertyRuns } from '../property-runs.js';
import type { AgencyHandle } from './agency-handle.js';
import { type Invariant, invariantCatalogue } from './catalogue.js';
import { runScript } from './run-script.js';
import { printScript, type Script } from './script.js';

export interface CheckRegulatoryInvariantsOptions {
  /** Your command pipeline, in the catalogue's request shape (see `AgencyHandle`). */
  readonly handle: AgencyHandle;
  /** The store your handle writes to; the catalogue reads back the streams each run wrote. */
  readonly store: EventStore;
  /** Your agency's policy: the one your handle's deciders and your projections use. The default when absent. */
  readonly policy?: AgencyPolicy;
  /** Histories per invariant: this, else FOSTERING_PROPERTY_RUNS, else 100. */
  readonly numRuns?: number;
  /** Only these rule ids (all when absent). */
  readonly rules?: ReadonlyArray<string>;
  /** The `replay` a failure printed: runs that very history again (with `rules` set to its rule). */
  readonly replay?: { readonly seed: number; readonly path: string };
  /** A fixed random seed, for checks that must run the same histories every time (the catalogue's own tests). */
  readonly seed?: number;
  /** Called after each invariant, for progress output. */
  readonly onInvariant?: (result: InvariantResult) => void;
}

export interface InvariantResult {
  readonly ruleId: string;
  readonly citation: string;
  readonly status: 'held' | 'broken' | 'not-a-property';
  readonly runs: number;
  readonly milliseconds: number;
  /** For a broken rule: what broke, the shrunk history and how to replay it. */
  readonly report?: string;
}

/** Thrown by `checkRegulatoryInvariants` when any rule is broken; `results` has every rule's outcome. */
export class RegulatoryInvariantsBroken extends AssertionError {
  constructor(readonly results: ReadonlyArray<InvariantResult>) {
    const broken = results.filter((r) => r.status === 'broken');
    super({
      message: [
        `${broken.length} of ${results.length} regulatory invariants broken:`,
        ...broken.map((r) => r.report ?? r.ruleId),
      ].join('\n\n'),
    });
    this.name = 'RegulatoryInvariantsBroken';
  }
}

const failureOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const reportOf = (invariant: Invariant, details: fc.RunDetails<[Script]>): string => {
  const [script] = details.counterexample ?? [];
  return [
    `${invariant.rule.id} (${invariant.rule.citation}) broken after ${details.numRuns} histories:`,
    failureOf(details.errorInstance),
    script === undefined ? '' : `shrunk history:\n${printScript(script)}`,
    `replay: { seed: ${details.seed}, path: "${details.counterexamplePath}" } (rules: ['${invariant.rule.id}'])`,
  ].join('\n');
};

/**
 * Runs the regulatory invariant catalogue against your own command pipeline and store: for every rule of the
 * domain with a property, `numRuns` generated agency histories go through `handle`, and what they leave in
 * `store` must keep the rule. Resolves with every rule's result when all hold; rejects with
 * `RegulatoryInvariantsBroken` (an `AssertionError` whose message shows each broken rule with its shrunk
 * history as dated commands) when any does not. Runs share the store: each binds its records to fresh ids.
 */
export const checkRegulatoryInvariants = async (
  options: CheckRegulatoryInvariantsOptions,
): Promise<ReadonlyArray<InvariantResult>> => {
  const policy = options.policy ?? defaultAgencyPolicy;
  const numRuns = propertyRuns(options.numRuns);
  const results: InvariantResult[] = [];
  const chosen = invariantCatalogue.filter(
    (i) => options.rules === undefined || options.rules.includes(i.rule.id),
  );
  for (const invariant of chosen) {
    const started = performance.now();
    const { property } = invariant;
    if (property === undefined) {
      const result: InvariantResult = {
        ruleId: invariant.rule.id,
        citation: invariant.rule.citation,
        status: 'not-a-property',
        runs: 0,
        milliseconds: 0,
      };
      results.push(result);
      options.onInvariant?.(result);
      continue;
    }
    const details = await fc.check(
      fc.asyncProperty(property.histories(policy), async (script) => {
        const run = await runScript(options.handle, options.store, script);
        const breaches = [...run.defects, ...property.check(run, policy)];
        if (breaches.length > 0) throw new Error(breaches.map((b) => `  - ${b}`).join('\n'));
      }),
      {
        numRuns,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.replay === undefined ? {} : options.replay),
      },
    );
    const result: InvariantResult = {
      ruleId: invariant.rule.id,
      citation: invariant.rule.citation,
      status: details.failed ? 'broken' : 'held',
      runs: details.numRuns,
      milliseconds: Math.round(performance.now() - started),
      ...(details.failed ? { report: reportOf(invariant, details) } : {}),
    };
    results.push(result);
    options.onInvariant?.(result);
  }
  if (results.some((r) => r.status === 'broken')) throw new RegulatoryInvariantsBroken(results);
  return results;
};
