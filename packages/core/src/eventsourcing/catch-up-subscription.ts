import type { AppendOutcome } from './append-signal.js';
import type { RecordedEvent } from './envelope.js';
import type { Subscription, SubscriptionMessage } from './event-store.js';
import { type GlobalPosition, isAfterPosition } from './position.js';

/** One page of the global log after a position: the matching events, and how far the scan reached. */
export interface ScannedPage {
  readonly events: ReadonlyArray<RecordedEvent>;
  /** Position of the last event looked at, matching or not; undefined when nothing was after `after`. */
  readonly scannedTo: GlobalPosition | undefined;
}

export interface CatchUpSource {
  /** Reads the next page strictly after `after` (from the start when undefined), filter applied. */
  readonly readPage: (after: GlobalPosition | undefined) => Promise<ScannedPage>;
  /**
   * Resolves after the next append that follows this call, or with `closed` when the store closes. Taken before
   * each read, so an append that lands between an empty read and the wait still wakes the subscriber.
   */
  readonly nextAppend: () => Promise<AppendOutcome>;
}

/**
 * A catch-up subscription over any store that can read pages of its global log in order and signal appends.
 * Because it only ever reads strictly after the last position it delivered, it cannot duplicate an event; it
 * cannot skip one as long as `readPage` never returns a position while an earlier one is still uncommitted,
 * which is the adapter's job (see docs/event-store-contract.md).
 */
export const catchUpSubscription = (
  source: CatchUpSource,
  start: GlobalPosition | undefined,
): Subscription => {
  let closed = false;
  let wakeOnClose: () => void = () => undefined;
  const closing = new Promise<AppendOutcome>((resolve) => {
    wakeOnClose = () => resolve('closed');
  });

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    let position = start;
    let caughtUp = false;
    while (!closed) {
      const appended = source.nextAppend();
      const page = await source.readPage(position);
      if (closed) return;
      // Only positions past the last one delivered count, so an overlapping page cannot duplicate an event, and
      // a page that makes no progress means everything stored has been seen (never a tight re-read loop).
      const before = position;
      const isNew = (p: GlobalPosition) => position === undefined || isAfterPosition(p, position);
      for (const event of page.events) {
        if (!isNew(event.globalPosition)) continue;
        position = event.globalPosition;
        yield { kind: 'event', event };
        if (closed) return;
      }
      if (page.scannedTo !== undefined && isNew(page.scannedTo)) {
        position = page.scannedTo;
        yield { kind: 'checkpoint', position };
      }
      if (position !== before) continue;
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: 'caught-up', position };
      }
      // A closed store ends the subscription; waiting on it again would spin without end.
      if ((await Promise.race([appended, closing])) === 'closed') return;
    }
  }

  const iterator = messages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      wakeOnClose();
      await iterator.return(undefined);
    },
  };
};
