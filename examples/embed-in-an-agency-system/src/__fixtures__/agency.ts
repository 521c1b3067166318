import type { recorder } from './service.js';

/**
 * The Morgans' household from application to approval, Riley registered and placed with them, fortnightly
 * clinics, social worker visits (one written up eighteen days late), a placement plan and respite: every step
 * sent over HTTP as an agency system would, with the date it happened and the date it was recorded.
 */

export const terms = {
  maxChildren: 2,
  ageRange: { minAge: 5, maxAge: 15 },
  placementTypes: ['short-term', 'long-term'],
  supportPackages: ['enhanced'],
};

export const household = '/households/h-morgan/commands';
export const riley = '/children/c-riley/commands';
export const clinic = '/clinics/s-morgan/commands';
export const placement = '/placements/p-riley';

export const startRiley = {
  kind: 'StartPlacement',
  placementId: 'p-riley',
  childId: 'c-riley',
  householdId: 'h-morgan',
  startedOn: '2025-03-03',
  placementType: 'long-term',
  supportPackage: 'enhanced',
  legalBasis: 'care-order',
  placingAuthority: 'Shropshire',
  carersAddress: '1 High Street, Shrewsbury',
  childAddressBefore: '2 Low Road, Telford',
  bedroom: { shared: false },
  longTerm: true,
};

export const clinicDates = ['2025-03-10', '2025-03-24', '2025-04-07', '2025-04-21'];

export const approveTheMorgans = async (record: ReturnType<typeof recorder>) => {
  await record(
    household,
    {
      kind: 'ReceiveApplication',
      householdId: 'h-morgan',
      receivedOn: '2024-06-03',
      route: 'mainstream',
      applicants: [{ adultId: 'adult-alex', name: 'Alex Morgan' }],
      previousServices: [],
    },
    '2024-06-03',
  );
  await record(household, { kind: 'StartAssessment', stage: 1, startedOn: '2024-06-10' }, '2024-06-10');
  await record(household, { kind: 'StartAssessment', stage: 2, startedOn: '2024-08-01' }, '2024-08-01');
  await record(
    household,
    { kind: 'CompleteTherapeuticCourse', adultId: 'adult-alex', completedOn: '2024-08-20' },
    '2024-08-20',
  );
  for (const [refereeId, on] of [
    ['ref-1', '2024-09-02'],
    ['ref-2', '2024-09-09'],
  ] as const) {
    await record(
      household,
      {
        kind: 'InterviewReferee',
        refereeId,
        name: `Referee ${refereeId}`,
        relationship: 'friend',
        interviewedOn: on,
      },
      on,
    );
  }
  await record(
    household,
    { kind: 'CompleteAssessmentReport', completedOn: '2024-10-01', proposedTerms: terms },
    '2024-10-01',
  );
  await record(
    household,
    { kind: 'SchedulePanel', panelOn: '2024-11-04', papersSentOn: '2024-10-21' },
    '2024-10-21',
  );
  await record(
    household,
    {
      kind: 'RecordPanelRecommendation',
      panelOn: '2024-11-04',
      recommendation: 'approve',
      minutesFinalisedOn: '2024-11-06',
      recommendedTerms: terms,
    },
    '2024-11-06',
  );
  await record(household, { kind: 'Approve', decidedOn: '2024-11-12', terms }, '2024-11-12');
  await record(
    household,
    { kind: 'SignFosterCareAgreement', signedOn: '2024-11-14', signedBy: ['adult-alex'] },
    '2024-11-14',
  );
  await record(
    household,
    { kind: 'AllocateSupervisingSocialWorker', sswId: 'ssw-amina', allocatedOn: '2024-11-14' },
    '2024-11-14',
  );
  // The safe-care plan leaves out Riley's allergy: rule risk-complete will find it.
  await record(household, { kind: 'RecordSafeCarePlan', recordedOn: '2025-02-20', covers: [] }, '2025-02-20');
};

export const registerRiley = async (record: ReturnType<typeof recorder>) => {
  await record(
    riley,
    {
      kind: 'RegisterChild',
      childId: 'c-riley',
      name: 'Riley Morgan-Price',
      dateOfBirth: '2014-05-01',
      legalStatus: 'care-order',
      placingAuthority: 'Shropshire',
      registeredOn: '2025-02-24',
    },
    '2025-02-24',
  );
  await record(
    riley,
    {
      kind: 'RecordHealthNeed',
      needId: 'n1',
      needKind: 'allergy',
      description: 'peanuts',
      recordedOn: '2025-02-24',
    },
    '2025-02-24',
  );
};

export const placeRiley = async (record: ReturnType<typeof recorder>) => {
  await record(`${placement}/start`, startRiley, '2025-03-03');
  await record(
    riley,
    { kind: 'RecordPlacementPlan', placementId: 'p-riley', agreedOn: '2025-03-05', signedByCarer: true },
    '2025-03-05',
  );
  await record(
    riley,
    { kind: 'RecordSocialWorkerVisit', visitedOn: '2025-03-09', seenAlone: true },
    '2025-03-09',
  );
  await record(
    clinic,
    {
      kind: 'OpenClinicSeries',
      seriesId: 's-morgan',
      clinicianId: 'dr-barbara',
      householdId: 'h-morgan',
      youngPeople: ['c-riley'],
      openedOn: '2025-03-10',
    },
    '2025-03-10',
  );
  for (const [i, on] of clinicDates.entries()) {
    const sessionId = `session-${i + 1}`;
    await record(clinic, { kind: 'ScheduleSession', sessionId, scheduledFor: on, mode: 'online' }, on);
    await record(
      clinic,
      {
        kind: 'HoldSession',
        sessionId,
        heldOn: on,
        mode: 'online',
        minutes: 60,
        youngPeopleDiscussed: ['c-riley'],
      },
      on,
    );
    await record(
      clinic,
      { kind: 'RecordSessionNotes', sessionId, writtenOn: on, notes: 'Talked about school.' },
      on,
    );
  }
  // A visit on 7 April, written up on 25 April.
  await record(
    riley,
    { kind: 'RecordSocialWorkerVisit', visitedOn: '2025-04-07', seenAlone: false },
    '2025-04-07',
    '2025-04-25',
  );
  await record(
    `${placement}/commands`,
    { kind: 'RecordRespite', startsOn: '2025-05-10', days: 3 },
    '2025-05-10',
  );
};

/** The whole history, in the order it was recorded. */
export const recordTheAgency = async (record: ReturnType<typeof recorder>) => {
  await approveTheMorgans(record);
  await registerRiley(record);
  await placeRiley(record);
};
