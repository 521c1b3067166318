import type { AllStreamRecordedEvent } from '@eventstore/db-client';
import { comparePositions, type NewEvent } from '@fostering/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eventDataOf,
  isSystemEvent,
  metadataOf,
  nativePosition,
  positionOf,
  recordedEventOf,
  UnreadableEvent,
} from './event-mapping.js';

const written: NewEvent = {
  eventId: '01936f4e-8a1b-7c3d-9e2f-0a1b2c3d4e5f',
  type: 'PlacementMade',
  schemaVersion: 2,
  data: { childId: 'child-1', household: 'household-7' },
  occurredAt: new Date('2026-01-05T10:15:30.123Z'),
  actor: { id: 'ssw-4', role: 'supervising-social-worker' },
  correlationId: 'corr-1',
  causationId: 'cause-1',
};

const stored = (overrides: Partial<AllStreamRecordedEvent> = {}): AllStreamRecordedEvent =>
  ({
    streamId: 'placement-9',
    id: written.eventId,
    isJson: true,
    revision: 3n,
    type: written.type,
    created: new Date('2026-01-06T08:00:00.456Z'),
    data: written.data,
    metadata: metadataOf(written),
    position: { commit: 4096n, prepare: 4096n },
    ...overrides,
  }) as AllStreamRecordedEvent;

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

describe('mapping port events to EventStoreDB events and back', () => {
  it('writes JSON data with the envelope fields EventStoreDB lacks in metadata, using its correlation keys', () => {
    const data = eventDataOf(written);
    expect(data).toMatchObject({
      id: written.eventId,
      type: 'PlacementMade',
      contentType: 'application/json',
    });
    expect(data.metadata).toEqual({
      schemaVersion: 2,
      occurredAt: '2026-01-05T10:15:30.123Z',
      actor: { id: 'ssw-4', role: 'supervising-social-worker' },
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
    });
  });

  it('reads back every envelope field: revision as a number, recorded-at from created, position encoded', () => {
    expect(recordedEventOf(stored())).toEqual({
      ...written,
      streamId: 'placement-9',
      streamRevision: 3,
      globalPosition: positionOf({ commit: 4096n, prepare: 4096n }),
      recordedAt: new Date('2026-01-06T08:00:00.456Z'),
    });
  });

  it('refuses, naming the event, anything the ledger did not write', () => {
    expect(() => recordedEventOf(stored({ metadata: undefined }))).toThrow(UnreadableEvent);
    expect(() => recordedEventOf(stored({ metadata: { ...metadataOf(written), actor: 'x' } }))).toThrow(
      /metadata\.actor/,
    );
    expect(() => recordedEventOf(stored({ isJson: false } as Partial<AllStreamRecordedEvent>))).toThrow(
      /revision 3 of stream 'placement-9'.*not JSON/,
    );
  });

  it('tells system events apart by a $ in the stream name or the event type', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$$household-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'household-1', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'household-1', type: 'HouseholdApproved' })).toBe(false);
  });
});

describe('global positions from commit and prepare positions', () => {
  it('orders encoded positions as EventStoreDB orders (commit, prepare) pairs', () => {
    fc.assert(
      fc.property(u64, u64, u64, u64, (c1, p1, c2, p2) => {
        const native = c1 < c2 || (c1 === c2 && p1 < p2) ? -1 : c1 === c2 && p1 === p2 ? 0 : 1;
        const encoded = comparePositions(
          positionOf({ commit: c1, prepare: p1 }),
          positionOf({ commit: c2, prepare: p2 }),
        );
        expect(Math.sign(encoded)).toBe(native);
      }),
    );
  });

  it('decodes back to the same commit and prepare positions', () => {
    fc.assert(
      fc.property(u64, u64, (commit, prepare) => {
        expect(nativePosition(positionOf({ commit, prepare }))).toEqual({ commit, prepare });
      }),
    );
  });

  it('refuses a position another adapter made', () => {
    expect(() => nativePosition(positionOf({ commit: 1n, prepare: 1n }).split(':')[0] as never)).toThrow(
      TypeError,
    );
  });
});
