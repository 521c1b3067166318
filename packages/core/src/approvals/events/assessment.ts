import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType, personalData } from '../../eventsourcing/index.js';
import { Terms } from '../terms.js';

export const ApprovalRoute = t.keyof({ mainstream: null, 'family-and-friends': null });
export type ApprovalRoute = t.TypeOf<typeof ApprovalRoute>;

export const Applicant = t.type({
  adultId: t.string,
  name: personalData(t.string, { subjectField: 'adultId' }),
});

/** A fostering service that approved an applicant; `approvalEndedOn` absent means still approved there. */
export const PreviousService = t.intersection([
  t.type({ serviceId: t.string, serviceName: t.string }),
  t.partial({ approvalEndedOn: LocalDateC }),
]);
export type PreviousService = t.TypeOf<typeof PreviousService>;

export const ApplicationReceived = eventType(
  'ApplicationReceived',
  t.type({
    householdId: t.string,
    receivedOn: LocalDateC,
    route: ApprovalRoute,
    applicants: t.array(Applicant),
    previousServices: t.array(PreviousService),
  }),
);

export const AssessmentStarted = eventType(
  'AssessmentStarted',
  t.type({ stage: t.union([t.literal(1), t.literal(2)]), startedOn: LocalDateC }),
);

export const RefereeInterviewed = eventType(
  'RefereeInterviewed',
  t.type({
    refereeId: t.string,
    name: personalData(t.string, { subjectField: 'refereeId' }),
    relationship: t.string,
    interviewedOn: LocalDateC,
  }),
);

export const CheckKind = t.keyof({
  dbs: null,
  medical: null,
  'local-authority': null,
  employer: null,
  'health-and-safety': null,
});

export const CheckCompleted = eventType(
  'CheckCompleted',
  t.intersection([t.type({ check: CheckKind, completedOn: LocalDateC }), t.partial({ adultId: t.string })]),
);

export const PreviousServiceReferenceReceived = eventType(
  'PreviousServiceReferenceReceived',
  t.type({ serviceId: t.string, receivedOn: LocalDateC }),
);

/** The two-day therapeutic-care course at the assessment midpoint. */
export const TherapeuticCourseCompleted = eventType(
  'TherapeuticCourseCompleted',
  t.type({ adultId: t.string, completedOn: LocalDateC }),
);

export const AssessmentReportCompleted = eventType(
  'AssessmentReportCompleted',
  t.type({ completedOn: LocalDateC, proposedTerms: Terms }),
);

export const PanelScheduled = eventType(
  'PanelScheduled',
  t.type({ panelOn: LocalDateC, papersSentOn: LocalDateC }),
);

export const PanelRecommendationMade = eventType(
  'PanelRecommendationMade',
  t.intersection([
    t.type({
      panelOn: LocalDateC,
      recommendation: t.keyof({ approve: null, refuse: null }),
      minutesFinalisedOn: LocalDateC,
    }),
    t.partial({ recommendedTerms: Terms }),
  ]),
);
