import type { RuleRef } from '../eventsourcing/index.js';

export type RuleKind = 'block' | 'alert' | 'policy';

/** A rule from the domain brief: id, source and kind exactly as there, so every refusal and finding can cite it. */
export interface Rule extends RuleRef {
  readonly summary: string;
  readonly kinds: ReadonlyArray<RuleKind>;
}

const rule = (id: string, citation: string, kinds: ReadonlyArray<RuleKind>, summary: string): Rule => ({
  id,
  citation,
  kinds,
  summary,
});

/**
 * The rules catalogue (domain.md, "Rules with numbers"). Statutory numbers live in `statutoryNumbers` below;
 * agency-policy numbers are configuration (`AgencyPolicy`), never literals in rule code.
 */
export const rules = {
  limit: rule(
    'limit',
    'CA89 s63(12), Sched 7',
    ['block'],
    'No more than 3 fostered children unless siblings or exempted',
  ),
  terms: rule(
    'terms',
    'CPPR 23',
    ['block'],
    'A placement fits the terms of approval; emergency outside terms 6 working days',
  ),
  approvalBeforePlacement: rule(
    'approval-before-placement',
    'FSR 27(5)',
    ['block'],
    'No placement before approval with written terms and a signed foster care agreement',
  ),
  referees: rule(
    'referees',
    'FSR 26(1A)',
    ['block'],
    '2 personal referees interviewed before panel; previous service reference',
  ),
  panelTiming: rule(
    'panel-timing',
    'NMS 14',
    ['alert'],
    'Papers 5 working days before panel; recommendation within 8 months',
  ),
  admDecision: rule(
    'adm-decision',
    'NMS 14',
    ['alert'],
    'Decision within 7 working days of recommendation and final minutes',
  ),
  notice28: rule(
    'notice-28',
    'FSR 27-28',
    ['block'],
    'Refusal, termination, change of terms: 28 days notice; resignation ends in 28',
  ),
  annualReview: rule(
    'annual-review',
    'FSR 28',
    ['alert'],
    'Approval reviewed within a year, then yearly; first review to panel',
  ),
  temporaryApproval: rule(
    'temporary-approval',
    'CPPR 24-25',
    ['block'],
    'Connected person: 16 weeks, extendable once by 8',
  ),
  placementPlan: rule(
    'placement-plan',
    'CPPR 9',
    ['alert'],
    'Placement plan before placement or within 5 working days',
  ),
  childVisits: rule(
    'child-visits',
    'CPPR 28',
    ['alert'],
    'Social worker visits: 1 week, then 6 weeks, then 3 months',
  ),
  lacReviews: rule('lac-reviews', 'CPPR 33', ['alert'], 'Reviews: 20 working days, 3 months, then 6 months'),
  shortBreaks: rule('short-breaks', 'CPPR 48', ['block'], 'Short breaks total at most 75 days in 12 months'),
  stayingPut: rule(
    'staying-put',
    'CA89 s23CZA',
    ['block'],
    'Staying put 18 to 21, only if placed on the 18th birthday',
  ),
  ssw: rule('ssw', 'NMS 21.8', ['alert'], 'A named supervising social worker; an unannounced visit a year'),
  homeCheck: rule('home-check', 'NMS 10.5', ['alert'], 'The foster home is checked at least once a year'),
  bedroom: rule(
    'bedroom',
    'NMS 10.6',
    ['block'],
    'Own bedroom over age 3 unless sharing agreed and assessed',
  ),
  tsds: rule('tsds', 'NMS 20', ['alert'], 'TSDS within 12 months of approval (18 for family and friends)'),
  training: rule(
    'training',
    'FSR 17(1)',
    ['alert'],
    'Safeguarding, first aid and specialist training for placement types',
  ),
  riskComplete: rule(
    'risk-complete',
    'NMS 26.2',
    ['alert'],
    'Safe care covers every pet and every allergy and medical need',
  ),
  staffSupervision: rule(
    'staff-supervision',
    'NMS 24; policy',
    ['alert'],
    'Supervision records complete; appraisal yearly',
  ),
  retention: rule(
    'retention',
    'FSR 32; CPPR 50',
    ['block'],
    'Records kept 10 years, 3 years, or to the 75th birthday',
  ),
  register: rule(
    'register',
    'FSR 22, Sched 2',
    ['block'],
    'The placement register holds every required field',
  ),
  records: rule('records', 'NMS 26', ['block'], 'Records dated, attributed, fact separate from opinion'),
  clinicCadence: rule(
    'clinic-cadence',
    'policy',
    ['alert'],
    'Clinics fortnightly, 60 or 90 minutes; notes written up promptly',
  ),
  carePlanReview: rule(
    'care-plan-review',
    'policy',
    ['alert'],
    'Therapeutic care plans reviewed every 3 months on intensive',
  ),
  respite: rule('respite', 'policy', ['block'], 'Respite entitlement per year by support package'),
} as const satisfies Record<string, Rule>;

export type RuleId = (typeof rules)[keyof typeof rules]['id'];

export const ruleById = (id: RuleId): Rule => Object.values(rules).find((r) => r.id === id) as Rule;

/** Numbers fixed by statute (domain.md); agency-policy numbers are in AgencyPolicy instead. */
export const statutoryNumbers = {
  usualFosteringLimit: 3,
  emergencyOutsideTermsWorkingDays: 6,
  personalRefereesBeforePanel: 2,
  previousServiceLookbackMonths: 12,
  panelPapersWorkingDays: 5,
  recommendationWithinMonths: 8,
  admDecisionWorkingDays: 7,
  noticeDays: 28,
  reviewIntervalMonths: 12,
  temporaryApprovalWeeks: 16,
  temporaryExtensionWeeks: 8,
  tsdsMonths: 12,
  tsdsFamilyAndFriendsMonths: 18,
  unannouncedVisitsIntervalMonths: 12,
  homeCheckIntervalMonths: 12,
  placementPlanWorkingDays: 5,
  firstChildVisitWeeks: 1,
  childVisitIntervalWeeks: 6,
  /** After the first year of a long-term placement (CPPR 28(2)(c)(i)). */
  longTermChildVisitIntervalMonths: 3,
  childVisitFirstYearMonths: 12,
  firstLookedAfterReviewWorkingDays: 20,
  secondLookedAfterReviewMonths: 3,
  lookedAfterReviewIntervalMonths: 6,
  shortBreakDaysInTwelveMonths: 75,
  stayingPutFromAge: 18,
  stayingPutUntilAge: 21,
  ownBedroomFromAge: 3,
  /** Retention (FSR 32): a carer's record after their approval ends; a refused or withdrawn applicant's. */
  carerRecordYears: 10,
  refusedApplicantRecordYears: 3,
  /** Retention (CPPR 50): a child's case record until this birthday, or this long after a death before 18. */
  childRecordUntilAge: 75,
  childDiedYoungRecordYears: 15,
  childDiedYoungBeforeAge: 18,
} as const;
