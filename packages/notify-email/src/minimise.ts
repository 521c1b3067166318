import type { Subject } from '@fostering/core';
import type { ChildNames } from './settings.js';

/** Names a lookup may give for a notification's subject. Intents carry ids only; names come from here. */
export interface SubjectNames {
  readonly childName?: string;
  readonly householdName?: string;
}

/** Finds names for a subject, for example from the agency's case system; `undefined` when it has none. */
export type NameLookup = (subject: Subject) => SubjectNames | undefined;

/**
 * 'Riley Morgan-Price' → 'R. M.': the first letter of each word (a hyphenated surname is one word), as the review
 * packs in core show names when full names are off.
 */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => `${(word.match(/\p{L}|\p{N}/u)?.[0] ?? word[0] ?? '').toUpperCase()}.`)
    .join(' ');

/** How a child's name appears under the agency's setting: initials, nothing, or (only if configured) in full. */
export const shownChildName = (name: string | undefined, mode: ChildNames): string | undefined => {
  const trimmed = name?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  return mode === 'full' ? trimmed : mode === 'initials' ? initials(trimmed) : undefined;
};

/**
 * Runs the lookup, failing closed: a lookup that throws gives no names (the message still goes, with ids only),
 * so a broken directory can neither stop notifications nor leak more than it would have.
 */
export const lookUpNames = (lookup: NameLookup | undefined, subject: Subject): SubjectNames => {
  if (lookup === undefined) return {};
  try {
    return lookup(subject) ?? {};
  } catch {
    return {};
  }
};
