import type { LocalDate } from '../../calendar/index.js';
import { type Collector, type ComplianceContext, shiftWithinCalendar } from '../../compliance/context.js';
import type { Subject } from '../../compliance/index.js';
import { ownValue, shownOrErased } from '../../eventsourcing/index.js';
import { rules, statutoryNumbers } from '../../rules/index.js';
import type { TrainingCourse } from '../events/household.js';
import type { HouseholdState } from '../state.js';
import { termsOn } from '../status.js';
import { sameTerms, type Terms } from '../terms.js';

const lastOf = (dates: ReadonlyArray<LocalDate>): LocalDate | undefined =>
  dates.reduce<LocalDate | undefined>(
    (latest, d) => (latest === undefined || d > latest ? d : latest),
    undefined,
  );

/** The date the current approval began: full approval, or the temporary one before it. */
const approvalStart = (state: HouseholdState): LocalDate =>
  (state.approvedOn ?? state.temporary?.approvedOn) as LocalDate;

/**
 * Rule `annual-review` (FSR 28): within a year of approval, then at most a year apart. Undefined without a full
 * approval, or when the next review would fall due after 9999-12-31 (it is never overdue within the calendar):
 * placing a child reads this, so it must not throw for a late date on record.
 */
export const reviewDueOn = (state: HouseholdState): LocalDate | undefined => {
  if (state.approvedOn === undefined) return undefined;
  const last = lastOf(state.reviews.map((r) => r.reviewedOn)) ?? state.approvedOn;
  return shiftWithinCalendar(last, statutoryNumbers.reviewIntervalMonths, 'months');
};

const annualReview = (state: HouseholdState, subject: Subject, collect: Collector) => {
  const dueOn = reviewDueOn(state);
  if (dueOn === undefined) return;
  collect.deadline({
    rule: rules.annualReview,
    code: 'annual-review',
    subject,
    description: state.reviews.length === 0 ? 'first annual review (goes to panel)' : 'annual review',
    dueOn,
  });
};

/** Rule `tsds` (NMS 20): every approved adult, 12 months from approval (18 for family and friends carers). */
const tsds = (state: HouseholdState, subject: Subject, collect: Collector) => {
  const months =
    state.route === 'family-and-friends'
      ? statutoryNumbers.tsdsFamilyAndFriendsMonths
      : statutoryNumbers.tsdsMonths;
  for (const adultId of Object.keys(state.applicants)) {
    collect.deadline({
      rule: rules.tsds,
      code: 'tsds',
      subject: { ...subject, adultId },
      description: 'Training, Support and Development Standards completed',
      dueOn: shiftWithinCalendar(approvalStart(state), months, 'months'),
      metOn: ownValue(state.training, adultId)?.tsds,
    });
  }
};

const refreshMonths = (course: Exclude<TrainingCourse, 'tsds'>, context: ComplianceContext): number => {
  const periods = context.policy.approvals.trainingRefreshMonths;
  return course === 'first-aid'
    ? periods.firstAid
    : course === 'parent-and-child'
      ? periods.parentAndChild
      : periods.safeguarding;
};

/**
 * Rule `training` (FSR 17(1)): safeguarding and first aid for every approved adult, and parent-and-child
 * training where the terms allow parent-and-child placements; each refreshed as agency policy says.
 */
const training = (
  state: HouseholdState,
  subject: Subject,
  context: ComplianceContext,
  collect: Collector,
) => {
  const terms = termsOn(state, context.asOf);
  const courses: Array<Exclude<TrainingCourse, 'tsds'>> = ['safeguarding', 'first-aid'];
  if (terms?.placementTypes.includes('parent-and-child')) courses.push('parent-and-child');
  for (const adultId of Object.keys(state.applicants)) {
    for (const course of courses) {
      const completedOn = ownValue(state.training, adultId)?.[course];
      const who = { ...subject, adultId };
      if (completedOn === undefined || completedOn > context.asOf) {
        collect.finding({
          rule: rules.training,
          code: `training-missing-${course}`,
          subject: who,
          message: `no ${course} training recorded for ${shownOrErased(ownValue(state.applicants, adultId)?.name ?? adultId)}`,
        });
        continue;
      }
      collect.deadline({
        rule: rules.training,
        code: `training-expiry-${course}`,
        subject: who,
        description: `${course} training refreshed`,
        dueOn: shiftWithinCalendar(completedOn, refreshMonths(course, context), 'months'),
      });
    }
  }
};

