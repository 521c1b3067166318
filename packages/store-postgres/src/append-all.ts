import type { Clock, OutboxDerivation } from '@fostering/core';
import { type Append, type AppendOutcome, appendBatch } from './append.js';
import { appendInOneStatement, fitsOneStatement } from './append-in-one-statement.js';
import { NewStreams } from './append-locks.js';
import type { SqlClient } from './sql.js';

/**
 * Runs a batch: in one statement when every append would succeed as it stands and there is no outbox to derive
 * in the transaction; otherwise in a transaction of its own, on the fast path when its streams exist and on the
 * careful path, which creates the missing rows first, when one does not.
 */
export const appendAll = async (
  client: SqlClient,
  appends: ReadonlyArray<Append>,
  clock: Clock,
  derive?: OutboxDerivation,
): Promise<ReadonlyArray<AppendOutcome>> => {
  const careful = () => client.transaction((tx) => appendBatch(tx, appends, clock, derive, 'careful'));
  if (!fitsOneStatement(appends)) {
    if (appends.some((append) => append.some((w) => w.expectedRevision === 'no_stream'))) return careful();
  } else if (derive === undefined) {
    const attempt = await appendInOneStatement(client, appends, clock);
    if (attempt.outcomes !== undefined) return attempt.outcomes;
    if (!attempt.allStreamsExist) return careful();
  }
  try {
    return await client.transaction((tx) => appendBatch(tx, appends, clock, derive, 'fast'));
  } catch (error) {
    if (error instanceof NewStreams) return careful();
    throw error;
  }
};
