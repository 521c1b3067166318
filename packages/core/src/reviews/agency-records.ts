import type { HouseholdEvent } from '../approvals/events/index.js';
import { type HouseholdRecords, householdRecords } from '../approvals/projections/households.js';
import type { ChildEvent } from '../children/events/index.js';
import { type ChildRecords, childRecords } from '../children/projections/children.js';
import type { ClinicEvent } from '../clinics/events/index.js';
import { type ClinicSeriesRecords, clinicSeries } from '../clinics/projections/clinic-series.js';
import {
  type EventEnvelope,
  type EventRegistry,
  mergeRegistries,
  type Projection,
  project,
} from '../eventsourcing/index.js';
import type { PlacementEvent } from '../placements/events.js';
import { type PlacementRecords, placementRecords } from '../placements/projections/placements.js';
import type { StaffEvent } from '../supervision/events/index.js';
import { type StaffRecords, staffRecords } from '../supervision/projections/staff.js';

export type AgencyEvent = HouseholdEvent | ChildEvent | PlacementEvent | ClinicEvent | StaffEvent;

/** Every area's records side by side: what agency-wide reports and the review pack are computed from. */
export interface AgencyRecords {
  readonly households: HouseholdRecords;
  readonly children: ChildRecords;
  readonly placements: PlacementRecords;
  readonly clinics: ClinicSeriesRecords;
  readonly staff: StaffRecords;
}

/** The registry of every event type in the domain. */
export const agencyEvents: EventRegistry<AgencyEvent> = mergeRegistries(
  mergeRegistries(householdRecords.registry, childRecords.registry),
  mergeRegistries(mergeRegistries(placementRecords.registry, clinicSeries.registry), staffRecords.registry),
);

const areas = {
  households: householdRecords,
  children: childRecords,
  placements: placementRecords,
  clinics: clinicSeries,
  staff: staffRecords,
} as const;

type Area = keyof typeof areas;

const areaOf = (streamId: string): Area | undefined =>
  (Object.keys(areas) as Area[]).find((area) =>
    (areas[area].streamPrefixes ?? []).some((prefix) => streamId.startsWith(prefix)),
  );

/** Each event goes to the area whose streams it belongs to, and is folded by that area's own projection. */
export const agencyRecords: Projection<AgencyRecords, AgencyEvent> = {
  name: 'agency.records',
  registry: agencyEvents,
  streamPrefixes: Object.values(areas).flatMap((p) => p.streamPrefixes ?? []),
  initialState: { households: {}, children: {}, placements: {}, clinics: {}, staff: {} },
  evolve: (records, event) => {
    const area = areaOf(event.streamId);
    if (area === undefined) return records;
    const projection = areas[area] as unknown as Projection<AgencyRecords[Area], AgencyEvent>;
    return { ...records, [area]: projection.evolve(records[area], event as EventEnvelope<AgencyEvent>) };
  },
  foldMany: (records, events) => {
    const byArea = new Map<Area, EventEnvelope<AgencyEvent>[]>();
    for (const event of events) {
      const area = areaOf(event.streamId);
      if (area === undefined) continue;
      const list = byArea.get(area) ?? [];
      list.push(event);
      byArea.set(area, list);
    }
    let folded = records;
    for (const [area, areaEvents] of byArea) {
      const projection = areas[area] as unknown as Projection<AgencyRecords[Area], AgencyEvent>;
      folded = { ...folded, [area]: project(projection)(areaEvents, folded[area]) };
    }
    return folded;
  },
};
