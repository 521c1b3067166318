import {
  childRecords,
  clinicSeries,
  type DomainEvent,
  householdRecords,
  type Projection,
  placementRecords,
  projectionRunner,
  staffRecords,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import type { StoreSpec } from '../options.js';
import { progressBar } from '../progress.js';
import { withStore } from './with-store.js';

/** The projections the store keeps checkpoints for: each area's records, from which every view is computed. */
export const rebuiltProjections: ReadonlyArray<Projection<unknown, DomainEvent>> = [
  householdRecords,
  childRecords,
  placementRecords,
  clinicSeries,
  staffRecords,
] as unknown as ReadonlyArray<Projection<unknown, DomainEvent>>;

/** Replays the whole store into every projection from zero and stores their checkpoints. */
export const rebuild = (options: { readonly store: StoreSpec }, io: Io): Promise<void> =>
  withStore(options.store, io, async (opened) => {
    const total = await opened.count();
    const started = performance.now();
    const bar = progressBar(io, 'rebuilding projections');
    let applied = 0;
    const lines: string[] = [];
    for (const projection of rebuiltProjections) {
      const before = applied;
      const runner = projectionRunner({
        store: opened.store,
        projection,
        checkpoints: opened.checkpoints(),
        checkpointEvery: 10_000,
        onApplied: (n) => {
          applied = before + n;
          if (applied % 500 === 0) bar.update(applied, total);
        },
      });
      const rebuilt = await runner.rebuild();
      if (E.isLeft(rebuilt)) {
        bar.stop();
        throw new CliError(`rebuilding ${projection.name} stopped: ${rebuilt.left.message}`);
      }
      lines.push(`  ${projection.name.padEnd(34)} ${String(applied - before).padStart(8)} events`);
    }
    bar.update(applied, total);
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    io.out(
      `${[
        `Rebuilt ${rebuiltProjections.length} projections from ${opened.label}:`,
        ...lines,
        `${applied} events in ${seconds.toFixed(1)} s: ${Math.round(applied / Math.max(seconds, 0.001))} events per second`,
      ].join('\n')}\n`,
    );
  });
