import { type LocalDate, loadRetentionOverview } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import type { StoreSpec } from '../options.js';
import { withStore } from './with-store.js';

export interface RetentionOptions {
  readonly store: StoreSpec;
  readonly asOf: LocalDate;
  readonly format: 'text' | 'json';
}

/** The records kept and those due for erasure on a date (rule `retention`, FSR 32; CPPR 50). */
export const retention = (options: RetentionOptions, io: Io): Promise<void> =>
  withStore(options.store, io, async ({ store }) => {
    const overview = await loadRetentionOverview(store, options.asOf);
    if (E.isLeft(overview)) throw new CliError(`cannot read the agency's history: ${overview.left.message}`);
    const { register, erased, due } = overview.right;
    if (options.format === 'json') {
      io.out(`${JSON.stringify({ asOf: options.asOf, register, erased, due }, null, 2)}\n`);
      return;
    }
    const kept = register.filter((r) => erased[r.record.subjectId] === undefined);
    const lines = [
      `Retention on ${options.asOf} (rule retention, FSR 32; CPPR 50): ${kept.length} records kept, ${Object.keys(erased).length} erased, ${due.length} due for erasure`,
      ...due.map(
        (r) =>
          `  ${r.record.subjectId.padEnd(16)} ${r.record.kind.padEnd(10)} retention ended ${r.retentionEndsOn}; erasure covers ${r.covers.length} subject${r.covers.length === 1 ? '' : 's'}`,
      ),
    ];
    const next = register
      .filter((r) => r.retentionEndsOn !== undefined && r.retentionEndsOn > options.asOf)
      .map((r) => r.retentionEndsOn as LocalDate)
      .sort()[0];
    if (next !== undefined) lines.push(`Next retention to end: ${next}.`);
    io.out(`${lines.join('\n')}\n`);
  });
