import { type LocalDate, parseLocalDate } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { usageError } from './errors.js';

export type StoreSpec =
  | { readonly kind: 'memory' }
  | { readonly kind: 'pglite'; readonly directory: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** Where the data lives when no --store is given: an embedded database in the working directory. */
export const defaultStore = 'pglite:.fostering/data';

export const storeOptionHelp =
  'where the events are: memory, pglite:<directory> (embedded, the default is .fostering/data) or postgres:<url>';

export const parseStoreSpec = (value: string): StoreSpec => {
  if (value === 'memory') return { kind: 'memory' };
  if (value.startsWith('pglite:') && value.length > 'pglite:'.length) {
    return { kind: 'pglite', directory: value.slice('pglite:'.length) };
  }
  if (value.startsWith('postgres://') || value.startsWith('postgresql://'))
    return { kind: 'postgres', url: value };
  if (value.startsWith('postgres:') && value.length > 'postgres:'.length) {
    return { kind: 'postgres', url: value.slice('postgres:'.length) };
  }
  throw usageError(`--store: expected memory, pglite:<directory> or postgres:<url>, got '${value}'`);
};

export const parseDate =
  (option: string) =>
  (value: string): LocalDate => {
    const parsed = parseLocalDate(value);
    if (E.isLeft(parsed)) throw usageError(`${option}: expected a date as YYYY-MM-DD, got '${value}'`);
    return parsed.right;
  };

export const parseChoice =
  <const C extends string>(option: string, choices: ReadonlyArray<C>) =>
  (value: string): C => {
    if ((choices as ReadonlyArray<string>).includes(value)) return value as C;
    throw usageError(`${option}: expected one of ${choices.join(', ')}, got '${value}'`);
  };

export const parseCount =
  (option: string, { min, max }: { readonly min: number; readonly max: number }) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw usageError(`${option}: expected a whole number from ${min} to ${max}, got '${value}'`);
    }
    return n;
  };
