import {
  type AgencyPolicy,
  addDays,
  type ChildCommand,
  type ClinicCommand,
  clinicSessionMinutes,
  type EndPlacement,
  type HouseholdCommand,
  type LimitExemption,
  type LocalDate,
  type PlacementCommand,
  type RecordShortBreakStay,
  type StaffCommand,
  type StartPlacement,
  type TermsInput,
  unsafeLocalDate,
} from '@fostering/core';
import fc from 'fast-check';
import { agencyIds as id } from './agency-seed.js';

/**
 * Realistic valid commands for every area, as in the areas' specifications, varied by fast-check: dates, names,
 * ids and options change, the shape stays valid. They name the entities `agency-seed.ts` records, so that their
 * mutations reach the deciders instead of stopping at "not registered". Some are refused by a rule or by where
 * the record stands (a valid command need not be accepted); mutations of all of them are the fuzzer's input.
 */

/** A date from `from`, up to `days` later. */
const dateFrom = (from: string, days = 120): fc.Arbitrary<LocalDate> =>
  fc.integer({ min: 0, max: days }).map((n) => addDays(unsafeLocalDate(from), n));

/** One of a few lists, copied so that no two commands share an array. */
const listFrom = <A>(...options: ReadonlyArray<ReadonlyArray<A>>): fc.Arbitrary<A[]> =>
  fc.constantFrom(...options).map((list) => [...list]);

const person = fc.constantFrom('Alex Morgan', 'Sam Morgan', 'Riley Jones', 'Siân Ó Súilleabháin', 'Zoë Ng');
const sentence = fc.constantFrom(
  'Allegation under investigation',
  'Moved closer to school',
  'Carer asked for a pause',
  'Reviewed the fortnight together.',
);

const placementTypes = [
  'short-term',
  'long-term',
  'emergency',
  'short-breaks',
  'parent-and-child',
  'sibling-group',
  'staying-put',
] as const;

const termsInput: fc.Arbitrary<TermsInput> = fc.record(
  {
    maxChildren: fc.integer({ min: 1, max: 3 }),
    ageRange: fc.record({ minAge: fc.integer({ min: 0, max: 5 }), maxAge: fc.integer({ min: 12, max: 17 }) }),
    placementTypes: fc.subarray([...placementTypes], { minLength: 1 }),
    supportPackages: fc.subarray(['standard', 'enhanced', 'intensive'] as const),
    exemptions: listFrom<LimitExemption>([]),
  },
  { requiredKeys: ['ageRange', 'placementTypes', 'maxChildren'] },
);

