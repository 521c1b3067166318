import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { GlobalPosition, LocalDate, RecordedEvent } from '@fostering/core';
import { type AgencyShape, syntheticAgencyModule } from './modules.js';

/**
 * The synthetic agency's events, generated once and kept: generating drives the real command handlers at about
 * 6,000 events a second on the benchmark machine (a million events take minutes), while reading them back from
 * the cache takes seconds. The cache sits under the system temporary folder (`FOSTERING_BENCH_CACHE` to move it)
 * and is keyed by the shape and by the generator's code and core's event definitions (`codeDigest`).
 */
export interface AgencyHistory {
  /** Every event, in the generator store's global order (which is recording order). */
  readonly events: ReadonlyArray<RecordedEvent>;
  /** The last simulated day. */
  readonly asOf: LocalDate;
  readonly shape: Partial<AgencyShape>;
  /** Seconds spent generating, or 0 when read from the cache. */
  readonly generatedIn: number;
}

interface Header {
  readonly asOf: LocalDate;
  readonly events: number;
}

const packagesDir = fileURLToPath(new URL('../../../../', import.meta.url));
const cacheDir = process.env.FOSTERING_BENCH_CACHE ?? join(tmpdir(), 'fostering-bench-cache');

/**
 * A digest of the compiled generator and of core's event definitions and codecs. The events also depend on the
 * rest of core (its deciders), but regenerating a million events after every change to core would cost minutes
 * for nothing the benchmark measures; what matters is that the cached events are still valid events, and every
 * workload decodes them (a failure names the event; delete the cache then).
 */
const codeDigest = async (): Promise<string> => {
  const hash = createHash('sha256');
  const parts = [
    { dist: 'synthetic-agency/dist', keep: (file: string) => !file.includes('.test.') },
    {
      dist: 'core/dist',
      keep: (file: string) => /(^|\/)events(\/|\.js$)|event-(type|registry)\.js$/.test(file),
    },
  ];
  for (const { dist, keep } of parts) {
    const files = (await readdir(join(packagesDir, dist), { recursive: true }))
      .filter((file) => file.endsWith('.js') && keep(file))
      .sort();
    for (const file of files) hash.update(file).update(await readFile(join(packagesDir, dist, file)));
  }
  return hash.digest('hex').slice(0, 12);
};

type Stored = Omit<RecordedEvent, 'occurredAt' | 'recordedAt'> & { occurredAt: string; recordedAt: string };

const revive = (line: string): RecordedEvent => {
  const stored = JSON.parse(line) as Stored;
  return {
    ...stored,
    globalPosition: stored.globalPosition as GlobalPosition,
    occurredAt: new Date(stored.occurredAt),
    recordedAt: new Date(stored.recordedAt),
  };
};

const readCache = async (file: string): Promise<{ header: Header; events: RecordedEvent[] } | undefined> => {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let header: Header | undefined;
  const events: RecordedEvent[] = [];
  try {
    for await (const line of lines) {
      if (header === undefined) header = JSON.parse(line) as Header;
      else events.push(revive(line));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // A cache cut short (a run killed while writing is renamed into place only when complete) is not trusted.
  return header !== undefined && header.events === events.length ? { header, events } : undefined;
};

const writeCache = async (file: string, header: Header, events: ReadonlyArray<RecordedEvent>) => {
  await mkdir(cacheDir, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve));
  await write(`${JSON.stringify(header)}\n`);
  for (let i = 0; i < events.length; i += 1_000) {
    await write(
      `${events
        .slice(i, i + 1_000)
        .map((e) => JSON.stringify(e))
        .join('\n')}\n`,
    );
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  await rename(partial, file).catch(async (error: unknown) => {
    await rm(partial, { force: true });
    throw error;
  });
};

const generate = async (shape: Partial<AgencyShape>): Promise<AgencyHistory> => {
  const key = `agency-${Object.entries(shape)
    .sort()
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}-${await codeDigest()}.ndjson`;
  const file = join(cacheDir, key);
  const cached = await readCache(file);
  if (cached !== undefined) return { events: cached.events, asOf: cached.header.asOf, shape, generatedIn: 0 };
  const started = performance.now();
  const { generateAgency } = await syntheticAgencyModule();
  const agency = await generateAgency(shape);
  const events: RecordedEvent[] = [];
  for await (const event of agency.store.readAll()) events.push(event);
  await agency.store.close();
  const generatedIn = (performance.now() - started) / 1000;
  await writeCache(file, { asOf: agency.asOf, events: events.length }, events);
  return { events, asOf: agency.asOf, shape, generatedIn };
};

// Held weakly once loaded, so a workload done with an agency does not keep a million events alive for the next.
const loaded = new Map<string, WeakRef<AgencyHistory>>();
const loading = new Map<string, Promise<AgencyHistory>>();

/** The agency of this shape, from this process's memory, the disk cache or the generator, in that order. */
export const syntheticHistory = async (shape: Partial<AgencyShape>): Promise<AgencyHistory> => {
  const key = JSON.stringify(shape);
  const held = loaded.get(key)?.deref() ?? (await loading.get(key));
  if (held !== undefined) return held;
  const pending = generate(shape);
  loading.set(key, pending);
  try {
    const history = await pending;
    loaded.set(key, new WeakRef(history));
    return history;
  } finally {
    loading.delete(key);
  }
};

/**
 * An agency of about `events` events: the default shape (360 households and 510 children over two years, 72,611
 * events) scaled in households and children, which the events grow with linearly (1,000,000 is near the
 * generator's limit of 5,000 households).
 */
export const agencyOfAbout = (events: number): Promise<AgencyHistory> =>
  syntheticHistory({
    households: Math.round((360 * events) / 72_611),
    children: Math.round((510 * events) / 72_611),
  });
