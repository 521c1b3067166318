/**
 * Streams.BatchAppend: one long-lived bidirectional stream per client. Each request carries a correlation id;
 * the first request of a batch carries the options, the last has `is_final`, and the answer (success or a
 * `google.rpc.Status` error) echoes the correlation id, stream and expected position. Batches with different
 * correlation ids may interleave. The options' deadline is not enforced.
 */
import type { handleBidiStreamingCall } from '@grpc/grpc-js';
import type { EmulatorContext } from './context.js';
import { batchBadRequest, batchStreamDeleted, batchWrongExpectedVersion, unavailable } from './errors.js';
import type { AppendOutcome, ExpectedRevision, ProposedEvent } from './log.js';
import { type BatchAppendReq, type BatchAppendResp, sharedPb, streamsPb, type UUID } from './proto.js';
import { expectedRevisionOf, proposedEvent, streamIdentifier, streamNameOf, uuidString } from './wire.js';

interface PendingBatch {
  readonly streamName: string;
  readonly expected: ExpectedRevision;
  readonly events: ProposedEvent[];
}

const response = (
  correlationId: UUID | undefined,
  streamName: string,
  expected: ExpectedRevision,
): BatchAppendResp => {
  const answer = new streamsPb.BatchAppendResp();
  if (correlationId) answer.setCorrelationId(correlationId);
  answer.setStreamIdentifier(streamIdentifier(streamName));
  switch (expected.kind) {
    case 'revision':
      answer.setStreamPosition(expected.revision.toString());
      break;
    case 'no_stream':
      answer.setNoStream(new sharedPb.Empty());
      break;
    case 'stream_exists':
      answer.setStreamExists(new sharedPb.Empty());
      break;
    case 'any':
      answer.setAny(new sharedPb.Empty());
      break;
  }
  return answer;
};

const withOutcome = (
  answer: BatchAppendResp,
  streamName: string,
  outcome: AppendOutcome,
): BatchAppendResp => {
  if (outcome.kind === 'stream-deleted') return answer.setError(batchStreamDeleted(streamName));
  if (outcome.kind === 'wrong-expected-version')
    return answer.setError(batchWrongExpectedVersion(streamName, outcome));
  const success = new streamsPb.BatchAppendResp.Success();
  if (outcome.currentRevision === undefined) success.setNoStream(new sharedPb.Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
  else {
    const position = new sharedPb.AllStreamPosition();
    position.setCommitPosition(outcome.position.toString());
    position.setPreparePosition(outcome.position.toString());
    success.setPosition(position);
  }
  return answer.setSuccess(success);
};

export const batchAppendHandler =
  ({ log, openCalls }: EmulatorContext): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> =>
  (call) => {
    const pending = new Map<string, PendingBatch>();
    const end = () => {
      if (!call.writableEnded) call.end();
    };
    // Ending with OK would leave the client's cached duplex half-open (it never ends its own side), so further
    // appends would hang: fail the call instead, as a server going away would.
    const open = { close: () => call.emit('error', unavailable('The emulator is shutting down.')) };
    openCalls.add(open);
    const forget = () => {
      openCalls.delete(open);
      pending.clear();
    };
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = uuidString(correlationId);
      let batch = pending.get(key);
      if (!batch) {
        const options = request.getOptions();
        if (!options) {
          call.write(
            response(correlationId, '', { kind: 'any' }).setError(batchBadRequest('Batch options missing.')),
          );
          return;
        }
        batch = {
          streamName: streamNameOf(options.getStreamIdentifier()),
          expected: expectedRevisionOf(options.getExpectedStreamPositionCase(), () =>
            options.getStreamPosition(),
          ),
          events: [],
        };
        pending.set(key, batch);
      }
      for (const message of request.getProposedMessagesList()) batch.events.push(proposedEvent(message));
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const outcome = log.append(batch.streamName, batch.expected, batch.events);
      call.write(
        withOutcome(response(correlationId, batch.streamName, batch.expected), batch.streamName, outcome),
      );
    });
    call.on('end', () => {
      forget();
      end();
    });
    call.on('error', forget);
    call.on('cancelled', forget);
  };