export const householdCommands: fc.Arbitrary<HouseholdCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('ReceiveApplication'),
    householdId: fc.constantFrom('h-new-1', 'h-new-2', id.applicantHousehold),
    receivedOn: dateFrom('2025-01-06'),
    route: fc.constantFrom('mainstream', 'family-and-friends'),
    applicants: listFrom([
      { adultId: 'adult-alex', name: 'Alex Morgan' },
      { adultId: 'adult-sam', name: 'Sam Morgan' },
    ]),
    previousServices: listFrom(
      [],
      [
        {
          serviceId: 'service-1',
          serviceName: 'Northern Fostering',
          approvalEndedOn: unsafeLocalDate('2024-11-01'),
        },
      ],
    ),
  }),
  fc.record({
    kind: fc.constant('StartAssessment'),
    stage: fc.constantFrom(1, 2),
    startedOn: dateFrom('2025-01-13'),
  }),
  fc.record({
    kind: fc.constant('InterviewReferee'),
    refereeId: fc.constantFrom('referee-1', 'referee-2', 'referee-3'),
    name: person,
    relationship: fc.constantFrom('friend of twenty years', 'neighbour', 'former employer'),
    interviewedOn: dateFrom('2025-02-01'),
  }),
  fc.record(
    {
      kind: fc.constant('CompleteCheck'),
      check: fc.constantFrom('dbs', 'medical', 'local-authority', 'employer', 'health-and-safety'),
      completedOn: dateFrom('2025-02-01'),
      adultId: fc.constantFrom('adult-alex', 'adult-sam'),
    },
    { requiredKeys: ['kind', 'check', 'completedOn'] },
  ),
  fc.record({
    kind: fc.constant('CompleteTherapeuticCourse'),
    adultId: fc.constantFrom('adult-alex', 'adult-sam'),
    completedOn: dateFrom('2025-03-01'),
  }),
  fc.record({
    kind: fc.constant('CompleteAssessmentReport'),
    completedOn: dateFrom('2025-05-01'),
    proposedTerms: termsInput,
  }),
  fc.record({
    kind: fc.constant('SchedulePanel'),
    panelOn: dateFrom('2025-06-02', 30),
    papersSentOn: dateFrom('2025-05-19', 7),
  }),
  fc.record(
    {
      kind: fc.constant('RecordPanelRecommendation'),
      panelOn: dateFrom('2025-06-02', 30),
      recommendation: fc.constantFrom('approve', 'refuse'),
      minutesFinalisedOn: dateFrom('2025-06-05', 10),
      recommendedTerms: termsInput,
    },
    { requiredKeys: ['kind', 'panelOn', 'recommendation', 'minutesFinalisedOn'] },
  ),
  fc.record({ kind: fc.constant('Approve'), decidedOn: dateFrom('2025-06-10', 20), terms: termsInput }),
  fc.record({
    kind: fc.constant('Refuse'),
    decidedOn: dateFrom('2025-06-10', 20),
    noticeGivenOn: dateFrom('2025-06-10', 5),
    takesEffectOn: dateFrom('2025-07-20', 30),
    reason: sentence,
  }),
  fc.record({
    kind: fc.constant('SignFosterCareAgreement'),
    signedOn: dateFrom('2025-06-12', 10),
    signedBy: listFrom(['adult-alex'], ['adult-alex', 'adult-sam']),
  }),
  fc.record(
    {
      kind: fc.constant('HoldAnnualReview'),
      reviewedOn: dateFrom('2025-12-01', 60),
      outcome: fc.constantFrom('continue', 'change-terms', 'terminate-proposed'),
      panelOn: dateFrom('2026-01-15', 30),
    },
    { requiredKeys: ['kind', 'reviewedOn', 'outcome'] },
  ),
  fc.record({
    kind: fc.constant('ChangeTerms'),
    noticeGivenOn: dateFrom('2025-08-01', 30),
    takesEffectOn: dateFrom('2025-09-15', 30),
    terms: termsInput,
    carerConsentedInWriting: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('ReceiveResignation'), receivedOn: dateFrom('2025-09-01') }),
  fc.record({
    kind: fc.constant('Terminate'),
    noticeGivenOn: dateFrom('2025-09-01'),
    takesEffectOn: dateFrom('2025-10-15', 60),
    reason: sentence,
  }),
  fc.record({ kind: fc.constant('Suspend'), suspendedOn: dateFrom('2025-09-01'), reason: sentence }),
  fc.record({ kind: fc.constant('LiftSuspension'), liftedOn: dateFrom('2025-10-01') }),
  fc.record(
    {
      kind: fc.constant('ApproveTemporarily'),
      approvedOn: dateFrom('2025-01-10', 30),
      childId: fc.constantFrom(id.freeChildren[0], 'child-riley'),
      terms: termsInput,
      until: dateFrom('2025-03-01', 60),
    },
    { requiredKeys: ['kind', 'approvedOn', 'childId', 'terms'] },
  ),
  fc.record(
    {
      kind: fc.constant('ExtendTemporaryApproval'),
      extendedOn: dateFrom('2025-04-01', 30),
      until: dateFrom('2025-06-24', 50),
    },
    { requiredKeys: ['kind', 'extendedOn'] },
  ),
  fc.record({
    kind: fc.constant('AllocateSupervisingSocialWorker'),
    sswId: fc.constantFrom('ssw-priya', 'ssw-tom'),
    allocatedOn: dateFrom('2025-01-06'),
  }),
  fc.record({
    kind: fc.constant('AddHouseholdMember'),
    memberId: fc.constantFrom('member-1', 'member-2', 'member-3'),
    name: person,
    dateOfBirth: dateFrom('2008-01-01', 3_000),
    relationship: fc.constantFrom('carers-own-child', 'other-child', 'other-adult'),
    joinedOn: dateFrom('2025-02-01'),
  }),
  fc.record({
    kind: fc.constant('RecordMemberLeaving'),
    memberId: fc.constantFrom('member-1', 'member-2'),
    leftOn: dateFrom('2025-06-01'),
  }),
  fc.record({
    kind: fc.constant('RecordPet'),
    petId: fc.constantFrom('pet-1', 'pet-2', 'pet-3'),
    species: fc.constantFrom('dog', 'cat', 'rabbit'),
    description: fc.constantFrom('Labrador, 6 years, good with children', 'Elderly cat'),
    recordedOn: dateFrom('2025-02-01'),
  }),
  fc.record({
    kind: fc.constant('RemovePet'),
    petId: fc.constantFrom('pet-1', 'pet-2'),
    removedOn: dateFrom('2025-06-01'),
  }),
  fc.record({
    kind: fc.constant('RecordSafeCarePlan'),
    recordedOn: dateFrom('2025-02-01'),
    covers: fc.subarray(['bathroom privacy', 'internet use', 'physical contact'], { minLength: 1 }),
  }),
  fc.record(
    {
      kind: fc.constant('RecordRiskAssessment'),
      assessmentId: fc.constantFrom('assessment-1', 'assessment-2'),
      assessmentKind: fc.constantFrom('pet', 'home-safety', 'other'),
      assessedOn: dateFrom('2025-02-01'),
      petId: fc.constantFrom('pet-1', 'pet-2'),
    },
    { requiredKeys: ['kind', 'assessmentId', 'assessmentKind', 'assessedOn'] },
  ),
  fc.record({
    kind: fc.constant('RecordTraining'),
    adultId: fc.constantFrom('adult-alex', 'adult-sam'),
    course: fc.constantFrom('safeguarding', 'first-aid', 'parent-and-child', 'tsds'),
    completedOn: dateFrom('2025-02-01'),
  }),
  fc.record({
    kind: fc.constant('RecordSupervisoryVisit'),
    sswId: fc.constantFrom('ssw-priya', 'ssw-tom'),
    visitedOn: dateFrom('2025-02-01'),
    announced: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('RecordHomeCheck'),
    checkedOn: dateFrom('2025-02-01'),
    checkedBy: fc.constantFrom('ssw-priya', 'ssw-tom'),
  }),
);

