/** The gRPC server: wires the RPC handlers to one in-memory log. */
import {
  type handleServerStreamingCall,
  Server,
  ServerCredentials,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { appendHandler } from './append.js';
import { batchAppendHandler } from './batch-append.js';
import type { EmulatorContext, OpenCall } from './context.js';
import { deleteHandler, tombstoneHandler } from './delete.js';
import { invalidArgument } from './errors.js';
import { type AllFilter, filterOf } from './filter.js';
import { EventLog } from './log.js';
import { type ReadReq, type ReadResp, serverFeaturesGrpc, streamsGrpc } from './proto.js';
import { read } from './read.js';
import { supportedMethodsHandler } from './server-features.js';
import { subscribe } from './subscribe.js';

export interface EmulatorOptions {
  /** Interface to listen on; defaults to 127.0.0.1. */
  host?: string;
  /** Port to listen on; defaults to 0 (a random free port). */
  port?: number;
  /**
   * Whether ServerFeatures lists BatchAppend (default true, like a current server). When it does, the client's
   * `appendToStream` uses BatchAppend; when it does not, the client falls back to the Append RPC.
   */
  batchAppend?: boolean;
}

export interface Emulator {
  /** e.g. `esdb://127.0.0.1:PORT?tls=false`, for `EventStoreDBClient.connectionString(...)`. */
  readonly connectionString: string;
  readonly port: number;
  /**
   * Ends every open subscription (status OK) and BatchAppend stream (status UNAVAILABLE, so the client drops
   * it), then stops the server. Idempotent.
   */
  close(): Promise<void>;
  /** Forgets every stream and event and ends open subscriptions; positions keep increasing. */
  reset(): void;
}

const readHandler =
  (context: EmulatorContext): handleServerStreamingCall<ReadReq, ReadResp> =>
  (call) => {
    const options = call.request.getOptions();
    if (!options) {
      call.emit('error', invalidArgument('Read needs options.'));
      return;
    }
    let filter: AllFilter | undefined;
    try {
      filter = options.hasAll() ? filterOf(options) : undefined;
    } catch (error) {
      call.emit('error', invalidArgument(`Invalid filter: ${(error as Error).message}`));
      return;
    }
    if (options.hasSubscription()) subscribe(context, options, call, filter);
    else read(context.log, options, call, filter);
  };

const SHUTDOWN_GRACE_MS = 1_000;

export const startEmulator = async (options: EmulatorOptions = {}): Promise<Emulator> => {
  const host = options.host ?? '127.0.0.1';
  const log = new EventLog();
  const openCalls = new Set<OpenCall>();
  const context: EmulatorContext = { log, openCalls };
  const server = new Server();
  const streams: UntypedServiceImplementation = {
    read: readHandler(context),
    append: appendHandler(log),
    delete: deleteHandler(log),
    tombstone: tombstoneHandler(log),
    batchAppend: batchAppendHandler(context),
  };
  server.addService(streamsGrpc.StreamsService, streams);
  server.addService(serverFeaturesGrpc.ServerFeaturesService, {
    getSupportedMethods: supportedMethodsHandler({ batchAppend: options.batchAppend ?? true }),
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port ?? 0}`, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const call of [...openCalls]) call.close();
      const force = setTimeout(() => server.forceShutdown(), SHUTDOWN_GRACE_MS);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
    return closing;
  };
  return {
    connectionString: `esdb://${host}:${port}?tls=false`,
    port,
    close,
    reset: () => log.reset(),
  };
};
