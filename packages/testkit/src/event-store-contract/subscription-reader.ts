import type { RecordedEvent, Subscription, SubscriptionMessage } from '@fostering/core';

/** Reads a subscription in the background, recording what arrives, so a test can wait for a condition. */
export const readInBackground = (subscription: Subscription) => {
  const messages: SubscriptionMessage[] = [];
  const listeners = new Set<() => void>();
  const finished = (async () => {
    for await (const message of subscription) {
      messages.push(message);
      for (const listener of listeners) listener();
    }
  })();
  const events = (): RecordedEvent[] =>
    messages.flatMap((message) => (message.kind === 'event' ? [message.event] : []));
  return {
    messages,
    events,
    finished,
    /** Waits until the condition holds, failing after `timeoutMs` with what arrived so far. */
    until: (condition: () => boolean, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!condition()) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(`subscription condition not met within ${timeoutMs} ms; got ${events().length} events`),
          );
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
};
