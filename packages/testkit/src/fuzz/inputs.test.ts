import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMutation,
  type FuzzInput,
  fuzzInputs,
  type MutationKind,
  mutationKinds,
  pollutionInputs,
} from './inputs.js';
import { compact } from './report.js';

const approve = {
  kind: 'Approve',
  decidedOn: '2025-06-10',
  terms: {
    maxChildren: 2,
    ageRange: { minAge: 5, maxAge: 12 },
    placementTypes: ['short-term', 'long-term'],
    exemptions: [{ exemptionId: 'e-1', childIds: ['child-riley'] }],
  },
};

const mutate = (kind: MutationKind, pick = 0, choice = 0) => applyMutation(approve, { kind, pick, choice });

describe('mutations of a valid command', () => {
  it('never change the original command', () => {
    const before = JSON.stringify(approve);
    for (const kind of mutationKinds) for (let n = 0; n < 20; n++) mutate(kind, n, n);
    expect(JSON.stringify(approve)).toBe(before);
  });

  it('drop a field, nested ones included, and say which', () => {
    const { command, label } = mutate('drop-field', 2);
    expect(label).toBe('dropped terms.maxChildren');
    expect(command).toMatchObject({ terms: { ageRange: { minAge: 5 } } });
    expect((command as typeof approve).terms).not.toHaveProperty('maxChildren');
  });

  it('give a field a value of another JSON type', () => {
    for (let choice = 0; choice < 10; choice++) {
      const { command } = mutate('wrong-type', 2, choice);
      expect(typeof (command as typeof approve).terms.maxChildren).not.toBe('number');
    }
  });

  it('put impossible dates, and real dates at the edges of 0000-9999, where dates are', () => {
    expect(mutate('invalid-date', 0, 0)).toMatchObject({ command: { decidedOn: '2025-02-30' } });
    expect(mutate('invalid-date', 0, 1).label).toBe('decidedOn set to "2025-13-01"');
    expect(mutate('invalid-date', 0, 2).command).toMatchObject({ decidedOn: 'yesterday' });
    expect(mutate('extreme-date', 0, 8).command).toMatchObject({ decidedOn: '9999-12-31' });
  });

  it('put out-of-range numbers where numbers are, and no NaN (JSON has none)', () => {
    const numbers = Array.from({ length: 13 }, (_, choice) => {
      const { command } = mutate('out-of-range-number', 0, choice);
      return (command as typeof approve).terms.maxChildren;
    });
    expect(numbers).toContain(-1);
    expect(numbers).toContain(1e308);
    expect(numbers.every((n) => Number.isFinite(n))).toBe(true);
  });

  it('leave the kind to unknown-kind, which also drops it', () => {
    for (let pick = 0; pick < 30; pick++) expect(mutate('drop-field', pick).label).not.toBe('dropped kind');
    const kinds = Array.from({ length: 14 }, (_, choice) => mutate('unknown-kind', 0, choice).label);
    expect(kinds).toContain('dropped kind');
    expect(kinds).toContain('kind set to "NoSuchCommand"');
    expect(kinds).toContain('kind set to "constructor"');
    expect(kinds).toContain('kind set to "approve"');
  });

  it('add undeclared fields at the top level and inside array elements', () => {
    expect(mutate('extra-field', 0, 0)).toMatchObject({ command: { extra: 'x' } });
    const nested = mutate('extra-nested-field', 0, 1);
    expect(nested.label).toBe('undeclared field "isAdmin" added at terms.exemptions.0');
    expect(nested.command).toMatchObject({ terms: { exemptions: [{ exemptionId: 'e-1', isAdmin: 'x' }] } });
  });

  it('add deep junk, very long strings and odd unicode', () => {
    expect(mutate('deep-junk', 0, 1).label).toBe("junk 64 deep added as 'junk'");
    expect(mutate('deep-junk', 1, 2).label).toBe('terms set to junk 256 deep');
    const long = mutate('long-string', 0, 0).command as typeof approve;
    expect(long.decidedOn).toHaveLength(10_000);
    const nul = Array.from(
      { length: 60 },
      (_, choice) => mutate('unicode', 0, choice).command as typeof approve,
    );
    expect(nul.map((c) => c.decidedOn)).toContain('2025-06-10\u0000');
    expect(nul.map((c) => c.decidedOn)).toContain('\u202E');
  });

  it('use names every object inherits as ids', () => {
    const words = Array.from({ length: 7 }, (_, choice) => mutate('reserved-word', 4, choice).command);
    expect(words.map((c) => (c as typeof approve).terms.placementTypes[0])).toEqual(
      expect.arrayContaining(['__proto__', 'constructor', 'toString']),
    );
  });
});

describe('prototype pollution inputs', () => {
  const sample = fc.sample(pollutionInputs(fc.constant(approve)), { numRuns: 200, seed: 1 });

  it('carry __proto__ and constructor as own keys, as JSON.parse makes them, without a changed prototype', () => {
    const own = (input: FuzzInput) => JSON.stringify(input.command);
    expect(
      sample.some((input) => own(input).startsWith('{"__proto__":{"polluted":"yes"},"kind":"Approve"')),
    ).toBe(true);
    expect(
      sample.some((input) => own(input).includes('"constructor":{"prototype":{"polluted":"yes"}}')),
    ).toBe(true);
    expect(sample.some((input) => /"exemptions":\[\{[^\]]*"__proto__"/.test(own(input)))).toBe(true);
    for (const input of sample) {
      if (typeof input.command === 'object' && input.command !== null) {
        expect(Object.getPrototypeOf(input.command)).toBe(Object.prototype);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the input mix', () => {
  it('covers every family and every mutation', () => {
    const inputs = fc.sample(fuzzInputs(fc.constant(approve)), { numRuns: 2_000, seed: 2 });
    const families = new Set(inputs.map((i) => i.family));
    expect([...families].sort()).toEqual(['mutation', 'prototype-pollution', 'random-json']);
    const labels = inputs.map((i) => i.label).join('\n');
    for (const marker of [
      'dropped ',
      'set to "2025-02-30"',
      'set to "9999-12-31"',
      'kind set to',
      'undeclared field',
      'deep',
      'characters',
      'suffixed with',
      'emptied',
      'set to "constructor"',
      'random JSON',
      'a non-object',
      'random fields under kind Approve',
    ]) {
      expect(labels).toContain(marker);
    }
  });

  it('refuses an empty choice of families', () => {
    expect(() => fuzzInputs(fc.constant(approve), [])).toThrow(/at least one family/);
  });
});

describe('compact', () => {
  it('shortens long strings in the middle and escapes characters that would garble a terminal', () => {
    const shown = compact({ a: 'x'.repeat(10_000), b: 'left\u202Eright\u0000\uD800', c: '👩‍👧' });
    expect(shown).toMatch(
      /^\{"a":"x{30}…\[10000 chars\]…x{15}","b":"left\\u202eright\\u0000\\ud800","c":"👩\\u200d👧"\}$/,
    );
  });

  it('cuts deep and wide values', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 50; i++) deep = [deep];
    expect(compact(deep)).toBe('[[[[[[[[[…]]]]]]]]]');
    expect(compact(Array.from({ length: 30 }, (_, i) => i))).toMatch(/,19,…10 more\]$/);
    expect(compact(Object.create(null))).toBe('[null prototype] {}');
  });
});
