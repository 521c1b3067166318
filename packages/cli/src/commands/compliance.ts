import { type AsOfBasis, type LocalDate, loadComplianceReport } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import type { StoreSpec } from '../options.js';
import { type ComplianceFormat, renderCompliance, writeReport } from '../report-files.js';
import { complianceSummary } from '../summary.js';
import { withStore } from './with-store.js';

export interface ComplianceOptions {
  readonly store: StoreSpec;
  readonly asOf: LocalDate;
  readonly by: AsOfBasis;
  readonly format?: ComplianceFormat;
  readonly out?: string;
}

/** The agency compliance report on a date: a summary on the terminal, or a full report in a format. */
export const compliance = (options: ComplianceOptions, io: Io): Promise<void> =>
  withStore(options.store, io, async ({ store }) => {
    const report = await loadComplianceReport(store, { asOf: options.asOf, by: options.by });
    if (E.isLeft(report)) throw new CliError(`cannot read the agency's history: ${report.left.message}`);
    const { events: _events, ...plain } = report.right;
    if (options.format === undefined && options.out === undefined) {
      io.out(complianceSummary(plain));
      return;
    }
    const content = renderCompliance(plain, options.format ?? 'md');
    if (options.out === undefined) io.out(content);
    else io.err(`compliance report written to ${await writeReport(io.cwd, options.out, content)}\n`);
  });
