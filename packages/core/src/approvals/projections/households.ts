import type { LocalDate } from '../../calendar/index.js';
import type { ComplianceContext } from '../../compliance/context.js';
import { type Personal, type Projection, recordsByStream } from '../../eventsourcing/index.js';
import { reviewDueOn } from '../compliance/approved-household.js';
import { type HouseholdCompliance, householdCompliance } from '../compliance/household-compliance.js';
import { type HouseholdEvent, householdEvents } from '../events/index.js';
import { evolveHousehold, type HouseholdState, initialHouseholdState } from '../state.js';
import { type HouseholdStatus, statusOn, termsOn } from '../status.js';
import type { Terms } from '../terms.js';

export type HouseholdRecords = Readonly<Record<string, HouseholdState>>;

/** Every household's folded record, by household id: the base the views below are computed from. */
export const householdRecords: Projection<HouseholdRecords, HouseholdEvent> = recordsByStream({
  name: 'approvals.household-records',
  registry: householdEvents,
  prefix: 'household-',
  initialState: initialHouseholdState,
  evolve: evolveHousehold,
});

export interface RegisterEntry {
  readonly householdId: string;
  readonly status: HouseholdStatus;
  readonly approvedOn?: LocalDate;
  readonly terms?: Terms;
  /** The carers' names; an erased household's read as `Erased`. */
  readonly carers: ReadonlyArray<Personal<string>>;
  readonly supervisingSocialWorker?: string;
  readonly agreementSignedOn?: LocalDate;
  readonly nextReviewDue?: LocalDate;
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** The approvals register on a date: every household that has applied, with status, terms and carers. */
export const approvalsRegister = (records: HouseholdRecords, asOf: LocalDate): ReadonlyArray<RegisterEntry> =>
  Object.entries(records)
    .filter(([, state]) => statusOn(state, asOf) !== 'none')
    .map(([householdId, state]) => ({
      householdId,
      status: statusOn(state, asOf),
      carers: Object.values(state.applicants).map((a) => a.name),
      ...optional('approvedOn', state.approvedOn ?? state.temporary?.approvedOn),
      ...optional('terms', termsOn(state, asOf)),
      ...optional('supervisingSocialWorker', state.ssw?.sswId),
      ...optional('agreementSignedOn', state.agreementSignedOn),
      ...optional('nextReviewDue', reviewDueOn(state)),
    }))
    .sort((a, b) => (a.householdId < b.householdId ? -1 : 1));

/** Deadlines and findings for every household on the context's date. */
export const approvalsCompliance = (
  records: HouseholdRecords,
  context: ComplianceContext,
): ReadonlyArray<HouseholdCompliance> =>
  Object.keys(records)
    .sort()
    .map((id) => householdCompliance(records[id] as HouseholdState, context));
