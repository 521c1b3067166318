import { type CommandMetadata, type ExpectedRevision, type LocalDate, LocalDateC } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { HttpProblem, invalidRequest } from './problems.js';

/** Headers as Node gives them: lower-case names, a string, or several strings for a repeated header. */
export type Headers = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>;

const fail = (...args: Parameters<typeof invalidRequest>): never => {
  throw new HttpProblem(invalidRequest(...args));
};

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return fail('header', name, 'must be given once');
  return value.trim();
};

const requiredHeader = (headers: Headers, name: string): string => {
  const value = header(headers, name);
  if (value === undefined || value === '') return fail('header', name, 'is required');
  if (value.length > 200) return fail('header', name, 'must be at most 200 characters');
  return value;
};

/** Ids in paths become stream ids (`household-<id>`): letters, digits and `.`, `_`, `-`, up to 100. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const idParam = (params: unknown, name: string): string => {
  const value = (params as Readonly<Record<string, unknown>> | undefined)?.[name];
  if (typeof value !== 'string' || value === '') return fail('path', name, 'is required');
  if (!idPattern.test(value)) {
    return fail(
      'path',
      name,
      'must be letters, digits, ".", "_" or "-" (at most 100, not starting with a sign)',
    );
  }
  return value;
};

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * When the recorded fact happened. A date is taken as midday UTC, which is the same date in England in every
 * season; a date-time must carry its offset. Absent: now, by the server's clock.
 */
const occurredAtOf = (value: string): Date => {
  if (E.isRight(LocalDateC.decode(value))) return new Date(`${value}T12:00:00Z`);
  const parsed = instant.test(value) ? new Date(value) : undefined;
  if (parsed === undefined || Number.isNaN(parsed.getTime())) {
    return fail(
      'header',
      'x-occurred-at',
      "must be a date 'YYYY-MM-DD' or a date-time with offset (ISO 8601)",
    );
  }
  return parsed;
};

/**
 * The envelope metadata of a command, from headers: who (`x-actor-id`, `x-actor-role`, required: every record
 * entry is attributed), when it happened (`x-occurred-at`), and the correlation id (`x-correlation-id`, made up
 * here when absent so that the response can return it).
 */
export const commandMetadata = (
  headers: Headers,
  newCorrelationId: () => string,
): CommandMetadata & { readonly correlationId: string } => {
  const id = requiredHeader(headers, 'x-actor-id');
  const role = requiredHeader(headers, 'x-actor-role');
  const occurred = header(headers, 'x-occurred-at');
  const correlation = header(headers, 'x-correlation-id');
  if (correlation !== undefined && (correlation === '' || correlation.length > 200)) {
    fail('header', 'x-correlation-id', 'must be 1 to 200 characters');
  }
  return {
    actor: { id, role },
    correlationId: correlation ?? newCorrelationId(),
    ...(occurred === undefined || occurred === '' ? {} : { occurredAt: occurredAtOf(occurred) }),
  };
};

/**
 * `If-Match` as the client's expected revision of the stream it writes to: the revision a previous response
 * returned (`3` or the ETag form `"3"`), `"no_stream"` for a stream that must not exist yet, or `*` for one that
 * must. Absent: no check by the client (the handler still appends with the revision it read).
 */
export const expectedRevisionOf = (headers: Headers): ExpectedRevision | undefined => {
  const value = header(headers, 'if-match');
  if (value === undefined) return undefined;
  if (value === '*') return 'stream_exists';
  const unquoted = /^"(.*)"$/.exec(value)?.[1] ?? value;
  if (unquoted === 'no_stream') return 'no_stream';
  if (/^(0|[1-9]\d{0,14})$/.test(unquoted)) return Number(unquoted);
  return fail('header', 'if-match', 'must be a stream revision (a whole number), "no_stream" or *');
};

export type Query = Readonly<Record<string, unknown>>;

/** Refuses query parameters the route does not know (a misspelt `asRecordedAt` must not be ignored). */
export const onlyKnownParameters = (query: Query, known: ReadonlyArray<string>): void => {
  for (const name of Object.keys(query)) {
    if (!known.includes(name)) fail('query', name, `is not a parameter here (expected ${known.join(', ')})`);
  }
};

const single = (query: Query, name: string): string | undefined => {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return fail('query', name, 'must be given once');
  return value;
};

export const dateParameter = (query: Query, name: string): LocalDate | undefined => {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const decoded = LocalDateC.decode(value);
  return E.isRight(decoded) ? decoded.right : fail('query', name, "must be a calendar date 'YYYY-MM-DD'");
};

export const requiredDateParameter = (query: Query, name: string): LocalDate =>
  dateParameter(query, name) ?? fail('query', name, "is required (a calendar date 'YYYY-MM-DD')");

export const choiceParameter = <A extends string>(
  query: Query,
  name: string,
  choices: ReadonlyArray<A>,
): A | undefined => {
  const value = single(query, name);
  if (value === undefined) return undefined;
  return (choices as ReadonlyArray<string>).includes(value)
    ? (value as A)
    : fail('query', name, `must be one of ${choices.join(', ')}`);
};

export type Format = 'json' | 'html' | 'md';
export const formats: ReadonlyArray<Format> = ['json', 'html', 'md'];

/** `?format=` first; otherwise what the client accepts (a browser asks for HTML); otherwise JSON. */
export const formatOf = (query: Query, headers: Headers): Format => {
  const asked = choiceParameter(query, 'format', formats);
  if (asked !== undefined) return asked;
  const accept = headers.accept;
  const accepts = typeof accept === 'string' ? accept : '';
  if (accepts.includes('text/html')) return 'html';
  if (accepts.includes('text/markdown')) return 'md';
  return 'json';
};
