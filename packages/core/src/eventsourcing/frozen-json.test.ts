import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frozenJsonCopy } from './frozen-json.js';
import type { JsonValue } from './json.js';

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

const isDeepFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(isDeepFrozen));

describe('frozenJsonCopy', () => {
  it('gives what a JSON round trip gives, key order included, deep-frozen, for any value JSON can write', () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
      key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toJSON', 'constructor', '0', '10', '-1')),
    });
    fc.assert(
      fc.property(anything, (value) => {
        let expected: unknown;
        try {
          expected = roundTrip(value);
        } catch (error) {
          expect(() => frozenJsonCopy(value as JsonValue)).toThrow((error as Error).constructor as never);
          return;
        }
        const copy = frozenJsonCopy(value as JsonValue);
        // toEqual rather than toStrictEqual: the latter compares `constructor`, which may be an own key here.
        expect(copy).toEqual(expected);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
        expect(isDeepFrozen(copy)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('copies rather than freezing what it was given', () => {
    const data = { sessions: [{ minutes: 60 }] };
    const copy = frozenJsonCopy(data);
    expect(Object.isFrozen(data)).toBe(false);
    expect(copy).not.toBe(data);
    data.sessions[0] = { minutes: 90 };
    expect(copy).toEqual({ sessions: [{ minutes: 60 }] });
  });

  it('treats the awkward cases as JSON does: -0, non-finite numbers, undefined, dates, a __proto__ key', () => {
    const proto = JSON.parse('{"__proto__": {"x": 1}}') as JsonValue;
    const odd = { a: -0, b: Number.NaN, c: undefined, d: [undefined, Infinity], e: new Date(0), f: proto };
    expect(frozenJsonCopy(odd as unknown as JsonValue)).toStrictEqual(roundTrip(odd));
    expect(Object.getPrototypeOf(frozenJsonCopy(proto))).toBe(Object.prototype);
  });

  it('fails as JSON fails on what JSON cannot write', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => frozenJsonCopy(cyclic as JsonValue)).toThrow(TypeError);
    expect(() => frozenJsonCopy({ n: 1n } as unknown as JsonValue)).toThrow(TypeError);
  });
});
