import {
  type AllStreamSubscription,
  BACKWARDS,
  END,
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  START,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  AppendSignal,
  catchUpSubscription,
  type EventFilter,
  type GlobalPosition,
  matchesFilter,
  type RecordedEvent,
  type ScannedPage,
  type SubscribeToAllOptions,
  type Subscription,
  type SubscriptionMessage,
} from '@fostering/core';
import { onlyOf } from './client-reads.js';
import { type StoreContext, storeFailureOf } from './context.js';
import { nativePosition, positionOf } from './event-mapping.js';
import { asLedgerEvent, scanAll } from './reads.js';

export interface SubscriptionSettings {
  /** Re-read even without a wake-up this often, in case one was lost (a dropped connection). */
  readonly pollIntervalMs: number;
}

/**
 * The server-side filter for wake-ups: EventStoreDB filters on stream name or on event type, not both, so the
 * stream prefixes are used when there are any (event types are then checked as events are read), and type
 * prefixes otherwise; the exact test is always `matchesFilter` on what is read.
 */
export const serverFilterOf = (filter: EventFilter | undefined): Filter => {
  if (filter?.streamPrefixes !== undefined) return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  if (filter?.eventTypes !== undefined) return eventTypeFilter({ prefixes: [...filter.eventTypes] });
  return excludeSystemEvents();
};

/** The position of the last record in the log, system ones included; undefined while the log is empty. */
const headPosition = async (context: StoreContext): Promise<GlobalPosition | undefined> => {
  const last = await onlyOf(context.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  return last?.event?.position === undefined ? undefined : positionOf(last.event.position);
};

/** One page of ledger events after a position, filtered, and how far the scan reached. */
const readPage = async (
  context: StoreContext,
  after: GlobalPosition | undefined,
  matches: (event: Pick<RecordedEvent, 'streamId' | 'type'>) => boolean,
): Promise<ScannedPage> => {
  const events: RecordedEvent[] = [];
  let scannedTo: GlobalPosition | undefined;
  let scanned = 0;
  for await (const event of scanAll(context, 'forwards', after)) {
    scannedTo = positionOf(event.position);
    if (matches(event)) events.push(asLedgerEvent(context, event));
    if (++scanned >= context.pageSize) break;
  }
  return { events, scannedTo };
};

/**
 * A native subscription used only as a doorbell: it starts at the head of the log as it was before the first
 * read, so anything appended after that read rings it, and the kernel's catch-up loop then reads what is new.
 * Events are always delivered from reads, so order, filters and resumption follow the port exactly; losing a
 * ring costs at most one poll interval, never an event.
 */
const doorbell = (context: StoreContext, filter: EventFilter | undefined, signal: AppendSignal) => {
  let stopped = false;
  let native: AllStreamSubscription | undefined;
  let restart: NodeJS.Timeout | undefined;
  const reopen = () => {
    if (stopped) return;
    clearTimeout(restart);
    restart = setTimeout(() => open().catch(reopen), 1_000);
    restart.unref();
  };
  const open = async (): Promise<void> => {
    if (context.isClosed()) return;
    const head = await headPosition(context);
    if (stopped) return;
    const subscription = context.client.subscribeToAll({
      fromPosition: head === undefined ? START : nativePosition(head),
      filter: serverFilterOf(filter),
    });
    native = subscription;
    let ended = false;
    const onEnd = () => {
      if (ended) return;
      ended = true;
      // Wake the reader (a server that has gone then surfaces as a failed read) and ring again once back.
      signal.notify();
      reopen();
    };
    subscription.on('data', () => signal.notify());
    subscription.on('error', onEnd);
    subscription.on('end', onEnd);
  };
  const ready = open();
  // Awaited by the first read; marked handled here so that a failure before then is not reported twice.
  ready.catch(() => undefined);
  return {
    ready,
    stop: async () => {
      stopped = true;
      clearTimeout(restart);
      await native?.unsubscribe().catch(() => undefined);
    },
  };
};

export const subscribeToAll = (
  context: StoreContext,
  settings: SubscriptionSettings,
  options: SubscribeToAllOptions,
  onEnd: (stop: () => Promise<void>) => () => void,
): Subscription => {
  const matches = matchesFilter(options.filter);
  const signal = new AppendSignal();
  const bell = doorbell(context, options.filter, signal);
  const poll = setInterval(() => signal.notify(), settings.pollIntervalMs);
  poll.unref();
  const empty: ScannedPage = { events: [], scannedTo: undefined };
  const inner = catchUpSubscription(
    {
      nextAppend: () => signal.next(),
      readPage: async (after) => {
        if (context.isClosed()) return empty;
        try {
          await bell.ready;
          return await readPage(context, after, matches);
        } catch (error) {
          // A read cut short by closing the store ends the subscription quietly, as the port asks.
          if (context.isClosed()) return empty;
          throw storeFailureOf(context, error);
        }
      },
    },
    options.after,
  );
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      clearInterval(poll);
      signal.close();
      await bell.stop();
    })();
    return stopped;
  };
  const unregister = onEnd(stop);
  // Subscribing to a closed store gives a subscription that ends at once, as the in-memory store does.
  if (context.isClosed()) {
    unregister();
    void stop();
  }
  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    try {
      yield* inner;
    } finally {
      unregister();
      await stop();
    }
  }
  const iterator = messages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      unregister();
      await stop();
      await inner.close();
      await iterator.return(undefined);
    },
  };
};
