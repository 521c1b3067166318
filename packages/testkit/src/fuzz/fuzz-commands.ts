import { AssertionError } from 'node:assert';
import type { CommandMetadata, EventStore, GlobalPosition, RecordedEvent } from '@fostering/core';
import fc from 'fast-check';
import type * as E from 'fp-ts/lib/Either.js';
import { propertyRuns } from '../property-runs.js';
import {
  type FuzzInput,
  type FuzzInputFamily,
  fuzzInputFamilies,
  fuzzInputs,
  pollutionMarker,
} from './inputs.js';
import { compact, describeThrown, indent } from './report.js';

/** What a refusal must at least be: a value with a `_tag`. `fuzzCommands` checks the rest per tag. */
export interface FuzzRefusal {
  readonly _tag: string;
}

/**
 * One command entry point of an embedder's system, as `fuzzCommands` drives it. `handle` is called with
 * generated bad input in place of `Command`: that is the point.
 */
export interface FuzzTarget<Command = unknown> {
  /** Names the entry point in reports: 'households', 'POST /placements'. */
  readonly name: string;
  // A method, not a function property, so that a target for a particular command type is also a FuzzTarget of
  // unknown commands (method parameters are compared bivariantly): lists of targets can mix areas.
  handle(
    streamId: string,
    command: Command,
    metadata: CommandMetadata,
  ): Promise<E.Either<FuzzRefusal, unknown>>;
  /** The store `handle` writes to; its log is read before and after every input (see `storeCheck`). */
  readonly store: EventStore;
  /** The streams (or ids) to send commands to; include ones with history, or most commands stop early. */
  readonly streamIds: fc.Arbitrary<string>;
  /** Examples of valid commands: mutations of these get furthest into the code. */
  readonly validCommands: fc.Arbitrary<Command>;
  /** Who sends the commands; `{ actor: { id: 'fuzzer', role: 'test' } }` by default. */
  readonly metadata?: CommandMetadata;
  /** Runs once before the first input (seeding the store, say); `fuzzCommands` awaits it. */
  readonly prepare?: () => Promise<void>;
}

/** What went wrong with one input, as a known issue's matcher sees it. */
export interface FuzzFinding {
  readonly target: string;
  readonly input: FuzzInput;
  readonly streamId: string;
  readonly problem: FuzzProblemKind;
  /** What `handle` threw, for `threw`. */
  readonly thrown?: unknown;
  /** What `handle` resolved to, when it resolved. */
  readonly outcome?: unknown;
}

/**
 * A bug already reported and not yet fixed: findings it matches are counted in the summary instead of failing
 * the run, so that a suite stays green while the fuzzer keeps looking for new bugs. Keep matchers narrow (the
 * exception's type and message, the command's kind and field) so that they do not hide a different bug.
 */
export interface KnownIssue {
  readonly id: string;
  readonly description: string;
  readonly matches: (finding: FuzzFinding) => boolean;
}

export type StoreCheck = 'whole-log' | 'new-events';

export interface FuzzOptions {
  /** Inputs to try; defaults to FOSTERING_PROPERTY_RUNS or 100. */
  readonly numRuns?: number;
  /** Replays a reported failure (with `path`) or fixes the sequence of inputs. */
  readonly seed?: number;
  readonly path?: string;
  /** Which kinds of input to send; all three by default. */
  readonly families?: ReadonlyArray<FuzzInputFamily>;
  /** How long one call to `handle` may take before it counts as hanging; 10 seconds by default. */
  readonly timeoutMs?: number;
  /** Whether fast-check looks for a smaller failing input; true by default. */
  readonly shrink?: boolean;
  /** Longest rendering of an input in a report; 600 characters by default. */
  readonly maxReportChars?: number;
  /**
   * How the store is compared before and after a refused input. 'whole-log' (the default) reads the whole log
   * with `readAll()` after every refusal and compares event ids and count. 'new-events' reads only the events
   * after the last position seen: exact for a store that keeps the event-store contract, and much faster on a
   * database once the log is long (deep runs).
   */
  readonly storeCheck?: StoreCheck;
  /** Bugs already known: matching findings are tallied in `FuzzSummary.knownIssues`, not thrown. */
  readonly knownIssues?: ReadonlyArray<KnownIssue>;
}

