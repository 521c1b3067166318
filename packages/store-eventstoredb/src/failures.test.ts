import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  UnavailableError,
  UnknownError,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { esdbFailure, esdbFailureReason } from './failures.js';

describe('EventStoreDB failures as typed StoreUnavailable values', () => {
  it('maps the client error types to a reason, whether to retry, and the client error type as code', () => {
    const cases = [
      [new UnavailableError(), 'connection', true, 'unavailable'],
      [new DeadlineExceededError(), 'timeout', true, 'deadline-exceeded'],
      [new AccessDeniedError(), 'permission', false, 'access-denied'],
      [MaxAppendSizeExceededError.fromMaxAppendSize(1024), 'data', false, 'maximum-append-size-exceeded'],
      [StreamDeletedError.fromStreamName('household-1'), 'data', false, 'stream-deleted'],
      [new UnknownError(), 'unknown', false, 'unknown'],
    ] as const;
    for (const [error, reason, retriable, code] of cases) {
      expect(esdbFailure('esdb', error)).toMatchObject({
        _tag: 'StoreUnavailable',
        store: 'esdb',
        reason,
        retriable,
        code,
      });
    }
  });

  it('falls back to gRPC status codes and Node system errors the client passed through', () => {
    expect(esdbFailureReason(Object.assign(new Error('no'), { code: 14 }))).toBe('connection');
    expect(esdbFailureReason(Object.assign(new Error('no'), { code: 8 }))).toBe('resources');
    expect(esdbFailureReason(Object.assign(new Error('no'), { code: 16 }))).toBe('permission');
    expect(esdbFailure('esdb', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toMatchObject({
      reason: 'connection',
      retriable: true,
      code: 'ECONNREFUSED',
    });
    // A dropped HTTP/2 session comes back as INTERNAL (13); it is the connection, and retriable.
    const dropped = Object.assign(
      new Error(
        '13 INTERNAL: Received RST_STREAM with code 2 triggered by internal client error: Session closed with error code 2',
      ),
      { code: 13, type: 'unknown' },
    );
    expect(esdbFailure('esdb', dropped)).toMatchObject({ reason: 'connection', retriable: true });
    expect(esdbFailureReason(new Error('something else'))).toBe('unknown');
    expect(esdbFailureReason('not even an error')).toBe('unknown');
  });

  it('says what happened and what to do, and keeps the original error as the cause', () => {
    const error = new UnavailableError();
    const failure = esdbFailure('esdb', error);
    expect(failure.message).toMatch(/^esdb store: .*\(unavailable\): EventStoreDB cannot be reached; retry/);
    expect(failure.cause).toBe(error);
  });
});
