import type { HouseholdState } from '../approvals/state.js';
import type { LocalDate } from '../calendar/index.js';
import type { ChildState } from '../children/state.js';
import { isErased } from '../eventsourcing/index.js';
import type { AgencyRecords } from '../reviews/agency-records.js';
import { type RetentionRecord, retentionEndsOn } from './retention.js';

/**
 * One person's record as retention sees it: what decides how long it is kept, and every data subject its
 * erasure covers. A child's erasure covers the child and their placements (the address a child left to is
 * sealed under the placement); a household's covers the household (its carers' names and address on the
 * placements register), each applicant, member and referee, and its clinic series (the clinic's notes are the
 * household's therapeutic record).
 */
export interface RetainedRecord {
  readonly record: RetentionRecord;
  /** The subjects whose keys an erasure destroys, the record's own first. */
  readonly covers: ReadonlyArray<string>;
  /** The first day erasure is allowed; absent while retention has not begun (still approved, still applying). */
  readonly retentionEndsOn?: LocalDate;
}

const earliest = (dates: ReadonlyArray<LocalDate | undefined>): LocalDate | undefined =>
  dates.filter((d): d is LocalDate => d !== undefined).sort()[0];

/**
 * What decides a household's retention (FSR 32): approved at all (fully or temporarily) makes its adults
 * carers, kept 10 years after the approval ends (resignation, termination, a refusal after a temporary
 * approval, or a temporary approval that lapsed unreplaced); never approved, applicants, kept 3 years after a
 * refusal.
 */
export const householdRetention = (householdId: string, state: HouseholdState): RetentionRecord => {
  const approved = state.approvedOn ?? state.temporary?.approvedOn;
  if (approved === undefined) {
    const refusedOn = state.refusal?.takesEffectOn;
    return {
      kind: 'applicant',
      subjectId: householdId,
      ...(refusedOn === undefined ? {} : { refusedOrWithdrawnOn: refusedOn }),
    };
  }
  const endedOn = earliest([
    state.resignation?.approvalEndsOn,
    state.termination?.takesEffectOn,
    state.refusal?.takesEffectOn,
    state.approvedOn === undefined ? state.temporary?.expiresOn : undefined,
  ]);
  return {
    kind: 'carer',
    subjectId: householdId,
    ...(endedOn === undefined ? {} : { approvalEndedOn: endedOn }),
  };
};

const householdSubjects = (householdId: string, state: HouseholdState, records: AgencyRecords) => [
  householdId,
  ...Object.keys(state.applicants),
  ...Object.keys(state.members),
  ...state.referees.map((r) => r.refereeId),
  ...Object.entries(records.clinics)
    .filter(([, series]) => series.householdId === householdId)
    .map(([seriesId]) => seriesId),
];

const childSubjects = (childId: string, records: AgencyRecords) => [
  childId,
  ...Object.entries(records.placements)
    .filter(([, p]) => (p.started?.childId ?? p.referral?.childId) === childId)
    .map(([placementId]) => placementId),
];

const childRecord = (childId: string, state: ChildState): RetentionRecord | undefined =>
  // A child never registered has no date of birth to count from; one already erased has nothing left to keep.
  state.dateOfBirth === undefined || isErased(state.dateOfBirth)
    ? undefined
    : { kind: 'child', subjectId: childId, dateOfBirth: state.dateOfBirth };

const unique = (ids: ReadonlyArray<string>) => [...new Set(ids)];

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const retained = (record: RetentionRecord, covers: ReadonlyArray<string>): RetainedRecord => {
  const ends = retentionEndsOn(record);
  return { record, covers: unique(covers), ...(ends === undefined ? {} : { retentionEndsOn: ends }) };
};

/** Every household's and child's record with its retention and what its erasure covers, by subject id. */
export const retentionRegister = (records: AgencyRecords): ReadonlyArray<RetainedRecord> =>
  [
    ...Object.entries(records.households).map(([id, state]) =>
      retained(householdRetention(id, state), householdSubjects(id, state, records)),
    ),
    ...Object.entries(records.children).flatMap(([id, state]) => {
      const record = childRecord(id, state);
      return record === undefined ? [] : [retained(record, childSubjects(id, records))];
    }),
  ].sort((a, b) => byText(a.record.subjectId, b.record.subjectId));

/**
 * The records whose retention has ended by `on` and that are not yet erased, earliest ending first: the list
 * the issue of erasure starts from (rule `retention`).
 */
export const dueForErasure = (
  register: ReadonlyArray<RetainedRecord>,
  erased: ReadonlySet<string>,
  on: LocalDate,
): ReadonlyArray<RetainedRecord & { readonly retentionEndsOn: LocalDate }> =>
  register
    .filter(
      (entry): entry is RetainedRecord & { readonly retentionEndsOn: LocalDate } =>
        entry.retentionEndsOn !== undefined &&
        entry.retentionEndsOn <= on &&
        !erased.has(entry.record.subjectId),
    )
    .sort(
      (a, b) =>
        byText(a.retentionEndsOn, b.retentionEndsOn) || byText(a.record.subjectId, b.record.subjectId),
    );
