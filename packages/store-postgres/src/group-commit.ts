/**
 * Group commit: appends that arrive while earlier ones are being written wait, and the next transaction takes
 * all of them at once. Positions are allocated one transaction at a time (the position lock is held to
 * commit), so sharing transactions is what lets concurrent appends share a commit.
 */
export interface GroupCommitOptions {
  /** Append transactions in flight at once (default 2): one committing while the next takes its locks. */
  readonly transactions?: number;
  /** A transaction takes queued appends up to this many events in all (default 5,000); a larger append runs alone. */
  readonly maxEvents?: number;
}

export interface Batchable {
  readonly streamIds: ReadonlyArray<string>;
  readonly events: number;
}

// Appends made in the same turn of the event loop (callers woken by the same commit) join one transaction.
const defer: (run: () => void) => void =
  typeof setImmediate === 'function' ? (run) => setImmediate(run) : queueMicrotask;

interface Queued<Item, Outcome> {
  readonly item: Item;
  readonly resolve: (outcome: Outcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs items through `run` in batches. A batch never holds two items that touch the same stream (the second
 * waits for the next batch), so items in a batch are independent. When a batch of several fails as a whole,
 * each item is run again on its own, so one item's failure is never another's.
 */
export const groupCommit = <Item extends Batchable, Outcome>(
  run: (items: ReadonlyArray<Item>) => Promise<ReadonlyArray<Outcome>>,
  options: GroupCommitOptions = {},
) => {
  const transactions = options.transactions ?? 2;
  const maxEvents = options.maxEvents ?? 5_000;
  if (!Number.isInteger(transactions) || transactions < 1) {
    throw new RangeError(
      `groupCommit: 'transactions' must be a whole number of at least 1, not ${transactions}`,
    );
  }
  if (!Number.isInteger(maxEvents) || maxEvents < 1) {
    throw new RangeError(`groupCommit: 'maxEvents' must be a whole number of at least 1, not ${maxEvents}`);
  }
  const queue: Array<Queued<Item, Outcome>> = [];
  let running = 0;

  /**
   * The oldest item, then every later one that fits and touches no stream of an item taken or passed over (so
   * items on one stream are taken in the order they came).
   */
  const take = () => {
    const taken: Array<Queued<Item, Outcome>> = [];
    const streams = new Set<string>();
    let events = 0;
    for (let i = 0; i < queue.length; ) {
      const queued = queue[i] as Queued<Item, Outcome>;
      const fits = taken.length === 0 || events + queued.item.events <= maxEvents;
      const free = queued.item.streamIds.every((id) => !streams.has(id));
      for (const id of queued.item.streamIds) streams.add(id);
      if (!fits || !free) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      taken.push(queued);
      events += queued.item.events;
    }
    return taken;
  };

  const settle = async (batch: ReadonlyArray<Queued<Item, Outcome>>) => {
    try {
      const outcomes = await run(batch.map((q) => q.item));
      for (const [i, q] of batch.entries()) q.resolve(outcomes[i] as Outcome);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const q of batch) {
        await run([q.item]).then((outcomes) => q.resolve(outcomes[0] as Outcome), q.reject);
      }
    }
  };

  let scheduled = false;
  const pump = () => {
    scheduled = false;
    while (running < transactions && queue.length > 0) {
      const batch = take();
      running++;
      void settle(batch).finally(() => {
        running--;
        pump();
      });
    }
  };

  return {
    submit: (item: Item) =>
      new Promise<Outcome>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          defer(pump);
        }
      }),
  };
};
