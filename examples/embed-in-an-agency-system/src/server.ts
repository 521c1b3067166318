import {
  type AgencyPolicy,
  type Audience,
  audienceRules,
  type Clock,
  childStreamReader,
  commandHandler,
  type DomainError,
  type DomainEvent,
  defaultAgencyPolicy,
  EndPlacement,
  type EventStore,
  guardStore,
  invalidCommand,
  loadComplianceReport,
  loadReviewPack,
  newCorrelationId,
  placementProcess,
  placementStreamId,
  RecordShortBreakStay,
  StartPlacement,
  systemClock,
} from '@fostering/core';
import { complianceHtml, complianceMarkdown, reviewPackHtml, reviewPackMarkdown } from '@fostering/reports';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { type StreamArea, streamAreas } from './areas.js';
import { decodeCommand } from './boundary.js';
import { HttpProblem, invalidRequest, notFound, type Problem, problemOf } from './problems.js';
import {
  choiceParameter,
  commandMetadata,
  dateParameter,
  expectedRevisionOf,
  type Format,
  formatOf,
  idParam,
  onlyKnownParameters,
  type Query,
  requiredDateParameter,
} from './request.js';
import {
  checkClientRevision,
  expectingRevision,
  lastRevisionOn,
  type WriteResponse,
  writeResponse,
} from './writes.js';

export interface ServerOptions {
  /** Any event store; the placement routes need one with `appendToStreams` (in memory, PostgreSQL, PGlite). */
  readonly store: EventStore;
  /** The default `occurredAt` of a command sent without `x-occurred-at`. */
  readonly clock?: Clock;
  readonly policy?: AgencyPolicy;
  /** Fastify's logger: off unless given (tests stay quiet; `main.ts` turns it on). */
  readonly logger?: FastifyServerOptions['logger'];
}

const fail = (problem: Problem): never => {
  throw new HttpProblem(problem);
};

const isJsonObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The command in the body: a JSON object, with defaults for what the path already says. */
const bodyObject = (body: unknown, defaults: Readonly<Record<string, unknown>> = {}) =>
  isJsonObject(body)
    ? { ...defaults, ...body }
    : fail(invalidRequest('body', 'body', 'must be a JSON object: the command'));

/** A command field named like the path parameter (`RegisterChild.childId`) must name the same thing. */
const agreesWithPath = (command: unknown, param: string, id: string): void => {
  const value = isJsonObject(command) ? command[param] : undefined;
  if (value !== undefined && value !== id) {
    fail(problemOf(invalidCommand(param, `must be '${id}', as in the path`)));
  }
};

const decoded = <C>(codec: t.Type<C, unknown, unknown>, raw: unknown): C => {
  const command = decodeCommand(codec, raw);
  return E.isRight(command) ? command.right : fail(problemOf(command.left));
};

const sendWrite = (
  reply: FastifyReply,
  response: WriteResponse,
  extra: Readonly<Record<string, unknown>> = {},
) =>
  reply
    .code(response.events.length > 0 ? 201 : 200)
    .header('etag', `"${response.nextExpectedRevision}"`)
    .header('x-correlation-id', response.correlationId)
    .send({ ...response, ...extra });

const contentTypes: Readonly<Record<Exclude<Format, 'json'>, string>> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** The renderers' own policy, repeated as a header for clients that ignore the meta element. */
const htmlSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const sendDocument = (
  reply: FastifyReply,
  format: Format,
  model: unknown,
  render: Record<'html' | 'md', () => string>,
) => {
  if (format === 'json') return reply.code(200).send(model);
  if (format === 'html') reply.header('content-security-policy', htmlSecurityPolicy);
  return reply.code(200).type(contentTypes[format]).send(render[format]());
};

const fastifyProblem = (error: {
  code?: string;
  statusCode?: number;
  message: string;
}): Problem | undefined => {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: { error: 'MalformedJson', in: 'body', field: 'body', message: 'the body is not valid JSON' },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: {
          error: 'MalformedJson',
          in: 'body',
          field: 'body',
          message: 'the body is empty; send the command as JSON',
        },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: {
          error: 'UnsupportedMediaType',
          in: 'header',
          field: 'content-type',
          message: 'send JSON (content-type: application/json)',
        },
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: { error: 'PayloadTooLarge', in: 'body', field: 'body', message: error.message },
      };
    default:
      // Any other client error fastify detected (its messages carry no internals); 5xx never gets here.
      return error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
        ? { status: error.statusCode, body: { error: 'BadRequest', message: error.message } }
        : undefined;
  }
};

