import {
  type AgencyEvent,
  type AgencyRecords,
  agencyEvents,
  childRecords,
  clinicSeries,
  type DomainEvent,
  type EventEnvelope,
  type EventStore,
  evolveChild,
  evolveClinicSeries,
  evolveHousehold,
  evolvePlacement,
  evolveStaff,
  householdRecords,
  initialChildState,
  initialClinicSeriesState,
  initialHouseholdState,
  initialPlacementState,
  initialStaffState,
  type Projection,
  type ProjectionCheckpointStore,
  placementRecords,
  projectionRunner,
  type RecordedEvent,
  staffRecords,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';

type Area = keyof AgencyRecords;

/**
 * Each area's records projection with the pure per-record fold it is built from (`recordsByStream`): the same
 * five projections `fostering rebuild` replays after an upgrade, which every agency-wide view is computed from.
 */
const areas: ReadonlyArray<{
  readonly area: Area;
  readonly projection: Projection<unknown, DomainEvent>;
  readonly initialState: unknown;
  readonly evolve: (state: never, event: never) => unknown;
}> = [
  {
    area: 'households',
    projection: householdRecords,
    initialState: initialHouseholdState,
    evolve: evolveHousehold,
  },
  { area: 'children', projection: childRecords, initialState: initialChildState, evolve: evolveChild },
  {
    area: 'placements',
    projection: placementRecords,
    initialState: initialPlacementState,
    evolve: evolvePlacement,
  },
  {
    area: 'clinics',
    projection: clinicSeries,
    initialState: initialClinicSeriesState,
    evolve: evolveClinicSeries,
  },
  { area: 'staff', projection: staffRecords, initialState: initialStaffState, evolve: evolveStaff },
] as unknown as ReadonlyArray<{
  area: Area;
  projection: Projection<unknown, DomainEvent>;
  initialState: unknown;
  evolve: (state: never, event: never) => unknown;
}>;

/** Decodes every event with the domain's registry: the limit's input, decoded before the clock starts. */
export const decodeHistory = (events: ReadonlyArray<RecordedEvent>): EventEnvelope<AgencyEvent>[] =>
  events.map((event) => {
    const decoded = agencyEvents.decode(event);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    return decoded.right;
  });

type Fold = (state: unknown, event: EventEnvelope<AgencyEvent>) => unknown;

/**
 * The limit: the five areas' records folded in one pass over events already decoded, one mutable map per area
 * and each record folded by the library's own pure per-record `evolve` (writing those folds again by hand would
 * be thousands of lines): no store, no decoding, no filtering by query, no copying of states, no checkpoints.
 * `keep` cuts the history (as-of replays).
 */
export const foldByHand = (
  events: ReadonlyArray<EventEnvelope<AgencyEvent>>,
  keep: (event: EventEnvelope<AgencyEvent>) => boolean = () => true,
): AgencyRecords => {
  const byCategory = new Map(
    areas.map(({ area, projection, initialState, evolve }) => {
      const prefix = projection.streamPrefixes?.[0] ?? '';
      const entry = {
        area,
        skip: prefix.length,
        types: new Set<string>(projection.registry.eventTypes),
        initialState,
        evolve: evolve as unknown as Fold,
        records: new Map<string, unknown>(),
      };
      return [prefix.slice(0, -1), entry] as const;
    }),
  );
  for (const event of events) {
    const streamId = event.streamId;
    const entry = byCategory.get(streamId.slice(0, streamId.indexOf('-')));
    if (entry === undefined || !entry.types.has(event.type) || !keep(event)) continue;
    const id = streamId.slice(entry.skip);
    entry.records.set(id, entry.evolve(entry.records.get(id) ?? entry.initialState, event));
  }
  const records: Record<string, unknown> = {};
  for (const entry of byCategory.values()) records[entry.area] = Object.fromEntries(entry.records);
  return records as unknown as AgencyRecords;
};

/**
 * Ours: what `fostering rebuild` does after an upgrade (packages/cli/src/commands/rebuild.ts): each area's
 * projection replayed from zero by `projectionRunner(...).rebuild()`, a filtered read of the store each, with a
 * checkpoint saved every 10,000 events to the store's checkpoint table. Resolves with the records and the
 * number of events applied.
 */
export const rebuildRecords = async (
  store: EventStore,
  checkpoints: () => ProjectionCheckpointStore<unknown>,
  checkpointEvery = 10_000,
): Promise<{ readonly records: AgencyRecords; readonly applied: number }> => {
  const records: Record<string, unknown> = {};
  let applied = 0;
  for (const { area, projection } of areas) {
    let count = 0;
    const runner = projectionRunner({
      store,
      projection,
      checkpoints: checkpoints(),
      checkpointEvery,
      onApplied: (n) => {
        count = n;
      },
    });
    const rebuilt = await runner.rebuild();
    if (E.isLeft(rebuilt)) throw new Error(`rebuilding ${projection.name}: ${rebuilt.left.message}`);
    records[area] = rebuilt.right.state;
    applied += count;
  }
  return { records: records as unknown as AgencyRecords, applied };
};
