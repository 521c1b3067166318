/**
 * Streams.Read with subscription options: a catch-up subscription to one stream or to `$all`. The call answers
 * with a confirmation (a fresh subscription id), then the historical events, then `caught_up` (once), then live
 * events as they are appended, until the client cancels, the stream is tombstoned (`stream-deleted` error), or
 * the emulator closes or resets (the call ends with status OK). Subscribing from a revision or position is
 * exclusive: delivery starts after it. A filtered `$all` subscription also receives a checkpoint every
 * `checkpointIntervalMultiplier × maxSearchWindow` (default window 32) scanned events, at the position of the
 * last event scanned, whether or not that event matched. Writes respect the call's back-pressure. The emulator
 * never falls behind, so it never sends `fell_behind`.
 */
import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context.js';
import { streamDeletedError } from './errors.js';
import type { AllFilter } from './filter.js';
import { streamsPb } from './proto.js';
import { eventResponse, firstIndexFrom, type ReadCall, type ReadOptions, structuredIdsOf } from './read.js';
import { streamNameOf } from './wire.js';

const REVISION = 2;
const END = 4;
const ALL_POSITION = 1;
const ALL_END = 3;

interface Cursor {
  /** Writes what is due, stopping early when `write` says to wait; true when it reached the end of the log. */
  drain(write: (response: InstanceType<typeof streamsPb.ReadResp>) => boolean): boolean;
}

const streamCursor = (context: EmulatorContext, options: ReadOptions, streamName: string): Cursor => {
  const { log } = context;
  const stream = options.getStream();
  const choice = stream?.getRevisionOptionCase();
  const initial = log.view(streamName);
  const end = initial.kind === 'found' ? initial.last + 1 : initial.kind === 'not-found' ? initial.next : 0;
  let next =
    choice === END ? end : choice === REVISION ? Number(BigInt(stream?.getRevision() ?? '0') + 1n) : 0;
  const structured = structuredIdsOf(options);
  return {
    drain: (write) => {
      const view = log.view(streamName);
      if (view.kind !== 'found') return true;
      next = Math.max(next, view.first);
      while (next <= view.last) {
        const event = view.events[next];
        next += 1;
        if (event && !write(eventResponse(event, structured))) break;
      }
      return next > view.last;
    },
  };
};

const allCursor = (context: EmulatorContext, options: ReadOptions, filter: AllFilter | undefined): Cursor => {
  const { log } = context;
  const all = options.getAll();
  const choice = all?.getAllOptionCase();
  const after = BigInt(all?.getPosition()?.getCommitPosition() ?? '0') + 1n;
  let next =
    choice === ALL_END ? log.all.length : choice === ALL_POSITION ? firstIndexFrom(log.all, after) : 0;
  let scanned = 0;
  const structured = structuredIdsOf(options);
  return {
    drain: (write) => {
      const events = log.all;
      while (next < events.length) {
        const event = events[next];
        next += 1;
        if (!event) continue;
        let more = true;
        if (!filter || filter.matches(event)) more = write(eventResponse(event, structured));
        scanned += 1;
        if (filter && scanned >= filter.checkpointEvery) {
          scanned = 0;
          const checkpoint = new streamsPb.ReadResp.Checkpoint();
          checkpoint.setCommitPosition(event.position.toString());
          checkpoint.setPreparePosition(event.position.toString());
          more = write(new streamsPb.ReadResp().setCheckpoint(checkpoint)) && more;
        }
        if (!more) break;
      }
      return next >= events.length;
    },
  };
};

export const subscribe = (
  context: EmulatorContext,
  options: ReadOptions,
  call: ReadCall,
  filter: AllFilter | undefined,
): void => {
  const streamName = options.hasStream()
    ? streamNameOf(options.getStream()?.getStreamIdentifier())
    : undefined;
  if (streamName !== undefined && context.log.isTombstoned(streamName)) {
    call.emit('error', streamDeletedError(streamName));
    return;
  }
  const cursor =
    streamName === undefined
      ? allCursor(context, options, filter)
      : streamCursor(context, options, streamName);
  let caughtUp = false;
  let waiting = false;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    unlisten();
    context.openCalls.delete(open);
  };
  const end = () => {
    finish();
    if (!call.writableEnded) call.end();
  };
  const open = { close: end };
  const write = (response: InstanceType<typeof streamsPb.ReadResp>): boolean => {
    const more = call.write(response);
    if (!more) waiting = true;
    return more;
  };
  const pump = () => {
    if (finished || waiting) return;
    const done = cursor.drain(write);
    if (done && !caughtUp) {
      caughtUp = true;
      write(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
    }
  };
  const unlisten = context.log.listen({
    appended: pump,
    tombstoned: (name) => {
      if (name !== streamName || finished) return;
      finish();
      call.emit('error', streamDeletedError(name));
    },
    reset: end,
  });
  context.openCalls.add(open);
  call.on('drain', () => {
    waiting = false;
    pump();
  });
  call.on('cancelled', finish);
  call.on('error', finish);
  call.on('finish', finish);
  const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(randomUUID());
  call.write(new streamsPb.ReadResp().setConfirmation(confirmation));
  pump();
};
