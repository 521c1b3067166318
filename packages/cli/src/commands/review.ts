import { type Audience, type LocalDate, loadReviewPack } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import type { StoreSpec } from '../options.js';
import { type ReviewFormat, renderReview, writeReport } from '../report-files.js';
import { withStore } from './with-store.js';

export interface ReviewOptions {
  readonly store: StoreSpec;
  readonly placement: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly asRecordedAt?: LocalDate;
  /** The reader the pack is for (`--for`); absent for the full record. */
  readonly audience?: Audience;
  readonly format: ReviewFormat;
  readonly out?: string;
}

/** Writes a placement's review pack (to --out, or to stdout). */
export const review = (options: ReviewOptions, io: Io): Promise<void> =>
  withStore(options.store, io, async ({ store }) => {
    const pack = await loadReviewPack(store, {
      placementId: options.placement,
      from: options.from,
      to: options.to,
      ...(options.asRecordedAt === undefined ? {} : { asRecordedAt: options.asRecordedAt }),
      ...(options.audience === undefined ? {} : { audience: options.audience }),
    });
    if (E.isLeft(pack)) {
      const error = pack.left;
      throw new CliError(
        error._tag === 'UnknownPlacement'
          ? `--placement: ${error.message}`
          : error._tag === 'InvalidPeriod'
            ? `--${error.field}: ${error.message}`
            : `cannot read the placement's history: ${error.message}`,
        error._tag === 'InvalidPeriod' ? 2 : 1,
      );
    }
    const content = renderReview(pack.right, options.format);
    if (options.out === undefined) io.out(content);
    else io.err(`review pack written to ${await writeReport(io.cwd, options.out, content)}\n`);
  });
