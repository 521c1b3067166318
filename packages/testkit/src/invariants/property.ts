import type { AgencyPolicy } from '@fostering/core';
import type fc from 'fast-check';
import type { ScriptRun } from './run-script.js';
import type { Script } from './script.js';

/**
 * The property that proves one rule: histories aimed at it, and what must hold after each has run through the
 * embedder's handle and store. For a block rule, no reachable state breaks it; for an alert rule, the
 * compliance projection reports a finding exactly when a small oracle, written from the rule and not from the
 * projection's code, says the condition holds.
 */
export interface InvariantProperty {
  /** What the property claims, in a sentence (docs/regulatory-invariants.md shows it). */
  readonly claim: string;
  readonly histories: (policy: AgencyPolicy) => fc.Arbitrary<Script>;
  /** Every breach found in a run, each a sentence naming the records and dates; none when the rule holds. */
  readonly check: (run: ScriptRun, policy: AgencyPolicy) => ReadonlyArray<string>;
}
