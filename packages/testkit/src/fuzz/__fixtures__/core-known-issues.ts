import type { FuzzFinding, KnownIssue } from '../fuzz-commands.js';

/**
 * Bugs in @fostering/core that the fuzzer found and that are not fixed yet (the fuzz work may not change core).
 * Each is reproduced minimally, as an `it.fails`, in `core-bugs.test.ts` and described in docs/fuzzing.md. The
 * area fuzz suites pass these to `fuzzCommands` so they stay green while still looking for anything new: the
 * matchers are narrow (the exception's type and message, and the input that sets it off). When a bug is fixed,
 * its `it.fails` starts failing: delete it and its entry here.
 */

/** Every string and number in a value, however deep (the input is JSON-shaped). */
const leaves = (value: unknown): Array<string | number> => {
  if (typeof value === 'string' || typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(leaves);
  return [];
};

const threw = (finding: FuzzFinding, type: new (...args: never[]) => Error, message: RegExp): boolean =>
  finding.problem === 'threw' && finding.thrown instanceof type && message.test(finding.thrown.message);

/**
 * core#date-overflow. The command codecs accept any real date 0000-01-01..9999-12-31 and any whole number of
 * days; deciders then add weeks, months or days to them, and the calendar throws a RangeError when the result
 * leaves the years 0000-9999 (or Temporal's own range) instead of the command being refused.
 */
export const dateOverflow: KnownIssue = {
  id: 'core#date-overflow',
  description:
    'date arithmetic on a date near 0000 or 9999, or on a huge number of days, throws a RangeError',
  matches: (finding) =>
    threw(
      finding,
      RangeError,
      /outside the years 0000-9999 that a LocalDate can hold|Out-of-bounds (date|duration)/,
    ) &&
    leaves(finding.input.command).some(
      (leaf) =>
        (typeof leaf === 'string' && /^(0000|9999)-\d\d-\d\d$/.test(leaf)) ||
        (typeof leaf === 'number' && Math.abs(leaf) >= 10_000),
    ),
};

const inheritedNames = new Set([
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
]);

/**
 * core#inherited-ids. State keeps entities in plain objects keyed by id (`state.sessions[sessionId]`), so an id
 * such as `constructor` or `__proto__` finds a function or `Object.prototype` instead of nothing, and the
 * decider throws a TypeError reading a field of it.
 */
export const inheritedIds: KnownIssue = {
  id: 'core#inherited-ids',
  description: "an id such as 'constructor' or '__proto__' finds an inherited property in a state record",
  matches: (finding) =>
    threw(finding, TypeError, /Cannot read properties of (undefined|null)/) &&
    leaves(finding.input.command).some((leaf) => typeof leaf === 'string' && inheritedNames.has(leaf)),
};

export const coreKnownIssues: ReadonlyArray<KnownIssue> = [dateOverflow, inheritedIds];
