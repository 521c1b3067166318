import { collect, readInBackground } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from '../eventsourcing/envelope.js';
import { isErased } from '../eventsourcing/erased.js';
import { StoreFailure } from '../eventsourcing/errors.js';
import { eventRegistry } from '../eventsourcing/event-registry.js';
import type { EventStore } from '../eventsourcing/event-store.js';
import { eventType } from '../eventsourcing/event-type.js';
import { newEventId } from '../eventsourcing/ids.js';
import { inMemoryEventStore } from '../eventsourcing/in-memory-event-store.js';
import type { JsonValue } from '../eventsourcing/json.js';
import { personalData } from '../eventsourcing/personal-data.js';
import { isSealed, open } from './field-cipher.js';
import { inMemoryKeyStore } from './key-store.js';
import { sealedEventStore, sealRecordedEvents } from './sealed-event-store.js';
import { sealContext } from './sealed-values.js';

const ChildNotedData = t.intersection([
  t.type({
    childId: t.string,
    name: personalData(t.string),
    languages: personalData(t.array(t.string)),
    carers: t.array(t.type({ adultId: t.string, name: personalData(t.string, { subjectField: 'adultId' }) })),
    placedOn: t.string,
  }),
  t.partial({ school: personalData(t.string) }),
]);
const ChildNoted = eventType('ChildNoted', ChildNotedData);
const registry = eventRegistry([ChildNoted]);

const noted = (data: t.TypeOf<typeof ChildNotedData>): NewEvent => ({
  ...registry.encode(ChildNoted.create(data)),
  eventId: newEventId(),
  occurredAt: new Date('2026-03-01T10:00:00Z'),
  actor: { id: 'ssw-1', role: 'supervising-social-worker' },
  correlationId: 'c',
  causationId: 'c',
});

const amara = {
  childId: '7',
  name: 'Amara Okafor',
  languages: ['Yoruba', 'English'],
  carers: [
    { adultId: 'a1', name: 'Jo Bright' },
    { adultId: 'a2', name: 'Sam Bright' },
  ],
  placedOn: '2026-02-14',
  school: 'Hillside Primary',
};
const personal = ['Amara Okafor', 'Yoruba', 'English', 'Jo Bright', 'Sam Bright', 'Hillside Primary'];

const setup = () => {
  const inner = inMemoryEventStore();
  const keys = inMemoryKeyStore();
  const store = sealedEventStore(inner, {
    keys,
    personalFields: (type) => registry.personalFields(type as never),
  });
  return { inner, keys, store };
};

const raw = async (inner: EventStore, streamId: string) => collect(inner.readStream(streamId));

