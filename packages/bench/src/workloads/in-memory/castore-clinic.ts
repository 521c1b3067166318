import { Command, EventStore, EventType, tuple } from '@castore/core';
import { InMemoryEventStorageAdapter } from '@castore/event-storage-adapter-in-memory';
import {
  type ClinicEvent,
  type ClinicSeriesState,
  clinicEvents,
  evolveClinicSeries,
  initialClinicSeriesState,
} from '@fostering/core';
import { type ClinicMetadata, decideClinic, validClinicCommand } from './emmett-decider.js';

/**
 * Castore's way of handling a command over the clinic port: a `Command` whose handler validates its input,
 * builds the aggregate with `getAggregate`, decides, and pushes the event at the next version (Castore's
 * optimistic concurrency: a version already taken is refused).
 */
type ClinicEventType = EventType<ClinicEvent['type'], ClinicEvent['data'], ClinicMetadata>;

export type ClinicAggregate = ClinicSeriesState & { readonly aggregateId: string; readonly version: number };

interface ClinicEventDetail {
  readonly aggregateId: string;
  readonly version: number;
  readonly type: ClinicEvent['type'];
  readonly payload: ClinicEvent['data'];
  readonly metadata: ClinicMetadata;
  readonly timestamp: string;
}

const clinicReducer = (
  aggregate: ClinicAggregate | undefined,
  event: ClinicEventDetail,
): ClinicAggregate => ({
  ...evolveClinicSeries(aggregate ?? initialClinicSeriesState, {
    type: event.type,
    data: event.payload,
  } as ClinicEvent),
  aggregateId: event.aggregateId,
  version: event.version,
});

const eventTypes: ClinicEventType[] = clinicEvents.eventTypes.map(
  (type) => new EventType({ type }) as ClinicEventType,
);

/** A fresh clinic event store on its own in-memory adapter. */
export const castoreClinicStore = () =>
  new EventStore({
    eventStoreId: 'CLINIC_SERIES',
    eventTypes,
    reducer: clinicReducer,
    eventStorageAdapter: new InMemoryEventStorageAdapter(),
  });

export type CastoreClinicStore = ReturnType<typeof castoreClinicStore>;

export interface CastoreClinicInput {
  readonly aggregateId: string;
  readonly command: unknown;
  readonly metadata: ClinicMetadata;
}

export const castoreClinicCommand = new Command({
  commandId: 'HANDLE_CLINIC_COMMAND',
  requiredEventStores: tuple(castoreClinicStore()),
  handler: async (input: CastoreClinicInput, [clinics]) => {
    const command = validClinicCommand(input.command);
    const { aggregate } = await clinics.getAggregate(input.aggregateId);
    const event = decideClinic(command, aggregate ?? initialClinicSeriesState);
    await clinics.pushEvent(
      {
        aggregateId: input.aggregateId,
        version: (aggregate?.version ?? 0) + 1,
        type: event.type,
        payload: event.data,
        metadata: input.metadata,
      },
      { prevAggregate: aggregate },
    );
    return { version: (aggregate?.version ?? 0) + 1 };
  },
});
