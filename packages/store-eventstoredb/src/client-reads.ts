import type { StreamingRead } from '@eventstore/db-client';

/**
 * Iterates a client read. When the consumer stops early, the call is cancelled and the client's stream left
 * flowing until the cancellation arrives. The default async iterator would destroy the client's stream
 * instead, which leaves the gRPC call under it paused with nobody reading: it never finishes, and
 * `client.dispose()` then waits for it for ever.
 *
 * A read that fails is not cancelled: the client throws as soon as the server's answer says "stream not found"
 * or "deleted", before the call's trailers arrive, and the server ends the call right after. Cancelling it then
 * would reset the call, and servers close the connection of a client that resets many calls (the HTTP/2
 * "rapid reset" defence; Node's nghttp2 after a burst of 1,000): reads of streams that do not exist yet are
 * most of a placement history's reads.
 */
export async function* drain<A>(read: StreamingRead<A>): AsyncGenerator<A> {
  let settled = false;
  try {
    for await (const item of read.iterator({ destroyOnReturn: false }) as AsyncIterable<A>) yield item;
    settled = true;
  } catch (error) {
    settled = true;
    read.on('error', () => undefined);
    read.resume();
    throw error;
  } finally {
    if (!settled) {
      read.on('error', () => undefined);
      read.resume();
      await read.cancel().catch(() => undefined);
    }
  }
}

/**
 * The only item of a read of one (`maxCount: 1`), read to its end. Such a read finishes by itself, and
 * cancelling it after its item would reset the call: servers treat a client that resets many calls as the
 * HTTP/2 "rapid reset" attack and close its session (Node's, after a burst of 1,000, with INTERNAL_ERROR).
 */
export const onlyOf = async <A>(read: StreamingRead<A>): Promise<A | undefined> => {
  let only: A | undefined;
  for await (const item of drain(read)) only ??= item;
  return only;
};