describe('sealedEventStore', () => {
  it('seals every personal field before the store and opens it on every way out', async () => {
    const { inner, store } = setup();
    const appended = await store.append('child-7', [noted(amara)], { expectedRevision: 'no_stream' });
    if (E.isLeft(appended)) throw new Error(appended.left.message);
    expect(appended.right.events[0]?.data).toEqual(amara);
    expect((await collect(store.readStream('child-7')))[0]?.data).toEqual(amara);
    expect((await collect(store.readAll()))[0]?.data).toEqual(amara);
    const subscription = store.subscribeToAll();
    const seen = readInBackground(subscription);
    await seen.until(() => seen.events().length === 1);
    await subscription.close();
    expect(seen.events()[0]?.data).toEqual(amara);

    const stored = JSON.stringify(await raw(inner, 'child-7'));
    for (const value of personal) expect(stored).not.toContain(value);
    const data = (await raw(inner, 'child-7'))[0]?.data as Record<string, JsonValue>;
    // Ids and dates that are not marked personal stay readable, for indexes and projections.
    expect(data.childId).toBe('7');
    expect(data.placedOn).toBe('2026-02-14');
    // The child's own fields belong to the stream's subject; each carer's name to that carer.
    expect([data.name, data.languages, data.school].map((v) => isSealed(v) && v.subject)).toEqual([
      '7',
      '7',
      '7',
    ]);
    const carers = data.carers as Array<Record<string, JsonValue>>;
    expect(carers.map((c) => isSealed(c.name) && c.name.subject)).toEqual(['a1', 'a2']);
  });

  it('reads an erased subject as erased, leaves everyone else readable, and never fails', async () => {
    const { keys, store } = setup();
    await store.append('child-7', [noted(amara)], { expectedRevision: 'no_stream' });
    const { school: _, ...withoutSchool } = amara;
    await store.append('child-7', [noted({ ...withoutSchool, name: 'Amara O.' })], { expectedRevision: 0 });
    await keys.destroy('a1', new Date('2040-01-01T00:00:00Z'));
    const events = await collect(store.readStream('child-7'));
    for (const event of events) {
      const data = event.data as typeof amara;
      const [jo, sam] = data.carers as unknown as [{ name: unknown }, { name: unknown }];
      expect(isErased(jo.name) && jo.name.$erased).toEqual({
        subject: 'a1',
        since: '2040-01-01T00:00:00.000Z',
      });
      expect(sam.name).toBe('Sam Bright');
      expect(data.languages).toEqual(['Yoruba', 'English']);
    }
    await keys.destroy('7', new Date('2090-01-01T00:00:00Z'));
    const later = (await collect(store.readAll())).map((e) => e.data as Record<string, unknown>);
    expect(later.map((d) => [isErased(d.name), isErased(d.languages), d.childId])).toEqual([
      [true, true, '7'],
      [true, true, '7'],
    ]);
  });

  it('refuses new personal data about an erased subject and writes nothing', async () => {
    const { inner, keys, store } = setup();
    await store.append('child-7', [noted(amara)], { expectedRevision: 'no_stream' });
    await keys.destroy('a2', new Date('2040-01-01T00:00:00Z'));
    const refused = await store.append('child-7', [noted(amara)], { expectedRevision: 0 });
    expect(E.isLeft(refused) && refused.left).toMatchObject({ _tag: 'SubjectErased', subjectId: 'a2' });
    expect(await raw(inner, 'child-7')).toHaveLength(1);
  });

  it('reports a value altered or moved, with its stream, revision and field, instead of showing it', async () => {
    const { inner, store } = setup();
    await store.append('child-7', [noted(amara)], { expectedRevision: 'no_stream' });
    const [original] = (await raw(inner, 'child-7')) as [RecordedEvent];
    const data = original.data as Record<string, JsonValue>;
    const sealedName = data.name as Record<string, string>;
    const flipped = Buffer.from(sealedName.data as string, 'base64');
    flipped[0] = (flipped[0] as number) ^ 1;
    const copy = (changes: Record<string, JsonValue>): NewEvent => ({
      ...original,
      eventId: newEventId(),
      data: { ...data, ...changes },
    });
    // Written past the sealing layer, as someone with access to the database could.
    await inner.append('child-7', [copy({ name: { ...sealedName, data: flipped.toString('base64') } })], {
      expectedRevision: 0,
    });
    // The same event, word for word, in another child's stream: every value is bound to the stream it was in.
    await inner.append('child-8', [original], { expectedRevision: 'no_stream' });
    const read = async (streamId: string, fromRevision: number) => {
      try {
        await collect(store.readStream(streamId, { fromRevision, maxCount: 1 }));
        return 'opened';
      } catch (error) {
        return error instanceof StoreFailure ? error.error.message : String(error);
      }
    };
    expect(await read('child-7', 0)).toBe('opened');
    expect(await read('child-7', 1)).toMatch(/stream 'child-7' at revision 1, field 'name', was altered/);
    expect(await read('child-8', 0)).toMatch(
      /stream 'child-8' at revision 0, field 'name', was altered, or moved/,
    );
  });

  it('recognises a retried append by its event ids, though every sealing differs', async () => {
    const { store } = setup();
    const event = noted(amara);
    await store.append('child-7', [event], { expectedRevision: 'no_stream' });
    const again = await store.append('child-7', [event], { expectedRevision: 'no_stream' });
    expect(E.isRight(again) && again.right.replayed).toBe(true);
    expect(E.isRight(again) && again.right.events[0]?.data).toEqual(amara);
  });
});

describe('sealedEventStore with rotated keys', () => {
  it('seals new data under the new key and still opens what the old key sealed', async () => {
    const { inner, keys, store } = setup();
    await store.append('child-7', [noted(amara)], { expectedRevision: 'no_stream' });
    const rotated = await keys.rotate('7', new Date('2027-01-01T00:00:00Z'));
    if (E.isLeft(rotated)) throw new Error(rotated.left.message);
    await store.append('child-7', [noted({ ...amara, name: 'Amara Okafor-Bright' })], {
      expectedRevision: 0,
    });
    const stored = (await raw(inner, 'child-7')).map((e) => (e.data as Record<string, JsonValue>).name);
    const [old, fresh] = stored.map((v) => (isSealed(v) ? v.key : undefined));
    expect(fresh).toBe(rotated.right.keyId);
    expect(old).not.toBe(fresh);
    const names = (await collect(store.readStream('child-7'))).map((e) => (e.data as typeof amara).name);
    expect(names).toEqual(['Amara Okafor', 'Amara Okafor-Bright']);
  });

  it('seals a recorded history for an import exactly as appends would, keeping everything else', async () => {
    const plain = inMemoryEventStore();
    await plain.append('child-7', [noted(amara)], { expectedRevision: 'no_stream' });
    const recorded = await collect(plain.readAll());
    const keys = inMemoryKeyStore();
    const sealed = await sealRecordedEvents(recorded, {
      keys,
      personalFields: (type) => registry.personalFields(type as never),
    });
    if (E.isLeft(sealed)) throw new Error(sealed.left.message);
    const [event] = sealed.right;
    if (event === undefined) throw new Error('nothing sealed');
    expect({ ...event, data: null }).toEqual({ ...(recorded[0] as RecordedEvent), data: null });
    for (const value of personal) expect(JSON.stringify(event)).not.toContain(value);
    const name = (event.data as Record<string, JsonValue>).name;
    if (!isSealed(name)) throw new Error('the name is not sealed');
    const key = await keys.findKey(name.subject, name.key);
    if (E.isLeft(key) || key.right.found !== 'key') throw new Error('no key');
    expect(open(key.right.key, name, sealContext('child-7', event.eventId, ['name']))).toEqual(
      E.right('Amara Okafor'),
    );
    // An erased subject's data is refused on import as on append.
    await keys.destroy('7', new Date());
    const refused = await sealRecordedEvents(recorded, {
      keys,
      personalFields: (type) => registry.personalFields(type as never),
    });
    expect(E.isLeft(refused) && refused.left._tag).toBe('SubjectErased');
  });
});