const legalStatus = fc.constantFrom(
  'section-20',
  'interim-care-order',
  'care-order',
  'placement-order',
  'emergency-protection-order',
  'police-protection',
  'remand',
);

export const childCommands: fc.Arbitrary<ChildCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('RegisterChild'),
    childId: fc.constantFrom('child-new-1', 'child-new-2', id.placedChild),
    name: person,
    dateOfBirth: dateFrom('2010-01-01', 4_000),
    legalStatus,
    placingAuthority: fc.constantFrom('Leeds City Council', 'Shropshire'),
    registeredOn: dateFrom('2025-01-06', 30),
  }),
  fc.record({ kind: fc.constant('ChangeLegalStatus'), legalStatus, changedOn: dateFrom('2025-02-01') }),
  fc.record({
    kind: fc.constant('RecordRelationship'),
    otherChildId: fc.constantFrom(...id.freeChildren),
    relationship: fc.constantFrom('sibling', 'half-sibling', 'step-sibling', 'other'),
    recordedOn: dateFrom('2025-02-01'),
  }),
  fc.record({
    kind: fc.constant('RecordHealthNeed'),
    needId: fc.constantFrom('nut-allergy', 'asthma', 'need-new'),
    needKind: fc.constantFrom('allergy', 'medical'),
    description: fc.constantFrom(
      'Severe peanut allergy; carries an adrenaline pen',
      'Asthma; blue inhaler as needed',
    ),
    recordedOn: dateFrom('2025-01-20'),
  }),
  fc.record({
    kind: fc.constant('ResolveHealthNeed'),
    needId: fc.constantFrom('nut-allergy', 'asthma'),
    resolvedOn: dateFrom('2025-05-01'),
  }),
  fc.record(
    {
      kind: fc.constant('RecordIdentityNeeds'),
      recordedOn: dateFrom('2025-01-20'),
      ethnicity: fc.constantFrom('White British', 'Mixed White and Black Caribbean'),
      religion: fc.constantFrom('Muslim', 'None'),
      languages: fc.subarray(['English', 'Welsh', 'Polish']),
      culture: fc.constant('Close to grandmother’s traditions'),
    },
    { requiredKeys: ['kind', 'recordedOn'] },
  ),
  fc.record(
    {
      kind: fc.constant('RecordEducation'),
      recordedOn: dateFrom('2025-01-20'),
      setting: fc.constantFrom('early-years', 'primary', 'secondary', 'college', 'alternative-provision'),
      educationHealthAndCarePlan: fc.boolean(),
      schoolName: fc.constantFrom('Meadow Primary', 'Castle High'),
    },
    { requiredKeys: ['kind', 'recordedOn', 'setting', 'educationHealthAndCarePlan'] },
  ),
  fc.record({
    kind: fc.constant('AgreeTherapeuticCarePlan'),
    version: fc.integer({ min: 1, max: 3 }),
    agreedOn: dateFrom('2025-02-03'),
  }),
  fc.record({
    kind: fc.constant('ReviewTherapeuticCarePlan'),
    version: fc.integer({ min: 1, max: 2 }),
    reviewedOn: dateFrom('2025-05-01'),
  }),
  fc.record({
    kind: fc.constant('RecordChildRiskAssessment'),
    assessmentId: fc.constantFrom('risk-1', 'risk-2', 'risk-3'),
    assessedOn: dateFrom('2025-01-15'),
    areas: fc.subarray(['self-harm', 'going-missing', 'exploitation', 'online'] as const, { minLength: 1 }),
    facts: fc.constant('Missing overnight twice in December 2024, found at a friend’s house both times.'),
    analysis: fc.constant('Likely to go missing again when contact with mother is cancelled.'),
  }),
  fc.record({
    kind: fc.constant('RecordSafetyPlan'),
    recordedOn: dateFrom('2025-02-01'),
    assessmentIds: listFrom(['risk-1'], ['risk-1', 'risk-2']),
    measures: listFrom(['Agreed check-in times'], ['Agreed check-in times', 'Phone kept charged']),
  }),
  fc.record(
    {
      kind: fc.constant('RecordSocialWorkerVisit'),
      visitedOn: dateFrom('2025-01-17'),
      seenAlone: fc.boolean(),
    },
    { requiredKeys: ['kind', 'visitedOn'] },
  ),
  fc.record({ kind: fc.constant('HoldLookedAfterReview'), heldOn: dateFrom('2025-01-31') }),
  fc.record({
    kind: fc.constant('RecordPlacementPlan'),
    placementId: fc.constantFrom(id.placement, 'placement-unknown'),
    agreedOn: dateFrom('2025-03-03', 30),
    signedByCarer: fc.boolean(),
  }),
);

