import type { LocalDate } from '../../calendar/index.js';
import { type ComplianceContext, collector, shiftWithinCalendar } from '../../compliance/context.js';
import {
  type Deadline,
  type Finding,
  findingOfDeadline,
  judgeDeadline,
  type Subject,
} from '../../compliance/index.js';
import { rules } from '../../rules/index.js';
import type { StaffRole } from '../events/index.js';
import type { StaffState } from '../state.js';

/** A deadline or finding about a member of staff: always names them. */
export interface StaffSubject extends Subject {
  readonly staffId: string;
}

export interface StaffCompliance {
  readonly staffId: string;
  readonly role?: StaffRole;
  readonly deadlines: ReadonlyArray<Deadline>;
  readonly findings: ReadonlyArray<Finding>;
}

/** Roles with regular clinical supervision (policy `supervision.staffSupervisionIntervalDays`). */
export const clinicallySupervisedRoles: ReadonlyArray<StaffRole> = [
  'therapeutic-support-worker',
  'clinician',
];

export interface SupervisionInterval {
  readonly after: LocalDate;
  readonly dueOn: LocalDate;
  readonly metOn?: LocalDate;
}

/**
 * A chain of intervals: the first due `next(start)`, then each date met starts the next interval. Every
 * interval is listed, so one met late stays visible; the last is open. An interval whose `next` is undefined
 * (due after 9999-12-31, never due within the calendar) is left out.
 */
export const chainedSchedule = (
  start: LocalDate,
  met: ReadonlyArray<LocalDate>,
  next: (after: LocalDate) => LocalDate | undefined,
): ReadonlyArray<SupervisionInterval> => {
  const dates = [...new Set(met)].filter((d) => d >= start).sort();
  const schedule: SupervisionInterval[] = [];
  const add = (after: LocalDate, metOn?: LocalDate) => {
    const dueOn = next(after);
    if (dueOn !== undefined) schedule.push(metOn === undefined ? { after, dueOn } : { after, dueOn, metOn });
  };
  let after = start;
  for (const metOn of dates) {
    add(after, metOn);
    after = metOn;
  }
  add(after);
  return schedule;
};

/** Whether the member of staff works for the agency on that date (from `startedOn`, until the day they left). */
export const employedOn = (state: StaffState, on: LocalDate): boolean =>
  state.startedOn !== undefined && state.startedOn <= on && (state.leftOn === undefined || on < state.leftOn);

/**
 * Rule `staff-supervision` (NMS 24; policy) for one member of staff on `context.asOf`: clinical supervision
 * every `staffSupervisionIntervalDays` for therapeutic support workers and clinicians (managerial sessions do
 * not count), counted from the start and then from each clinical session; an appraisal every
 * `appraisalIntervalMonths`, from the start and then from each appraisal. Records dated after `asOf` are
 * ignored; nothing is due before the start or once the member of staff has left.
 */
export const staffCompliance = (state: StaffState, context: ComplianceContext): StaffCompliance => {
  const staffId = state.staffId ?? '';
  const { asOf, policy } = context;
  const role = state.role;
  if (!employedOn(state, asOf) || state.startedOn === undefined || role === undefined) {
    return { staffId, ...(role === undefined ? {} : { role }), deadlines: [], findings: [] };
  }
  const subject: StaffSubject = { staffId };
  const { collect, deadlines, findings } = collector(context);
  const { staffSupervisionIntervalDays: days, appraisalIntervalMonths: months } = policy.supervision;
  if (clinicallySupervisedRoles.includes(role)) {
    const clinical = state.sessions
      .filter((s) => s.kind === 'clinical' && s.heldOn <= asOf)
      .map((s) => s.heldOn);
    for (const { after, dueOn, metOn } of chainedSchedule(state.startedOn, clinical, (d) =>
      shiftWithinCalendar(d, days, 'days'),
    )) {
      collect.deadline({
        rule: rules.staffSupervision,
        code: 'clinical-supervision',
        subject,
        description: `clinical supervision within ${days} days of ${after === state.startedOn ? 'starting on' : 'the session on'} ${after}`,
        dueOn,
        metOn,
      });
    }
  }
  const appraised = state.appraisals.filter((a) => a.appraisedOn <= asOf).map((a) => a.appraisedOn);
  for (const { after, dueOn, metOn } of chainedSchedule(state.startedOn, appraised, (d) =>
    shiftWithinCalendar(d, months, 'months'),
  )) {
    collect.deadline({
      rule: rules.staffSupervision,
      code: 'appraisal',
      subject,
      description: `appraisal within ${months} months of ${after === state.startedOn ? 'starting on' : 'the appraisal on'} ${after}`,
      dueOn,
      metOn,
    });
  }
  const judged = deadlines.map((d) => judgeDeadline(d, asOf, policy.approvals.dueSoonDays));
  const late = judged.map(findingOfDeadline).filter((f): f is Finding => f !== undefined);
  return { staffId, role, deadlines: judged, findings: [...findings, ...late] };
};
