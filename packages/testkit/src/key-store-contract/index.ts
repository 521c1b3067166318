import type { SubjectKeyStore } from '@fostering/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.js';

/** A fresh key store per test; subjects are kept apart by a prefix of the test's own. */
export type MakeKeyStore = () => Promise<SubjectKeyStore> | SubjectKeyStore;

export interface KeyStoreContractOptions {
  /** Generated histories for the model property; defaults to FOSTERING_PROPERTY_RUNS or 100. */
  readonly numRuns?: number;
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
let prefixes = 0;
const prefix = () => `kc${Date.now().toString(36)}${(prefixes++).toString(36)}-`;

const right = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected success, got ${JSON.stringify(either.left)}`);
  return either.right;
};

/**
 * The key store conformance suite, for every implementation of `SubjectKeyStore`: a subject's current key is made
 * once and kept, rotation keeps older keys readable, destruction is final and remembered, subjects never share.
 */
export const describeKeyStoreContract = (
  name: string,
  make: MakeKeyStore,
  options: KeyStoreContractOptions = {},
): void => {
  describe(`key store contract: ${name}`, () => {
    it('makes a subject one 32-byte key on first use and keeps giving it', async () => {
      const store = await make();
      const p = prefix();
      const first = right(await store.currentKey(`${p}child`, day(0)));
      const again = right(await store.currentKey(`${p}child`, day(5)));
      expect(first.material).toHaveLength(32);
      expect(again.keyId).toBe(first.keyId);
      expect(Buffer.from(again.material).equals(Buffer.from(first.material))).toBe(true);
      const other = right(await store.currentKey(`${p}carer`, day(0)));
      expect(other.keyId).not.toBe(first.keyId);
      expect(Buffer.from(other.material).equals(Buffer.from(first.material))).toBe(false);
    });

    it('rotates to a new current key and still finds the old one', async () => {
      const store = await make();
      const subject = `${prefix()}child`;
      const old = right(await store.currentKey(subject, day(0)));
      const rotated = right(await store.rotate(subject, day(1)));
      expect(rotated.keyId).not.toBe(old.keyId);
      expect(right(await store.currentKey(subject, day(2))).keyId).toBe(rotated.keyId);
      const found = right(await store.findKey(subject, old.keyId));
      expect(found.found).toBe('key');
      if (found.found === 'key')
        expect(Buffer.from(found.key.material).equals(Buffer.from(old.material))).toBe(true);
      expect(right(await store.findKey(subject, 'no-such-key')).found).toBe('none');
      expect(right(await store.findKey(`${subject}-else`, old.keyId)).found).toBe('none');
    });

    it('destroys every key of a subject for good, remembers when, and refuses new keys', async () => {
      const store = await make();
      const p = prefix();
      const subject = `${p}child`;
      const old = right(await store.currentKey(subject, day(0)));
      const current = right(await store.rotate(subject, day(1)));
      const kept = right(await store.currentKey(`${p}sibling`, day(0)));
      expect(right(await store.destroy(subject, day(10))).erasedAt).toEqual(day(10));
      for (const key of [old, current]) {
        expect(right(await store.findKey(subject, key.keyId))).toEqual({
          found: 'erased',
          erasedAt: day(10),
        });
      }
      const refused = await store.currentKey(subject, day(11));
      expect(E.isLeft(refused) && refused.left._tag).toBe('SubjectErased');
      const rotateRefused = await store.rotate(subject, day(11));
      expect(E.isLeft(rotateRefused) && rotateRefused.left._tag).toBe('SubjectErased');
      expect(right(await store.destroy(subject, day(20))).erasedAt).toEqual(day(10));
      expect(right(await store.currentKey(`${p}sibling`, day(12))).keyId).toBe(kept.keyId);
      // A subject never given a key can be erased too (nothing was sealed for them, and nothing will be).
      expect(right(await store.destroy(`${p}stranger`, day(3))).erasedAt).toEqual(day(3));
    });

    it('agrees with a model over generated histories of use, rotation, lookup and destruction', async () => {
      const store = await make();
      const step = fc.record({
        op: fc.constantFrom('current', 'rotate', 'destroy', 'find-old', 'find-current'),
        subject: fc.integer({ min: 0, max: 2 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          const p = prefix();
          const model = new Map<number, { keys: string[]; current?: string; erasedAt?: Date }>();
          for (const [i, { op, subject }] of steps.entries()) {
            const id = `${p}${subject}`;
            const now = day(i);
            const m = model.get(subject) ?? { keys: [] };
            model.set(subject, m);
            if (op === 'current' || op === 'rotate') {
              const got = op === 'current' ? await store.currentKey(id, now) : await store.rotate(id, now);
              if (m.erasedAt !== undefined) {
                expect(E.isLeft(got) && got.left._tag).toBe('SubjectErased');
                continue;
              }
              const key = right(got);
              if (op === 'current' && m.current !== undefined) expect(key.keyId).toBe(m.current);
              else {
                expect(m.keys).not.toContain(key.keyId);
                m.keys.push(key.keyId);
                m.current = key.keyId;
              }
            } else if (op === 'destroy') {
              const { erasedAt } = right(await store.destroy(id, now));
              m.erasedAt ??= now;
              expect(erasedAt).toEqual(m.erasedAt);
            } else {
              const keyId = op === 'find-old' ? m.keys[0] : m.current;
              if (keyId === undefined) continue;
              const found = right(await store.findKey(id, keyId));
              if (m.erasedAt !== undefined) expect(found).toEqual({ found: 'erased', erasedAt: m.erasedAt });
              else expect(found.found === 'key' && found.key.keyId).toBe(keyId);
            }
          }
        }),
        { numRuns: propertyRuns(options.numRuns) },
      );
    });
  });
};