/**
 * Rules `ssw` (NMS 21.8) and `home-check` (NMS 10.5): a named worker, an unannounced visit and a home check a
 * year. A visit or check due after 9999-12-31 is left out (`Collector.deadline`).
 */
const supervision = (state: HouseholdState, subject: Subject, collect: Collector) => {
  if (state.ssw === undefined) {
    collect.finding({
      rule: rules.ssw,
      code: 'ssw-not-allocated',
      subject,
      message: 'no supervising social worker is allocated',
    });
  }
  const start = approvalStart(state);
  collect.deadline({
    rule: rules.ssw,
    code: 'unannounced-visit',
    subject,
    description: 'unannounced supervisory visit',
    dueOn: shiftWithinCalendar(
      state.lastUnannouncedVisitOn ?? start,
      statutoryNumbers.unannouncedVisitsIntervalMonths,
      'months',
    ),
  });
  collect.deadline({
    rule: rules.homeCheck,
    code: 'home-check',
    subject,
    description: 'annual check of the foster home',
    dueOn: shiftWithinCalendar(
      state.lastHomeCheckOn ?? start,
      statutoryNumbers.homeCheckIntervalMonths,
      'months',
    ),
  });
};

/** Rule `risk-complete` (NMS 26.2), the household part: every pet has a pet risk assessment. */
const petRisk = (state: HouseholdState, subject: Subject, context: ComplianceContext, collect: Collector) => {
  for (const [petId, pet] of Object.entries(state.pets)) {
    const present =
      pet.recordedOn <= context.asOf && (pet.removedOn === undefined || pet.removedOn > context.asOf);
    const assessedOn = ownValue(state.petRiskAssessments, petId);
    if (present && (assessedOn === undefined || assessedOn > context.asOf)) {
      collect.finding({
        rule: rules.riskComplete,
        code: 'pet-risk-assessment-missing',
        subject: { ...subject, petId },
        message: `no pet risk assessment for the ${pet.species} recorded on ${pet.recordedOn}`,
      });
    }
  }
};

/** Findings about the terms themselves and the agreement (FSR 27(5)). */
const termsAndAgreement = (
  state: HouseholdState,
  subject: Subject,
  context: ComplianceContext,
  collect: Collector,
) => {
  const terms: Terms | undefined = termsOn(state, context.asOf);
  const template = context.policy.approvals.defaultTerms;
  if (context.policy.approvals.flagDefaultTerms && terms !== undefined && sameTerms(terms, template)) {
    collect.finding({
      rule: rules.approvalBeforePlacement,
      code: 'default-terms',
      subject,
      message: 'the terms of approval are the agency-wide default, not set for this household',
    });
  }
  if (state.agreementSignedOn === undefined || state.agreementSignedOn > context.asOf) {
    collect.finding({
      rule: rules.approvalBeforePlacement,
      code: 'agreement-unsigned',
      subject,
      message: 'approved, but no foster care agreement has been signed: no child may be placed',
    });
  }
};

export const approvedHouseholdChecks = (
  state: HouseholdState,
  subject: Subject,
  context: ComplianceContext,
  collect: Collector,
): void => {
  annualReview(state, subject, collect);
  tsds(state, subject, collect);
  training(state, subject, context, collect);
  supervision(state, subject, collect);
  petRisk(state, subject, context, collect);
  termsAndAgreement(state, subject, context, collect);
};
