import { type RunningServer, startEmbeddedServer } from '@fostering/store-postgres/testing';

/**
 * One embedded PostgreSQL server for every workload that needs one (starting one takes seconds, a large share of
 * the quick run). Each workload works in its own database objects and empties what it uses in `prepare`.
 */
let running: Promise<RunningServer> | undefined;

export const sharedServer = (): Promise<RunningServer> => {
  running ??= startEmbeddedServer();
  return running;
};

export const stopSharedServer = async (): Promise<void> => {
  const server = running;
  running = undefined;
  if (server !== undefined) await (await server).stop();
};
