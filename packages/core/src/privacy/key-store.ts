import * as E from 'fp-ts/lib/Either.js';
import { type StoreUnavailable, type SubjectErased, subjectErased } from '../eventsourcing/errors.js';
import { newSubjectKey, type SubjectKey } from './subject-key.js';

export type KeyLookup =
  | { readonly found: 'key'; readonly key: SubjectKey }
  | { readonly found: 'erased'; readonly erasedAt: Date }
  | { readonly found: 'none' };

/**
 * Where subjects' keys live: never beside the events, so that destroying a key erases the data it sealed
 * wherever copies of the events went. A subject has one current key for new data; older keys stay, for reading
 * what they sealed, until the subject is erased.
 */
export interface SubjectKeyStore {
  /** The subject's current key, made on first use; refused once the subject is erased. */
  readonly currentKey: (
    subjectId: string,
    now: Date,
  ) => Promise<E.Either<StoreUnavailable | SubjectErased, SubjectKey>>;
  /** A key by id, to open what it sealed. */
  readonly findKey: (subjectId: string, keyId: string) => Promise<E.Either<StoreUnavailable, KeyLookup>>;
  /** A new current key for new data; what older keys sealed still opens with them. */
  readonly rotate: (
    subjectId: string,
    now: Date,
  ) => Promise<E.Either<StoreUnavailable | SubjectErased, SubjectKey>>;
  /** Destroys every key of the subject for good and remembers when (the first time, if asked again). */
  readonly destroy: (
    subjectId: string,
    now: Date,
  ) => Promise<E.Either<StoreUnavailable, { readonly erasedAt: Date }>>;
}

interface Keys {
  readonly keys: Map<string, SubjectKey>;
  current: SubjectKey;
}

/** Keys in process memory: for tests, the demo, and embedders who keep keys elsewhere between runs. */
export const inMemoryKeyStore = (): SubjectKeyStore => {
  const subjects = new Map<string, Keys>();
  const erased = new Map<string, Date>();

  const startWith = (subjectId: string, now: Date): SubjectKey => {
    const key = newSubjectKey(subjectId, now);
    const held = subjects.get(subjectId);
    if (held === undefined) subjects.set(subjectId, { keys: new Map([[key.keyId, key]]), current: key });
    else {
      held.keys.set(key.keyId, key);
      held.current = key;
    }
    return key;
  };

  return {
    currentKey: async (subjectId, now) => {
      const erasedAt = erased.get(subjectId);
      if (erasedAt !== undefined) return E.left(subjectErased(subjectId, erasedAt));
      return E.right(subjects.get(subjectId)?.current ?? startWith(subjectId, now));
    },
    findKey: async (subjectId, keyId) => {
      const erasedAt = erased.get(subjectId);
      if (erasedAt !== undefined) return E.right({ found: 'erased', erasedAt });
      const key = subjects.get(subjectId)?.keys.get(keyId);
      return E.right(key === undefined ? { found: 'none' } : { found: 'key', key });
    },
    rotate: async (subjectId, now) => {
      const erasedAt = erased.get(subjectId);
      if (erasedAt !== undefined) return E.left(subjectErased(subjectId, erasedAt));
      return E.right(startWith(subjectId, now));
    },
    destroy: async (subjectId, now) => {
      const held = subjects.get(subjectId);
      // Overwrite the material before letting go of it, so the bytes do not linger in the heap until collected.
      for (const key of held?.keys.values() ?? []) key.material.fill(0);
      subjects.delete(subjectId);
      const erasedAt = erased.get(subjectId) ?? now;
      erased.set(subjectId, erasedAt);
      return E.right({ erasedAt });
    },
  };
};
