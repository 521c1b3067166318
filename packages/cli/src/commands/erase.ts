import { eraseRecord, type LocalDate } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import type { StoreSpec } from '../options.js';
import { withStore } from './with-store.js';

export interface EraseOptions {
  readonly store: StoreSpec;
  readonly record: string;
  readonly on: LocalDate;
  readonly by: string;
  readonly role: string;
}

/**
 * Erases a child's or household's record once retention allows: destroys the keys of every subject it covers and
 * records the erasure. Refused before retention ends, naming the rule and the first day it will be allowed.
 */
export const erase = (options: EraseOptions, io: Io): Promise<void> =>
  withStore(options.store, io, async ({ store, keys }) => {
    if (options.store.kind === 'memory')
      throw new CliError('--store: a memory store holds nothing to erase', 2);
    const erased = await eraseRecord({
      store,
      keys,
      subjectId: options.record,
      on: options.on,
      now: io.now(),
      actor: { id: options.by, role: options.role },
    });
    if (E.isLeft(erased)) {
      const error = erased.left;
      throw new CliError(
        error._tag === 'UnknownRecord' || error._tag === 'RuleViolation'
          ? `--record: ${error.message}`
          : error.message,
      );
    }
    const { covers, erasedAt } = erased.right;
    io.out(
      `Erased ${options.record} at ${erasedAt.toISOString()}: the keys of ${covers.join(', ')} are destroyed; recorded in erasure-${options.record}\n`,
    );
  });
