import {
  type EventStore,
  eventRegistry,
  eventType,
  type NewEvent,
  newEventId,
  type RecordedEvent,
} from '@fostering/core';
import * as t from 'io-ts';
import { afterEach, beforeEach } from 'vitest';

export type MakeStore = () => EventStore | Promise<EventStore>;

/** The events the contract writes: small, with one field so that decoding can be made to fail on purpose. */
export const ContractCounted = eventType('ContractCounted', t.type({ n: t.number }));
export const ContractNoted = eventType('ContractNoted', t.type({ note: t.string }));
export const contractRegistry = eventRegistry([ContractCounted, ContractNoted]);

let sequence = 0;

/** A stream category no other test uses, so that stores shared between tests still give exact answers. */
export const freshCategory = (): string => `c${Date.now().toString(36)}${(sequence++).toString(36)}`;

export const counted = (n: number, overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: newEventId(),
  type: 'ContractCounted',
  schemaVersion: 1,
  data: { n },
  occurredAt: new Date(Date.UTC(2026, 0, 1, 9, 30, n % 60)),
  actor: { id: 'carer-support-1', role: 'supervising-social-worker' },
  correlationId: newEventId(),
  causationId: newEventId(),
  ...overrides,
});

export const noted = (note: string, overrides: Partial<NewEvent> = {}): NewEvent =>
  counted(0, { type: 'ContractNoted', data: { note }, ...overrides });

export const collect = async <A>(items: AsyncIterable<A>): Promise<A[]> => {
  const all: A[] = [];
  for await (const item of items) all.push(item);
  return all;
};

export const idsOf = (events: ReadonlyArray<Pick<RecordedEvent, 'eventId'>>) => events.map((e) => e.eventId);

/** A fresh store for every test, closed after it. */
export const useStore = (makeStore: MakeStore): (() => EventStore) => {
  let store: EventStore | undefined;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (store === undefined) throw new Error('the store is only available inside a test');
    return store;
  };
};

/** Unwraps a Right or fails the test with the Left, so a failing append shows its error. */
export const right = <L, R>(either: { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R }): R => {
  if (either._tag === 'Left') throw new Error(`expected success, got ${JSON.stringify(either.left)}`);
  return either.right;
};

export const left = <L, R>(either: { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R }): L => {
  if (either._tag === 'Right') throw new Error(`expected a failure, got ${JSON.stringify(either.right)}`);
  return either.left;
};
