import {
  BACKWARDS,
  END,
  FORWARDS,
  jsonEvent,
  type ResolvedEvent,
  START,
  StreamDeletedError,
  StreamNotFoundError,
} from '@eventstore/db-client';
import { beforeAll, describe, expect, test } from 'vitest';
import { collect, rejection, uniqueStream, useEmulator } from './__fixtures__/harness.js';
import { allFromStart, filterOn, rawRead } from './__fixtures__/raw.js';
import { sharedPb, streamsPb } from './proto.js';

const harness = useEmulator();
const numbered = (n: number, type = 'Numbered') => jsonEvent({ type, data: { n } });
const ns = (events: ResolvedEvent[]) =>
  events.map((each) => (each.event?.data as { n?: number } | undefined)?.n);

describe('readStream', () => {
  const stream = uniqueStream();
  beforeAll(async () => {
    await harness.client.appendToStream(
      stream,
      Array.from({ length: 10 }, (_, n) => numbered(n)),
    );
  });

  test('forwards from the start, with and without maxCount', async () => {
    expect(ns(await collect(harness.client.readStream(stream)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ns(await collect(harness.client.readStream(stream, { maxCount: 3 })))).toEqual([0, 1, 2]);
  });

  test('forwards from a revision (inclusive) and from the end (nothing)', async () => {
    expect(ns(await collect(harness.client.readStream(stream, { fromRevision: 7n })))).toEqual([7, 8, 9]);
    expect(await collect(harness.client.readStream(stream, { fromRevision: 20n }))).toEqual([]);
    expect(await collect(harness.client.readStream(stream, { fromRevision: END }))).toEqual([]);
  });

  test('backwards from the end and from a revision (inclusive)', async () => {
    const fromEnd = await collect(
      harness.client.readStream(stream, { direction: BACKWARDS, fromRevision: END }),
    );
    expect(ns(fromEnd)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const fromThree = await collect(
      harness.client.readStream(stream, { direction: BACKWARDS, fromRevision: 3n }),
    );
    expect(ns(fromThree)).toEqual([3, 2, 1, 0]);
    const lastTwo = await collect(
      harness.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 2 }),
    );
    expect(lastTwo.map((each) => each.event?.revision)).toEqual([9n, 8n]);
  });

  test('events carry their stream, revision and a position that matches $all', async () => {
    const [event] = await collect(harness.client.readStream(stream, { fromRevision: 4n, maxCount: 1 }));
    expect(event?.event).toMatchObject({ streamId: stream, revision: 4n, type: 'Numbered' });
    expect(event?.commitPosition).toBe(event?.event?.position?.commit);
    const position = event?.event?.position ?? { commit: 0n, prepare: 0n };
    const [same] = await collect(harness.client.readAll({ fromPosition: position, maxCount: 1 }));
    expect(same?.event?.id).toBe(event?.event?.id);
  });

  test('a missing stream fails with StreamNotFoundError', async () => {
    const missing = uniqueStream('missing');
    const error = await rejection(collect(harness.client.readStream(missing)));
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect(error).toMatchObject({ streamName: missing });
  });

  test('a tombstoned stream fails with StreamDeletedError', async () => {
    const gone = uniqueStream('gone');
    await harness.client.appendToStream(gone, numbered(0));
    await harness.client.tombstoneStream(gone);
    expect(await rejection(collect(harness.client.readStream(gone)))).toBeInstanceOf(StreamDeletedError);
  });

  test('resolveLinkTos is accepted (there are no links to resolve)', async () => {
    const read = await collect(harness.client.readStream(stream, { resolveLinkTos: true, maxCount: 2 }));
    expect(read.map((each) => each.link)).toEqual([undefined, undefined]);
  });
});

describe('readAll', () => {
  beforeAll(async () => {
    harness.emulator.reset();
    await harness.client.appendToStream('order-1', [numbered(0, 'Placed'), numbered(1, 'Paid')]);
    await harness.client.appendToStream('invoice-1', [numbered(2, 'Issued')]);
    await harness.client.appendToStream('order-2', [numbered(3, 'Placed'), numbered(4, 'Cancelled')]);
  });

  test('forwards and backwards over every stream, in commit order', async () => {
    expect(ns(await collect(harness.client.readAll()))).toEqual([0, 1, 2, 3, 4]);
    expect(ns(await collect(harness.client.readAll({ direction: BACKWARDS, fromPosition: END })))).toEqual([
      4, 3, 2, 1, 0,
    ]);
    expect(ns(await collect(harness.client.readAll({ maxCount: 2 })))).toEqual([0, 1]);
    expect(await collect(harness.client.readAll({ fromPosition: END }))).toEqual([]);
    expect(await collect(harness.client.readAll({ direction: BACKWARDS, fromPosition: START }))).toEqual([]);
  });

  test('from a position: inclusive forwards, exclusive backwards', async () => {
    const all = await collect(harness.client.readAll());
    const third = all[2]?.event?.position ?? { commit: 0n, prepare: 0n };
    expect(ns(await collect(harness.client.readAll({ fromPosition: third, direction: FORWARDS })))).toEqual([
      2, 3, 4,
    ]);
    expect(ns(await collect(harness.client.readAll({ fromPosition: third, direction: BACKWARDS })))).toEqual([
      1, 0,
    ]);
  });

  test('positions strictly increase and commit equals prepare', async () => {
    const positions = (await collect(harness.client.readAll())).map((each) => each.event?.position);
    for (const [index, position] of positions.entries()) {
      expect(position?.commit).toBe(position?.prepare);
      if (index > 0) expect((position?.commit ?? 0n) > (positions[index - 1]?.commit ?? 0n)).toBe(true);
    }
  });

  test('filtered by stream-name prefix and by event-type regex (raw protocol)', async () => {
    const byStream = await rawRead(harness.emulator.port, (options) => {
      allFromStart(options);
      options.setFilter(filterOn('stream', { prefixes: ['order-'] }));
    });
    expect(byStream.map((each) => each.getEvent()?.getEvent()?.getMetadataMap().get('type'))).toEqual([
      'Placed',
      'Paid',
      'Placed',
      'Cancelled',
    ]);
    const byType = await rawRead(harness.emulator.port, (options) => {
      allFromStart(options, 2);
      options.setFilter(filterOn('type', { regex: '^(Paid|Issued|Cancelled)$' }));
    });
    expect(byType.map((each) => each.getEvent()?.getEvent()?.getMetadataMap().get('type'))).toEqual([
      'Paid',
      'Issued',
    ]);
  });

  test('structured ids are sent when asked for (raw protocol)', async () => {
    const [first] = await collect(harness.client.readAll({ maxCount: 1 }));
    const [raw] = await rawRead(harness.emulator.port, (options) => {
      allFromStart(options, 1);
      options.setUuidOption(new streamsPb.ReadReq.Options.UUIDOption().setStructured(new sharedPb.Empty()));
    });
    const structured = raw?.getEvent()?.getEvent()?.getId()?.getStructured();
    const hex = (value: string | undefined) =>
      BigInt.asUintN(64, BigInt(value ?? '0'))
        .toString(16)
        .padStart(16, '0');
    const bits = `${hex(structured?.getMostSignificantBits())}${hex(structured?.getLeastSignificantBits())}`;
    expect(bits).toBe(first?.event?.id.replaceAll('-', ''));
  });
});