/** Short-break stays, for the placement process (which counts the child's stays on all their placements). */
export const shortBreakStayCommands: fc.Arbitrary<RecordShortBreakStay> = fc.record({
  kind: fc.constant('RecordShortBreakStay'),
  startsOn: dateFrom('2025-03-10', 200),
  days: fc.integer({ min: 1, max: 4 }),
});

export const placementCommands: fc.Arbitrary<PlacementCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('ReferPlacement'),
    placementId: fc.constantFrom('p-new-1', 'p-new-2'),
    childId: fc.constantFrom(...id.freeChildren),
    referredOn: dateFrom('2025-02-01'),
    placingAuthority: fc.constantFrom('Leeds City Council', 'Shropshire'),
    needs: fc.constantFrom('Long-term family for a 10-year-old', 'Short breaks, two weekends a month'),
  }),
  fc.record({
    kind: fc.constant('MatchPlacement'),
    householdId: fc.constantFrom(...id.placingHouseholds),
    matchedOn: dateFrom('2025-02-15'),
    rationale: fc.constantFrom('Carers experienced with therapeutic parenting', 'Near school'),
  }),
  fc.record(
    {
      kind: fc.constant('RecordRespite'),
      startsOn: dateFrom('2025-03-10', 200),
      days: fc.integer({ min: 1, max: 7 }),
      authorisation: fc.record({
        authorisedBy: fc.constantFrom('manager-ann'),
        authorisedOn: dateFrom('2025-03-01'),
        reason: fc.constant('Carer’s family emergency'),
      }),
    },
    { requiredKeys: ['kind', 'startsOn', 'days'] },
  ),
  // The placement decider alone still decides a stay (on its own placement's stays): fuzz that path too.
  shortBreakStayCommands,
  fc.record({ kind: fc.constant('HoldStabilityMeeting'), heldOn: dateFrom('2025-03-10', 200) }),
  fc.record({
    kind: fc.constant('RecordDisruptionWarning'),
    recordedOn: dateFrom('2025-03-10', 200),
    concern: fc.constantFrom('Carers report escalating conflict at bedtime', 'School exclusion threatened'),
  }),
);

