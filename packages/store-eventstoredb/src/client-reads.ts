import type { StreamingRead } from '@eventstore/db-client';

/**
 * Iterates a client read. When the consumer stops early, the call is cancelled and the client's stream left
 * flowing until the cancellation arrives. The default async iterator would destroy the client's stream
 * instead, which leaves the gRPC call under it paused with nobody reading: it never finishes, and
 * `client.dispose()` then waits for it for ever.
 */
export async function* drain<A>(read: StreamingRead<A>): AsyncGenerator<A> {
  let finished = false;
  try {
    for await (const item of read.iterator({ destroyOnReturn: false }) as AsyncIterable<A>) yield item;
    finished = true;
  } finally {
    if (!finished) {
      read.on('error', () => undefined);
      read.resume();
      await read.cancel().catch(() => undefined);
    }
  }
}

/** The first item of a read (a read of one event, usually), releasing the read properly. */
export const firstOf = async <A>(read: StreamingRead<A>): Promise<A | undefined> => {
  for await (const item of drain(read)) return item;
  return undefined;
};
