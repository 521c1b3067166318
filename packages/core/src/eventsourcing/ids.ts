import { getRandomValues } from 'node:crypto';
import { v7 } from 'uuid';

// Random bytes drawn 4 KiB at a time: one system call per 256 ids instead of one per id, which was a twelfth of
// a command's time in memory. uuid's own monotonic state is only kept when it draws the bytes itself, so the
// clock and counter are kept here, as it keeps them: a fresh random counter each millisecond, incremented
// within one, so ids made in one process sort in the order they were made.
const pool = new Uint8Array(4096);
let next = pool.length;
let lastMsecs = Number.NEGATIVE_INFINITY;
let seq = 0;

const random16 = (): Uint8Array => {
  if (next + 16 > pool.length) {
    getRandomValues(pool);
    next = 0;
  }
  next += 16;
  return pool.subarray(next - 16, next);
};

/** Event ids are UUID v7: unique without coordination and roughly ordered by creation time. */
export const newEventId = (): string => {
  const random = random16();
  const now = Date.now();
  if (now > lastMsecs) {
    lastMsecs = now;
    seq =
      (((random[6] ?? 0) & 0x7f) << 24) |
      ((random[7] ?? 0) << 16) |
      ((random[8] ?? 0) << 8) |
      (random[9] ?? 0);
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMsecs++;
  }
  return v7({ random, msecs: lastMsecs, seq });
};

/** Correlation ids share the event id format so that logs can sort them alike. */
export const newCorrelationId = (): string => newEventId();
