import type { LocalDate } from '../calendar/index.js';
import type { HouseholdState } from './state.js';
import type { Terms } from './terms.js';

export type HouseholdStatus =
  | 'none'
  | 'applicant'
  | 'approved'
  | 'temporarily-approved'
  | 'temporary-approval-lapsed'
  | 'suspended'
  | 'refused'
  | 'resigned'
  | 'terminated';

const reached = (date: LocalDate | undefined, on: LocalDate): date is LocalDate =>
  date !== undefined && date <= on;

export const suspendedOn = (state: HouseholdState, on: LocalDate): boolean =>
  state.suspensions.some((s) => s.suspendedOn <= on && (s.liftedOn === undefined || on < s.liftedOn));

/** The suspension in force at the end of the record, if any. */
export const currentSuspension = (state: HouseholdState) => {
  const last = state.suspensions[state.suspensions.length - 1];
  return last !== undefined && last.liftedOn === undefined ? last : undefined;
};

/**
 * Where the household stands on a date, given everything recorded (endings take effect on their dates). A
 * temporary approval's `expiresOn` is the first day it no longer covers: 16 weeks is exactly 112 days of cover.
 */
export const statusOn = (state: HouseholdState, on: LocalDate): HouseholdStatus => {
  if (!reached(state.applicationReceivedOn, on)) return 'none';
  if (reached(state.refusal?.takesEffectOn, on)) return 'refused';
  if (reached(state.resignation?.approvalEndsOn, on)) return 'resigned';
  if (reached(state.termination?.takesEffectOn, on)) return 'terminated';
  if (reached(state.approvedOn, on)) return suspendedOn(state, on) ? 'suspended' : 'approved';
  if (state.temporary !== undefined && reached(state.temporary.approvedOn, on)) {
    if (on >= state.temporary.expiresOn) return 'temporary-approval-lapsed';
    return suspendedOn(state, on) ? 'suspended' : 'temporarily-approved';
  }
  return 'applicant';
};

/** Whether the household holds an approval on that date (full or temporary, suspended or not). */
export const isApprovedOn = (state: HouseholdState, on: LocalDate): boolean =>
  ['approved', 'temporarily-approved', 'suspended'].includes(statusOn(state, on));

/** The terms in force on a date: a change of terms counts from the day it takes effect. */
export const termsOn = (state: HouseholdState, on: LocalDate): Terms | undefined =>
  [...state.termsHistory].reverse().find((period) => period.effectiveFrom <= on)?.terms;

/** The latest terms recorded, including a change whose notice period has not yet run. */
export const latestTerms = (state: HouseholdState): Terms | undefined =>
  state.termsHistory[state.termsHistory.length - 1]?.terms;

/** The fostered children living in the household on a date. */
export const occupantsOn = (state: HouseholdState, on: LocalDate) =>
  Object.values(state.occupants).filter(
    (o) => o.startedOn <= on && (o.endedOn === undefined || on < o.endedOn),
  );

/** Placements in the household on or after a date: those still open then, and those starting later. */
export const occupantsFrom = (state: HouseholdState, on: LocalDate) =>
  Object.values(state.occupants).filter((o) => o.endedOn === undefined || on < o.endedOn);