/** What a successful fuzz run saw, to check it reached past the command codecs. */
export interface FuzzSummary {
  readonly target: string;
  readonly runs: number;
  /** Inputs accepted (a `Right`): a mutation can still be a valid command. */
  readonly accepted: number;
  /** Refusals by `_tag`, with `InvalidCommand` split by field: `InvalidCommand(kind)`. */
  readonly refused: Readonly<Record<string, number>>;
  readonly byFamily: Readonly<Record<FuzzInputFamily, number>>;
  /** Findings that matched a known issue, by its id. */
  readonly knownIssues: Readonly<Record<string, number>>;
}

/** The error `fuzzCommands` throws: an `AssertionError` whose message is the readable report. */
export class FuzzCommandsFailure extends AssertionError {
  constructor(
    report: string,
    readonly target: string,
    /** What went wrong; 'could-not-check' when the fuzzer itself or reading the store failed. */
    readonly problem: FuzzProblemKind | 'could-not-check',
    readonly input: unknown,
    readonly seed: number,
    readonly counterexamplePath: string,
  ) {
    super({ message: report });
    this.name = 'FuzzCommandsFailure';
  }
}

export const fuzzMetadata: CommandMetadata = { actor: { id: 'fuzzer', role: 'test' } };

type Problem =
  | { readonly kind: 'threw'; readonly thrown: unknown }
  | { readonly kind: 'hung'; readonly ms: number }
  | { readonly kind: 'not-an-either'; readonly value: unknown }
  | { readonly kind: 'malformed-refusal'; readonly why: string; readonly left: unknown }
  | {
      readonly kind: 'store-changed';
      readonly left: unknown;
      readonly added: ReadonlyArray<RecordedEvent>;
      readonly removed: ReadonlyArray<RecordedEvent>;
    }
  | { readonly kind: 'polluted'; readonly where: ReadonlyArray<string>; readonly outcome: string };

/** How an input was mishandled: thrown, hung, not an Either, a vague refusal, a refusal that wrote, pollution. */
export type FuzzProblemKind = Problem['kind'];

/** Thrown inside the property so that fast-check records the input; turned into the report afterwards. */
class ProblemFound extends Error {
  constructor(readonly problem: Problem) {
    super(`fuzzCommands: ${problem.kind}`);
  }
}

const readLog = async (store: EventStore, after?: GlobalPosition): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const event of store.readAll(after === undefined ? {} : { after })) all.push(event);
  return all;
};

/**
 * Watches the store's log across inputs. `before` is the log as last seen (read again only when it may have
 * changed); `after` reads it once more. With 'whole-log' every reading is of the whole log; with 'new-events'
 * the log is read once, then only past the last position seen, which is exact for any store that keeps the
 * event-store contract (append-only, positions in order) and keeps long runs on a database fast.
 */
interface LogWatcher {
  readonly before: () => Promise<ReadonlyArray<RecordedEvent>>;
  readonly after: () => Promise<ReadonlyArray<RecordedEvent>>;
}

const logWatcher = (store: EventStore, mode: StoreCheck): LogWatcher => {
  let seen: ReadonlyArray<RecordedEvent> | undefined;
  let fresh = false;
  const read = async (): Promise<ReadonlyArray<RecordedEvent>> => {
    const last = seen?.[seen.length - 1]?.globalPosition;
    seen =
      mode === 'whole-log' || seen === undefined || last === undefined
        ? await readLog(store)
        : [...seen, ...(await readLog(store, last))];
    return seen;
  };
  return {
    before: async () => {
      const log = fresh && seen !== undefined ? seen : await read();
      // Until `after` reads it again, `handle` may change it.
      fresh = false;
      return log;
    },
    after: async () => {
      const log = await read();
      fresh = true;
      return log;
    },
  };
};

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Why a refusal does not say what was wrong, or undefined when it does. */
export const refusalDefect = (left: unknown): string | undefined => {
  if (typeof left !== 'object' || left === null) return `the Left is ${compact(left)}, not an error object`;
  const error = left as Record<string, unknown>;
  if (!nonEmpty(error._tag)) return 'the error has no _tag';
  switch (error._tag) {
    case 'InvalidCommand':
      if (typeof error.field !== 'string')
        return `InvalidCommand without a 'field' (use '' for the whole command)`;
      if (!nonEmpty(error.reason)) return `InvalidCommand without a 'reason'`;
      return undefined;
    case 'RuleViolation': {
      const rule = error.rule as Record<string, unknown> | undefined;
      if (typeof rule !== 'object' || rule === null) return `RuleViolation without a 'rule'`;
      if (!nonEmpty(rule.id)) return `RuleViolation without 'rule.id'`;
      if (!nonEmpty(rule.citation)) return `RuleViolation of '${rule.id}' without 'rule.citation'`;
      return undefined;
    }
    default:
      return nonEmpty(error.message) ? undefined : `${error._tag} without a 'message'`;
  }
};