export const startPlacementCommands: fc.Arbitrary<StartPlacement> = fc.record(
  {
    kind: fc.constant('StartPlacement'),
    placementId: fc.constantFrom('p-start-1', 'p-start-2', 'p-start-3', id.referredPlacement),
    childId: fc.constantFrom(...id.freeChildren),
    householdId: fc.constantFrom(...id.placingHouseholds),
    startedOn: dateFrom('2025-03-03', 200),
    placementType: fc.constantFrom('short-term', 'long-term', 'emergency'),
    supportPackage: fc.constantFrom('standard', 'enhanced', 'intensive'),
    legalBasis: fc.constantFrom('section-20', 'care-order', 'interim-care-order'),
    placingAuthority: fc.constantFrom('Leeds City Council', 'Shropshire'),
    carersAddress: fc.constantFrom('1 High Street, Shrewsbury', '22 Rue de l’Église, Ludlow'),
    childAddressBefore: fc.constantFrom('2 Low Road, Telford', 'Flat 4, 9 Mill Lane, Leeds'),
    bedroom: fc.oneof(
      fc.constant({ shared: false }),
      fc.record({
        shared: fc.constant(true),
        sharingAgreedOn: dateFrom('2025-02-20', 10),
        sharingAssessedOn: dateFrom('2025-02-20', 10),
      }),
    ),
    longTerm: fc.boolean(),
    emergency: fc.boolean(),
  },
  {
    requiredKeys: [
      'kind',
      'placementId',
      'childId',
      'householdId',
      'startedOn',
      'placementType',
      'supportPackage',
      'legalBasis',
      'placingAuthority',
      'carersAddress',
      'childAddressBefore',
      'bedroom',
      'longTerm',
    ],
  },
);

export const endPlacementCommands: fc.Arbitrary<EndPlacement> = fc.record(
  {
    kind: fc.constant('EndPlacement'),
    endedOn: dateFrom('2025-04-01', 200),
    planned: fc.boolean(),
    reason: fc.constantFrom('disruption', 'return home', 'planned move to long-term carers'),
    childAddressAfter: fc.constantFrom('3 New Street, Leeds', 'With grandmother'),
    movedToPlacementId: fc.constantFrom('p-next'),
  },
  { requiredKeys: ['kind', 'endedOn', 'planned', 'reason', 'childAddressAfter'] },
);

