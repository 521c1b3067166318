import { isDeepStrictEqual } from 'node:util';
import {
  type AgencyRecords,
  addDays,
  agencyRecords,
  type LocalDate,
  occurredBy,
  projectionAt,
  withinCut,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { type ContenderResult, type Mode, median, type Role, type Workload } from '../harness.js';
import { agencyOfAbout, syntheticHistory } from './agency/history.js';
import { historyAmong, longestPlacementHistory, paddedTo } from './agency/placement-history.js';
import { decodeHistory, foldByHand } from './agency/records.js';
import { type FilledStore, memoryStoreOf, postgresStoreOf } from './agency/stores.js';

/**
 * As-of replay of one placement's history (its stream, its child's, its household's and the household's clinic
 * series, as a review pack reads them) in stores of growing size: the replay reads only the streams it names,
 * so its time should follow the history, not the store. The history is the longest placement of an agency
 * simulated over eight years (the two-year agencies' longest are about 370 events); the rest of each store is
 * another agency's events under renamed streams, with the history's events spread evenly among them.
 */
const longAgency = { households: 6, children: 40, months: 96, from: '2022-11-01' as LocalDate };

/** Replays timed together for one sample. */
const batch = 2;

type Replayed = { readonly state: AgencyRecords; readonly events: number };

interface Row {
  readonly name: string;
  readonly role: Role;
  readonly replay: () => Promise<Replayed>;
  readonly samples: number[];
  readonly note?: string;
}

const sized = (n: number) => n.toLocaleString('en-GB');
const oursName = (backend: string, size: number) =>
  `Fostering Ledger (${backend}), store of ${sized(size)} events`;

/** One sample: `batch` replays timed together, each result checked after the clock stops. */
const sampleOf = async (row: Row, check: (name: string, result: Replayed) => void) => {
  const results: Replayed[] = [];
  const started = performance.now();
  for (let i = 0; i < batch; i++) results.push(await row.replay());
  row.samples.push((performance.now() - started) / batch);
  for (const result of results) check(row.name, result);
};

/** Rows interleaved, in an order rotated each repetition, as the harness does for throughputs. */
const measureRows = async (
  rows: ReadonlyArray<Row>,
  repetitions: number,
  check: Parameters<typeof sampleOf>[1],
) => {
  for (const row of rows) await sampleOf(row, check); // warm-up, not kept
  for (const row of rows) row.samples.length = 0;
  for (let r = 0; r < repetitions; r++) {
    for (let i = 0; i < rows.length; i++) await sampleOf(rows[(i + r) % rows.length] as Row, check);
  }
};

/** The issue's placement history: 5,000 events (the generator's longest, padded with repeated visits). */
const HISTORY_LENGTH = 5_000;

export const replayWorkload: Workload = {
  id: 'replay',
  title:
    'As-of replay of one placement, ms (ratio: limit ÷ ours, largest store; growth: largest ÷ smallest store)',
  unit: 'ms',
  setup: () => Promise.reject(new Error('replay is measured by `measure`')),
  measure: async (mode: Mode) => {
    const sizes = mode.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    // PostgreSQL in full mode only: importing its stores would take most of the quick run's budget.
    const backends = mode.quick ? ['in memory'] : ['in memory', 'PostgreSQL'];
    const long = await syntheticHistory(longAgency);
    const history = paddedTo(longestPlacementHistory(long.events), HISTORY_LENGTH);
    const others = (await agencyOfAbout(mode.quick ? 20_000 : 1_000_000)).events;
    // A month before the agency's last day: an as-of replay that leaves the latest records out.
    const asOf = addDays(long.asOf, -30);
    const kept = withinCut(occurredBy(asOf));
    const decoded = decodeHistory(history.events);
    const expected: Replayed = { state: foldByHand(decoded, kept), events: decoded.filter(kept).length };
    const check = (name: string, result: Replayed) => {
      if (result.events !== expected.events || !isDeepStrictEqual(result.state, expected.state)) {
        throw new Error(`replay: ${name} replayed ${result.events} events into records unlike the limit's`);
      }
    };
    const stores: FilledStore[] = [];
    const rows = new Map<string, Row>();
    try {
      for (const size of sizes) {
        const events = historyAmong(history.events, others, size);
        for (const backend of backends) {
          const filled =
            backend === 'in memory'
              ? await memoryStoreOf(events)
              : await postgresStoreOf(`bench_replay_${size}`, events);
          stores.push(filled);
          const replay = async () => {
            const replayed = await projectionAt(
              filled.store,
              agencyRecords,
              history.streams,
              occurredBy(asOf),
            );
            if (E.isLeft(replayed)) throw new Error(`replay: ${replayed.left.message}`);
            return replayed.right;
          };
          rows.set(oursName(backend, size), {
            name: oursName(backend, size),
            role: 'ours',
            replay,
            samples: [],
          });
        }
      }
      const limit: Row = {
        name: 'hand-written fold of the decoded history',
        role: 'limit',
        note:
          "the placement's events already decoded in memory, cut and folded in one pass (a Map per area, " +
          "each record by the library's own evolve); no store, so no size",
        replay: async () => ({ state: foldByHand(decoded, kept), events: decoded.filter(kept).length }),
        samples: [],
      };
      const ordered = backends.flatMap((b) => sizes.map((s) => rows.get(oursName(b, s)) as Row));
      await measureRows([...ordered, limit], Math.max(mode.repetitions, 5), check);
      const contenders: ContenderResult[] = [...ordered, limit].map((row) => ({
        name: row.name,
        role: row.role,
        samples: row.samples,
        median: median(row.samples),
        ...(row.note === undefined ? {} : { note: row.note }),
      }));
      const [smallest, largest] = [sizes[0] ?? 0, sizes[sizes.length - 1] ?? 0];
      const timeOf = (backend: string, size: number) =>
        median(rows.get(oursName(backend, size))?.samples ?? []);
      const growth = Object.fromEntries(
        backends.map((b) => [
          `growth ${b === 'in memory' ? 'in memory' : `on ${b}`} (${sized(largest)} ÷ ${sized(smallest)})`,
          Number((timeOf(b, largest) / timeOf(b, smallest)).toFixed(2)),
        ]),
      );
      return [
        {
          id: 'replay',
          title: replayWorkload.title,
          unit: 'ms',
          contenders,
          facts: {
            placement: history.placementId,
            'streams read': history.streams.length,
            'events in the history': history.events.length,
            [`events kept as of ${asOf}`]: expected.events,
            ...growth,
          },
          ratios: { ...growth, [limit.name]: median(limit.samples) / timeOf('in memory', largest) },
        },
      ];
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  },
};
