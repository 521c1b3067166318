import { type RunningServer, startEmbeddedServer } from '@fostering/store-postgres/testing';
import pg from 'pg';

const TEXT = (value: string) => value;

/**
 * pg's own parsers for int8 (a string) and json/jsonb (`JSON.parse`). Emmett's driver layer (dumbo) replaces the
 * process-wide ones the first time it opens a pool (int8 as BigInt, JSON through a reviver that turns long
 * numeric strings into BigInts), which would slow down, and change, what every later pool reads: our stores and
 * the raw limits in every workload after Emmett's. Pools from `sharedServer()` carry these unless told otherwise.
 */
export const standardTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return TEXT;
    if (oid === 114 || oid === 3802) return JSON.parse;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** The process-wide parsers, whatever a library has made of them: what a peer's own pool would use. */
export const processTypes: pg.CustomTypesConfig = pg.types;

/**
 * One embedded PostgreSQL server for every workload that needs one (starting one takes seconds, a large share of
 * the quick run). Each workload works in its own database and drops it at close.
 */
let running: Promise<RunningServer> | undefined;

export const sharedServer = async (): Promise<RunningServer> => {
  running ??= startEmbeddedServer();
  const server = await running;
  return {
    ...server,
    pool: (config = {}) =>
      server.pool(config.types === undefined ? { ...config, types: standardTypes } : config),
  };
};

export const stopSharedServer = async (): Promise<void> => {
  const server = running;
  running = undefined;
  if (server !== undefined) await (await server).stop();
};
