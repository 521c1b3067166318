import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../eventsourcing/json.js';
import { isSealed, open, seal } from './field-cipher.js';
import { newSubjectKey } from './subject-key.js';

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const key = newSubjectKey('child-1', new Date('2026-01-01T00:00:00Z'));

describe('sealing personal values', () => {
  it('opens to exactly the value sealed, in the same context, with the same key', () => {
    fc.assert(
      fc.property(json, fc.string(), (value, context) => {
        const sealed = seal(key, value, context);
        expect(isSealed(sealed)).toBe(true);
        expect(open(key, sealed, context)).toEqual(E.right(JSON.parse(JSON.stringify(value))));
      }),
    );
  });

  it('keeps the value out of the stored form, and seals the same value differently every time', () => {
    const value = 'Amara Okafor, born 3 May 2012';
    const first = seal(key, value, 'child-1/e1/name');
    expect(JSON.stringify(first)).not.toContain('Amara');
    expect(seal(key, value, 'child-1/e1/name').data).not.toBe(first.data);
  });

  it('refuses to open a value altered anywhere, moved to another context, or under another key', () => {
    const other = newSubjectKey('child-1', new Date('2026-02-01T00:00:00Z'));
    fc.assert(
      fc.property(json, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), (value, at, flip, inIv) => {
        const sealed = seal(key, value, 'ctx');
        const field = inIv ? 'iv' : 'data';
        const bytes = Buffer.from(sealed[field], 'base64');
        const index = at % bytes.length;
        bytes[index] = (bytes[index] as number) ^ flip;
        const altered = { ...sealed, [field]: bytes.toString('base64') };
        expect(open(key, altered, 'ctx')).toEqual(E.left('tampered'));
        expect(open(key, sealed, 'ctx2')).toEqual(E.left('tampered'));
        expect(open(other, sealed, 'ctx')).toEqual(E.left('tampered'));
      }),
    );
  });

  it('refuses a value cut short or padded, and tells sealed values from plain data', () => {
    const sealed = seal(key, 'x', 'ctx');
    expect(open(key, { ...sealed, data: sealed.data.slice(0, 8) }, 'ctx')).toEqual(E.left('tampered'));
    expect(open(key, { ...sealed, iv: Buffer.alloc(16).toString('base64') }, 'ctx')).toEqual(
      E.left('tampered'),
    );
    expect(isSealed({ $sealed: 1, subject: 's', key: 'k', iv: 'i' })).toBe(false);
    expect(isSealed('Amara')).toBe(false);
  });
});
