import type { LocalDate } from '../../calendar/index.js';
import { type Projection, recordsByStream } from '../../eventsourcing/index.js';
import type { AgencyPolicy } from '../../policy/index.js';
import { type ClinicEvent, clinicEvents } from '../events/index.js';
import {
  type ClinicSeriesState,
  clinicSessionMinutes,
  evolveClinicSeries,
  initialClinicSeriesState,
  supportedYoungPeopleOn,
} from '../state.js';

export type ClinicSeriesRecords = Readonly<Record<string, ClinicSeriesState>>;

/** Every clinic series' folded record, by series id. */
export const clinicSeries: Projection<ClinicSeriesRecords, ClinicEvent> = recordsByStream({
  name: 'clinics.clinic-series',
  registry: clinicEvents,
  prefix: 'clinic-',
  initialState: initialClinicSeriesState,
  evolve: evolveClinicSeries,
});

export interface ClinicianSeries {
  readonly seriesId: string;
  readonly householdId: string;
  readonly youngPeople: ReadonlyArray<string>;
  /** The policy's session length for the young people supported on the date asked about. */
  readonly sessionMinutes: number;
}

export interface ClinicianCaseload {
  readonly clinicianId: string;
  readonly series: ReadonlyArray<ClinicianSeries>;
  /** Every young person supported across the clinician's series, sorted, once each. */
  readonly youngPeople: ReadonlyArray<string>;
  /** Sum over the series of the session length in hours, divided by the cadence in weeks. */
  readonly weeklyHours: number;
}

/**
 * Each clinician's open series on `asOf` (opened by then, not closed by then), by clinician id. Weekly hours
 * are the clinic time the policy plans, not the time recorded: a series of 60-minute fortnightly clinics is
 * half an hour a week, one of 90 minutes three quarters of an hour. Preparation and write-up are not counted.
 */
export const clinicianCaseload = (
  records: ClinicSeriesRecords,
  asOf: LocalDate,
  policy: AgencyPolicy,
): Readonly<Record<string, ClinicianCaseload>> => {
  const cadenceWeeks = policy.clinics.cadenceDays / 7;
  const byClinician = new Map<string, ClinicianSeries[]>();
  for (const state of Object.values(records)) {
    const { seriesId, clinicianId, householdId, openedOn, closedOn } = state;
    if (seriesId === undefined || clinicianId === undefined || householdId === undefined) continue;
    if (openedOn === undefined || openedOn > asOf || (closedOn !== undefined && closedOn <= asOf)) continue;
    const youngPeople = supportedYoungPeopleOn(state, asOf);
    const entry = {
      seriesId,
      householdId,
      youngPeople,
      sessionMinutes: clinicSessionMinutes(policy, youngPeople.length),
    };
    byClinician.set(clinicianId, [...(byClinician.get(clinicianId) ?? []), entry]);
  }
  return Object.fromEntries(
    [...byClinician.entries()].map(([clinicianId, series]) => {
      const sorted = [...series].sort((a, b) => (a.seriesId < b.seriesId ? -1 : 1));
      const minutes = sorted.reduce((sum, s) => sum + s.sessionMinutes, 0);
      return [
        clinicianId,
        {
          clinicianId,
          series: sorted,
          youngPeople: [...new Set(sorted.flatMap((s) => s.youngPeople))].sort(),
          weeklyHours: minutes / 60 / cadenceWeeks,
        },
      ];
    }),
  );
};
