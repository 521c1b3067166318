import { inMemoryEventStore } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { appendStray, type NoteCommand, naiveMerge, noteTarget } from './__fixtures__/note-target.js';
import {
  checkCommand,
  FuzzCommandsFailure,
  type FuzzTarget,
  fuzzCommands,
  type KnownIssue,
} from './fuzz-commands.js';

// The self-test: a well-behaved entry point passes, and each way of mishandling bad input makes fuzzCommands
// fail with a report that says which target, which input, what happened and how to replay it.

const failureOf = async (run: Promise<unknown>): Promise<FuzzCommandsFailure> => {
  try {
    await run;
  } catch (error) {
    if (error instanceof FuzzCommandsFailure) return error;
    throw error;
  }
  throw new Error('expected fuzzCommands to fail, but it passed');
};

// Fixed seeds keep the self-tests deterministic: each must find its bug, whatever the day's random seed.
const seed = 20_251_122;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** A field of whatever arrived, as a handler that looks before validating would read it. */
const fieldOf = (command: unknown, field: string): unknown =>
  isObject(command) ? command[field] : undefined;

describe('fuzzCommands passes an entry point that answers bad input properly', () => {
  it('refuses with InvalidCommand, RuleViolation or NotAllowedNow, accepts what is valid, never throws', async () => {
    const summary = await fuzzCommands(noteTarget(), { seed, numRuns: 300 });
    expect(summary.target).toBe('notes');
    expect(summary.runs).toBe(300);
    expect(summary.byFamily.mutation).toBeGreaterThan(100);
    expect(summary.byFamily['random-json']).toBeGreaterThan(20);
    expect(summary.byFamily['prototype-pollution']).toBeGreaterThan(20);
    // Some mutations are still valid notes (an emoji appended to the text, an empty tag list...).
    expect(summary.accepted).toBeGreaterThan(0);
    expect(summary.refused.NotAllowedNow).toBeGreaterThan(0);
    expect(Object.keys(summary.refused).some((tag) => tag.startsWith('InvalidCommand('))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('is runner-agnostic: a failure is an AssertionError', async () => {
    const target: FuzzTarget<NoteCommand> = {
      ...noteTarget(),
      handle: async () => {
        throw new Error('boom');
      },
    };
    const failure = await failureOf(fuzzCommands(target, { seed, numRuns: 5 }));
    expect(failure.name).toBe('FuzzCommandsFailure');
    expect(failure.code).toBe('ERR_ASSERTION');
  });
});

describe('fuzzCommands fails, with a readable report, when', () => {
  it('handle throws on some input (here: reading a field of null before validating)', async () => {
    const good = noteTarget();
    const target: FuzzTarget<NoteCommand> = {
      ...good,
      name: 'notes that read before validating',
      handle: async (streamId, command, metadata) => {
        if ((command as { kind: string }).kind === 'Clear')
          return E.left({ _tag: 'NotAllowedNow', message: 'no' });
        return good.handle(streamId, command, metadata);
      },
    };
    const failure = await failureOf(fuzzCommands(target, { seed, numRuns: 1_000 }));
    expect(failure.problem).toBe('threw');
    expect(failure.message).toContain(
      "fuzzCommands: 'notes that read before validating' mishandled an input",
    );
    expect(failure.message).toMatch(/ {2}input \(.+\):\n {4}null\n {2}stream: "note-\d"\n/);
    expect(failure.message).toContain('handle threw (or rejected) instead of returning a Left');
    expect(failure.message).toMatch(
      /TypeError: Cannot read properties of (null|undefined) \(reading 'kind'\)/,
    );
    expect(failure.message).toMatch(/replay: fuzzCommands\(target, \{ seed: -?\d+, path: '[\d:]+' \}\)/);
    // Shrunk to the smallest input that throws: null as the whole command.
    expect(failure.input).toBeNull();
  });

  it('handle appends an event and then returns a Left', async () => {
    const good = noteTarget();
    const target: FuzzTarget<NoteCommand> = {
      ...good,
      name: 'notes with an audit entry written first',
      handle: async (streamId, command, metadata) => {
        await appendStray(good.store, streamId, metadata);
        return good.handle(streamId, command, metadata);
      },
    };
    const failure = await failureOf(fuzzCommands(target, { seed, numRuns: 100 }));
    expect(failure.problem).toBe('store-changed');
    expect(failure.message).toContain("'notes with an audit entry written first' mishandled an input");
    expect(failure.message).toContain('the command was refused but the store changed:');
    expect(failure.message).toMatch(/outcome: Left \{"_tag":"\w+"/);
    expect(failure.message).toMatch(/1 new event\(s\): Noted on note-\d \(id [0-9a-f-]{36}\)/);
    // Reading only past the last position seen finds it too.
    const again = await failureOf(fuzzCommands(target, { seed, numRuns: 100, storeCheck: 'new-events' }));
    expect(again.problem).toBe('store-changed');
    expect(again.message).toContain('1 new event(s): Noted on note-');
  });

  it('a refusal does not say what was wrong', async () => {
    const target: FuzzTarget<NoteCommand> = {
      ...noteTarget(),
      name: 'vague notes',
      handle: async () => E.left({ _tag: 'InvalidCommand', message: 'bad command' }),
    };
    const failure = await failureOf(fuzzCommands(target, { seed, numRuns: 20 }));
    expect(failure.problem).toBe('malformed-refusal');
    expect(failure.message).toContain(
      "the refusal does not say what was wrong: InvalidCommand without a 'field' (use '' for the whole command)",
    );
    expect(failure.message).toContain('outcome: Left {"_tag":"InvalidCommand","message":"bad command"}');
  });

  it('a rule refusal has no citation', async () => {
    const target: FuzzTarget<NoteCommand> = {
      ...noteTarget(),
      handle: async () => E.left({ _tag: 'RuleViolation', rule: { id: 'note-length' }, message: 'too long' }),
    };
    const failure = await failureOf(fuzzCommands(target, { seed, numRuns: 20 }));
    expect(failure.message).toContain("RuleViolation of 'note-length' without 'rule.citation'");
  });

  it('an input pollutes Object.prototype (here: a recursive merge of the command into defaults)', async () => {
    const good = noteTarget();
    const target: FuzzTarget<NoteCommand> = {
      ...good,
      name: 'notes merged into defaults',
      handle: async (streamId, command, metadata) => {
        const merged = naiveMerge({ kind: 'Note', tags: [] }, command);
        return good.handle(streamId, merged as NoteCommand, metadata);
      },
    };
    const failure = await failureOf(
      fuzzCommands(target, { seed, numRuns: 200, families: ['prototype-pollution'] }),
    );
    expect(failure.problem).toBe('polluted');
    expect(failure.message).toContain('prototype pollution of');
    expect(failure.message).toContain(
      'the input polluted a prototype: Object.prototype.polluted (removed again)',
    );
    expect(failure.message).toMatch(/"__proto__":\{"polluted":"yes"\}|"constructor":\{"prototype"/);
    // The fuzzer cleaned up, so the rest of the test run is not affected.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('an input replaces a method of a prototype, which is put back', async () => {
    const good = noteTarget();
    const original = Object.prototype.toString;
    const target: FuzzTarget<NoteCommand> = {
      ...good,
      handle: async (streamId, command, metadata) => {
        const settings: Record<string, Record<string, unknown>> = {};
        // settings[section][key] = value, with section '__proto__' and key 'toString'.
        const section = String(fieldOf(command, 'text'));
        (settings[section] as Record<string, unknown>).toString = () => 'hacked';
        return good.handle(streamId, command, metadata);
      },
    };
    const failure = await failureOf(
      checkCommand(target, 'note-1', { kind: 'Note', text: '__proto__', tags: [] }),
    );
    expect(failure.message).toContain('the input polluted a prototype: Object.prototype.toString (replaced)');
    expect(Object.prototype.toString).toBe(original);
  });

  it('handle resolves to something that is not an Either', async () => {
    const target: FuzzTarget<NoteCommand> = {
      ...noteTarget(),
      handle: async () => ({ ok: false }) as never,
    };
    const failure = await failureOf(fuzzCommands(target, { seed, numRuns: 5 }));
    expect(failure.message).toContain('handle resolved to something that is not an Either: {"ok":false}');
  });

  it('handle never settles', async () => {
    const good = noteTarget();
    const target: FuzzTarget<NoteCommand> = {
      ...good,
      handle: (streamId, command, metadata) =>
        isObject(command) && command.kind === 'Clear'
          ? new Promise(() => {})
          : good.handle(streamId, command, metadata),
    };
    const failure = await failureOf(
      fuzzCommands(target, { seed, numRuns: 200, timeoutMs: 20, shrink: false }),
    );
    expect(failure.problem).toBe('hung');
    expect(failure.message).toContain('handle did not settle within 20 ms');
  });

  it('the report shows long strings by their ends, and odd characters escaped', async () => {
    const good = noteTarget();
    const target: FuzzTarget<NoteCommand> = {
      ...good,
      handle: async (streamId, command, metadata) => {
        const text = fieldOf(command, 'text');
        if (typeof text === 'string' && text.length > 5_000)
          throw new RangeError(`text of ${text.length} characters`);
        return good.handle(streamId, command, metadata);
      },
    };
    const failure = await failureOf(fuzzCommands(target, { seed, numRuns: 1_000, families: ['mutation'] }));
    expect(failure.message).toMatch(/"text":"[^"]{1,40}…\[\d{4,6} chars\]…/);
    expect(failure.message.length).toBeLessThan(3_000);
    for (const raw of ['\u0000', '\u202e', '\u200f']) expect(failure.message).not.toContain(raw);
  });

  it('replaying the reported seed and path gives the same input', async () => {
    const good = noteTarget();
    const target: FuzzTarget<NoteCommand> = {
      ...good,
      handle: async (streamId, command, metadata) => {
        const tags = fieldOf(command, 'tags');
        if (Array.isArray(tags) && tags.length > 1) throw new Error('tags');
        return good.handle(streamId, command, metadata);
      },
    };
    const first = await failureOf(fuzzCommands(target, { seed, numRuns: 500 }));
    const again = await failureOf(
      fuzzCommands(target, { numRuns: 500, seed: first.seed, path: first.counterexamplePath }),
    );
    expect(again.input).toEqual(first.input);
  });
});

describe('known issues', () => {
  it('count matching findings instead of failing, and let other findings fail', async () => {
    const good = noteTarget();
    const target: FuzzTarget<NoteCommand> = {
      ...good,
      handle: async (streamId, command, metadata) => {
        if (command === null) throw new TypeError('null command');
        if (Array.isArray(command)) throw new RangeError('array command');
        return good.handle(streamId, command, metadata);
      },
    };
    const nullCommands: KnownIssue = {
      id: 'notes#null',
      description: 'a null command throws',
      matches: (finding) => finding.problem === 'threw' && finding.input.command === null,
    };
    const arrays: KnownIssue = {
      id: 'notes#array',
      description: 'an array command throws',
      matches: (finding) => finding.thrown instanceof RangeError,
    };
    const summary = await fuzzCommands(target, { seed, numRuns: 500, knownIssues: [nullCommands, arrays] });
    expect(summary.knownIssues['notes#null']).toBeGreaterThan(0);
    expect(summary.knownIssues['notes#array']).toBeGreaterThan(0);
    const failure = await failureOf(
      fuzzCommands(target, { seed, numRuns: 500, knownIssues: [nullCommands] }),
    );
    expect(failure.message).toContain('RangeError: array command');
  });
});

describe('checkCommand', () => {
  it('returns what handle answered when the answer is proper', async () => {
    const target = noteTarget();
    const accepted = await checkCommand(target, 'note-1', { kind: 'Note', text: 'fine', tags: [] });
    expect(E.isRight(accepted)).toBe(true);
    const refused = await checkCommand(target, 'note-1', { kind: 'Note', text: 'x', tags: [], extra: 1 });
    expect(refused).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidCommand', field: 'extra' } });
  });

  it('throws the same report when it is not', async () => {
    const store = inMemoryEventStore();
    const good = noteTarget(store);
    const target: FuzzTarget<NoteCommand> = {
      ...good,
      handle: async (streamId, command, metadata) => {
        await appendStray(store, streamId, metadata);
        return good.handle(streamId, command, metadata);
      },
    };
    const failure = await failureOf(checkCommand(target, 'note-1', { kind: 'Clear' }));
    expect(failure.message).toContain("fuzzCommands: 'notes' mishandled a command");
    expect(failure.message).toContain('input (given):\n    {"kind":"Clear"}');
    expect(failure.message).toContain('the command was refused but the store changed');
  });
});
