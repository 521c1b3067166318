/**
 * Failures as the client decodes them. Unary and streaming calls fail with a gRPC status whose trailing metadata
 * carries `exception` (the client's `convertToCommandError` switches on it) plus the details it reads
 * (`stream-name`, `expected-version`, `actual-version`). BatchAppend instead answers with a `google.rpc.Status`
 * whose `details` packs the typed error message (`event_store.client.WrongExpectedVersion`, `...StreamDeleted`).
 * The status codes and message texts are the emulator's choice; the client does not look at them.
 */
import { status as grpcStatus, Metadata, type ServerErrorResponse } from '@grpc/grpc-js';
import type { ExpectedRevision, WrongExpectedVersion } from './log.js';
import { newAny, type Status, sharedPb, statusPb } from './proto.js';
import { streamIdentifier } from './wire.js';

const failure = (code: grpcStatus, details: string, entries: Record<string, string>): ServerErrorResponse => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
};

export const streamDeletedError = (streamName: string): ServerErrorResponse =>
  failure(grpcStatus.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  });

/** The numeric form of an expected revision used in error metadata (the server's legacy sentinel numbers). */
export const expectedVersionNumber = (expected: ExpectedRevision): bigint => {
  switch (expected.kind) {
    case 'revision':
      return expected.revision;
    case 'no_stream':
      return -1n;
    case 'any':
      return -2n;
    case 'stream_exists':
      return -4n;
  }
};

export const describeWrongExpectedVersion = (streamName: string, failure: WrongExpectedVersion): string =>
  `Wrong expected version for stream '${streamName}': expected ${expectedVersionNumber(failure.expected)}, ` +
  `actual ${failure.current ?? 'no stream'}.`;

/** Delete and Tombstone report a wrong expected version this way (their responses have no field for it). */
export const wrongExpectedVersionError = (
  streamName: string,
  wrong: WrongExpectedVersion,
): ServerErrorResponse => {
  const entries: Record<string, string> = {
    exception: 'wrong-expected-version',
    'stream-name': streamName,
    'expected-version': expectedVersionNumber(wrong.expected).toString(),
  };
  if (wrong.current !== undefined) entries['actual-version'] = wrong.current.toString();
  return failure(grpcStatus.FAILED_PRECONDITION, describeWrongExpectedVersion(streamName, wrong), entries);
};

export const invalidArgument = (details: string): ServerErrorResponse =>
  failure(grpcStatus.INVALID_ARGUMENT, details, {});

export const unavailable = (details: string): ServerErrorResponse =>
  failure(grpcStatus.UNAVAILABLE, details, {});

type Code = Parameters<Status['setCode']>[0];

const richStatus = (code: grpcStatus, message: string, typeName: string, packed: Uint8Array): Status => {
  const any = newAny();
  any.pack(packed, typeName);
  const status = new statusPb.Status();
  status.setCode(code as number as Code);
  status.setMessage(message);
  status.setDetails(any);
  return status;
};

export const batchWrongExpectedVersion = (streamName: string, wrong: WrongExpectedVersion): Status => {
  const details = new sharedPb.WrongExpectedVersion();
  if (wrong.current === undefined) details.setCurrentNoStream(new sharedPb.Empty());
  else details.setCurrentStreamRevision(wrong.current.toString());
  switch (wrong.expected.kind) {
    case 'revision':
      details.setExpectedStreamPosition(wrong.expected.revision.toString());
      break;
    case 'no_stream':
      details.setExpectedNoStream(new sharedPb.Empty());
      break;
    case 'stream_exists':
      details.setExpectedStreamExists(new sharedPb.Empty());
      break;
    case 'any':
      details.setExpectedAny(new sharedPb.Empty());
      break;
  }
  return richStatus(
    grpcStatus.FAILED_PRECONDITION,
    describeWrongExpectedVersion(streamName, wrong),
    'event_store.client.WrongExpectedVersion',
    details.serializeBinary(),
  );
};

export const batchStreamDeleted = (streamName: string): Status => {
  const details = new sharedPb.StreamDeleted();
  details.setStreamIdentifier(streamIdentifier(streamName));
  return richStatus(
    grpcStatus.FAILED_PRECONDITION,
    `Event stream '${streamName}' is deleted.`,
    'event_store.client.StreamDeleted',
    details.serializeBinary(),
  );
};

export const batchBadRequest = (message: string): Status => {
  const details = new sharedPb.BadRequest();
  details.setMessage(message);
  return richStatus(
    grpcStatus.INVALID_ARGUMENT,
    message,
    'event_store.client.BadRequest',
    details.serializeBinary(),
  );
};
