import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the receiver got it: the raw body, byte for byte, and the headers Node parsed. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * What the receiver does with a request: answer with a status (and optional headers and body), close the
 * connection without answering, or never answer at all.
 */
export type Reply =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  | { readonly destroy: true }
  | { readonly hang: true };

export type Respond = (request: ReceivedRequest) => Reply;

/**
 * A real HTTP server on 127.0.0.1 for tests: records every request, answers as `respond` says, and can be taken
 * down (every connection cut) and brought back up on the same port.
 */
export const startReceiver = async (respond: Respond) => {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let handler = respond;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      const reply = handler(request);
      if ('destroy' in reply) {
        req.socket.destroy();
      } else if ('status' in reply) {
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body);
      }
      // hang: leave the request open until the client gives up or the server is stopped.
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let up = true;

  const down = async () => {
    if (!up) return;
    up = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    requests,
    /** Changes how the receiver answers from the next request on. */
    setRespond: (next: Respond) => {
      handler = next;
    },
    /** Stops listening and cuts every connection: the receiver is down; connecting is refused. */
    down,
    /** Listens again on the same port. */
    up: async () => {
      if (up) return;
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
      up = true;
    },
    get isUp() {
      return up;
    },
    close: down,
  };
};

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** A port nothing listens on: one the system gave a server that has since closed. */
export const closedPort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

/** A small seeded random number generator (mulberry32), so that "random" failures repeat run after run. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
};
