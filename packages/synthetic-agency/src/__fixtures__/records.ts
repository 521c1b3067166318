import {
  approvalsCompliance,
  type ChildRecords,
  type ClinicSeriesRecords,
  childEvents,
  clinicCompliance,
  clinicEvents,
  complianceContext,
  type DomainEvent,
  type EventRegistry,
  type EventStore,
  evolveChild,
  evolveClinicSeries,
  evolveHousehold,
  evolvePlacement,
  evolveStaff,
  type Finding,
  type HouseholdRecords,
  householdEvents,
  householdSupervision,
  initialChildState,
  initialClinicSeriesState,
  initialHouseholdState,
  initialPlacementState,
  initialStaffState,
  type LocalDate,
  type PlacementRecords,
  placementEvents,
  placementsCompliance,
  type StaffRecords,
  staffCompliance,
  staffEvents,
  unannouncedVisitCompliance,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';

/** Every area's records, folded from the store stream by stream with core's own `evolve` functions. */
export interface Records {
  readonly households: HouseholdRecords;
  readonly children: ChildRecords;
  readonly placements: PlacementRecords;
  readonly clinics: ClinicSeriesRecords;
  readonly staff: StaffRecords;
}

const area = <S, Ev extends DomainEvent>(
  prefix: string,
  registry: EventRegistry<Ev>,
  initial: S,
  evolve: (state: S, event: Ev) => S,
) => ({ prefix, registry, initial, evolve: evolve as (state: unknown, event: DomainEvent) => unknown });

const areas = {
  households: area('household-', householdEvents, initialHouseholdState, evolveHousehold),
  children: area('child-', childEvents, initialChildState, evolveChild),
  placements: area('placement-', placementEvents, initialPlacementState, evolvePlacement),
  clinics: area('clinic-', clinicEvents, initialClinicSeriesState, evolveClinicSeries),
  staff: area('staff-', staffEvents, initialStaffState, evolveStaff),
};

/**
 * The records as they stood on `asOf` by when things were recorded (every event recorded by the end of that
 * day, London time), or everything when `asOf` is absent. Every event must decode with its area's registry.
 */
export const recordsOf = async (store: EventStore, recordedBy?: Date): Promise<Records> => {
  const folded: Record<string, Record<string, unknown>> = {
    households: {},
    children: {},
    placements: {},
    clinics: {},
    staff: {},
  };
  for await (const event of store.readAll()) {
    if (recordedBy !== undefined && event.recordedAt > recordedBy) continue;
    const [name, spec] = Object.entries(areas).find(([, a]) => event.streamId.startsWith(a.prefix)) ?? [];
    if (name === undefined || spec === undefined)
      throw new Error(`an event on an unknown stream: ${event.streamId}`);
    const decoded = spec.registry.decode(event);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    const id = event.streamId.slice(spec.prefix.length);
    const byId = folded[name] as Record<string, unknown>;
    byId[id] = spec.evolve(byId[id] ?? spec.initial, { type: decoded.right.type, data: decoded.right.data });
  }
  return folded as unknown as Records;
};

export interface AreaFinding extends Finding {
  readonly area: 'approvals' | 'placements' | 'children' | 'clinics' | 'staff' | 'supervision';
}

/** Every finding core's compliance functions report on `asOf`, each labelled with the area that reported it. */
export const findingsOf = (records: Records, asOf: LocalDate): AreaFinding[] => {
  const context = complianceContext(asOf);
  const label =
    (areaName: AreaFinding['area']) =>
    (f: Finding): AreaFinding => ({ ...f, area: areaName });
  const placements = placementsCompliance(records, context);
  return [
    ...approvalsCompliance(records.households, context).flatMap((h) => h.findings.map(label('approvals'))),
    ...placements.placements.flatMap((p) => p.findings.map(label('placements'))),
    ...placements.children.flatMap((c) => c.findings.map(label('children'))),
    ...Object.values(records.clinics).flatMap((s) =>
      clinicCompliance(s, context).findings.map(label('clinics')),
    ),
    ...Object.values(records.staff).flatMap((s) => staffCompliance(s, context).findings.map(label('staff'))),
    ...Object.values(records.households).flatMap(
      (h) => householdSupervision(h, context)?.findings.map(label('supervision')) ?? [],
    ),
    ...unannouncedVisitCompliance(records.households, asOf).map(label('supervision')),
  ];
};

/** Findings counted by `rule/code`. */
export const tally = (findings: ReadonlyArray<Finding>): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[`${f.rule.id}/${f.code}`] = (counts[`${f.rule.id}/${f.code}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort());
};

/** The planted failure's finding: same rule and code, about the same household, child, staff or series. */
export const explains = (
  planted: {
    readonly ruleId: string;
    readonly code: string;
    readonly householdId?: string;
    readonly childId?: string;
    readonly staffId?: string;
    readonly seriesId?: string;
    readonly adultId?: string;
  },
  finding: Finding,
): boolean => {
  const codes =
    planted.code === 'unannounced-visit-missing'
      ? ['unannounced-visit-missing', 'unannounced-visit']
      : [planted.code];
  const same = (key: 'householdId' | 'childId' | 'staffId' | 'seriesId' | 'adultId') =>
    planted[key] === undefined || finding.subject[key] === planted[key];
  return (
    finding.rule.id === planted.ruleId &&
    codes.includes(finding.code) &&
    same('householdId') &&
    same('childId') &&
    same('staffId') &&
    same('seriesId') &&
    same('adultId')
  );
};
