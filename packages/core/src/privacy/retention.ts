import * as E from 'fp-ts/lib/Either.js';
import { addDays, type LocalDate, toPlainDate, tryAddYears } from '../calendar/local-date.js';
import { type RuleViolation, ruleViolation } from '../eventsourcing/errors.js';
import { rules, statutoryNumbers } from '../rules/catalogue.js';

/** What decides how long a subject's record is kept (rule `retention`). */
export type RetentionRecord =
  | {
      readonly kind: 'child';
      readonly subjectId: string;
      readonly dateOfBirth: LocalDate;
      readonly diedOn?: LocalDate;
    }
  /** A foster carer, or a member of an approved household: `approvalEndedOn` absent while still approved. */
  | { readonly kind: 'carer'; readonly subjectId: string; readonly approvalEndedOn?: LocalDate }
  /** An applicant never approved: `refusedOrWithdrawnOn` absent while the application is still open. */
  | { readonly kind: 'applicant'; readonly subjectId: string; readonly refusedOrWithdrawnOn?: LocalDate };

/**
 * `years` after `from`, never earlier: an anniversary of 29 February falls on 1 March in a common year (the
 * later of the two candidates, so that nothing is erased a day early). Undefined past the calendar's end.
 */
const yearsAfter = (from: LocalDate, years: number): LocalDate | undefined => {
  const to = tryAddYears(from, years);
  if (to === undefined) return undefined;
  return toPlainDate(to).day === toPlainDate(from).day ? to : addDays(to, 1);
};

/**
 * The first day the subject's record may be erased, or undefined while its retention has not begun (a carer
 * still approved) or ends beyond the calendar. A child's record is kept until their 75th birthday, or for 15
 * years after a death before their 18th (CPPR 50); a carer's for 10 years after approval ends, a refused or
 * withdrawn applicant's for 3 (FSR 32).
 */
export const retentionEndsOn = (record: RetentionRecord): LocalDate | undefined => {
  switch (record.kind) {
    case 'child': {
      const adult = yearsAfter(record.dateOfBirth, statutoryNumbers.childDiedYoungBeforeAge);
      if (record.diedOn !== undefined && adult !== undefined && record.diedOn < adult) {
        return yearsAfter(record.diedOn, statutoryNumbers.childDiedYoungRecordYears);
      }
      return yearsAfter(record.dateOfBirth, statutoryNumbers.childRecordUntilAge);
    }
    case 'carer':
      return record.approvalEndedOn === undefined
        ? undefined
        : yearsAfter(record.approvalEndedOn, statutoryNumbers.carerRecordYears);
    case 'applicant':
      return record.refusedOrWithdrawnOn === undefined
        ? undefined
        : yearsAfter(record.refusedOrWithdrawnOn, statutoryNumbers.refusedApplicantRecordYears);
  }
};

const whose: Record<RetentionRecord['kind'], string> = {
  child: "child's case record",
  carer: "carer's record",
  applicant: "applicant's record",
};

const notBegun: Record<RetentionRecord['kind'], string> = {
  child: "is kept beyond the calendar's end",
  carer: `is kept for ${statutoryNumbers.carerRecordYears} years after approval ends, and their approval has not ended`,
  applicant: `is kept for ${statutoryNumbers.refusedApplicantRecordYears} years after a refusal or withdrawal, and the application is still open`,
};

/**
 * Whether the subject may be erased on `on`: refused under rule `retention` until the record's retention has
 * ended, naming the earliest date erasure will be allowed (`details.earliestErasure`; absent while it cannot be
 * known yet).
 */
export const checkErasure = (
  record: RetentionRecord,
  on: LocalDate,
): E.Either<RuleViolation, { readonly retentionEndedOn: LocalDate }> => {
  const ends = retentionEndsOn(record);
  if (ends === undefined) {
    return E.left(
      ruleViolation(
        rules.retention,
        `'${record.subjectId}' may not be erased: the ${whose[record.kind]} ${notBegun[record.kind]} (${rules.retention.citation})`,
        { field: 'subjectId', details: { subjectId: record.subjectId } },
      ),
    );
  }
  if (on < ends) {
    return E.left(
      ruleViolation(
        rules.retention,
        `'${record.subjectId}' may not be erased before ${ends}: the ${whose[record.kind]} must be kept until then (${rules.retention.citation})`,
        { field: 'subjectId', details: { subjectId: record.subjectId, earliestErasure: ends } },
      ),
    );
  }
  return E.right({ retentionEndedOn: ends });
};

/** The subjects whose retention has ended by `on`, each with the day it ended, earliest first. */
export const retentionEnded = (
  records: ReadonlyArray<RetentionRecord>,
  on: LocalDate,
): ReadonlyArray<{
  readonly subjectId: string;
  readonly kind: RetentionRecord['kind'];
  readonly endedOn: LocalDate;
}> =>
  records
    .flatMap((record) => {
      const endedOn = retentionEndsOn(record);
      return endedOn !== undefined && endedOn <= on
        ? [{ subjectId: record.subjectId, kind: record.kind, endedOn }]
        : [];
    })
    .sort((a, b) =>
      a.endedOn < b.endedOn ? -1 : a.endedOn > b.endedOn ? 1 : a.subjectId < b.subjectId ? -1 : 1,
    );
