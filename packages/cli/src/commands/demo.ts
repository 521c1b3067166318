import { join } from 'node:path';
import {
  addMonths,
  type EventStore,
  type LocalDate,
  loadComplianceReport,
  loadReviewPack,
  type RecordedEvent,
} from '@fostering/core';
import { defaultAgencyShape, generateAgency } from '@fostering/synthetic-agency';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { removeMasterKey } from '../master-key.js';
import type { StoreSpec } from '../options.js';
import { progressBar } from '../progress.js';
import { renderCompliance, renderReview, writeReport } from '../report-files.js';
import { memoryStore, type OpenedStore, openStore, resetStore } from '../stores.js';
import { complianceSummary } from '../summary.js';

export interface DemoOptions {
  readonly store: StoreSpec;
  readonly households: number;
  readonly children: number;
  readonly months: number;
  readonly seed: number;
  readonly outDir: string;
  readonly reset: boolean;
}

export const demoDefaults = {
  households: defaultAgencyShape.households,
  children: defaultAgencyShape.children,
  months: defaultAgencyShape.months,
  seed: defaultAgencyShape.seed,
  outDir: '.fostering/reports',
};

const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

const isEmpty = async (store: EventStore): Promise<boolean> => {
  for await (const _ of store.readAll({ maxCount: 1 })) return false;
  return true;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Builds a synthetic agency's two years into the chosen store, then prints the compliance summary and writes a
 * review pack and the compliance report for it. The history is generated through the real deciders in memory
 * (fast), then imported in one transaction, keeping when each entry was recorded.
 */
export const demo = async (options: DemoOptions, io: Io): Promise<void> => {
  const started = performance.now();
  if (options.reset) {
    await resetStore(options.store, io.cwd);
    await removeMasterKey(options.store, io.cwd);
  }
  let target: OpenedStore | undefined;
  if (options.store.kind !== 'memory') {
    target = await openStore(options.store, io, () => {
      throw new Error('unreachable');
    });
    if (!(await isEmpty(target.store))) {
      await target.close();
      throw new CliError(
        `${target.label} already holds events: give --reset to start again, or another --store`,
      );
    }
  }
  try {
    io.err(`Building a synthetic agency (seed ${options.seed}) into ${target?.label ?? 'memory'}\n`);
    const bars = new Map<string, ReturnType<typeof progressBar>>();
    const generated = await generateAgency(
      {
        households: options.households,
        children: options.children,
        months: options.months,
        seed: options.seed,
      },
      (p) => {
        const bar = bars.get(p.step) ?? progressBar(io, p.step);
        bars.set(p.step, bar);
        bar.update(p.done, p.total);
      },
    );
    for (const bar of bars.values()) bar.stop();
    const generatedIn = performance.now() - started;
    if (target === undefined) {
      target = memoryStore(generated.store);
    } else {
      const events = await readEverything(generated.store);
      const bar = progressBar(io, 'writing to the store');
      await target.importHistory(events, { onProgress: (done, total) => bar.update(done, total) });
      bar.stop();
      await generated.store.close();
    }
    const { store } = target;
    const asOf = generated.asOf;

    const report = await loadComplianceReport(store, { asOf });
    if (E.isLeft(report)) throw new CliError(`compliance report failed: ${report.left.message}`);
    io.out(complianceSummary(report.right));

    const { placementId } = generated.featured;
    const from: LocalDate = addMonths(asOf, -6);
    const pack = await loadReviewPack(store, { placementId, from, to: asOf });
    if (E.isLeft(pack)) throw new CliError(`review pack failed: ${pack.left.message}`);
    const base = join(options.outDir, `review-${placementId}-${from}-to-${asOf}`);
    const written = [
      await writeReport(io.cwd, `${base}.html`, renderReview(pack.right, 'html')),
      await writeReport(io.cwd, `${base}.md`, renderReview(pack.right, 'md')),
      await writeReport(
        io.cwd,
        join(options.outDir, `compliance-${asOf}.html`),
        renderCompliance(report.right, 'html'),
      ),
    ];
    const total = performance.now() - started;
    io.out(
      [
        '',
        `Review pack for placement ${placementId} (${from} to ${asOf}):`,
        ...written.map((path) => `  ${path}`),
        '',
        `${generated.events} events (${generated.commands.accepted} commands accepted, ${generated.commands.refused} refused) in ${target.label}`,
        `generated in ${seconds(generatedIn)}, ${seconds(total)} in all`,
        options.store.kind === 'memory'
          ? ''
          : `Next: fostering review --store ${options.store.kind === 'pglite' ? `pglite:${options.store.directory}` : 'postgres:<url>'} --placement ${placementId} --from ${from} --to ${asOf}`,
        '',
      ].join('\n'),
    );
  } finally {
    await target?.close();
  }
};
