/**
 * Streams.Delete (soft delete) and Streams.Tombstone (hard delete). Both check the expected revision like an
 * append, answer with a fresh log position, and fail with `wrong-expected-version` or `stream-deleted` errors
 * (gRPC status + metadata). Unlike a real server, neither writes a record into `$all` (a real server writes a
 * `$metadata` event to `$$<stream>` for a soft delete and a `$streamDeleted` event for a tombstone).
 */
import type { handleUnaryCall } from '@grpc/grpc-js';
import { streamDeletedError, wrongExpectedVersionError } from './errors.js';
import type { DeleteOutcome, EventLog } from './log.js';
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

export const deleteHandler =
  (log: EventLog): handleUnaryCall<DeleteReq, DeleteResp> =>
  (call, callback) => {
    const options = call.request.getOptions();
    const streamName = streamNameOf(options?.getStreamIdentifier());
    const expected = expectedRevisionOf(
      options?.getExpectedStreamRevisionCase() ?? 0,
      () => options?.getRevision() ?? '0',
    );
    const outcome = log.delete(streamName, expected);
    if (outcome.kind !== 'success') {
      callback(failure(streamName, outcome));
      return;
    }
    const response = new streamsPb.DeleteResp();
    response.setPosition(positioned(new streamsPb.DeleteResp.Position(), outcome.position));
    callback(null, response);
  };

export const tombstoneHandler =
  (log: EventLog): handleUnaryCall<TombstoneReq, TombstoneResp> =>
  (call, callback) => {
    const options = call.request.getOptions();
    const streamName = streamNameOf(options?.getStreamIdentifier());
    const expected = expectedRevisionOf(
      options?.getExpectedStreamRevisionCase() ?? 0,
      () => options?.getRevision() ?? '0',
    );
    const outcome = log.tombstone(streamName, expected);
    if (outcome.kind !== 'success') {
      callback(failure(streamName, outcome));
      return;
    }
    const response = new streamsPb.TombstoneResp();
    response.setPosition(positioned(new streamsPb.TombstoneResp.Position(), outcome.position));
    callback(null, response);
  };
