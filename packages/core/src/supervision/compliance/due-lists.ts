import type { HouseholdRecords } from '../../approvals/projections/households.js';
import type { LocalDate } from '../../calendar/index.js';
import type { ComplianceContext } from '../../compliance/context.js';
import type { Deadline } from '../../compliance/index.js';
import type { StaffRole } from '../events/index.js';
import type { StaffRecords } from '../projections/staff.js';
import { householdSupervision } from './household-supervision.js';
import { staffCompliance } from './staff-compliance.js';

export interface HouseholdDue {
  readonly householdId: string;
  readonly sswId?: string;
  /** Open deadlines only (upcoming, due soon, overdue), by due date. */
  readonly due: ReadonlyArray<Deadline>;
  readonly overdue: ReadonlyArray<Deadline>;
}

export interface StaffDue {
  readonly staffId: string;
  readonly role?: StaffRole;
  readonly due: ReadonlyArray<Deadline>;
  readonly overdue: ReadonlyArray<Deadline>;
}

export interface SupervisionDueLists {
  readonly asOf: LocalDate;
  readonly households: ReadonlyArray<HouseholdDue>;
  readonly staff: ReadonlyArray<StaffDue>;
}

const isOpen = (d: Deadline) => d.state === 'upcoming' || d.state === 'due-soon' || d.state === 'overdue';
const byDueDate = (a: Deadline, b: Deadline) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0);
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What supervision is due on `context.asOf`: for every approved household, its regular supervisory visit,
 * unannounced visit and home check; for every member of staff employed then, clinical supervision and appraisal.
 */
export const supervisionDueLists = (
  households: HouseholdRecords,
  staff: StaffRecords,
  context: ComplianceContext,
): SupervisionDueLists => ({
  asOf: context.asOf,
  households: Object.keys(households)
    .sort(byId)
    .flatMap((id) => {
      const state = households[id];
      const supervision = state === undefined ? undefined : householdSupervision(state, context);
      if (supervision === undefined) return [];
      const due = supervision.deadlines.filter(isOpen).sort(byDueDate);
      return [
        {
          householdId: id,
          ...(supervision.sswId === undefined ? {} : { sswId: supervision.sswId }),
          due,
          overdue: due.filter((d) => d.state === 'overdue'),
        },
      ];
    }),
  staff: Object.keys(staff)
    .sort(byId)
    .flatMap((id) => {
      const state = staff[id];
      if (state === undefined) return [];
      const compliance = staffCompliance(state, context);
      if (compliance.deadlines.length === 0) return [];
      const due = compliance.deadlines.filter(isOpen).sort(byDueDate);
      return [
        {
          staffId: id,
          ...(compliance.role === undefined ? {} : { role: compliance.role }),
          due,
          overdue: due.filter((d) => d.state === 'overdue'),
        },
      ];
    }),
});
