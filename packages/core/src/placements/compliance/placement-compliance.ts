import type { HouseholdState } from '../../approvals/state.js';
import { occupantsOn, statusOn, termsOn } from '../../approvals/status.js';
import type { LocalDate } from '../../calendar/index.js';
import { healthNeedsNotCovered } from '../../children/compliance/health-needs.js';
import type { ChildState } from '../../children/state.js';
import { type ComplianceContext, collector, shiftWithinCalendar } from '../../compliance/context.js';
import {
  type Deadline,
  type Finding,
  findingOfDeadline,
  judgeDeadline,
  type Subject,
} from '../../compliance/index.js';
import { isErased, shownOrErased } from '../../eventsourcing/index.js';
import { rules, statutoryNumbers } from '../../rules/index.js';
import { ageOn, birthdayWithin } from '../start/decide-start.js';
import type { PlacementState } from '../state.js';

export interface PlacementCompliance {
  readonly placementId: string;
  readonly deadlines: ReadonlyArray<Deadline>;
  readonly findings: ReadonlyArray<Finding>;
}

type Started = NonNullable<PlacementState['started']>;

/**
 * Whether the household's terms in force on `on` cover this placement: type, age, support package (when the
 * terms list any, as `decideStart` reads them) and number of fostered children. An erased date of birth
 * (erasure comes only after the child's 75th birthday) can no longer show an age: the other criteria decide,
 * rather than an age invented or a breach reported that the record cannot show.
 */
const coveredByTermsOn = (
  started: Started,
  household: HouseholdState,
  child: ChildState,
  on: LocalDate,
): boolean => {
  const terms = termsOn(household, on);
  if (terms === undefined || child.dateOfBirth === undefined) return false;
  const age = isErased(child.dateOfBirth) ? undefined : ageOn(child.dateOfBirth, on);
  const ageFits = age === undefined || (age >= terms.ageRange.minAge && age <= terms.ageRange.maxAge);
  const fostered = occupantsOn(household, on).filter((o) => o.placementType !== 'staying-put').length;
  const packageAllowed =
    terms.supportPackages.length === 0 || terms.supportPackages.includes(started.supportPackage);
  return (
    terms.placementTypes.includes(started.placementType) &&
    ageFits &&
    packageAllowed &&
    fostered <= terms.maxChildren
  );
};

/** The first day on or after `from` (up to `to`) the terms in force cover the placement, if any. */
const firstCoveredDay = (
  started: Started,
  household: HouseholdState,
  child: ChildState,
  from: LocalDate,
  to: LocalDate,
): LocalDate | undefined =>
  [from, ...household.termsHistory.map((p) => p.effectiveFrom).filter((day) => day > from && day <= to)]
    .sort()
    .find((day) => coveredByTermsOn(started, household, child, day));

/**
 * The placement's own obligations on `context.asOf`: an emergency outside the terms ends or the terms change
 * within 6 working days (`terms`); a connected-person placement ends when the temporary approval lapses
 * (`temporary-approval`); staying put ends by 21 (`staying-put`); the household's safe-care plan covers every
 * allergy and medical need of the child (`risk-complete`).
 */
export const placementCompliance = (
  placement: PlacementState,
  household: HouseholdState,
  child: ChildState,
  context: ComplianceContext,
): PlacementCompliance => {
  const started = placement.started;
  const { asOf } = context;
  if (started === undefined || started.startedOn > asOf) {
    return { placementId: started?.placementId ?? '', deadlines: [], findings: [] };
  }
  const subject: Subject = {
    placementId: started.placementId,
    childId: started.childId,
    householdId: started.householdId,
  };
  const endedOn = placement.ended?.endedOn;
  const open = endedOn === undefined || endedOn > asOf;
  const { collect, deadlines, findings } = collector(context);

  if (started.outsideTermsUntil !== undefined) {
    const covered = firstCoveredDay(started, household, child, started.startedOn, asOf);
    const metOn = [endedOn, covered].filter((d): d is LocalDate => d !== undefined).sort()[0];
    collect.deadline({
      rule: rules.terms,
      code: 'emergency-outside-terms',
      subject,
      description: 'emergency placement outside the terms ended, or the terms changed, within 6 working days',
      dueOn: started.outsideTermsUntil,
      ...(metOn === undefined ? {} : { metOn }),
    });
  }
  const temporary = household.temporary;
  const approvedOn = household.approvedOn;
  // Only a placement made under the temporary approval ends with it; one made after full approval does not.
  const underTemporary = approvedOn === undefined || started.startedOn < approvedOn;
  if (temporary !== undefined && temporary.childId === started.childId && underTemporary) {
    const metOn = [endedOn, approvedOn].filter((d): d is LocalDate => d !== undefined).sort()[0];
    collect.deadline({
      rule: rules.temporaryApproval,
      code: 'placement-ends-with-temporary-approval',
      subject,
      description: `placement ended or the carers fully approved before the temporary approval expires on ${temporary.expiresOn}`,
      // `expiresOn` is the first day it no longer covers, and `endedOn` the first day without the child.
      dueOn: temporary.expiresOn,
      ...(metOn === undefined ? {} : { metOn }),
    });
  }
  // An erased date of birth leaves no 21st birthday to count to: the deadline goes with it.
  if (
    started.placementType === 'staying-put' &&
    child.dateOfBirth !== undefined &&
    !isErased(child.dateOfBirth)
  ) {
    // A 21st birthday after 9999-12-31 is not due within the calendar: the deadline is left out.
    const turns21 = birthdayWithin(child.dateOfBirth, statutoryNumbers.stayingPutUntilAge);
    collect.deadline({
      rule: rules.stayingPut,
      code: 'staying-put-ends-at-21',
      subject,
      description: 'staying put ends before the young person turns 21',
      dueOn: turns21 === undefined ? undefined : shiftWithinCalendar(turns21, -1, 'days'),
      ...(endedOn === undefined ? {} : { metOn: endedOn }),
    });
  }
  if (open && statusOn(household, asOf) !== 'none') {
    for (const need of healthNeedsNotCovered(child, household.safeCarePlan?.covers ?? [], asOf)) {
      collect.finding({
        rule: rules.riskComplete,
        code: 'health-need-not-in-safe-care-plan',
        subject: { ...subject, householdId: started.householdId },
        message: `the household's safe-care plan does not cover the child's ${need.kind}: ${shownOrErased(need.description)}`,
      });
    }
  }
  const judged = deadlines.map((d) => judgeDeadline(d, asOf, context.policy.approvals.dueSoonDays));
  const late = judged.map(findingOfDeadline).filter((f): f is Finding => f !== undefined);
  return { placementId: started.placementId, deadlines: judged, findings: [...findings, ...late] };
};
