import * as E from 'fp-ts/lib/Either.js';
import { placementEligibility } from '../../approvals/placement-eligibility.js';
import type { HouseholdState } from '../../approvals/state.js';
import { occupantsFrom, occupantsOn, termsOn } from '../../approvals/status.js';
import type { LimitExemption, Terms } from '../../approvals/terms.js';
import {
  addDays,
  addYears,
  type LocalDate,
  toPlainDate,
  tryAddDays,
  tryAddYears,
  type WorkingDayCalendar,
} from '../../calendar/index.js';
import {
  allKnown,
  invalidCommand,
  isErased,
  ownValue,
  type RuleRef,
  refusedAsErased,
  ruleViolation,
} from '../../eventsourcing/index.js';
import { rules, statutoryNumbers } from '../../rules/index.js';
import type { StartPlacement } from '../commands.js';
import type { PlacementError } from '../decider.js';
import { type ChildFacts, placementOn, placementOverlapping } from './child-facts.js';

/** What a start decision needs: the household's and child's records, and sibling links of the children there. */
export interface StartFacts {
  readonly household: HouseholdState;
  readonly child: ChildFacts;
  /** Siblings recorded on the streams of the children already placed in the household. */
  readonly occupantSiblings: Readonly<Record<string, ReadonlyArray<string>>>;
  readonly calendar: WorkingDayCalendar;
}

export interface StartDecision {
  /** Set when an emergency placement falls outside the terms: it must end, or the terms change, by then. */
  readonly outsideTermsUntil?: LocalDate;
  readonly exemptionId?: string;
  /** Advice that does not refuse the placement (rule `annual-review`: placing while the review is overdue). */
  readonly warnings: ReadonlyArray<{ readonly rule: RuleRef; readonly message: string }>;
  readonly carerNames: ReadonlyArray<string>;
}

const refuse = (rule: RuleRef, message: string, field: string, details?: Record<string, unknown>) =>
  E.left(ruleViolation(rule, message, details === undefined ? { field } : { field, details }));

/** Whole years of age on a date (someone born on 29 February turns a year older on 1 March in other years). */
export const ageOn = (dateOfBirth: LocalDate, on: LocalDate): number =>
  on < dateOfBirth ? 0 : toPlainDate(dateOfBirth).until(toPlainDate(on), { largestUnit: 'years' }).years;

/** The day someone turns `years` old, consistent with `ageOn`. */
export const birthday = (dateOfBirth: LocalDate, years: number): LocalDate => {
  const day = addYears(dateOfBirth, years);
  return dateOfBirth.endsWith('-02-29') && !day.endsWith('-02-29') ? addDays(day, 1) : day;
};

/** Like `birthday`, or undefined when that day is after 9999-12-31: for reads, which must not throw. */
export const birthdayWithin = (dateOfBirth: LocalDate, years: number): LocalDate | undefined => {
  const day = tryAddYears(dateOfBirth, years);
  if (day === undefined) return undefined;
  return dateOfBirth.endsWith('-02-29') && !day.endsWith('-02-29') ? tryAddDays(day, 1) : day;
};

const siblings = (facts: StartFacts, a: string, b: string): boolean =>
  (a === facts.child.childId ? facts.child.siblingIds : (ownValue(facts.occupantSiblings, a) ?? [])).includes(
    b,
  ) ||
  (b === facts.child.childId ? facts.child.siblingIds : (ownValue(facts.occupantSiblings, b) ?? [])).includes(
    a,
  );

/** An exemption that names every child and is in force on the date. */
const coveringExemption = (
  terms: Terms,
  childIds: ReadonlyArray<string>,
  on: LocalDate,
): LimitExemption | undefined =>
  terms.exemptions.find(
    (e) =>
      e.grantedOn <= on &&
      (e.endsOn === undefined || on < e.endsOn) &&
      childIds.every((id) => e.childIds.includes(id)),
  );

/** Rule `staying-put` (CA89 s23CZA): 18 to 21, and only with the carers the young person lived with at 18. */
const stayingPut = (
  command: StartPlacement,
  child: ChildFacts,
  dob: LocalDate,
  age: number,
): E.Either<PlacementError, void> => {
  if (command.placementType !== 'staying-put') {
    return age >= statutoryNumbers.stayingPutFromAge
      ? refuse(
          rules.stayingPut,
          'a young person of 18 or over can only stay put with former foster carers',
          'placementType',
        )
      : E.right(undefined);
  }
  const { stayingPutFromAge: from, stayingPutUntilAge: until } = statutoryNumbers;
  if (age < from || age >= until) {
    return refuse(
      rules.stayingPut,
      `staying put is from ${from} to ${until}; the young person is ${age}`,
      'startedOn',
    );
  }
  const eighteenth = birthday(dob, statutoryNumbers.stayingPutFromAge);
  // The foster placement ends as the young person turns 18 and staying put begins that day, so "placed with
  // them on the 18th birthday" means living there on the eve of it.
  const atEighteen = placementOn(child, addDays(eighteenth, -1));
  return atEighteen?.householdId === command.householdId
    ? E.right(undefined)
    : refuse(
        rules.stayingPut,
        `the young person was not placed with this household on their 18th birthday (${eighteenth})`,
        'householdId',
      );
};

