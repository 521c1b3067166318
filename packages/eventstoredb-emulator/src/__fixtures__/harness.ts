import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { afterAll, beforeAll } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../index.js';

export interface Harness {
  readonly emulator: Emulator;
  readonly client: EventStoreDBClient;
  /** Another client on its own connection; disposed with the harness. */
  newClient(query?: string): EventStoreDBClient;
}

/** Starts one emulator (and a client) for the enclosing file or `describe` block. */
export const useEmulator = (options: EmulatorOptions = {}): Harness => {
  let emulator: Emulator | undefined;
  let client: EventStoreDBClient | undefined;
  const clients: EventStoreDBClient[] = [];
  beforeAll(async () => {
    emulator = await startEmulator(options);
    client = EventStoreDBClient.connectionString(emulator.connectionString);
    clients.push(client);
  });
  afterAll(async () => {
    await Promise.all(clients.map((each) => each.dispose()));
    await emulator?.close();
  });
  const required = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the emulator is not started yet');
    return value;
  };
  return {
    get emulator() {
      return required(emulator);
    },
    get client() {
      return required(client);
    },
    newClient: (query = '') => {
      const extra = EventStoreDBClient.connectionString(`${required(emulator).connectionString}${query}`);
      clients.push(extra);
      return extra;
    },
  };
};

export const uniqueStream = (prefix = 'stream'): string => `${prefix}-${randomUUID()}`;

export const collect = async <T>(source: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
};

/** Rejects with what `promise` rejects with, or fails when it resolves. */
export const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

/** Resolves once `predicate` holds, polling briefly. */
export const eventually = async (predicate: () => boolean, timeoutMs = 2_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
