import type * as t from 'io-ts';
import type { FieldIssue } from './errors.js';

// Unions and intersections add their member index to io-ts's context; those indexes are not field names.
const combinatorTags = new Set(['UnionType', 'IntersectionType']);

const pathOf = (context: t.Context): string => {
  const keys: string[] = [];
  context.forEach((entry, index) => {
    if (index === 0 || entry.key === '') return;
    const parent = context[index - 1]?.type as { _tag?: string } | undefined;
    if (parent?._tag !== undefined && combinatorTags.has(parent._tag)) return;
    keys.push(entry.key);
  });
  return keys.join('.');
};

/** Turns io-ts validation errors into field issues, one per distinct path, in the order io-ts found them. */
export const fieldIssues = (errors: t.Errors): ReadonlyArray<FieldIssue> => {
  const seen = new Map<string, FieldIssue>();
  for (const error of errors) {
    const path = pathOf(error.context);
    const last = error.context[error.context.length - 1];
    const expected = error.message ?? last?.type.name ?? 'a valid value';
    const existing = seen.get(path);
    if (existing === undefined) seen.set(path, { path, expected, actual: error.value });
    else if (!existing.expected.includes(expected)) {
      seen.set(path, { ...existing, expected: `${existing.expected} | ${expected}` });
    }
  }
  return [...seen.values()];
};

const show = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

export const describeIssue = (issue: FieldIssue): string =>
  `${issue.path === '' ? 'value' : `'${issue.path}'`} expected ${issue.expected}, got ${show(issue.actual)}`;
