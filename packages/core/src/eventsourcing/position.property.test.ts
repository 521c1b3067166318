import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePositions, decodePosition, encodePosition } from './position.js';

const uint64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

describe('global positions', () => {
  it('order as strings exactly as their parts order as numbers, first part first', () => {
    fc.assert(
      fc.property(uint64, uint64, uint64, uint64, (a1, a2, b1, b2) => {
        const numeric = a1 !== b1 ? (a1 < b1 ? -1 : 1) : a2 === b2 ? 0 : a2 < b2 ? -1 : 1;
        expect(comparePositions(encodePosition(a1, a2), encodePosition(b1, b2))).toBe(numeric);
      }),
    );
  });

  it('decode what they encode', () => {
    fc.assert(
      fc.property(fc.array(uint64, { minLength: 1, maxLength: 3 }), (parts) => {
        expect(decodePosition(encodePosition(...parts))).toEqual(parts);
      }),
    );
  });

  it('refuse parts outside unsigned 64 bits and strings they did not make', () => {
    expect(() => encodePosition(-1)).toThrow(RangeError);
    expect(() => encodePosition(1n << 64n)).toThrow(RangeError);
    expect(() => decodePosition('12' as never)).toThrow(TypeError);
  });
});
