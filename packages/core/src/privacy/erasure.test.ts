import { collect } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { unsafeLocalDate } from '../calendar/local-date.js';
import { inMemoryEventStore } from '../eventsourcing/in-memory-event-store.js';
import { eraseSubject, erasureStreamId } from './erasure.js';
import { inMemoryKeyStore } from './key-store.js';

const actor = { id: 'dpo-1', role: 'data-protection-officer' };
const child = { kind: 'child', subjectId: 'c-1', dateOfBirth: unsafeLocalDate('2010-05-04') } as const;

const setup = async () => {
  const store = inMemoryEventStore();
  const keys = inMemoryKeyStore();
  const key = await keys.currentKey('c-1', new Date('2026-01-01T00:00:00Z'));
  if (E.isLeft(key)) throw new Error(key.left.message);
  return { store, keys, keyId: key.right.keyId };
};

describe('eraseSubject', () => {
  it('refuses before retention ends, destroying and recording nothing', async () => {
    const { store, keys, keyId } = await setup();
    const refused = await eraseSubject({
      store,
      keys,
      record: child,
      on: unsafeLocalDate('2085-05-03'),
      now: new Date('2085-05-03T09:00:00Z'),
      actor,
    });
    expect(E.isLeft(refused) && refused.left).toMatchObject({
      rule: { id: 'retention', citation: 'FSR 32; CPPR 50' },
      details: { earliestErasure: '2085-05-04' },
    });
    expect(await keys.findKey('c-1', keyId)).toMatchObject(E.right({ found: 'key' }));
    expect(await collect(store.readStream(erasureStreamId('c-1')))).toEqual([]);
  });

  it('destroys the keys and records the erasure once retention has ended; a retry changes nothing', async () => {
    const { store, keys, keyId } = await setup();
    const request = {
      store,
      keys,
      record: child,
      on: unsafeLocalDate('2085-05-04'),
      now: new Date('2085-05-04T09:00:00Z'),
      actor,
    };
    expect(await eraseSubject(request)).toEqual(E.right({ erasedAt: new Date('2085-05-04T09:00:00Z') }));
    expect(await keys.findKey('c-1', keyId)).toEqual(
      E.right({ found: 'erased', erasedAt: new Date('2085-05-04T09:00:00Z') }),
    );
    const again = await eraseSubject({ ...request, now: new Date('2085-06-01T09:00:00Z') });
    expect(again).toEqual(E.right({ erasedAt: new Date('2085-05-04T09:00:00Z') }));
    const recorded = await collect(store.readStream(erasureStreamId('c-1')));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      type: 'SubjectErasureRecorded',
      actor,
      data: {
        subjectId: 'c-1',
        kind: 'child',
        covers: ['c-1'],
        retentionEndedOn: '2085-05-04',
        erasedOn: '2085-05-04',
        erasedAt: '2085-05-04T09:00:00.000Z',
      },
    });
  });
});
