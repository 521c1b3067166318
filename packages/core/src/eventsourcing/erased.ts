import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { type SubjectErased, subjectErased } from './errors.js';

/**
 * What a personal value reads as once its subject was erased (their keys destroyed): whose it was and since
 * when, never the value. A type of its own, so that every rule, projection and report that reads a personal
 * field has to say what it does without it, rather than meeting a placeholder that passes for real data.
 */
export interface Erased {
  readonly $erased: { readonly subject: string; readonly since: string };
}

export const ErasedC: t.Type<Erased> = t.readonly(
  t.type({ $erased: t.readonly(t.type({ subject: t.string, since: t.string })) }),
  'Erased',
);

export const erased = (subject: string, since: Date): Erased => ({
  $erased: { subject, since: since.toISOString() },
});

export const isErased = (value: unknown): value is Erased =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { $erased?: { subject?: unknown } }).$erased?.subject === 'string';

/** The value itself, or `fallback` when its subject was erased: for rules that can go on without it. */
export const unlessErased =
  <B>(fallback: B) =>
  <A>(value: A | Erased): A | B =>
    isErased(value) ? fallback : value;

/** Every value, or the first that was erased: for decisions that cannot go on without all of them. */
export const allKnown = <A>(values: ReadonlyArray<A | Erased>): E.Either<Erased, ReadonlyArray<A>> => {
  const gone = values.find(isErased);
  return gone === undefined ? E.right(values as ReadonlyArray<A>) : E.left(gone);
};

/** The refusal for a command that needs a value whose subject was erased. */
export const refusedAsErased = (value: Erased): SubjectErased =>
  subjectErased(value.$erased.subject, new Date(value.$erased.since));

/** How reports show an erased value. */
export const ERASED_TEXT = '[erased]';

/** A personal value as text for a report: the value, or `[erased]`. */
export const shownOrErased = (value: string | Erased): string => (isErased(value) ? ERASED_TEXT : value);

/** A personal value as the domain holds it: the value, or `Erased` once its subject was erased. */
export type Personal<T> = T | Erased;
