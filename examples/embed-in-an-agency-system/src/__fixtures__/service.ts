import type { AddressInfo } from 'node:net';
import type { EventStore, ManualClock, RecordedEvent } from '@fostering/core';
import { buildServer, type ServerOptions } from '../server.js';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body when the answer is JSON. */
  readonly json: unknown;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Sent as it is, for malformed bodies. */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The service listening on a free port of 127.0.0.1, and a client for it over real HTTP (Node's `fetch`). */
export const startService = async (options: ServerOptions) => {
  const app = buildServer(options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const request = async (method: string, path: string, options: RequestOptions = {}): Promise<Answer> => {
    const hasBody = options.body !== undefined || options.raw !== undefined;
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(hasBody ? { body: options.raw ?? JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').startsWith('application/json')
      ? (JSON.parse(text) as unknown)
      : undefined;
    return { status: response.status, headers: response.headers, text, json };
  };
  return { app, base, request, close: () => app.close() };
};

export type Service = Awaited<ReturnType<typeof startService>>;

export const ssw = { 'x-actor-id': 'ssw-amina', 'x-actor-role': 'supervising-social-worker' } as const;

/**
 * Records a command as the agency would: sent on `recordedOn` (the store's clock, so recorded-at) about
 * something that happened on `on` (`x-occurred-at`). Throws with the answer unless it was accepted.
 */
export const recorder =
  (service: Service, clock: ManualClock) =>
  async (path: string, command: Readonly<Record<string, unknown>>, on: string, recordedOn: string = on) => {
    clock.set(new Date(`${recordedOn}T12:00:00Z`));
    const answer = await service.request('POST', path, {
      body: command,
      headers: { ...ssw, 'x-occurred-at': on },
    });
    if (answer.status !== 201) {
      throw new Error(`${path} ${String(command.kind)}: ${answer.status} ${answer.text}`);
    }
    return answer;
  };

/** Everything in the store, in global order: to show that a refused command wrote nothing. */
export const everything = async (store: EventStore): Promise<ReadonlyArray<RecordedEvent>> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

/** One stream's events, read back through the store. */
export const streamOf = async (
  store: EventStore,
  streamId: string,
): Promise<ReadonlyArray<RecordedEvent>> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
};
