import {
  END,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  StreamDeletedError,
  streamNameFilter,
} from '@eventstore/db-client';
import { describe, expect, test } from 'vitest';
import { collect, eventually, uniqueStream, useEmulator } from './__fixtures__/harness.js';
import { Recorder } from './__fixtures__/recorder.js';

const numbered = (n: number, type = 'Numbered') => jsonEvent({ type, data: { n } });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => numbered(from + i));

describe('subscribeToStream', () => {
  const harness = useEmulator();

  test('catches up, says so, then receives live events', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, range(0, 3));
    const subscription = client.subscribeToStream(stream);
    const recorder = new Recorder(subscription);
    await recorder.caughtUp();
    await client.appendToStream(stream, range(3, 5));
    await recorder.received(5);
    expect(recorder.trace).toEqual([0, 1, 2, 'caughtUp', 3, 4]);
    expect(recorder.events.map((each) => each.event?.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    await subscription.unsubscribe();
  });

  test('from a revision is exclusive; from the end sees only new events', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, range(0, 4));
    const fromOne = new Recorder(client.subscribeToStream(stream, { fromRevision: 1n }));
    const fromEnd = client.subscribeToStream(stream, { fromRevision: END });
    const live = new Recorder(fromEnd);
    await Promise.all([fromOne.caughtUp(), live.caughtUp()]);
    await client.appendToStream(stream, numbered(4));
    await Promise.all([fromOne.received(3), live.received(1)]);
    expect(fromOne.trace).toEqual([2, 3, 'caughtUp', 4]);
    expect(live.trace).toEqual(['caughtUp', 4]);
    await fromEnd.unsubscribe();
  });

  test('a stream that does not exist yet is caught up at once and followed when created', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    const recorder = new Recorder(client.subscribeToStream(stream));
    await recorder.caughtUp();
    await client.appendToStream(stream, range(0, 2));
    await recorder.received(2);
    expect(recorder.trace).toEqual(['caughtUp', 0, 1]);
  });

  test('tombstoning the stream fails the subscription with StreamDeletedError', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    await client.appendToStream(stream, numbered(0));
    const recorder = new Recorder(client.subscribeToStream(stream));
    await recorder.caughtUp();
    await client.tombstoneStream(stream);
    await recorder.finished();
    expect(recorder.error).toBeInstanceOf(StreamDeletedError);
    const late = new Recorder(client.subscribeToStream(stream));
    await late.finished();
    expect(late.error).toBeInstanceOf(StreamDeletedError);
  });

  test('unsubscribing stops delivery', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    const subscription = client.subscribeToStream(stream);
    const recorder = new Recorder(subscription);
    await recorder.caughtUp();
    await subscription.unsubscribe();
    await client.appendToStream(stream, numbered(0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorder.events).toEqual([]);
  });
});

