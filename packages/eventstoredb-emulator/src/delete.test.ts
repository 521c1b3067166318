import {
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { describe, expect, test } from 'vitest';
import { collect, rejection, uniqueStream, useEmulator } from './__fixtures__/harness.js';

const numbered = (n: number) => jsonEvent({ type: 'Numbered', data: { n } });
const harness = useEmulator();

describe('deleteStream (soft delete)', () => {
  test('the stream reads as not found; appending recreates it and revisions carry on', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, [numbered(0), numbered(1), numbered(2)]);
    const deleted = await client.deleteStream(stream, { expectedRevision: 2n });
    const [last] = await collect(
      client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 }),
    );
    expect((deleted.position?.commit ?? 0n) > (last?.event?.position?.commit ?? 0n)).toBe(true);
    expect(await rejection(collect(client.readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
    const appended = await client.appendToStream(stream, numbered(3), { expectedRevision: NO_STREAM });
    expect(appended.nextExpectedRevision).toBe(3n);
    const read = await collect(client.readStream(stream));
    expect(read.map((each) => each.event?.revision)).toEqual([3n]);
    const another = await client.appendToStream(stream, numbered(4), { expectedRevision: 3n });
    expect(another.nextExpectedRevision).toBe(4n);
  });

  test('a soft-deleted stream is absent for stream_exists', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, numbered(0));
    await client.deleteStream(stream);
    const error = await rejection(
      client.appendToStream(stream, numbered(1), { expectedRevision: STREAM_EXISTS }),
    );
    expect(error).toMatchObject({ expectedVersion: STREAM_EXISTS, actualVersion: NO_STREAM });
  });

  test('a wrong expected revision fails with WrongExpectedVersionError and deletes nothing', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, [numbered(0), numbered(1)]);
    const error = await rejection(client.deleteStream(stream, { expectedRevision: 0n }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 1n });
    expect(await collect(client.readStream(stream))).toHaveLength(2);
    const none = await rejection(client.deleteStream(uniqueStream(), { expectedRevision: 3n }));
    expect(none).toMatchObject({ expectedVersion: 3n, actualVersion: NO_STREAM });
  });

  test('deleted events stay in $all (nothing is scavenged)', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, numbered(0));
    await client.deleteStream(stream);
    const all = await collect(client.readAll());
    expect(all.some((each) => each.event?.streamId === stream)).toBe(true);
  });
});

describe('tombstoneStream (hard delete)', () => {
  test('reads, appends, deletes and tombstones then fail with StreamDeletedError', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, numbered(0));
    const result = await client.tombstoneStream(stream, { expectedRevision: 0n });
    expect(result.position?.commit).toBeTypeOf('bigint');
    for (const attempt of [
      () => collect(client.readStream(stream)),
      () => client.appendToStream(stream, numbered(1)),
      () => client.deleteStream(stream),
      () => client.tombstoneStream(stream),
    ]) {
      const error = await rejection(attempt());
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect(error).toMatchObject({ streamName: stream });
    }
  });

  test('a stream that never existed can be tombstoned', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.tombstoneStream(stream, { expectedRevision: NO_STREAM });
    expect(await rejection(client.appendToStream(stream, numbered(0)))).toBeInstanceOf(StreamDeletedError);
  });

  test('a wrong expected revision fails with WrongExpectedVersionError', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, numbered(0));
    const error = await rejection(client.tombstoneStream(stream, { expectedRevision: NO_STREAM }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: -1n, actualVersion: 0n });
    expect(await collect(client.readStream(stream))).toHaveLength(1);
  });
});