const isEither = (value: unknown): value is E.Either<unknown, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  (((value as { _tag?: unknown })._tag === 'Left' && 'left' in value) ||
    ((value as { _tag?: unknown })._tag === 'Right' && 'right' in value));

/** The prototypes an attack would aim at; a property that appears on one, or changes, is pollution. */
const guardedPrototypes: ReadonlyArray<readonly [string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

type PrototypeSnapshot = ReadonlyArray<ReadonlyMap<PropertyKey, PropertyDescriptor>>;

const prototypeSnapshot = (): PrototypeSnapshot =>
  guardedPrototypes.map(
    ([, proto]) =>
      new Map(
        Reflect.ownKeys(proto).map(
          (key) => [key, Reflect.getOwnPropertyDescriptor(proto, key) ?? {}] as const,
        ),
      ),
  );

const sameDescriptor = (a: PropertyDescriptor, b: PropertyDescriptor | undefined) =>
  b !== undefined && a.value === b.value && a.get === b.get && a.set === b.set;

/**
 * Names what was planted on (or replaced in) a guarded prototype since `before`, and puts it back as it was, so
 * that the rest of the test run is sound.
 */
const pollutionSince = (before: PrototypeSnapshot): string[] => {
  const found: string[] = [];
  for (const [index, [name, proto]] of guardedPrototypes.entries()) {
    const known = before[index] ?? new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(proto)) {
      const original = known.get(key);
      if (original === undefined) {
        found.push(`${name}.${String(key)}`);
        Reflect.deleteProperty(proto, key);
      } else if (!sameDescriptor(original, Reflect.getOwnPropertyDescriptor(proto, key))) {
        found.push(`${name}.${String(key)} (replaced)`);
        Reflect.defineProperty(proto, key, original);
      }
    }
  }
  const probe = {} as Record<string, unknown>;
  if (probe[pollutionMarker] !== undefined && !found.some((f) => f.endsWith(`.${pollutionMarker}`))) {
    found.push(`({}).${pollutionMarker} is ${compact(probe[pollutionMarker])}`);
  }
  return found;
};

const withTimeout = async <A>(
  promise: Promise<A>,
  ms: number,
): Promise<{ done: true; value: A } | { done: false }> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ done: true as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const outcomeText = (outcome: unknown): string =>
  isEither(outcome)
    ? outcome._tag === 'Left'
      ? `Left ${compact(outcome.left, { maxChars: 400 })}`
      : `Right ${compact(outcome.right, { maxChars: 200, maxDepth: 3 })}`
    : compact(outcome);

const describeEvents = (events: ReadonlyArray<RecordedEvent>): string =>
  events
    .slice(0, 10)
    .map((e) => `${e.type} on ${e.streamId} (id ${e.eventId})`)
    .join(', ') + (events.length > 10 ? `, and ${events.length - 10} more` : '');

const describeProblem = (problem: Problem): string => {
  switch (problem.kind) {
    case 'threw':
      return `handle threw (or rejected) instead of returning a Left:\n${indent(describeThrown(problem.thrown))}`;
    case 'hung':
      return `handle did not settle within ${problem.ms} ms`;
    case 'not-an-either':
      return `handle resolved to something that is not an Either: ${compact(problem.value)}`;
    case 'malformed-refusal':
      return `the refusal does not say what was wrong: ${problem.why}\n  outcome: Left ${compact(problem.left, { maxChars: 400 })}`;
    case 'store-changed':
      return [
        'the command was refused but the store changed:',
        `  outcome: Left ${compact(problem.left, { maxChars: 400 })}`,
        ...(problem.added.length > 0
          ? [`  ${problem.added.length} new event(s): ${describeEvents(problem.added)}`]
          : []),
        ...(problem.removed.length > 0
          ? [`  ${problem.removed.length} event(s) gone: ${describeEvents(problem.removed)}`]
          : []),
      ].join('\n');
    case 'polluted':
      return `the input polluted a prototype: ${problem.where.join(', ')} (removed again)\n  outcome: ${problem.outcome}`;
  }
};

