import { type EventStore as EmmettStore, getInMemoryEventStore } from '@event-driven-io/emmett';
import {
  ClinicCommand,
  type ClinicSeriesState,
  clinicDecider,
  clinicEvents,
  commandHandler,
  type EventStore,
  inMemoryEventStore,
  stateCache,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Contender, Mode, Prepared, Role, Workload } from '../harness.js';
import {
  type CastoreClinicStore,
  castoreClinicCommand,
  castoreClinicStore,
} from './in-memory/castore-clinic.js';
import { clinicCommandMix, commandsPerSeries, type SeriesCommand } from './in-memory/clinic-commands.js';
import { emmettClinicHandler, validClinicCommand } from './in-memory/emmett-decider.js';

/**
 * Command throughput in memory: load, decide, append, one command at a time, on short clinic series. Every
 * contender gets a fresh store before each repetition; the store of the last run is checked (every series holds
 * its eight events) before it is dropped, and once more at the end.
 */
interface Side<Store> {
  readonly name: string;
  readonly role: Role;
  readonly note: string;
  readonly fresh: () => Store;
  readonly send: (store: Store, sent: SeriesCommand) => Promise<void>;
  /** How many events a stream holds. */
  readonly count: (store: Store, streamId: string) => Promise<number>;
}

const clinicHandlerOn = (store: EventStore, cached: boolean) =>
  commandHandler({
    store,
    registry: clinicEvents,
    decider: clinicDecider(),
    commandCodec: ClinicCommand,
    ...(cached ? { cache: stateCache<ClinicSeriesState>() } : {}),
  });

interface OurStore {
  readonly store: EventStore;
  readonly handle: ReturnType<typeof clinicHandlerOn>;
}

const ourSide = (cached: boolean): Side<OurStore> => ({
  name: cached ? 'Fostering Ledger' : 'Fostering Ledger, no state cache',
  role: 'ours',
  note: `commandHandler with the clinic decider and its io-ts command codec over inMemoryEventStore()${
    cached
      ? ', with its state cache (`cache: stateCache()`): a command reads only the events appended since the state the handler remembers'
      : ', without a state cache: every load reads and decodes the whole stream through the event registry'
  }; every append copies the events' data as a JSON round trip would and freezes it.`,
  fresh: () => {
    const store = inMemoryEventStore();
    return { store, handle: clinicHandlerOn(store, cached) };
  },
  send: async ({ handle }, { streamId, command, metadata }) => {
    const result = await handle(streamId, command, metadata);
    if (E.isLeft(result)) throw new Error(`commands: ${command.kind} refused: ${result.left.message}`);
  },
  count: async ({ store }, streamId) => {
    const state = await store.streamState(streamId);
    return state.exists ? state.revision + 1 : 0;
  },
});

const ours = ourSide(true);
const oursUncached = ourSide(false);

const emmett: Side<EmmettStore> = {
  name: 'Emmett 0.42 (in-memory)',
  role: 'peer',
  note: 'DeciderCommandHandler over getInMemoryEventStore() with a port of the clinic decider (same fold, rules and events) and the same io-ts command check before handling; stored events are not decoded on load. Its store counts every stream’s events to number each appended event.',
  fresh: () => getInMemoryEventStore(),
  send: async (store, { streamId, command, metadata }) => {
    const valid = validClinicCommand(command);
    await emmettClinicHandler(store, streamId, {
      type: valid.kind,
      data: valid,
      metadata: { ...metadata, now: metadata.occurredAt },
    });
  },
  count: async (store, streamId) => (await store.readStream(streamId)).events.length,
};

const castore: Side<CastoreClinicStore> = {
  name: 'Castore 2.4 (in-memory)',
  role: 'peer',
  note: 'a Command (validate with the same io-ts check, getAggregate, decide with the port, pushEvent at the next version) over an EventStore on InMemoryEventStorageAdapter; stored events are not decoded on load.',
  fresh: () => castoreClinicStore(),
  send: async (store, { streamId, command, metadata }) => {
    await castoreClinicCommand.handler({ aggregateId: streamId, command, metadata }, [store]);
  },
  count: async (store, streamId) => (await store.getEvents(streamId)).events.length,
};

const streamsOf = (mix: ReadonlyArray<SeriesCommand>): ReadonlyArray<string> => [
  ...new Set(mix.map((c) => c.streamId)),
];

const sendAll = async <Store>(side: Side<Store>, mix: ReadonlyArray<SeriesCommand>): Promise<Store> => {
  const store = side.fresh();
  for (const sent of mix) await side.send(store, sent);
  return store;
};

const verify = async <Store>(side: Side<Store>, store: Store, streams: ReadonlyArray<string>) => {
  let total = 0;
  for (const streamId of streams) {
    const count = await side.count(store, streamId);
    if (count !== commandsPerSeries)
      throw new Error(
        `commands: ${side.name} holds ${count} events in ${streamId}, not ${commandsPerSeries}`,
      );
    total += count;
  }
  return total;
};

const contenderOf = <Store>(
  side: Side<Store>,
  mix: ReadonlyArray<SeriesCommand>,
  pending: Array<() => Promise<unknown>>,
): Contender => {
  const streams = streamsOf(mix);
  let store: Store | undefined;
  const check = async () => {
    if (store !== undefined) await verify(side, store, streams);
    store = undefined;
  };
  pending.push(check);
  return {
    name: side.name,
    role: side.role,
    note: side.note,
    prepare: async () => {
      await check();
      store = side.fresh();
    },
    run: async () => {
      const target = store;
      if (target === undefined) throw new Error(`commands: ${side.name} was not prepared`);
      for (const sent of mix) await side.send(target, sent);
      return mix.length;
    },
  };
};

const setup = async (mode: Mode): Promise<Prepared> => {
  const series = mode.quick ? 500 : 2500;
  const mix = clinicCommandMix(series);
  // Untimed warm-up: each contender's code path needs some 8,000 commands before it runs at its steady speed,
  // and the quick run has only three repetitions.
  for (let pass = 0; pass * mix.length < 8_000; pass++) {
    await verify(ours, await sendAll(ours, mix), streamsOf(mix));
    await verify(oursUncached, await sendAll(oursUncached, mix), streamsOf(mix));
    await verify(emmett, await sendAll(emmett, mix), streamsOf(mix));
    await verify(castore, await sendAll(castore, mix), streamsOf(mix));
  }
  const pending: Array<() => Promise<unknown>> = [];
  return {
    contenders: [
      contenderOf(ours, mix, pending),
      contenderOf(oursUncached, mix, pending),
      contenderOf(emmett, mix, pending),
      contenderOf(castore, mix, pending),
    ],
    close: async () => {
      for (const check of pending) await check();
    },
    facts: {
      decider: 'clinic series (open, 2 × schedule/hold/notes, close)',
      series,
      'commands per series': commandsPerSeries,
      'commands per repetition': mix.length,
    },
  };
};

export const commandsWorkload: Workload = {
  id: 'commands',
  title: 'command handling in memory (load, decide, append)',
  unit: 'commands/s',
  setup,
};
