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

const tagOf = (type: unknown): string | undefined => (type as { _tag?: string } | undefined)?._tag;

/**
 * When the value is a union at the top (a command codec: one member per kind), io-ts reports every member's
 * complaints. Only the member whose literal fields (the `kind`) matched is what the caller meant, so report
 * that member alone, or all of them when none matched.
 */
const intendedMember = (errors: t.Errors): t.Errors => {
  if (tagOf(errors[0]?.context[0]?.type) !== 'UnionType') return errors;
  const byMember = new Map<string, t.ValidationError[]>();
  for (const error of errors) {
    const member = error.context[1]?.key ?? '';
    byMember.set(member, [...(byMember.get(member) ?? []), error]);
  }
  const literalMismatch = (error: t.ValidationError) =>
    tagOf(error.context[error.context.length - 1]?.type) === 'LiteralType';
  const matching = [...byMember.values()].filter((group) => !group.some(literalMismatch));
  return matching.length === 1 ? (matching[0] as t.Errors) : errors;
};

/** Turns io-ts validation errors into field issues, one per distinct path, in the order io-ts found them. */
export const fieldIssues = (allErrors: t.Errors): ReadonlyArray<FieldIssue> => {
  const errors = intendedMember(allErrors);
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