const tally = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** How one input was answered: the outcome when `handle` resolved, and the problem if the answer was wrong. */
interface Checked {
  readonly outcome?: unknown;
  readonly problem?: Problem;
}

/** Sends one input and checks the answer: the property `fuzzCommands` runs for every input. */
const checkInput = async <Command>(
  target: FuzzTarget<Command>,
  streamId: string,
  command: unknown,
  timeoutMs: number,
  log: LogWatcher,
): Promise<Checked> => {
  const prototypesBefore = prototypeSnapshot();
  const before = await log.before();
  let settled: { done: true; value: unknown } | { done: false };
  try {
    settled = await withTimeout(
      Promise.resolve().then(() =>
        target.handle(streamId, command as Command, target.metadata ?? fuzzMetadata),
      ),
      timeoutMs,
    );
  } catch (thrown) {
    const polluted = pollutionSince(prototypesBefore);
    if (polluted.length > 0) return { problem: { kind: 'polluted', where: polluted, outcome: 'threw' } };
    return { problem: { kind: 'threw', thrown } };
  }
  const polluted = pollutionSince(prototypesBefore);
  if (polluted.length > 0) {
    const shown = settled.done ? outcomeText(settled.value) : 'did not settle';
    return { problem: { kind: 'polluted', where: polluted, outcome: shown } };
  }
  if (!settled.done) return { problem: { kind: 'hung', ms: timeoutMs } };
  const outcome = settled.value;
  if (!isEither(outcome)) return { outcome, problem: { kind: 'not-an-either', value: outcome } };
  if (outcome._tag === 'Right') return { outcome };
  const defect = refusalDefect(outcome.left);
  if (defect !== undefined)
    return { outcome, problem: { kind: 'malformed-refusal', why: defect, left: outcome.left } };
  const after = await log.after();
  const unchanged =
    before.length === after.length && before.every((event, index) => event.eventId === after[index]?.eventId);
  if (unchanged) return { outcome };
  const beforeIds = new Set(before.map((e) => e.eventId));
  const afterIds = new Set(after.map((e) => e.eventId));
  return {
    outcome,
    problem: {
      kind: 'store-changed',
      left: outcome.left,
      added: after.filter((e) => !beforeIds.has(e.eventId)),
      removed: before.filter((e) => !afterIds.has(e.eventId)),
    },
  };
};

const report = (
  target: string,
  headline: string,
  input: Pick<FuzzInput, 'label' | 'command'>,
  streamId: string,
  problem: Problem,
  maxChars: number,
  replay?: string,
) =>
  [
    `fuzzCommands: '${target}' ${headline}`,
    `  input (${input.label}):`,
    indent(compact(input.command, { maxChars }), '    '),
    `  stream: ${compact(streamId)}`,
    indent(describeProblem(problem)),
    ...(replay === undefined ? [] : [`  replay: ${replay}`]),
  ].join('\n');

/**
 * Sends one command to a target and applies the same checks as `fuzzCommands`, for a case worth pinning (a bug
 * the fuzzer found, a NUL character on a database): throws a `FuzzCommandsFailure` with the same report, or
 * resolves to what `handle` answered.
 */
export const checkCommand = async <Command>(
  target: FuzzTarget<Command>,
  streamId: string,
  command: unknown,
  options: Pick<FuzzOptions, 'timeoutMs' | 'maxReportChars'> = {},
): Promise<E.Either<FuzzRefusal, unknown>> => {
  await target.prepare?.();
  const log = logWatcher(target.store, 'whole-log');
  const { outcome, problem } = await checkInput(target, streamId, command, options.timeoutMs ?? 10_000, log);
  if (problem !== undefined) {
    const text = report(
      target.name,
      'mishandled a command',
      { label: 'given', command },
      streamId,
      problem,
      options.maxReportChars ?? 600,
    );
    throw new FuzzCommandsFailure(text, target.name, problem.kind, command, 0, '');
  }
  return outcome as E.Either<FuzzRefusal, unknown>;
};

