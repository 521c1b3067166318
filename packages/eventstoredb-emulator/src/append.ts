/** Streams.Append: client streaming, first the options, then one message per proposed event. */
import type { handleClientStreamingCall } from '@grpc/grpc-js';
import { invalidArgument, streamDeletedError } from './errors.js';
import type { AppendOutcome, EventLog, ExpectedRevision, ProposedEvent } from './log.js';
import { type AppendReq, type AppendResp, sharedPb, streamsPb } from './proto.js';
import { expectedRevisionOf, proposedEvent, streamNameOf } from './wire.js';

export const appendResponse = (outcome: Exclude<AppendOutcome, { kind: 'stream-deleted' }>): AppendResp => {
  const response = new streamsPb.AppendResp();
  if (outcome.kind === 'success') {
    const success = new streamsPb.AppendResp.Success();
    if (outcome.currentRevision === undefined) success.setNoStream(new sharedPb.Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString());
    if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
    else {
      const position = new streamsPb.AppendResp.Position();
      position.setCommitPosition(outcome.position.toString());
      position.setPreparePosition(outcome.position.toString());
      success.setPosition(position);
    }
    response.setSuccess(success);
    return response;
  }
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(outcome.current.toString());
  setExpected(wrong, outcome.expected);
  response.setWrongExpectedVersion(wrong);
  return response;
};

const setExpected = (
  wrong: InstanceType<typeof streamsPb.AppendResp.WrongExpectedVersion>,
  expected: ExpectedRevision,
): void => {
  switch (expected.kind) {
    case 'revision':
      wrong.setExpectedRevision(expected.revision.toString());
      return;
    case 'no_stream':
      wrong.setExpectedNoStream(new sharedPb.Empty());
      return;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new sharedPb.Empty());
      return;
    case 'any':
      wrong.setExpectedAny(new sharedPb.Empty());
      return;
  }
};

export const appendHandler =
  (log: EventLog): handleClientStreamingCall<AppendReq, AppendResp> =>
  (call, callback) => {
    let streamName: string | undefined;
    let expected: ExpectedRevision = { kind: 'any' };
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      const options = request.getOptions();
      const message = request.getProposedMessage();
      if (options) {
        streamName = streamNameOf(options.getStreamIdentifier());
        expected = expectedRevisionOf(options.getExpectedStreamRevisionCase(), () => options.getRevision());
      } else if (message) {
        events.push(proposedEvent(message));
      }
    });
    call.on('error', () => {
      // The client went away mid-append: nothing was written, nothing to answer.
    });
    call.on('end', () => {
      if (!streamName) {
        callback(invalidArgument('Append needs its options (a stream name) first.'));
        return;
      }
      const outcome = log.append(streamName, expected, events);
      if (outcome.kind === 'stream-deleted') callback(streamDeletedError(streamName));
      else callback(null, appendResponse(outcome));
    });
  };
