import { getInMemoryEventStore } from '@event-driven-io/emmett';
import { clinicEvents, type EventStore, inMemoryEventStore, type NewEvent } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { castoreClinicStore } from './castore-clinic.js';
import { clinicHistory, type HistoryEvent, seriesStreamId } from './clinic-history.js';

/**
 * Run by the `memory` workload as `node --expose-gc memory-child.js <store> <events> <events per stream>`, one
 * process per store so no store's garbage or fragmentation weighs on another's figure. Prints one JSON line:
 * the heap kept per stored event (heap after a full collection, filled minus empty), and for our store the
 * JSON size of the envelopes it holds.
 */
export interface MemoryFigures {
  readonly bytesPerEvent: number;
  readonly stored: number;
  readonly jsonBytesPerEvent?: number;
}

type Store = 'ours' | 'emmett' | 'castore';

interface Filled {
  /** Counts what the store holds, read back through its own API (and, for ours, the envelopes' JSON size). */
  readonly read: (streams: number) => Promise<{ readonly count: number; readonly bytes?: number }>;
}

const metadataOf = ({ actor, occurredAt, correlationId, causationId }: HistoryEvent) => ({
  actor,
  occurredAt,
  correlationId,
  causationId,
});

const countStreams = async (streams: number, countOf: (streamId: string) => Promise<number>) => {
  let count = 0;
  for (let i = 0; i < streams; i++) count += await countOf(seriesStreamId(i));
  return { count };
};

const fillOurs = async (streams: number, perStream: number): Promise<Filled> => {
  const store: EventStore = inMemoryEventStore();
  for (let i = 0; i < streams; i++) {
    const events: NewEvent[] = [...clinicHistory(i, perStream)].map((e) => ({
      ...e,
      ...clinicEvents.encode({ type: e.type, data: e.data } as Parameters<typeof clinicEvents.encode>[0]),
    }));
    const appended = await store.append(seriesStreamId(i), events, { expectedRevision: 'no_stream' });
    if (E.isLeft(appended)) throw new Error(`memory: append refused: ${appended.left._tag}`);
  }
  // One pass for both figures: the count, and the UTF-8 size of each stored envelope as JSON.
  const read = async () => {
    let count = 0;
    let bytes = 0;
    for await (const event of store.readAll()) {
      count++;
      bytes += Buffer.byteLength(JSON.stringify(event));
    }
    return { count, bytes };
  };
  return { read };
};

const fillEmmett = async (streams: number, perStream: number): Promise<Filled> => {
  const store = getInMemoryEventStore();
  for (let i = 0; i < streams; i++) {
    const events = [...clinicHistory(i, perStream)].map((e) => ({
      type: e.type,
      data: e.data,
      metadata: metadataOf(e),
    }));
    await store.appendToStream(seriesStreamId(i), events);
  }
  return { read: (n) => countStreams(n, async (id) => (await store.readStream(id)).events.length) };
};

const fillCastore = async (streams: number, perStream: number): Promise<Filled> => {
  const store = castoreClinicStore();
  for (let i = 0; i < streams; i++) {
    const aggregateId = seriesStreamId(i);
    let version = 0;
    for (const e of clinicHistory(i, perStream)) {
      version++;
      const payload = e.data as never;
      await store.pushEvent({ aggregateId, version, type: e.type, payload, metadata: metadataOf(e) });
    }
  }
  return { read: (n) => countStreams(n, async (id) => (await store.getEvents(id)).events.length) };
};

const fills: Record<Store, (streams: number, perStream: number) => Promise<Filled>> = {
  ours: fillOurs,
  emmett: fillEmmett,
  castore: fillCastore,
};

const collect = (global as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('memory-child: run with node --expose-gc');
const heapAfterCollection = () => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};

const [storeArg = '', eventsArg = '', perStreamArg = ''] = process.argv.slice(2);
if (!(storeArg in fills)) throw new Error(`memory-child: unknown store '${storeArg}'`);
const fill = fills[storeArg as Store];
const events = Number(eventsArg);
const perStream = Number(perStreamArg);
const streams = Math.ceil(events / perStream);

// A small fill first, thrown away, so compiled code and lazily built library state are not counted per event.
await (await fill(2, perStream)).read(2);
const empty = heapAfterCollection();
const filled = await fill(streams, perStream);
const full = heapAfterCollection();
const { count: stored, bytes: json } = await filled.read(streams);
if (stored !== streams * perStream) throw new Error(`memory-child: ${storeArg} holds ${stored} events`);
const figures: MemoryFigures = {
  bytesPerEvent: (full - empty) / stored,
  stored,
  ...(json === undefined ? {} : { jsonBytesPerEvent: json / stored }),
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
