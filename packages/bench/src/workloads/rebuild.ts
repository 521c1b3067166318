import { isDeepStrictEqual } from 'node:util';
import {
  type AgencyRecords,
  complianceContext,
  complianceReport,
  inMemoryCheckpointStore,
  type ProjectionCheckpointStore,
} from '@fostering/core';
import { postgresCheckpointStore } from '@fostering/store-postgres';
import type { Contender, Mode, Workload } from '../harness.js';
import { agencyOfAbout } from './agency/history.js';
import { decodeHistory, foldByHand, rebuildRecords } from './agency/records.js';
import { type FilledStore, memoryStoreOf, pgliteStoreOf, postgresStoreOf } from './agency/stores.js';

const seconds = (since: number): number => Math.round((performance.now() - since) / 100) / 10;

/** Times a fill, for the facts: filling is untimed by the benchmark but worth knowing. */
const timed = async <A>(fill: () => Promise<A>): Promise<{ value: A; seconds: number }> => {
  const started = performance.now();
  const value = await fill();
  return { value, seconds: seconds(started) };
};

type Rebuilt = { readonly records: AgencyRecords; readonly applied: number };

/**
 * Results waiting to be checked. Every contender's `prepare` (untimed) checks them all, so a wrong rebuild can
 * never report a figure, and at most one rebuilt state is held besides the reference (a million events' records
 * take hundreds of megabytes).
 */
const verifier = (expected: { readonly records: AgencyRecords; readonly events: number }) => {
  const pending: Array<{ readonly name: string; readonly result: Rebuilt }> = [];
  return {
    add: (name: string, result: Rebuilt) => pending.push({ name, result }),
    verify: () => {
      for (const { name, result } of pending.splice(0)) {
        if (result.applied !== expected.events) {
          throw new Error(`rebuild: ${name} applied ${result.applied} events, expected ${expected.events}`);
        }
        if (!isDeepStrictEqual(result.records, expected.records)) {
          throw new Error(`rebuild: ${name} rebuilt records that differ from the hand-written fold's`);
        }
      }
    },
  };
};

const contender = (
  name: string,
  role: Contender['role'],
  checks: ReturnType<typeof verifier>,
  rebuild: () => Promise<Rebuilt>,
  note: string,
): Contender => ({
  name,
  role,
  note,
  prepare: async () => checks.verify(),
  run: async () => {
    const result = await rebuild();
    checks.add(name, result);
    return result.applied;
  },
});

/**
 * Rebuilding the agency's records after an upgrade: every event of a synthetic agency replayed from zero into
 * the five area projections (households, children, placements, clinic series, staff) that the approvals
 * register, the placements register and the compliance report are computed from. Each store is filled once,
 * untimed, with the agency's own history; every rebuilt state is compared with the limit's, field by field.
 */
export const rebuildWorkload: Workload = {
  id: 'rebuild',
  title: 'Projection rebuild, synthetic agency',
  unit: 'events/s',
  setup: async (mode: Mode) => {
    // Quick mode: 20,000 events, not 100,000. On the benchmark machine PGlite imports about 5,000 events a second
    // and rebuilds about 25,000, so 100,000 events would take this workload alone to about 50 s.
    const agency = await agencyOfAbout(mode.quick ? 20_000 : 1_000_000);
    const { events, asOf } = agency;
    const decoded = decodeHistory(events);
    const expected = { records: foldByHand(decoded), events: events.length };
    const report = complianceReport(expected.records, complianceContext(asOf));
    const stores: FilledStore[] = [];
    const fill = async (open: () => Promise<FilledStore>) => {
      const filled = await timed(open);
      stores.push(filled.value);
      return filled;
    };
    try {
      const memory = await fill(() => memoryStoreOf(events));
      const pglite = await fill(() => pgliteStoreOf(events));
      const postgres = await fill(() => postgresStoreOf('bench_rebuild', events));
      const sqlCheckpoints = (filled: FilledStore) => () =>
        postgresCheckpointStore<unknown>(filled.client as NonNullable<FilledStore['client']>);
      const ours = (store: FilledStore, checkpoints: () => ProjectionCheckpointStore<unknown>) => () =>
        rebuildRecords(store.store, checkpoints, Number.MAX_SAFE_INTEGER);
      const how =
        'projectionRunner(...).rebuild() for each of the five area projections, as `fostering rebuild` does (a ' +
        'filtered readAll each, decoded, folded a page at a time); checkpoint saved at the start and end only ' +
        '(the CLI saves one every 10,000 events too, the runner by default every page)';
      const checks = verifier(expected);
      const contenders = [
        contender(
          'Fostering Ledger (in memory)',
          'ours',
          checks,
          ours(memory.value, () => inMemoryCheckpointStore<unknown>()),
          `${how}; checkpoints in memory`,
        ),
        contender(
          'Fostering Ledger (PGlite)',
          'ours',
          checks,
          ours(pglite.value, sqlCheckpoints(pglite.value)),
          `${how}; PGlite in a directory, checkpoints in its table`,
        ),
        contender(
          'Fostering Ledger (PostgreSQL)',
          'ours',
          checks,
          ours(postgres.value, sqlCheckpoints(postgres.value)),
          `${how}; checkpoints in the server's table`,
        ),
        contender(
          'hand-written fold over decoded events',
          'limit',
          checks,
          async () => ({ records: foldByHand(decoded), applied: decoded.length }),
          'one pass over the events already decoded in memory, a mutable Map per area, each record folded by ' +
            "the library's own pure per-record evolve (evolveHousehold, evolveChild, ...): writing those folds " +
            'again by hand would be thousands of lines; no store, decoding, filtering or checkpoint',
        ),
      ];
      return {
        contenders,
        close: async () => {
          try {
            checks.verify();
          } finally {
            await Promise.all(stores.map((s) => s.close()));
          }
        },
        facts: {
          events: events.length,
          households: Object.keys(expected.records.households).length,
          children: Object.keys(expected.records.children).length,
          placements: Object.keys(expected.records.placements).length,
          'clinic series': Object.keys(expected.records.clinics).length,
          [`compliance findings on ${asOf}`]: report.totals.findings,
          'generated in (s, 0 = cached)': Math.round(agency.generatedIn),
          'filled in memory / PGlite / PostgreSQL (s)': `${memory.seconds} / ${pglite.seconds} / ${postgres.seconds}`,
        },
      };
    } catch (error) {
      await Promise.all(stores.map((s) => s.close()));
      throw error;
    }
  },
};