/**
 * The agency's HTTP service over the Fostering Ledger core: commands in, events out; review packs and the
 * compliance report read back from the store. Not listening yet: call `listen` (tests use port 0).
 */
export const buildServer = (options: ServerOptions): FastifyInstance => {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const policy = options.policy ?? defaultAgencyPolicy;
  const app = Fastify({ logger: options.logger ?? false, return503OnClosing: true });

  app.setErrorHandler((error: unknown, request, reply) => {
    const problem =
      error instanceof HttpProblem
        ? error.problem
        : fastifyProblem(error as { code?: string; statusCode?: number; message: string });
    if (problem !== undefined) {
      return reply
        .code(problem.status)
        .headers({ ...problem.headers })
        .send(problem.body);
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply
      .code(500)
      .send({ error: 'InternalError', message: 'an unexpected error occurred; it has been logged' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(notFound(`no route ${request.method} ${request.url.split('?')[0]}`).body),
  );

  app.get('/health', async (_request, reply) => {
    const reachable = await guardStore(() => store.streamState('health-check'));
    if (E.isLeft(reachable)) return fail(problemOf(reachable.left));
    return reply.send({ status: 'ok', store: store.name });
  });

  const areas = streamAreas(policy);
  const streamCommands = <C, S, Ev extends DomainEvent, Err extends DomainError>(
    area: StreamArea<C, S, Ev, Err>,
  ) => {
    const handler = commandHandler({
      store,
      registry: area.registry,
      decider: area.decider,
      commandCodec: area.commandCodec,
      clock,
    });
    app.post(`/${area.resource}/:${area.param}/commands`, async (request, reply) => {
      const id = idParam(request.params, area.param);
      const metadata = commandMetadata(request.headers, newCorrelationId);
      const expected = expectedRevisionOf(request.headers);
      const raw = bodyObject(request.body);
      const elsewhere = typeof raw.kind === 'string' ? area.elsewhere?.[raw.kind] : undefined;
      if (elsewhere !== undefined) {
        fail(problemOf(invalidCommand('kind', `is sent to POST ${elsewhere.replace(':id', id)}`)));
      }
      const command = decoded(area.commandCodec, raw);
      agreesWithPath(command, area.param, id);
      const streamId = area.streamId(id);
      let handle = handler;
      if (expected !== undefined) {
        await checkClientRevision(store, streamId, expected);
        // One attempt: a retry would meet the same pinned revision.
        handle = commandHandler({
          store: expectingRevision(store, streamId, expected),
          registry: area.registry,
          decider: area.decider,
          commandCodec: area.commandCodec,
          clock,
          maxAttempts: 1,
        });
      }
      const outcome = await handle(streamId, command, metadata);
      if (E.isLeft(outcome)) return fail(problemOf(outcome.left));
      const { events, nextExpectedRevision } = outcome.right;
      return sendWrite(reply, writeResponse(streamId, events, nextExpectedRevision, metadata.correlationId));
    });
  };
  streamCommands(areas.households);
  streamCommands(areas.children);
  streamCommands(areas.clinics);
  streamCommands(areas.staff);
  streamCommands(areas.placements);

  const placements = placementProcess({ store, children: childStreamReader, clock });

  /** The placement process, or one whose writes to the placement stream expect the client's revision. */
  const placementWriter = async (streamId: string, expected: ReturnType<typeof expectedRevisionOf>) => {
    if (expected === undefined) return placements;
    await checkClientRevision(store, streamId, expected);
    return placementProcess({
      store: expectingRevision(store, streamId, expected),
      children: childStreamReader,
      clock,
    });
  };

  app.post('/placements/:placementId/start', async (request, reply) => {
    const placementId = idParam(request.params, 'placementId');
    const metadata = commandMetadata(request.headers, newCorrelationId);
    const expected = expectedRevisionOf(request.headers);
    const command = decoded(
      StartPlacement,
      bodyObject(request.body, { kind: 'StartPlacement', placementId }),
    );
    agreesWithPath(command, 'placementId', placementId);
    const streamId = placementStreamId(placementId);
    const writer = await placementWriter(streamId, expected);
    const outcome = await writer.start(command, metadata);
    if (E.isLeft(outcome)) return fail(problemOf(outcome.left));
    const { events, warnings, outsideTermsUntil, exemptionId } = outcome.right;
    return sendWrite(
      reply,
      writeResponse(
        streamId,
        events,
        lastRevisionOn(streamId, events) ?? 'no_stream',
        metadata.correlationId,
      ),
      {
        warnings: warnings.map((w) => ({
          rule: { id: w.rule.id, citation: w.rule.citation },
          message: w.message,
        })),
        ...(outsideTermsUntil === undefined ? {} : { outsideTermsUntil }),
        ...(exemptionId === undefined ? {} : { exemptionId }),
      },
    );
  });

  app.post('/placements/:placementId/end', async (request, reply) => {
    const placementId = idParam(request.params, 'placementId');
    const metadata = commandMetadata(request.headers, newCorrelationId);
    const expected = expectedRevisionOf(request.headers);
    const command = decoded(EndPlacement, bodyObject(request.body, { kind: 'EndPlacement' }));
    const streamId = placementStreamId(placementId);
    const writer = await placementWriter(streamId, expected);
    const outcome = await writer.end(placementId, command, metadata);
    if (E.isLeft(outcome)) return fail(problemOf(outcome.left));
    const events = outcome.right;
    return sendWrite(
      reply,
      writeResponse(
        streamId,
        events,
        lastRevisionOn(streamId, events) ?? 'no_stream',
        metadata.correlationId,
      ),
    );
  });

  // A short-break stay counts against the child's 75 days across all their placements: the process reads them.
  app.post('/placements/:placementId/short-break-stays', async (request, reply) => {
    const placementId = idParam(request.params, 'placementId');
    const metadata = commandMetadata(request.headers, newCorrelationId);
    const expected = expectedRevisionOf(request.headers);
    const command = decoded(RecordShortBreakStay, bodyObject(request.body, { kind: 'RecordShortBreakStay' }));
    const streamId = placementStreamId(placementId);
    const writer = await placementWriter(streamId, expected);
    const outcome = await writer.recordShortBreakStay(placementId, command, metadata);
    if (E.isLeft(outcome)) return fail(problemOf(outcome.left));
    const events = outcome.right;
    return sendWrite(
      reply,
      writeResponse(
        streamId,
        events,
        lastRevisionOn(streamId, events) ?? 'no_stream',
        metadata.correlationId,
      ),
    );
  });

  app.get('/placements/:placementId/review-pack', async (request, reply) => {
    const placementId = idParam(request.params, 'placementId');
    const query = request.query as Query;
    onlyKnownParameters(query, ['from', 'to', 'asRecordedAt', 'format', 'for']);
    const from = requiredDateParameter(query, 'from');
    const to = requiredDateParameter(query, 'to');
    const asRecordedAt = dateParameter(query, 'asRecordedAt');
    // Who the pack is for: only what that reader may see (docs/privacy.md); absent, the full record.
    const audience = choiceParameter(query, 'for', Object.keys(audienceRules) as Audience[]);
    const format = formatOf(query, request.headers);
    const pack = await loadReviewPack(store, {
      placementId,
      from,
      to,
      ...(asRecordedAt === undefined ? {} : { asRecordedAt }),
      ...(audience === undefined ? {} : { audience }),
      policy,
    });
    if (E.isLeft(pack)) return fail(problemOf(pack.left));
    return sendDocument(reply, format, pack.right, {
      html: () => reviewPackHtml(pack.right),
      md: () => reviewPackMarkdown(pack.right),
    });
  });

  app.get('/compliance', async (request, reply) => {
    const query = request.query as Query;
    onlyKnownParameters(query, ['asOf', 'by', 'format']);
    const asOf = requiredDateParameter(query, 'asOf');
    const by = choiceParameter(query, 'by', ['occurred', 'recorded'] as const);
    const format = formatOf(query, request.headers);
    const report = await loadComplianceReport(store, { asOf, ...(by === undefined ? {} : { by }), policy });
    if (E.isLeft(report)) return fail(problemOf(report.left));
    return sendDocument(reply, format, report.right, {
      html: () => complianceHtml(report.right),
      md: () => complianceMarkdown(report.right),
    });
  });

  return app;
};
