import { type ComplianceContext, collector, shiftWithinCalendar } from '../../compliance/context.js';
import {
  type Deadline,
  type Finding,
  findingOfDeadline,
  judgeDeadline,
  type Subject,
} from '../../compliance/index.js';
import { rules } from '../../rules/index.js';
import type { ClinicSeriesState } from '../state.js';
import { type ClinicGap, clinicGaps, type MissedClinicSession, missedClinicSessions } from './cadence.js';

export interface ClinicCompliance {
  readonly seriesId: string;
  readonly householdId?: string;
  readonly clinicianId?: string;
  readonly gaps: ReadonlyArray<ClinicGap>;
  readonly missedSessions: ReadonlyArray<MissedClinicSession>;
  /** Notes of each held session, due `notesDueDays` after it was held: met, met late, or still open. */
  readonly deadlines: ReadonlyArray<Deadline>;
  /** Gaps, missed sessions, and notes overdue or written late, each under rule `clinic-cadence`. */
  readonly findings: ReadonlyArray<Finding>;
}

/**
 * Everything rule `clinic-cadence` reports about one series on `context.asOf`. Pure: entries dated after
 * `asOf` are ignored, so replaying a date gives the answer as it stood then.
 */
export const clinicCompliance = (state: ClinicSeriesState, context: ComplianceContext): ClinicCompliance => {
  const { asOf, policy } = context;
  const { seriesId = '', householdId, clinicianId } = state;
  const who = {
    seriesId,
    ...(householdId === undefined ? {} : { householdId }),
    ...(clinicianId === undefined ? {} : { clinicianId }),
  };
  if (state.openedOn === undefined || state.openedOn > asOf) {
    return { ...who, gaps: [], missedSessions: [], deadlines: [], findings: [] };
  }
  const subject: Subject = {
    ...(householdId === undefined ? {} : { householdId }),
    ...(seriesId === '' ? {} : { seriesId }),
  };
  const { collect, deadlines, findings } = collector(context);
  for (const session of Object.values(state.sessions)) {
    const held = session.held;
    if (held === undefined || held.heldOn > asOf) continue;
    collect.deadline({
      rule: rules.clinicCadence,
      code: 'clinic-notes',
      subject,
      description: `notes of the clinic held on ${held.heldOn} (session ${session.sessionId}) written up within ${policy.clinics.notesDueDays} days`,
      dueOn: shiftWithinCalendar(held.heldOn, policy.clinics.notesDueDays, 'days'),
      metOn: session.notesWrittenOn,
    });
  }
  const gaps = clinicGaps(state, asOf, policy);
  const missedSessions = missedClinicSessions(state, asOf);
  for (const gap of gaps) {
    collect.finding({
      rule: gap.rule,
      code: gap.code,
      subject,
      message: `${gap.days} days without a clinic from ${gap.from} to ${gap.to} (at most ${gap.allowedDays})`,
    });
  }
  for (const missed of missedSessions) {
    collect.finding({
      rule: missed.rule,
      code: missed.code,
      subject,
      message: `session ${missed.sessionId} planned for ${missed.scheduledFor} was neither held, cancelled nor moved`,
      dueOn: missed.scheduledFor,
    });
  }
  const judged = deadlines
    .map((d) => judgeDeadline(d, asOf, policy.approvals.dueSoonDays))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const late = judged.map(findingOfDeadline).filter((f): f is Finding => f !== undefined);
  return { ...who, gaps, missedSessions, deadlines: judged, findings: [...findings, ...late] };
};
