import type { AgencyPolicy, LocalDate } from '@fostering/core';
import { daysAfter, monthsAfter, type StaffFacts } from './supervision-facts.js';
import type { Expectation } from './supervision-households.js';

/** Roles the agency's policy gives regular clinical supervision (`supervision.staffSupervisionIntervalDays`). */
export const clinicallySupervised: ReadonlyArray<string> = ['therapeutic-support-worker', 'clinician'];

/** A valid supervision record (NMS 24): dated, with a start time and a length, signed by both. */
export const validSession = (s: StaffFacts['sessions'][number]): boolean =>
  s.signed && /^([01]\d|2[0-3]):[0-5]\d$/.test(s.startTime) && Number.isInteger(s.minutes) && s.minutes > 0;

/**
 * Every interval of a chain that was missed: from the start, each next date is due `next(after)`; a date
 * after its due day was late; the interval still open on `asOf` is late once `asOf` is past its due day.
 */
const missed = (
  start: LocalDate,
  dates: ReadonlyArray<LocalDate>,
  asOf: LocalDate,
  next: (after: LocalDate) => LocalDate,
): Array<{ readonly after: LocalDate; readonly dueOn: LocalDate; readonly metOn?: LocalDate }> => {
  const out: Array<{ after: LocalDate; dueOn: LocalDate; metOn?: LocalDate }> = [];
  let after = start;
  for (const metOn of [...new Set(dates.filter((d) => d >= start && d <= asOf))].sort()) {
    const dueOn = next(after);
    if (metOn > dueOn) out.push({ after, dueOn, metOn });
    after = metOn;
  }
  const dueOn = next(after);
  if (asOf > dueOn) out.push({ after, dueOn });
  return out;
};

/**
 * Rule `staff-supervision` (NMS 24; policy) for one member of staff employed on `asOf` (from their start, until
 * the day they left): an appraisal at most `appraisalIntervalMonths` after the start and after each appraisal;
 * for therapeutic support workers and clinicians, clinical supervision (managerial sessions do not count) at
 * most `staffSupervisionIntervalDays` after the start and after each session. Every interval missed is
 * reported: a late session stays on the record, and the open interval is reported once overdue.
 */
export const staffExpected = (s: StaffFacts, asOf: LocalDate, policy: AgencyPolicy): Expectation[] => {
  const { startedOn, role } = s;
  if (startedOn === undefined || role === undefined) return [];
  if (startedOn > asOf || (s.leftOn !== undefined && asOf >= s.leftOn)) return [];
  const { staffSupervisionIntervalDays: days, appraisalIntervalMonths: months } = policy.supervision;
  const describe = (what: string, gap: { after: LocalDate; dueOn: LocalDate; metOn?: LocalDate }) =>
    `${what} due ${gap.dueOn} (after ${gap.after}) ${gap.metOn === undefined ? 'is overdue' : `was late, on ${gap.metOn}`}`;
  const out: Expectation[] = [];
  if (clinicallySupervised.includes(role)) {
    const clinical = s.sessions.filter((x) => x.clinical && validSession(x)).map((x) => x.on);
    for (const gap of missed(startedOn, clinical, asOf, (d) => daysAfter(d, days))) {
      out.push({
        key: `${s.staffId} clinical due ${gap.dueOn}`,
        says: describe('clinical supervision', gap),
      });
    }
  }
  for (const gap of missed(startedOn, s.appraisals, asOf, (d) => monthsAfter(d, months))) {
    out.push({ key: `${s.staffId} appraisal due ${gap.dueOn}`, says: describe('appraisal', gap) });
  }
  return out;
};
