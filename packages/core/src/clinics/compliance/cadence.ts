import { daysBetween, type LocalDate } from '../../calendar/index.js';
import type { Subject } from '../../compliance/index.js';
import type { RuleRef } from '../../eventsourcing/index.js';
import type { AgencyPolicy } from '../../policy/index.js';
import { rules } from '../../rules/index.js';
import { type ClinicSeriesState, sessionDateOn } from '../state.js';

/**
 * Where a gap lies: before the first session (counted from the opening), between two consecutive held sessions,
 * or still running since the last one (or the opening) up to the date asked about or the closing.
 */
export type ClinicGapKind = 'first-session' | 'between-sessions' | 'since-last';

/** A stretch without a clinic longer than the policy allows (rule `clinic-cadence`). */
export interface ClinicGap {
  readonly rule: RuleRef;
  readonly code: 'clinic-gap';
  readonly kind: ClinicGapKind;
  readonly subject: Subject;
  readonly seriesId: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly days: number;
  readonly allowedDays: number;
}

/** A session planned for a date before the day asked about, neither held nor cancelled (nor moved) by then. */
export interface MissedClinicSession {
  readonly rule: RuleRef;
  readonly code: 'clinic-session-missed';
  readonly subject: Subject;
  readonly seriesId: string;
  readonly sessionId: string;
  readonly scheduledFor: LocalDate;
}

/** Days allowed between two clinics: the cadence plus the slack for school holidays and contact. */
export const allowedClinicGapDays = (policy: AgencyPolicy): number =>
  policy.clinics.cadenceDays + policy.clinics.graceDays;

/** The sessions held on or before `asOf`, as dates in order (two on one day count as one clinic day). */
export const heldClinicDates = (state: ClinicSeriesState, asOf: LocalDate): ReadonlyArray<LocalDate> =>
  [
    ...new Set(
      Object.values(state.sessions).flatMap((s) =>
        s.held !== undefined && s.held.heldOn <= asOf ? [s.held.heldOn] : [],
      ),
    ),
  ].sort();

/** The day the series stops running on `asOf`: its closing day if closed by then, else `asOf`. */
const endOn = (state: ClinicSeriesState, asOf: LocalDate): LocalDate =>
  state.closedOn !== undefined && state.closedOn <= asOf ? state.closedOn : asOf;

/** Rule `clinic-cadence`: every gap between clinics longer than `cadenceDays + graceDays`, as of `asOf`. */
export const clinicGaps = (
  state: ClinicSeriesState,
  asOf: LocalDate,
  policy: AgencyPolicy,
): ReadonlyArray<ClinicGap> => {
  const { openedOn, seriesId = '', householdId } = state;
  if (openedOn === undefined || openedOn > asOf) return [];
  const allowedDays = allowedClinicGapDays(policy);
  const subject: Subject = {
    ...(householdId === undefined ? {} : { householdId }),
    ...(seriesId === '' ? {} : { seriesId }),
  };
  const gap = (kind: ClinicGapKind, from: LocalDate, to: LocalDate): ClinicGap[] => {
    const days = daysBetween(from, to);
    return days > allowedDays
      ? [
          {
            rule: rules.clinicCadence,
            code: 'clinic-gap',
            kind,
            subject,
            seriesId,
            from,
            to,
            days,
            allowedDays,
          },
        ]
      : [];
  };
  const held = heldClinicDates(state, asOf);
  const [first] = held;
  const last = held[held.length - 1] ?? openedOn;
  return [
    ...(first === undefined ? [] : gap('first-session', openedOn, first)),
    ...held.slice(1).flatMap((to, i) => gap('between-sessions', held[i] ?? to, to)),
    ...gap('since-last', last, endOn(state, asOf)),
  ];
};

/** Sessions whose date (as moved by `asOf`) is before `asOf` and inside the series, not held or cancelled by then. */
export const missedClinicSessions = (
  state: ClinicSeriesState,
  asOf: LocalDate,
): ReadonlyArray<MissedClinicSession> => {
  const { openedOn, seriesId = '', householdId } = state;
  if (openedOn === undefined || openedOn > asOf) return [];
  const closedOn = state.closedOn !== undefined && state.closedOn <= asOf ? state.closedOn : undefined;
  const subject: Subject = {
    ...(householdId === undefined ? {} : { householdId }),
    ...(seriesId === '' ? {} : { seriesId }),
  };
  return Object.values(state.sessions)
    .flatMap((session) => {
      const date = sessionDateOn(session, asOf);
      if (date === undefined || date >= asOf || (closedOn !== undefined && date >= closedOn)) return [];
      if (session.held !== undefined && session.held.heldOn <= asOf) return [];
      if (session.cancelled !== undefined && session.cancelled.cancelledOn <= asOf) return [];
      return [
        {
          rule: rules.clinicCadence,
          code: 'clinic-session-missed' as const,
          subject,
          seriesId,
          sessionId: session.sessionId,
          scheduledFor: date,
        },
      ];
    })
    .sort((a, b) => (a.scheduledFor < b.scheduledFor ? -1 : a.scheduledFor > b.scheduledFor ? 1 : 0));
};
