/**
 * Streams.Read without subscription options: a finite read of one stream or of `$all`, forwards or backwards,
 * from the start, the end, a revision or a position, at most `count` events. Stream reads start at a revision
 * inclusively in both directions; `$all` reads start at a position inclusively forwards and exclusively
 * backwards (a position is the boundary before its record). A missing or soft-deleted stream answers
 * `stream_not_found`; a tombstoned one fails with `stream-deleted`.
 */
import type { ServerWritableStream } from '@grpc/grpc-js';
import { streamDeletedError } from './errors.js';
import type { AllFilter } from './filter.js';
import type { EventLog, StoredEvent } from './log.js';
import { type ReadReq, type ReadResp, streamsPb } from './proto.js';
import { readEvent, streamIdentifier, streamNameOf } from './wire.js';

export type ReadOptions = NonNullable<ReturnType<ReadReq['getOptions']>>;
export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

const BACKWARDS = 1;
const REVISION = 2;
const START = 3;
const ALL_POSITION = 1;
const ALL_START = 2;
const COUNT = 5;

/** Index of the first event at or after `position` in a position-ordered list. */
export const firstIndexFrom = (events: readonly StoredEvent[], position: bigint): number => {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle]?.position ?? position) < position) low = middle + 1;
    else high = middle;
  }
  return low;
};

export const eventResponse = (event: StoredEvent, structuredIds: boolean): ReadResp =>
  new streamsPb.ReadResp().setEvent(readEvent(event, structuredIds));

export const structuredIdsOf = (options: ReadOptions): boolean =>
  options.getUuidOption()?.hasStructured() === true;

const countOf = (options: ReadOptions): number => {
  if (options.getCountOptionCase() !== COUNT) return Number.MAX_SAFE_INTEGER;
  const count = BigInt(options.getCount());
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
};

/** The events a stream read returns, in the order asked for. */
const readStream = (
  log: EventLog,
  options: ReadOptions,
  call: ReadCall,
): readonly StoredEvent[] | undefined => {
  const stream = options.getStream();
  const streamName = streamNameOf(stream?.getStreamIdentifier());
  const view = log.view(streamName);
  if (view.kind === 'tombstoned') {
    call.emit('error', streamDeletedError(streamName));
    return undefined;
  }
  if (view.kind === 'not-found') {
    const notFound = new streamsPb.ReadResp.StreamNotFound();
    notFound.setStreamIdentifier(streamIdentifier(streamName));
    call.write(new streamsPb.ReadResp().setStreamNotFound(notFound));
    call.end();
    return undefined;
  }
  const choice = stream?.getRevisionOptionCase();
  const revision = choice === REVISION ? BigInt(stream?.getRevision() ?? '0') : undefined;
  const at = (value: bigint | undefined, fallback: number) =>
    value === undefined ? fallback : value > BigInt(view.last) ? view.last + 1 : Number(value);
  const count = countOf(options);
  const out: StoredEvent[] = [];
  if (options.getReadDirection() === BACKWARDS) {
    const from = choice === START ? view.first : Math.min(at(revision, view.last), view.last);
    for (let index = from; index >= view.first && out.length < count; index -= 1) {
      const event = view.events[index];
      if (event) out.push(event);
    }
  } else {
    const from = choice === START ? view.first : Math.max(at(revision, view.last + 1), view.first);
    for (let index = from; index <= view.last && out.length < count; index += 1) {
      const event = view.events[index];
      if (event) out.push(event);
    }
  }
  return out;
};

/** The events an `$all` read returns, in the order asked for. */
const readAll = (log: EventLog, options: ReadOptions, filter: AllFilter | undefined): StoredEvent[] => {
  const all = log.all;
  const choice = options.getAll()?.getAllOptionCase();
  const position = BigInt(options.getAll()?.getPosition()?.getCommitPosition() ?? '0');
  const count = countOf(options);
  const out: StoredEvent[] = [];
  const take = (event: StoredEvent | undefined) => {
    if (event && (!filter || filter.matches(event))) out.push(event);
  };
  if (options.getReadDirection() === BACKWARDS) {
    const from =
      choice === ALL_START
        ? -1
        : choice === ALL_POSITION
          ? firstIndexFrom(all, position) - 1
          : all.length - 1;
    for (let index = from; index >= 0 && out.length < count; index -= 1) take(all[index]);
  } else {
    const from =
      choice === ALL_START ? 0 : choice === ALL_POSITION ? firstIndexFrom(all, position) : all.length;
    for (let index = from; index < all.length && out.length < count; index += 1) take(all[index]);
  }
  return out;
};

export const read = (
  log: EventLog,
  options: ReadOptions,
  call: ReadCall,
  filter: AllFilter | undefined,
): void => {
  const events = options.hasAll() ? readAll(log, options, filter) : readStream(log, options, call);
  if (!events) return;
  const structured = structuredIdsOf(options);
  for (const event of events) call.write(eventResponse(event, structured));
  call.end();
};
