/**
 * The simulation's diary: things to record, each at the instant it is recorded. Entries come out in recording
 * order (ties in the order they were written in), so the store's `recordedAt` never goes backwards and every
 * command is decided on the history recorded before it, as it would be in an agency. A binary heap, because
 * tens of thousands of entries are written in and taken out while the simulation runs.
 */
export interface Entry {
  /** When it is recorded, in milliseconds since the epoch. */
  readonly at: number;
  readonly seq: number;
  readonly run: () => Promise<void> | void;
}

export interface Agenda {
  readonly add: (at: number, run: () => Promise<void> | void) => void;
  readonly next: () => Entry | undefined;
  readonly size: () => number;
}

const before = (a: Entry, b: Entry) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export const agenda = (): Agenda => {
  const heap: Entry[] = [];
  let seq = 0;
  const swap = (i: number, j: number) => {
    const t = heap[i] as Entry;
    heap[i] = heap[j] as Entry;
    heap[j] = t;
  };
  return {
    add: (at, run) => {
      heap.push({ at, seq: seq++, run });
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!before(heap[i] as Entry, heap[parent] as Entry)) break;
        swap(i, parent);
        i = parent;
      }
    },
    next: () => {
      const top = heap[0];
      const last = heap.pop();
      if (top === undefined || last === undefined || heap.length === 0) return top;
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && before(heap[l] as Entry, heap[smallest] as Entry)) smallest = l;
        if (r < heap.length && before(heap[r] as Entry, heap[smallest] as Entry)) smallest = r;
        if (smallest === i) break;
        swap(i, smallest);
        i = smallest;
      }
      return top;
    },
    size: () => heap.length,
  };
};
