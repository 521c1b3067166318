import { inMemoryEventStore } from '@fostering/core';
import type { Io } from '../io.js';
import type { StoreSpec } from '../options.js';
import { type OpenedStore, openStore } from '../stores.js';

/** Opens the store for one command and always closes it. A `memory` store starts empty in each process. */
export const withStore = async <A>(
  spec: StoreSpec,
  io: Io,
  work: (opened: OpenedStore) => Promise<A>,
): Promise<A> => {
  const opened = await openStore(spec, io, () => inMemoryEventStore());
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
};