/**
 * Sends bad input to one command entry point and checks that every input is answered properly:
 *
 * - `handle` resolves (never throws or rejects, and within `timeoutMs`) to an Either;
 * - a `Right` is fine (a mutated command can still be valid);
 * - a `Left` names what was wrong: `InvalidCommand` has a `field` ('' for the whole command) and a `reason`,
 *   `RuleViolation` a `rule.id` and `rule.citation`, any other tag a `message`;
 * - after a `Left` the store's whole log is what it was before (same event ids, same count);
 * - no input plants anything on `Object.prototype` (or Array, Function, String): `({}).polluted` stays undefined.
 *
 * Inputs are random JSON, mutations of `target.validCommands` (dropped fields, wrong types, empty strings,
 * out-of-range numbers, impossible and extreme dates, unknown kinds, undeclared fields, deep junk, 10k-character
 * strings, RTL marks, emoji, NUL...) and prototype pollution attempts. Throws a `FuzzCommandsFailure` (an
 * `AssertionError`) with a report naming the target, the input, the outcome and how to replay it; resolves to
 * a summary of what was seen. Runner-agnostic.
 */
export const fuzzCommands = async <Command>(
  target: FuzzTarget<Command>,
  options: FuzzOptions = {},
): Promise<FuzzSummary> => {
  const numRuns = propertyRuns(options.numRuns);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const families = options.families ?? fuzzInputFamilies;
  await target.prepare?.();
  const log = logWatcher(target.store, options.storeCheck ?? 'whole-log');

  let accepted = 0;
  const refused: Record<string, number> = {};
  const byFamily: Record<FuzzInputFamily, number> = {
    'random-json': 0,
    mutation: 0,
    'prototype-pollution': 0,
  };
  const known: Record<string, number> = {};

  const property = async (input: FuzzInput, streamId: string): Promise<void> => {
    byFamily[input.family]++;
    const { outcome, problem } = await checkInput(target, streamId, input.command, timeoutMs, log);
    if (isEither(outcome)) {
      if (outcome._tag === 'Right') accepted++;
      else {
        const left = outcome.left as { _tag?: unknown; field?: unknown };
        tally(
          refused,
          left._tag === 'InvalidCommand' && typeof left.field === 'string'
            ? `InvalidCommand(${left.field.split('.')[0]})`
            : String(left._tag),
        );
      }
    }
    if (problem === undefined) return;
    const finding: FuzzFinding = {
      target: target.name,
      input,
      streamId,
      problem: problem.kind,
      ...(problem.kind === 'threw' ? { thrown: problem.thrown } : {}),
      ...(outcome === undefined ? {} : { outcome }),
    };
    const issue = options.knownIssues?.find((candidate) => candidate.matches(finding));
    if (issue === undefined) throw new ProblemFound(problem);
    tally(known, issue.id);
  };

  const inputArbitrary = fuzzInputs(target.validCommands as fc.Arbitrary<unknown>, families);
  const details = await fc.check(fc.asyncProperty(inputArbitrary, target.streamIds, property), {
    numRuns,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.shrink === false ? { endOnFailure: true } : {}),
  });

  if (!details.failed) {
    return { target: target.name, runs: details.numRuns, accepted, refused, byFamily, knownIssues: known };
  }
  const error = details.errorInstance;
  const [input, streamId] = details.counterexample ?? [];
  const replay = `fuzzCommands(target, { seed: ${details.seed}, path: '${details.counterexamplePath}' }) on a store in the same starting state`;
  if (!(error instanceof ProblemFound) || input === undefined || streamId === undefined) {
    // Not a finding about the target: the fuzzer itself, or reading the store, failed.
    throw new FuzzCommandsFailure(
      [
        `fuzzCommands: '${target.name}' could not be checked: ${error instanceof Error ? describeThrown(error) : compact(error)}`,
        ...(input === undefined ? [] : [`  input (${input.label}): ${compact(input.command)}`]),
        `  replay: ${replay}`,
      ].join('\n'),
      target.name,
      'could-not-check',
      input?.command,
      details.seed,
      details.counterexamplePath ?? '',
    );
  }
  const headline = `mishandled an input (found after ${details.numRuns} of ${numRuns} runs, shrunk ${details.numShrinks} times)`;
  throw new FuzzCommandsFailure(
    report(target.name, headline, input, streamId, error.problem, options.maxReportChars ?? 600, replay),
    target.name,
    error.problem.kind,
    input.command,
    details.seed,
    details.counterexamplePath ?? '',
  );
};
