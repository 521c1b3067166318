import { type LocalDate, unsafeLocalDate } from '../../calendar/index.js';
import type { ApprovalRoute, HouseholdEvent, PreviousService } from '../events/index.js';
import * as ev from '../events/index.js';
import type { Terms, TermsInput } from '../terms.js';

/**
 * Typical histories of one fostering household, for given/when/then specifications of `householdDecider`.
 * Dates are literal so that every expected event in a specification can be read off the page.
 */

export const d = unsafeLocalDate;

export const householdId = 'household-morgan';
export const firstCarer = { adultId: 'adult-alex', name: 'Alex Morgan' } as const;
export const secondCarer = { adultId: 'adult-sam', name: 'Sam Morgan' } as const;
export const childId = 'child-riley';

/** The mainstream journey, from application to a signed foster care agreement. */
export const on = {
  application: d('2025-01-06'),
  stageOne: d('2025-01-13'),
  stageTwo: d('2025-03-03'),
  course: d('2025-03-20'),
  firstReferee: d('2025-04-01'),
  secondReferee: d('2025-04-08'),
  report: d('2025-05-01'),
  papersSent: d('2025-05-19'),
  panel: d('2025-06-02'),
  minutes: d('2025-06-05'),
  approval: d('2025-06-10'),
  agreement: d('2025-06-12'),
  firstReview: d('2026-05-20'),
  reviewPanel: d('2026-06-01'),
  /** The family-and-friends journey: temporary approval four days after the application. */
  temporaryApproval: d('2025-01-10'),
  /** 16 weeks after the temporary approval. */
  temporaryExpiry: d('2025-05-02'),
} as const;

/** Terms as the decider stores them. */
export const terms: Terms = {
  maxChildren: 2,
  ageRange: { minAge: 5, maxAge: 12 },
  placementTypes: ['short-term', 'long-term'],
  supportPackages: ['enhanced'],
  exemptions: [],
};

/** The same terms as a command carries them (no exemptions given: the decider fills in none). */
export const termsInput: TermsInput = {
  maxChildren: 2,
  ageRange: { minAge: 5, maxAge: 12 },
  placementTypes: ['short-term', 'long-term'],
  supportPackages: ['enhanced'],
};

/** Wider terms, for a change of terms. */
export const widerTerms: Terms = {
  maxChildren: 3,
  ageRange: { minAge: 0, maxAge: 17 },
  placementTypes: ['short-term', 'long-term', 'emergency'],
  supportPackages: ['enhanced', 'intensive'],
  exemptions: [],
};

/** The "default terms" the inspection found: an age range and types, but no maximum number of children. */
export const termsWithoutMaximum: TermsInput = {
  ageRange: { minAge: 0, maxAge: 18 },
  placementTypes: ['short-term', 'long-term'],
};

export interface ApplicationOptions {
  readonly route?: ApprovalRoute;
  readonly receivedOn?: LocalDate;
  readonly previousServices?: ReadonlyArray<PreviousService>;
}

export const applicationReceived = (options: ApplicationOptions = {}) =>
  ev.ApplicationReceived.create({
    householdId,
    receivedOn: options.receivedOn ?? on.application,
    route: options.route ?? 'mainstream',
    applicants: [firstCarer, secondCarer],
    previousServices: [...(options.previousServices ?? [])],
  });

export const refereeInterviewed = (refereeId: string, interviewedOn: LocalDate) =>
  ev.RefereeInterviewed.create({
    refereeId,
    name: `Referee ${refereeId}`,
    relationship: 'friend of twenty years',
    interviewedOn,
  });

export const twoRefereesInterviewed = (): HouseholdEvent[] => [
  refereeInterviewed('referee-1', on.firstReferee),
  refereeInterviewed('referee-2', on.secondReferee),
];

/** An application has been received, and nothing else. */
export const anApplication = (options: ApplicationOptions = {}): HouseholdEvent[] => [
  applicationReceived(options),
];

/**
 * Assessed and ready for panel: both stages, the course, the assessment report with terms, panel booked.
 * Referees are given separately so that specifications of rule `referees` can vary them.
 */
export const assessedHousehold = (
  options: ApplicationOptions & { readonly referees?: ReadonlyArray<HouseholdEvent> } = {},
): HouseholdEvent[] => [
  ...anApplication(options),
  ev.AssessmentStarted.create({ stage: 1, startedOn: on.stageOne }),
  ev.AssessmentStarted.create({ stage: 2, startedOn: on.stageTwo }),
  ev.TherapeuticCourseCompleted.create({ adultId: firstCarer.adultId, completedOn: on.course }),
  ev.TherapeuticCourseCompleted.create({ adultId: secondCarer.adultId, completedOn: on.course }),
  ...(options.referees ?? twoRefereesInterviewed()),
  ev.AssessmentReportCompleted.create({ completedOn: on.report, proposedTerms: terms }),
  ev.PanelScheduled.create({ panelOn: on.panel, papersSentOn: on.papersSent }),
];

export const panelRecommendedApproval = () =>
  ev.PanelRecommendationMade.create({
    panelOn: on.panel,
    recommendation: 'approve',
    minutesFinalisedOn: on.minutes,
    recommendedTerms: terms,
  });

/** Panel has recommended approval; the agency decision maker has not yet decided. */
export const recommendedHousehold = (options: ApplicationOptions = {}): HouseholdEvent[] => [
  ...assessedHousehold(options),
  panelRecommendedApproval(),
];

/** Approved with written terms, without a foster care agreement yet. */
export const approvedWithoutAgreement = (): HouseholdEvent[] => [
  ...recommendedHousehold(),
  ev.HouseholdApproved.create({ decidedOn: on.approval, terms }),
];

/** Approved with written terms and a foster care agreement signed by both carers. */
export const approvedHousehold = (): HouseholdEvent[] => [
  ...approvedWithoutAgreement(),
  ev.FosterCareAgreementSigned.create({
    signedOn: on.agreement,
    signedBy: [firstCarer.adultId, secondCarer.adultId],
  }),
];

/** Approved, and the first annual review has been to panel. */
export const reviewedHousehold = (): HouseholdEvent[] => [
  ...approvedHousehold(),
  ev.AnnualReviewHeld.create({ reviewedOn: on.firstReview, outcome: 'continue', panelOn: on.reviewPanel }),
];

/** Approved, then suspended. */
export const suspendedHousehold = (suspendedOn: LocalDate = d('2025-09-01')): HouseholdEvent[] => [
  ...approvedHousehold(),
  ev.ApprovalSuspended.create({ suspendedOn, reason: 'allegation under investigation' }),
];

/** A connected person (family-and-friends route) temporarily approved for one child, for the full 16 weeks. */
export const temporarilyApprovedHousehold = (): HouseholdEvent[] => [
  ...anApplication({ route: 'family-and-friends' }),
  ev.TemporarilyApproved.create({
    approvedOn: on.temporaryApproval,
    childId,
    expiresOn: on.temporaryExpiry,
    terms,
  }),
];
