import { BACKWARDS, END, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { expect, test } from 'vitest';
import { collect, uniqueStream, useEmulator } from './__fixtures__/harness.js';

const harness = useEmulator();
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => jsonEvent({ type: 'Numbered', data: { n: from + i } }));
const revisions = (events: ResolvedEvent[]) => events.map((each) => each.event?.revision);

test('metadata is written to and read back from $$<stream>', async () => {
  const { client } = harness;
  const stream = uniqueStream();
  expect(await client.getStreamMetadata(stream)).toEqual({ streamName: stream });
  await client.setStreamMetadata(stream, { maxCount: 5, truncateBefore: 2, custom: { owner: 'tests' } });
  const read = await client.getStreamMetadata(stream);
  expect(read.metadata).toEqual({ maxCount: 5, truncateBefore: 2, custom: { owner: 'tests' } });
  await client.setStreamMetadata(stream, { maxAge: 3600 }, { expectedRevision: 0n });
  expect((await client.getStreamMetadata(stream)).metadata).toEqual({ maxAge: 3600 });
  const [metaEvent] = await collect(client.readStream(`$$${stream}`));
  expect(metaEvent?.event).toMatchObject({ type: '$metadata', revision: 1n, streamId: `$$${stream}` });
});

test('$maxCount: reads see only the newest N events, in both directions', async () => {
  const { client } = harness;
  const stream = uniqueStream();
  await client.appendToStream(stream, range(0, 10));
  await client.setStreamMetadata(stream, { maxCount: 3 });
  expect(revisions(await collect(client.readStream(stream)))).toEqual([7n, 8n, 9n]);
  const backwards = await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: END }));
  expect(revisions(backwards)).toEqual([9n, 8n, 7n]);
  expect(revisions(await collect(client.readStream(stream, { fromRevision: 1n })))).toEqual([7n, 8n, 9n]);
  await client.appendToStream(stream, range(10, 11));
  expect(revisions(await collect(client.readStream(stream)))).toEqual([8n, 9n, 10n]);
});

test('$tb: revisions before it are not readable', async () => {
  const { client } = harness;
  const stream = uniqueStream();
  await client.appendToStream(stream, range(0, 6));
  await client.setStreamMetadata(stream, { truncateBefore: 4 });
  expect(revisions(await collect(client.readStream(stream)))).toEqual([4n, 5n]);
  const backwards = await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: 3n }));
  expect(backwards).toEqual([]);
});

test('truncated events stay in $all (nothing is scavenged) and metadata events appear there', async () => {
  const { client } = harness;
  const stream = uniqueStream();
  await client.appendToStream(stream, range(0, 3));
  await client.setStreamMetadata(stream, { truncateBefore: 3 });
  const all = await collect(client.readAll());
  const mine = all.filter(
    (each) => each.event?.streamId === stream || each.event?.streamId === `$$${stream}`,
  );
  expect(mine.map((each) => each.event?.type)).toEqual(['Numbered', 'Numbered', 'Numbered', '$metadata']);
});