/** Rule `bedroom` (NMS 10.6): a child over 3 shares only with a written agreement and an assessment. */
const bedroom = (command: StartPlacement, age: number): E.Either<PlacementError, void> => {
  const { shared, sharingAgreedOn, sharingAssessedOn } = command.bedroom;
  if (!shared || age < statutoryNumbers.ownBedroomFromAge) return E.right(undefined);
  const recorded = (date: LocalDate | undefined) => date !== undefined && date <= command.startedOn;
  return recorded(sharingAgreedOn) && recorded(sharingAssessedOn)
    ? E.right(undefined)
    : refuse(
        rules.bedroom,
        'a child over 3 may share a bedroom only with a recorded agreement and assessment',
        'bedroom',
      );
};

/**
 * Decides whether a child may be placed in a household: approval and agreement, temporary approval for that
 * child, staying put, bedroom sharing, the terms (or an emergency outside them for 6 working days) and the usual
 * fostering limit (siblings or a named exemption). Pure: the placement process supplies the records it read.
 */
export const decideStart = (
  command: StartPlacement,
  facts: StartFacts,
): E.Either<PlacementError, StartDecision> => {
  const { household, child } = facts;
  const on = command.startedOn;
  if (!child.registered || child.dateOfBirth === undefined) {
    return E.left(invalidCommand('childId', 'must be a registered child'));
  }
  const dateOfBirth = child.dateOfBirth;
  if (isErased(dateOfBirth)) return E.left(refusedAsErased(dateOfBirth));
  const carerNames = allKnown(Object.values(household.applicants).map((a) => a.name));
  if (E.isLeft(carerNames)) return E.left(refusedAsErased(carerNames.left));
  const overlapping = placementOverlapping(child, on);
  if (overlapping !== undefined) {
    return E.left({
      _tag: 'NotAllowedNow',
      message: `the child is in placement ${overlapping.placementId} from ${overlapping.startedOn}`,
      field: 'childId',
    });
  }
  const eligible = placementEligibility(household, on);
  if (E.isLeft(eligible)) return eligible;
  const { terms, temporary, reviewOverdue } = eligible.right;
  if (temporary !== undefined && temporary.childId !== command.childId) {
    return refuse(
      rules.temporaryApproval,
      `the temporary approval covers only child ${temporary.childId}`,
      'childId',
    );
  }
  const age = ageOn(dateOfBirth, on);
  const personal = E.flatMap(stayingPut(command, child, dateOfBirth, age), () => bedroom(command, age));
  if (E.isLeft(personal)) return personal;

  // The new placement is open-ended, so the household must fit on its first day and on every later day
  // another placement already recorded begins. Staying put is not fostering: it counts toward neither.
  const fosteredOn = (day: LocalDate) =>
    occupantsOn(household, day)
      .filter((o) => o.placementType !== 'staying-put')
      .map((o) => o.childId);
  const checkpoints = [
    on,
    ...occupantsFrom(household, on)
      .map((o) => o.startedOn)
      .filter((s) => s > on),
  ];
  const groups = checkpoints.map((day) => ({ day, children: [...fosteredOn(day), command.childId] }));
  const together = groups
    .map((g) => g.children)
    .reduce((largest, group) => (group.length > largest.length ? group : largest));
  const outside: string[] = [];
  if (command.placementType !== 'staying-put') {
    if (!terms.placementTypes.includes(command.placementType))
      outside.push(`placement type ${command.placementType}`);
    if (age < terms.ageRange.minAge || age > terms.ageRange.maxAge) outside.push(`age ${age}`);
    // An empty list in the terms places no restriction on packages (older approvals did not record them).
    if (terms.supportPackages.length > 0 && !terms.supportPackages.includes(command.supportPackage)) {
      outside.push(`support package ${command.supportPackage}`);
    }
    if (together.length > terms.maxChildren)
      outside.push(`${together.length} children (terms allow ${terms.maxChildren})`);
  }
  let outsideTermsUntil: LocalDate | undefined;
  if (outside.length > 0) {
    if (command.emergency !== true) {
      return refuse(rules.terms, `outside the terms of approval: ${outside.join(', ')}`, 'householdId', {
        outside,
      });
    }
    const until = facts.calendar.addWorkingDays(on, statutoryNumbers.emergencyOutsideTermsWorkingDays);
    if (E.isLeft(until)) return E.left(invalidCommand('startedOn', until.left.message));
    outsideTermsUntil = until.right;
  }

  let exemptionId: string | undefined;
  const overLimit = groups.filter((g) => g.children.length > statutoryNumbers.usualFosteringLimit);
  if (command.placementType !== 'staying-put') {
    for (const { day, children: group } of overLimit) {
      const allSiblings = group.every((a, i) => group.slice(i + 1).every((b) => siblings(facts, a, b)));
      if (allSiblings) continue;
      // The exemption must be in force on the day this group is together, under the terms of that day.
      const exemption = coveringExemption(termsOn(household, day) ?? terms, group, day);
      if (exemption === undefined) {
        return refuse(
          rules.limit,
          `${group.length} fostered children would exceed the usual fostering limit of 3`,
          'householdId',
          {
            children: group,
          },
        );
      }
      exemptionId = exemption.exemptionId;
    }
  }
  return E.right({
    ...(outsideTermsUntil === undefined ? {} : { outsideTermsUntil }),
    ...(exemptionId === undefined ? {} : { exemptionId }),
    warnings: reviewOverdue
      ? [{ rule: rules.annualReview, message: 'the carers’ annual review is overdue' }]
      : [],
    carerNames: carerNames.right,
  });
};
