import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ContenderResult, Mode, Role, Workload, WorkloadResult } from '../harness.js';
import type { MemoryFigures } from './in-memory/memory-child.js';

/**
 * Bytes of heap per stored event in each in-memory store, against the raw JSON size of the same events. Each
 * store is filled in its own `node --expose-gc` process (in-memory/memory-child.ts), so the figure is measured
 * after a full collection however the benchmark itself was started. Lower is better here: the row's ratio is
 * this ÷ ours, so above 1× still means ours is better (raw JSON ÷ ours for the limit).
 */
const child = fileURLToPath(new URL('./in-memory/memory-child.js', import.meta.url));
const run = promisify(execFile);
// Long streams: the stream count hardly changes bytes per event, and Emmett's in-memory append counts the events
// of every stream for each event it appends, so a million events in short streams would take hours there.
const eventsPerStream = 500;

const measureStore = async (store: string, events: number): Promise<MemoryFigures> => {
  const heapMb = Math.max(2048, Math.ceil((events * 4096) / 2 ** 20));
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', `--max-old-space-size=${heapMb}`, child, store, String(events), String(eventsPerStream)],
    { maxBuffer: 1 << 20 },
  );
  const line = stdout.trim().split('\n').pop() ?? '';
  const figures = JSON.parse(line) as MemoryFigures;
  if (figures.stored !== events)
    throw new Error(`memory: ${store} holds ${figures.stored} events, not ${events}`);
  return figures;
};

const row = (name: string, role: Role, value: number, note: string): ContenderResult => ({
  name,
  role,
  samples: [value],
  median: value,
  note,
});

const measure = async (mode: Mode): Promise<ReadonlyArray<WorkloadResult>> => {
  const streams = mode.quick ? 200 : 2_000;
  const events = streams * eventsPerStream;
  // Heap figures do not depend on timing, so the quick run fills the three stores side by side; the full run
  // fills them one after the other, as each holds gigabytes.
  const stores = ['ours', 'emmett', 'castore'] as const;
  const figures: MemoryFigures[] = [];
  if (mode.quick) figures.push(...(await Promise.all(stores.map((store) => measureStore(store, events)))));
  else for (const store of stores) figures.push(await measureStore(store, events));
  const [ours, emmett, castore] = figures as [MemoryFigures, MemoryFigures, MemoryFigures];
  const json = ours.jsonBytesPerEvent;
  if (json === undefined) throw new Error('memory: the JSON size of our envelopes was not measured');
  const contenders = [
    row(
      'Fostering Ledger',
      'ours',
      ours.bytesPerEvent,
      'inMemoryEventStore(): the full envelope (event id, actor, correlation and causation ids, occurred-at, stream, revision, global position, recorded-at), data copied as a JSON round trip would give it back, and frozen; the global log, the per-stream lists and the event-id index for idempotent appends.',
    ),
    row(
      'Emmett 0.42 (in-memory)',
      'peer',
      emmett.bytesPerEvent,
      'getInMemoryEventStore(): the events as given (same data; actor, occurred-at, correlation and causation ids in metadata) plus its own message id, stream name and bigint positions; one list per stream, no global log.',
    ),
    row(
      'Castore 2.4 (in-memory)',
      'peer',
      castore.bytesPerEvent,
      'InMemoryEventStorageAdapter: the events as pushed (same data and metadata) plus aggregate id, version and an ISO timestamp; one list per aggregate; no event id.',
    ),
    row(
      'raw JSON (JSON.stringify of our envelope)',
      'limit',
      json,
      'UTF-8 bytes of JSON.stringify of each stored envelope, as a compact serialised store would need at least.',
    ),
  ];
  return [
    {
      id: 'memory',
      title: 'in-memory storage (bytes per event, lower is better; ratio = this ÷ ours)',
      unit: 'bytes/event',
      contenders,
      facts: {
        events,
        streams,
        'events per stream': eventsPerStream,
        'event types': 'the 10 of the clinic series stream, in a realistic mix',
        method: 'heapUsed after gc(), filled minus empty, one child process per store',
      },
      ratios: Object.fromEntries(
        contenders.filter((c) => c.role !== 'ours').map((c) => [c.name, c.median / ours.bytesPerEvent]),
      ),
    },
  ];
};

export const memoryWorkload: Workload = {
  id: 'memory',
  title: 'in-memory storage (bytes per event)',
  unit: 'bytes/event',
  setup: () => Promise.reject(new Error('memory is measured directly: see measure')),
  measure,
};
