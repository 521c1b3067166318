import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the server answers at one step: accept (undefined), or refuse with an SMTP reply. */
export type Reply = { readonly code: number; readonly message: string } | undefined;

export interface Behaviour {
  /** Session numbers start at 1, in the order clients connected. */
  readonly onConnect?: (session: number) => Reply;
  readonly onRcptTo?: (address: string, session: number) => Reply;
  /** After the message was read: refuse it, or store it and answer `250` only after `delayMs`. */
  readonly onData?: (session: number) => Reply | { readonly delayMs: number };
}

export interface Received {
  readonly session: number;
  /** The envelope recipients the server accepted. */
  readonly rcptTo: ReadonlyArray<string>;
  readonly mail: ParsedMail;
}

export interface TestSmtpServer {
  readonly port: number;
  /** Messages the server stored, in order (a refused DATA stores nothing). */
  readonly received: Received[];
  readonly sessions: () => number;
  readonly close: () => Promise<void>;
}

const refusal = (reply: NonNullable<Reply>): Error =>
  Object.assign(new Error(reply.message), { responseCode: reply.code });

/** A real SMTP server (smtp-server) on 127.0.0.1 at a free port, plain text, no authentication required. */
export const startSmtpServer = async (behaviour: Behaviour = {}): Promise<TestSmtpServer> => {
  const received: Received[] = [];
  const sessionNumbers = new Map<string, number>();
  let sessions = 0;
  const numberOf = (id: string): number => sessionNumbers.get(id) ?? 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onConnect: (session, callback) => {
      sessions += 1;
      sessionNumbers.set(session.id, sessions);
      const reply = behaviour.onConnect?.(sessions);
      callback(reply === undefined ? null : refusal(reply));
    },
    onRcptTo: (address, session, callback) => {
      const reply = behaviour.onRcptTo?.(address.address, numberOf(session.id));
      callback(reply === undefined ? null : refusal(reply));
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const number = numberOf(session.id);
        const reply = behaviour.onData?.(number);
        if (reply !== undefined && 'code' in reply) {
          callback(refusal(reply));
          return;
        }
        const rcptTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            received.push({ session: number, rcptTo, mail });
            if (reply === undefined) callback(null);
            else setTimeout(() => callback(null), reply.delayMs);
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    received,
    sessions: () => sessions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** A port on 127.0.0.1 that nothing listens on (bound once, then released): connecting to it is refused. */
export const closedPort = async (): Promise<number> => {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
};

/** A TCP server that accepts connections and never says anything: an SMTP server that hangs before its greeting. */
export const silentServer = async (): Promise<{
  readonly port: number;
  readonly close: () => Promise<void>;
}> => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

/** The value of a header of a parsed message, as a string. */
export const header = (mail: ParsedMail, name: string): string | undefined => {
  const value = mail.headers.get(name.toLowerCase());
  return typeof value === 'string' ? value : value === undefined ? undefined : String(value);
};