describe('subscribeToAll', () => {
  const harness = useEmulator();

  test('catches up over every stream, then follows live; from a position is exclusive', async () => {
    const { client, emulator } = harness;
    emulator.reset();
    await client.appendToStream(uniqueStream('a'), range(0, 2));
    await client.appendToStream(uniqueStream('b'), range(2, 3));
    const subscription = client.subscribeToAll();
    const recorder = new Recorder(subscription);
    await recorder.caughtUp();
    await client.appendToStream(uniqueStream('c'), range(3, 5));
    await recorder.received(5);
    expect(recorder.trace).toEqual([0, 1, 2, 'caughtUp', 3, 4]);
    const second = recorder.events[1]?.event?.position ?? { commit: 0n, prepare: 0n };
    const resumed = client.subscribeToAll({ fromPosition: second });
    const fromSecond = new Recorder(resumed);
    await fromSecond.caughtUp();
    expect(fromSecond.trace).toEqual([2, 3, 4, 'caughtUp']);
    await subscription.unsubscribe();
    await resumed.unsubscribe();
  });

  test('filters by stream prefix, event-type regex, and excludes system events', async () => {
    const { client, emulator } = harness;
    emulator.reset();
    const byStream = client.subscribeToAll({ filter: streamNameFilter({ prefixes: ['order-'] }) });
    const byType = client.subscribeToAll({ filter: eventTypeFilter({ regex: '^Paid$' }) });
    const noSystem = client.subscribeToAll({ filter: excludeSystemEvents() });
    const recorders = [new Recorder(byStream), new Recorder(byType), new Recorder(noSystem)];
    await Promise.all(recorders.map((recorder) => recorder.caughtUp()));
    await client.appendToStream('order-1', [numbered(0, 'Placed'), numbered(1, 'Paid')]);
    await client.setStreamMetadata('order-1', { maxCount: 10 });
    await client.appendToStream('invoice-1', [numbered(2, 'Paid')]);
    await Promise.all([recorders[0]?.received(2), recorders[1]?.received(2), recorders[2]?.received(3)]);
    expect(recorders.map((recorder) => recorder.trace)).toEqual([
      ['caughtUp', 0, 1],
      ['caughtUp', 1, 2],
      ['caughtUp', 0, 1, 2],
    ]);
    await Promise.all([byStream.unsubscribe(), byType.unsubscribe(), noSystem.unsubscribe()]);
  });

  test('a filtered subscription reports checkpoints every interval × search window scanned events', async () => {
    const { client, emulator } = harness;
    emulator.reset();
    await client.appendToStream(uniqueStream(), range(0, 45));
    let recorder: Recorder | undefined;
    const checkpointReached = (subscription: unknown, position: { commit: bigint; prepare: bigint }) =>
      recorder?.checkpoint(subscription, position);
    const subscription = client.subscribeToAll({
      filter: eventTypeFilter({
        prefixes: ['Rare'],
        checkpointInterval: 2,
        maxSearchWindow: 10,
        checkpointReached,
      }),
    });
    recorder = new Recorder(subscription);
    await recorder.caughtUp();
    await client.appendToStream(uniqueStream(), [...range(45, 59), numbered(59, 'Rare')]);
    await eventually(() => recorder?.entries.length === 5);
    expect(recorder.trace).toEqual(['checkpoint', 'checkpoint', 'caughtUp', 59, 'checkpoint']);
    const all = (await collect(client.readAll())).map((each) => each.event?.position);
    const checkpoints = recorder.entries.flatMap((entry) =>
      entry.kind === 'checkpoint' ? [entry.position] : [],
    );
    expect(checkpoints).toEqual([all[19], all[39], all[59]]);
    await subscription.unsubscribe();
  });
});

describe('a large catch-up', () => {
  const harness = useEmulator();

  test('is delivered in order, under back-pressure, before caughtUp', async () => {
    const { client } = harness;
    const stream = uniqueStream();
    for (let batch = 0; batch < 4; batch += 1)
      await client.appendToStream(stream, range(batch * 500, batch * 500 + 500));
    const subscription = client.subscribeToStream(stream);
    const recorder = new Recorder(subscription);
    await recorder.caughtUp();
    expect(recorder.trace).toEqual([...Array.from({ length: 2000 }, (_, n) => n), 'caughtUp']);
    await subscription.unsubscribe();
  });
});

describe('subscriptions when the emulator stops', () => {
  const harness = useEmulator();

  test('reset and close end open subscriptions cleanly', async () => {
    const { client, emulator } = harness;
    const beforeReset = new Recorder(client.subscribeToAll());
    await beforeReset.caughtUp();
    emulator.reset();
    await beforeReset.finished();
    expect(beforeReset).toMatchObject({ ended: true, error: undefined });
    const beforeClose = new Recorder(client.subscribeToStream(uniqueStream()));
    await beforeClose.caughtUp();
    await emulator.close();
    await beforeClose.finished();
    expect(beforeClose).toMatchObject({ ended: true, error: undefined });
  });
});
