import type { AgencyEvent, AgencyPolicy, EventEnvelope, LocalDate } from '@fostering/core';
import { daysFrom, plusDays } from './children-dates.js';
import type { ExpectedFinding } from './children-findings.js';

/**
 * Oracle of rule `clinic-cadence` (policy) from the domain brief, read from a run's stored clinic events:
 * clinics are held every `cadenceDays` (with `graceDays` of slack for holidays and contact), last the
 * policy's minutes for the number of young people the series supports that day, and have their notes written
 * up within `notesDueDays`. On `asOf` it expects, for each series opened by then:
 * - a gap finding when some stretch (from the opening to the first clinic held, between two clinic days, or
 *   from the last one to `asOf` or the closing) is longer than cadence plus grace;
 * - a missed-session finding for each planned session whose day (as moved by then) has passed, inside the
 *   series, with the session neither held nor cancelled by then;
 * - a notes finding for each clinic held whose notes were written after their due day, or are still not
 *   written after it.
 */

export interface SessionFacts {
  readonly sessionId: string;
  scheduledFor?: LocalDate;
  readonly moves: Array<{ readonly to: LocalDate; readonly rescheduledOn: LocalDate }>;
  held?: { readonly heldOn: LocalDate; readonly minutes: number };
  cancelledOn?: LocalDate;
  notesWrittenOn?: LocalDate;
}

export interface SeriesFacts {
  readonly seriesId: string;
  readonly householdId: string;
  readonly openedOn: LocalDate;
  closedOn?: LocalDate;
  /** Who is supported from each day, in the order recorded. */
  readonly supported: Array<{ readonly from: LocalDate; readonly childIds: ReadonlyArray<string> }>;
  readonly sessions: Map<string, SessionFacts>;
}

export const readClinicFacts = (events: ReadonlyArray<EventEnvelope<AgencyEvent>>): SeriesFacts[] => {
  const byStream = new Map<string, SeriesFacts>();
  for (const e of events) {
    if (e.type === 'ClinicSeriesOpened') {
      const { seriesId, householdId, openedOn, youngPeople } = e.data;
      byStream.set(e.streamId, {
        seriesId,
        householdId,
        openedOn,
        supported: [{ from: openedOn, childIds: youngPeople }],
        sessions: new Map(),
      });
      continue;
    }
    const series = byStream.get(e.streamId);
    if (series === undefined) continue;
    const session = (id: string): SessionFacts => {
      const known = series.sessions.get(id) ?? { sessionId: id, moves: [] };
      series.sessions.set(id, known);
      return known;
    };
    switch (e.type) {
      case 'SupportedYoungPeopleChanged':
        series.supported.push({ from: e.data.changedOn, childIds: e.data.childIds });
        break;
      case 'SessionScheduled':
        session(e.data.sessionId).scheduledFor = e.data.scheduledFor;
        break;
      case 'SessionRescheduled':
        session(e.data.sessionId).moves.push({ to: e.data.to, rescheduledOn: e.data.rescheduledOn });
        break;
      case 'SessionHeld':
        session(e.data.sessionId).held = { heldOn: e.data.heldOn, minutes: e.data.minutes };
        break;
      case 'SessionCancelled':
        session(e.data.sessionId).cancelledOn = e.data.cancelledOn;
        break;
      case 'SessionNotesRecorded':
        session(e.data.sessionId).notesWrittenOn = e.data.writtenOn;
        break;
      case 'ClinicSeriesClosed':
        series.closedOn = e.data.closedOn;
        break;
      default:
        break;
    }
  }
  return [...byStream.values()];
};

/** The young people the series supports on `date`: the last change made from that day or before. */
export const supportedOn = (series: SeriesFacts, date: LocalDate): ReadonlyArray<string> =>
  series.supported
    .filter((s) => s.from <= date)
    .reduce<SeriesFacts['supported'][number] | undefined>(
      (best, s) => (best === undefined || s.from >= best.from ? s : best),
      undefined,
    )?.childIds ?? [];

/** The policy's length of a clinic for that many supported young people. */
export const expectedMinutes = (policy: AgencyPolicy, supported: number): number =>
  supported >= 2
    ? policy.clinics.sessionMinutes.twoOrMoreYoungPeople
    : policy.clinics.sessionMinutes.oneYoungPerson;

export interface ClinicGapFacts {
  readonly seriesId: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** Every stretch without a clinic longer than cadence plus grace, on `asOf`. */
export const clinicGapsOn = (
  series: SeriesFacts,
  asOf: LocalDate,
  policy: AgencyPolicy,
): ClinicGapFacts[] => {
  if (series.openedOn > asOf) return [];
  const allowed = policy.clinics.cadenceDays + policy.clinics.graceDays;
  const held = [
    ...new Set(
      [...series.sessions.values()].flatMap((s) =>
        s.held !== undefined && s.held.heldOn <= asOf ? [s.held.heldOn] : [],
      ),
    ),
  ].sort();
  const endsOn = series.closedOn !== undefined && series.closedOn <= asOf ? series.closedOn : asOf;
  const points = [series.openedOn, ...held, endsOn];
  return points
    .slice(1)
    .map((to, i) => ({ seriesId: series.seriesId, from: points[i] as LocalDate, to }))
    .filter((g) => daysFrom(g.from, g.to) > allowed);
};

const dayOn = (s: SessionFacts, asOf: LocalDate): LocalDate | undefined =>
  s.moves.filter((m) => m.rescheduledOn <= asOf).at(-1)?.to ?? s.scheduledFor;

export const clinicCadenceOracle = (
  all: ReadonlyArray<SeriesFacts>,
  asOf: LocalDate,
  policy: AgencyPolicy,
): ExpectedFinding[] =>
  all
    .filter((series) => series.openedOn <= asOf)
    .flatMap((series) => {
      const subject = { householdId: series.householdId, seriesId: series.seriesId };
      const closedOn = series.closedOn !== undefined && series.closedOn <= asOf ? series.closedOn : undefined;
      const out: ExpectedFinding[] = clinicGapsOn(series, asOf, policy)
        .slice(0, 1)
        .map((g) => ({ subject, code: 'clinic-gap', why: `no clinic from ${g.from} to ${g.to}` }));
      for (const s of series.sessions.values()) {
        const day = dayOn(s, asOf);
        const held = s.held !== undefined && s.held.heldOn <= asOf;
        const cancelled = s.cancelledOn !== undefined && s.cancelledOn <= asOf;
        if (
          day !== undefined &&
          day < asOf &&
          (closedOn === undefined || day < closedOn) &&
          !held &&
          !cancelled
        ) {
          out.push({
            subject,
            code: 'clinic-session-missed',
            dueOn: day,
            why: `session ${s.sessionId} planned for ${day} was neither held nor cancelled`,
          });
        }
        if (s.held === undefined || !held) continue;
        const dueOn = plusDays(s.held.heldOn, policy.clinics.notesDueDays);
        const written =
          s.notesWrittenOn !== undefined && s.notesWrittenOn <= asOf ? s.notesWrittenOn : undefined;
        if ((written !== undefined && written > dueOn) || (written === undefined && asOf > dueOn)) {
          out.push({
            subject,
            code: 'clinic-notes',
            dueOn,
            why: `the notes of the clinic held on ${s.held.heldOn} were ${written === undefined ? 'not written' : `written on ${written}`}`,
          });
        }
      }
      return out;
    });
