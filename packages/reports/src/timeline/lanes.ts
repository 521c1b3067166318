import type { LocalDate, TimelineEntry, TimelineKind } from '@fostering/core';

/**
 * The timeline's lanes, top to bottom: where the child lived first, then the work around the placement, then
 * what went wrong. Plans, approval and supervision share a lane because each happens a few times a year.
 */
export const LANES = [
  { id: 'placements', label: 'Placement', kinds: ['placement'] },
  { id: 'respite', label: 'Respite', kinds: ['respite'] },
  { id: 'clinics', label: 'Clinics', kinds: ['clinic'] },
  { id: 'visits', label: 'Visits', kinds: ['visit'] },
  { id: 'reviews', label: 'Reviews', kinds: ['review'] },
  { id: 'plans', label: 'Plans, approval, supervision', kinds: ['plan', 'approval', 'supervision'] },
  { id: 'concerns', label: 'Concerns', kinds: ['concern'] },
  { id: 'deadlines', label: 'Deadlines missed', kinds: ['deadline-missed'] },
] as const satisfies ReadonlyArray<{ id: string; label: string; kinds: ReadonlyArray<TimelineKind> }>;

export type Lane = (typeof LANES)[number];

export const KIND_LABELS: Readonly<Record<TimelineKind, string>> = {
  placement: 'placement',
  respite: 'respite',
  clinic: 'clinic',
  visit: 'visit',
  review: 'review',
  plan: 'plan',
  approval: 'approval',
  supervision: 'supervision',
  concern: 'concern',
  'deadline-missed': 'deadline missed',
};

export const laneIndexOf = (kind: TimelineKind): number =>
  LANES.findIndex((lane) => (lane.kinds as ReadonlyArray<TimelineKind>).includes(kind));

export interface Period {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** The last day an entry covers: its `until`, or the day itself (an `until` before `on` is read as a day). */
export const lastDayOf = (entry: TimelineEntry): LocalDate =>
  entry.until !== undefined && entry.until > entry.on ? entry.until : entry.on;

/** Whether any day of the entry falls in the period (ISO dates compare as strings). */
export const overlaps = (entry: TimelineEntry, period: Period): boolean =>
  entry.on <= period.to && lastDayOf(entry) >= period.from;

/** The entries a report shows for a period, by date; the sort is stable, so same-day entries keep their order. */
export const entriesInPeriod = (
  entries: ReadonlyArray<TimelineEntry>,
  period: Period,
): ReadonlyArray<TimelineEntry> =>
  entries.filter((entry) => overlaps(entry, period)).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

export const isSpan = (entry: TimelineEntry): boolean =>
  entry.kind !== 'deadline-missed' && entry.until !== undefined && entry.until > entry.on;
