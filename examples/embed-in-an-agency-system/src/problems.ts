import type { RuleRef } from '@fostering/core';

/**
 * Every refusal and failure the service answers with: an HTTP status, a JSON body whose `error` is the error's
 * tag, and sometimes a header. Never a stack trace, never a driver's message: those go to the log.
 */
export interface Problem {
  readonly status: number;
  readonly body: { readonly error: string; readonly message: string } & Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Thrown inside a route to answer with a problem; the server's error handler sends it as it is. */
export class HttpProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.body.message);
    this.name = 'HttpProblem';
  }
}

export type RequestPart = 'header' | 'query' | 'path' | 'body';

/** A request the service cannot read: a header, query parameter, path parameter or body, named. */
export const invalidRequest = (part: RequestPart, field: string, reason: string): Problem => ({
  status: 400,
  body: {
    error: 'InvalidRequest',
    in: part,
    field,
    reason,
    message: `${part === 'body' ? 'the body' : `${part} ${part === 'header' ? field : `'${field}'`}`} ${reason}`,
  },
});

export const notFound = (message: string): Problem => ({ status: 404, body: { error: 'NotFound', message } });

/** What the errors of core, the store and the review loaders may carry; only these fields ever reach a client. */
interface TaggedError {
  readonly _tag: string;
  readonly message: string;
  readonly rule?: RuleRef;
  readonly field?: string;
  readonly reason?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

const ruleOf = (error: TaggedError) =>
  error.rule === undefined ? {} : { rule: { id: error.rule.id, citation: error.rule.citation } };

const fieldOf = (error: TaggedError) => (error.field === undefined ? {} : { field: error.field });

/**
 * The one mapping from error tags to HTTP (README, "Errors"):
 *
 * - the request or command is malformed: 400 (`InvalidCommand`, `InvalidPeriod`);
 * - a rule refused the command: 422 (`RuleViolation`, and any other refusal a decider may add);
 * - the command does not fit where the record stands, or the client's revision is stale: 409 (`NotAllowedNow`,
 *   `WrongExpectedRevision`, `EventIdConflict`);
 * - no such placement: 404 (`UnknownPlacement`);
 * - the store cannot be reached or refused: 503 (`StoreUnavailable`, with `retriable`);
 * - a stored event cannot be read back: 500 (`EventDecodeError`, a bug or a missing upcaster).
 */
export const problemOf = (error: TaggedError): Problem => {
  const e = error as TaggedError & Readonly<Record<string, unknown>>;
  switch (error._tag) {
    case 'InvalidCommand':
      return {
        status: 400,
        body: { error: 'InvalidCommand', field: e.field ?? '', reason: e.reason ?? '', message: e.message },
      };
    case 'InvalidPeriod':
      return {
        status: 400,
        body: { error: 'InvalidPeriod', in: 'query', ...fieldOf(e), message: e.message },
      };
    case 'RuleViolation':
      return {
        status: 422,
        body: {
          error: 'RuleViolation',
          ...ruleOf(e),
          ...fieldOf(e),
          message: e.message,
          ...(e.details === undefined ? {} : { details: e.details }),
        },
      };
    case 'NotAllowedNow':
      return {
        status: 409,
        body: { error: 'NotAllowedNow', ...ruleOf(e), ...fieldOf(e), message: e.message },
      };
    case 'WrongExpectedRevision':
      return {
        status: 409,
        body: {
          error: 'WrongExpectedRevision',
          streamId: e.streamId,
          expected: e.expected,
          actual: e.actual,
          message: e.message,
        },
      };
    case 'EventIdConflict':
      return {
        status: 409,
        body: { error: 'EventIdConflict', streamId: e.streamId, eventIds: e.eventIds, message: e.message },
      };
    case 'UnknownPlacement':
      return {
        status: 404,
        body: { error: 'UnknownPlacement', placementId: e.placementId, message: e.message },
      };
    case 'StoreUnavailable': {
      const retriable = e.retriable === true;
      return {
        status: 503,
        body: {
          error: 'StoreUnavailable',
          reason: e.reason ?? 'unknown',
          retriable,
          ...(typeof e.code === 'string' ? { code: e.code } : {}),
          // The driver's message stays in the log: it can name tables, hosts and users.
          message: `the event store is unavailable (${e.reason ?? 'unknown'})${retriable ? '; try again later' : ''}`,
        },
        ...(retriable ? { headers: { 'retry-after': '1' } } : {}),
      };
    }
    case 'EventDecodeError':
      return {
        status: 500,
        body: {
          error: 'EventDecodeError',
          streamId: e.streamId,
          streamRevision: e.streamRevision,
          type: e.type,
          schemaVersion: e.schemaVersion,
          reason: e.reason,
          path: e.path,
          message: e.message,
        },
      };
    default:
      // A refusal this service does not know by name: a decider said no, so 422, with its rule if it has one.
      return { status: 422, body: { error: error._tag, ...ruleOf(e), ...fieldOf(e), message: e.message } };
  }
};
