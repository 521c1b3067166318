/**
 * Streams.Delete (soft delete) and Streams.Tombstone (hard delete). Both check the expected revision like an
 * append, answer with a fresh log position, and fail with `wrong-expected-version` or `stream-deleted` errors
 * (gRPC status + metadata). Unlike a real server, neither writes a record into `$all` (a real server writes a
 * `$metadata` event to `$$<stream>` for a soft delete and a `$streamDeleted` event for a tombstone).
 */
import type { handleUnaryCall } from '@grpc/grpc-js';
import { streamDeletedError, wrongExpectedVersionError } from './errors.js';
import type { DeleteOutcome, EventLog, ExpectedRevision } from './log.js';
import {
  type DeleteReq,
  type DeleteResp,
  streamsPb,
  type TombstoneReq,
  type TombstoneResp,
} from './proto.js';
import { expectedRevisionOf, streamNameOf } from './wire.js';

interface PositionMessage {
  setCommitPosition(value: string): unknown;
  setPreparePosition(value: string): unknown;
}

const positioned = <P extends PositionMessage>(position: P, value: bigint): P => {
  position.setCommitPosition(value.toString());
  position.setPreparePosition(value.toString());
  return position;
};

const failure = (streamName: string, outcome: Exclude<DeleteOutcome, { kind: 'success' }>) =>
  outcome.kind === 'stream-deleted'
    ? streamDeletedError(streamName)
    : wrongExpectedVersionError(streamName, outcome);

/** What Delete and Tombstone requests share: the stream and the expected revision. */
interface RemovalRequest {
  getOptions():
    | {
        getStreamIdentifier(): Parameters<typeof streamNameOf>[0];
        getExpectedStreamRevisionCase(): number;
        getRevision(): string;
      }
    | undefined;
}

/** A Delete or Tombstone handler: `remove` changes the log, `respond` makes the success answer at its position. */
const removalHandler =
  <Req extends RemovalRequest, Resp>(
    remove: (streamName: string, expected: ExpectedRevision) => DeleteOutcome,
    respond: (position: bigint) => Resp,
  ): handleUnaryCall<Req, Resp> =>
  (call, callback) => {
    const options = call.request.getOptions();
    const streamName = streamNameOf(options?.getStreamIdentifier());
    const expected = expectedRevisionOf(
      options?.getExpectedStreamRevisionCase() ?? 0,
      () => options?.getRevision() ?? '0',
    );
    const outcome = remove(streamName, expected);
    if (outcome.kind !== 'success') {
      callback(failure(streamName, outcome));
      return;
    }
    callback(null, respond(outcome.position));
  };

export const deleteHandler = (log: EventLog): handleUnaryCall<DeleteReq, DeleteResp> =>
  removalHandler(
    (streamName, expected) => log.delete(streamName, expected),
    (position) =>
      new streamsPb.DeleteResp().setPosition(positioned(new streamsPb.DeleteResp.Position(), position)),
  );

export const tombstoneHandler = (log: EventLog): handleUnaryCall<TombstoneReq, TombstoneResp> =>
  removalHandler(
    (streamName, expected) => log.tombstone(streamName, expected),
    (position) =>
      new streamsPb.TombstoneResp().setPosition(positioned(new streamsPb.TombstoneResp.Position(), position)),
  );