export const clinicCommands = (policy: AgencyPolicy): fc.Arbitrary<ClinicCommand> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('OpenClinicSeries'),
      seriesId: fc.constantFrom('series-new', id.clinicSeries),
      clinicianId: fc.constantFrom('clinician-barbara'),
      householdId: fc.constantFrom(...id.placingHouseholds),
      youngPeople: listFrom([id.placedChild], [id.placedChild, id.freeChildren[0]]),
      openedOn: dateFrom('2025-01-06'),
    }),
    fc.record({
      kind: fc.constant('ChangeSupportedYoungPeople'),
      childIds: listFrom([id.placedChild, id.freeChildren[0]], [id.placedChild]),
      changedOn: dateFrom('2025-02-03'),
    }),
    fc.record({
      kind: fc.constant('ScheduleSession'),
      sessionId: fc.constantFrom('s-2', 's-3', 's-4'),
      scheduledFor: dateFrom('2025-01-27'),
      mode: fc.constantFrom('online', 'in-person'),
    }),
    fc.record({
      kind: fc.constant('RescheduleSession'),
      sessionId: fc.constantFrom('s-2', 's-3', id.scheduledSession),
      to: dateFrom('2025-02-01'),
      reason: fc.constantFrom('school-holidays', 'contact', 'event', 'other'),
      rescheduledOn: dateFrom('2025-01-20', 10),
    }),
    fc.record({
      kind: fc.constant('HoldSession'),
      sessionId: fc.constantFrom(id.scheduledSession, 's-2', 's-3'),
      heldOn: dateFrom('2025-01-27', 30),
      mode: fc.constantFrom('online', 'in-person'),
      minutes: fc.constantFrom(clinicSessionMinutes(policy, 1), clinicSessionMinutes(policy, 2)),
      youngPeopleDiscussed: listFrom<string>([id.placedChild]),
    }),
    fc.record({
      kind: fc.constant('CancelSession'),
      sessionId: fc.constantFrom(id.scheduledSession, 's-2', 's-3'),
      cancelledBy: fc.constantFrom('carer', 'clinician', 'agency'),
      reason: fc.constantFrom('Carer unwell', 'Clinician on leave'),
      cancelledOn: dateFrom('2025-01-20'),
    }),
    fc.record({
      kind: fc.constant('RecordSessionNotes'),
      sessionId: fc.constantFrom(id.heldSession, id.scheduledSession),
      writtenOn: dateFrom('2025-01-14', 10),
      notes: fc.constant('Reviewed the fortnight.'),
    }),
    fc.record({
      kind: fc.constant('RecordTeamAroundTheChildAttendance'),
      childId: fc.constantFrom(id.placedChild, id.freeChildren[0]),
      meetingOn: dateFrom('2025-01-20'),
      meetingKind: fc.constantFrom('tatc', 'professionals'),
    }),
    fc.record(
      {
        kind: fc.constant('RecordCarePlanContribution'),
        childId: fc.constantFrom(id.placedChild),
        contributedOn: dateFrom('2025-01-20'),
        planVersion: fc.integer({ min: 1, max: 3 }),
      },
      { requiredKeys: ['kind', 'childId', 'contributedOn'] },
    ),
    fc.record({ kind: fc.constant('CloseClinicSeries'), closedOn: dateFrom('2025-06-01') }),
  );

export const staffCommands: fc.Arbitrary<StaffCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('RegisterStaffMember'),
    staffId: fc.constantFrom('staff-new', id.staff),
    role: fc.constantFrom('therapeutic-support-worker', 'clinician', 'supervising-social-worker', 'manager'),
    startedOn: dateFrom('2025-01-06'),
  }),
  fc.record({
    kind: fc.constant('RecordSupervisionSession'),
    sessionId: fc.constantFrom('session-1', 'session-2', 'session-3'),
    supervisorId: fc.constantFrom(id.supervisor),
    heldOn: dateFrom('2025-02-03'),
    startTime: fc.constantFrom('10:00', '09:30', '16:45'),
    minutes: fc.constantFrom(60, 90),
    supervisionKind: fc.constantFrom('clinical', 'managerial'),
    signedBySupervisee: fc.boolean(),
    signedBySupervisor: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('CompleteAppraisal'),
    appraisedOn: dateFrom('2025-06-01'),
    appraiserId: fc.constantFrom(id.supervisor),
  }),
  fc.record({
    kind: fc.constant('RecordReflectiveGroupAttendance'),
    groupSessionId: fc.constantFrom('group-1', 'group-2'),
    attendedOn: dateFrom('2025-02-01'),
  }),
  fc.record({ kind: fc.constant('RecordStaffMemberLeaving'), leftOn: dateFrom('2025-09-01') }),
);
