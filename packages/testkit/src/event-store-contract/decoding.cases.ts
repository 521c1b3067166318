import { readDecodedStream } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import {
  contractRegistry,
  counted,
  freshCategory,
  left,
  type MakeStore,
  right,
  useStore,
} from './fixtures.js';

export const decodingCases = (makeStore: MakeStore) =>
  describe('decoding what was stored', () => {
    const store = useStore(makeStore);

    it('decodes stored events back to their typed data', async () => {
      const streamId = `${freshCategory()}-1`;
      right(await store().append(streamId, [counted(7)], { expectedRevision: 'no_stream' }));
      const [event] = right(await readDecodedStream(store(), contractRegistry, streamId));
      expect(event).toMatchObject({ type: 'ContractCounted', data: { n: 7 }, streamRevision: 0 });
    });

    it('surfaces an event that fails to decode, naming stream, revision, type and field path', async () => {
      const streamId = `${freshCategory()}-1`;
      const bad = counted(1, { data: { n: 'seven' } });
      right(await store().append(streamId, [counted(0), bad], { expectedRevision: 'no_stream' }));
      const error = left(await readDecodedStream(store(), contractRegistry, streamId));
      expect(error).toMatchObject({
        _tag: 'EventDecodeError',
        streamId,
        streamRevision: 1,
        type: 'ContractCounted',
        reason: 'invalid-data',
        path: 'n',
      });
      expect(error.message).toContain(streamId);
    });

    it('surfaces unknown event types and unknown schema versions instead of skipping them', async () => {
      const streamId = `${freshCategory()}-1`;
      right(
        await store().append(streamId, [counted(1, { schemaVersion: 9 })], { expectedRevision: 'no_stream' }),
      );
      expect(left(await readDecodedStream(store(), contractRegistry, streamId))).toMatchObject({
        reason: 'unknown-version',
        schemaVersion: 9,
        streamRevision: 0,
      });
      const other = `${freshCategory()}-1`;
      right(
        await store().append(other, [counted(1, { type: 'NoSuchEvent' })], { expectedRevision: 'no_stream' }),
      );
      expect(left(await readDecodedStream(store(), contractRegistry, other))).toMatchObject({
        reason: 'unknown-type',
        type: 'NoSuchEvent',
      });
    });
  });
