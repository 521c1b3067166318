import {
  type AgencyPolicy,
  ApplicationReceived,
  AssessmentStarted,
  type CommandMetadata,
  clinicSessionMinutes,
  type EventStore,
  eventStamper,
  FosterCareAgreementSigned,
  HouseholdApproved,
  type HouseholdEvent,
  HouseholdMemberJoined,
  householdEvents,
  householdStreamId,
  PetRecorded,
  SupervisingSocialWorkerAllocated,
  systemClock,
  TemporarilyApproved,
  type Terms,
  unsafeLocalDate,
} from '@fostering/core';
import type * as E from 'fp-ts/lib/Either.js';

const d = unsafeLocalDate;

/** The entities the seeded agency holds, which the valid commands of every area name. */
export const agencyIds = {
  /** Approved, with agreement, worker, a pet and a member: most household commands apply. */
  approvedHousehold: 'h-approved',
  /** An application in assessment: the approval journey's commands apply. */
  applicantHousehold: 'h-applicant',
  /** A family-and-friends application: temporary approval applies. */
  connectedHousehold: 'h-connected',
  /** A connected person temporarily approved for the first free child: an extension applies. */
  temporaryHousehold: 'h-temporary',
  /** Approved households that only placements use, so that household fuzzing cannot end their approval. */
  placingHouseholds: ['h-placing-1', 'h-placing-2'],
  /** Placed in `placement` (enhanced support, so respite applies), with a care plan and a health need. */
  placedChild: 'child-riley',
  /** Registered, in no placement: they can be started, referred, related. */
  freeChildren: ['child-ash', 'child-bo', 'child-cam', 'child-dee'],
  placement: 'p-riley',
  /** A short-breaks placement, for short-break stays. */
  shortBreaksPlacement: 'p-fin',
  /** A placement the end-placement fuzzing may end. */
  endablePlacement: 'p-eli',
  /** Referred for the first free child, not matched: a start or a match may follow. */
  referredPlacement: 'p-referred',
  clinicSeries: 'series-1',
  heldSession: 's-1',
  scheduledSession: 's-sched',
  staff: 'staff-jo',
  supervisor: 'staff-priya',
} as const;

const id = agencyIds;

/** Handles as the seed uses them: anything that answers a command with an Either. */
export type SeedHandle = (
  streamId: string,
  command: unknown,
  metadata: CommandMetadata,
) => Promise<E.Either<{ readonly _tag: string; readonly message?: string }, unknown>>;

export interface SeedHandles {
  readonly child: SeedHandle;
  readonly placement: SeedHandle;
  readonly start: SeedHandle;
  readonly clinic: SeedHandle;
  readonly staff: SeedHandle;
}

const seedMetadata: CommandMetadata = { actor: { id: 'fuzz-seed', role: 'test' } };

const wideTerms: Terms = {
  maxChildren: 3,
  ageRange: { minAge: 0, maxAge: 17 },
  placementTypes: ['short-term', 'long-term', 'emergency', 'short-breaks', 'sibling-group', 'staying-put'],
  supportPackages: ['standard', 'enhanced', 'intensive'],
  exemptions: [],
};

const application = (householdId: string, route: 'mainstream' | 'family-and-friends' = 'mainstream') =>
  ApplicationReceived.create({
    householdId,
    receivedOn: d('2024-06-03'),
    route,
    applicants: [
      { adultId: 'adult-alex', name: 'Alex Morgan' },
      { adultId: 'adult-sam', name: 'Sam Morgan' },
    ],
    previousServices: [],
  });

const approved = (householdId: string): HouseholdEvent[] => [
  application(householdId),
  HouseholdApproved.create({ decidedOn: d('2025-01-06'), terms: wideTerms }),
  FosterCareAgreementSigned.create({ signedOn: d('2025-01-06'), signedBy: ['adult-alex', 'adult-sam'] }),
];

/**
 * Records a small agency: households at several stages (written as events, since an approval takes a long
 * journey), children, placements, a clinic series and staff (through the areas' own handlers, so that every
 * seeding command is itself checked). Throws if the store refuses any of it: the seed is not under test.
 */
export const seedAgency = async (
  store: EventStore,
  handles: SeedHandles,
  policy: AgencyPolicy,
): Promise<void> => {
  const stamp = eventStamper(seedMetadata, systemClock)(householdEvents);
  const households: ReadonlyArray<[string, HouseholdEvent[]]> = [
    [
      id.approvedHousehold,
      [
        ...approved(id.approvedHousehold),
        SupervisingSocialWorkerAllocated.create({ sswId: 'ssw-priya', allocatedOn: d('2025-01-06') }),
        PetRecorded.create({
          petId: 'pet-1',
          species: 'dog',
          description: 'Labrador, 6 years',
          recordedOn: d('2025-01-06'),
        }),
        HouseholdMemberJoined.create({
          memberId: 'member-1',
          name: 'Jamie Morgan',
          dateOfBirth: d('2009-04-01'),
          relationship: 'carers-own-child',
          joinedOn: d('2025-01-06'),
        }),
      ],
    ],
    [
      id.applicantHousehold,
      [
        application(id.applicantHousehold),
        AssessmentStarted.create({ stage: 1, startedOn: d('2024-06-10') }),
      ],
    ],
    [id.connectedHousehold, [application(id.connectedHousehold, 'family-and-friends')]],
    [
      id.temporaryHousehold,
      [
        application(id.temporaryHousehold, 'family-and-friends'),
        TemporarilyApproved.create({
          approvedOn: d('2025-03-03'),
          childId: id.freeChildren[0],
          expiresOn: d('2025-06-23'),
          terms: { ...wideTerms, maxChildren: 1 },
        }),
      ],
    ],
    ...id.placingHouseholds.map((h): [string, HouseholdEvent[]] => [h, approved(h)]),
  ];
  for (const [householdId, events] of households) {
    const appended = await store.append(householdStreamId(householdId), events.map(stamp), {
      expectedRevision: 'no_stream',
    });
    if (appended._tag === 'Left') throw new Error(`seeding ${householdId}: ${appended.left.message}`);
  }

  const run = async (what: string, handle: SeedHandle, streamId: string, command: unknown) => {
    const outcome = await handle(streamId, command, seedMetadata);
    if (outcome._tag === 'Left') {
      throw new Error(`seeding the fuzz agency: ${what} was refused: ${JSON.stringify(outcome.left)}`);
    }
  };
  const register = (childId: string) =>
    run(`registering ${childId}`, handles.child, `child-${childId}`, {
      kind: 'RegisterChild',
      childId,
      name: `Child ${childId}`,
      dateOfBirth: '2015-03-14',
      legalStatus: 'section-20',
      placingAuthority: 'Leeds City Council',
      registeredOn: '2025-01-06',
    });
  for (const childId of [id.placedChild, ...id.freeChildren, 'child-eli', 'child-fin'])
    await register(childId);
  const onRiley = (what: string, command: unknown) =>
    run(what, handles.child, `child-${id.placedChild}`, command);
  await onRiley('a health need', {
    kind: 'RecordHealthNeed',
    needId: 'nut-allergy',
    needKind: 'allergy',
    description: 'Severe peanut allergy; carries an adrenaline pen',
    recordedOn: '2025-01-06',
  });
  await onRiley('a risk assessment', {
    kind: 'RecordChildRiskAssessment',
    assessmentId: 'risk-1',
    assessedOn: '2025-01-15',
    areas: ['going-missing'],
    facts: 'Missing overnight twice in December 2024.',
    analysis: 'Likely to go missing again when contact is cancelled.',
  });
  await onRiley('a care plan', { kind: 'AgreeTherapeuticCarePlan', version: 1, agreedOn: '2025-02-03' });

  const start = (placementId: string, childId: string, householdId: string, placementType: string) =>
    run(`starting ${placementId}`, handles.start, `placement-${placementId}`, {
      kind: 'StartPlacement',
      placementId,
      childId,
      householdId,
      startedOn: '2025-03-03',
      placementType,
      supportPackage: 'enhanced',
      legalBasis: 'section-20',
      placingAuthority: 'Leeds City Council',
      carersAddress: '1 High Street, Shrewsbury',
      childAddressBefore: '2 Low Road, Telford',
      bedroom: { shared: false },
      longTerm: false,
    });
  const [placing1, placing2] = id.placingHouseholds;
  await start(id.placement, id.placedChild, placing1, 'short-term');
  await start(id.endablePlacement, 'child-eli', placing2, 'short-term');
  await start(id.shortBreaksPlacement, 'child-fin', placing2, 'short-breaks');
  await run('a referral', handles.placement, `placement-${id.referredPlacement}`, {
    kind: 'ReferPlacement',
    placementId: id.referredPlacement,
    childId: id.freeChildren[0],
    referredOn: '2025-02-01',
    placingAuthority: 'Leeds City Council',
    needs: 'Long-term family',
  });

  const onSeries = (what: string, command: unknown) =>
    run(what, handles.clinic, `clinic-${id.clinicSeries}`, command);
  await onSeries('a clinic series', {
    kind: 'OpenClinicSeries',
    seriesId: id.clinicSeries,
    clinicianId: 'clinician-barbara',
    householdId: placing1,
    youngPeople: [id.placedChild],
    openedOn: '2025-01-06',
  });
  await onSeries('a session', {
    kind: 'ScheduleSession',
    sessionId: id.heldSession,
    scheduledFor: '2025-01-13',
    mode: 'online',
  });
  await onSeries('holding it', {
    kind: 'HoldSession',
    sessionId: id.heldSession,
    heldOn: '2025-01-13',
    mode: 'online',
    minutes: clinicSessionMinutes(policy, 1),
    youngPeopleDiscussed: [id.placedChild],
  });
  await onSeries('another session', {
    kind: 'ScheduleSession',
    sessionId: id.scheduledSession,
    scheduledFor: '2025-01-27',
    mode: 'in-person',
  });

  for (const [staffId, role] of [
    [id.staff, 'therapeutic-support-worker'],
    [id.supervisor, 'clinician'],
  ] as const) {
    await run(`registering ${staffId}`, handles.staff, `staff-${staffId}`, {
      kind: 'RegisterStaffMember',
      staffId,
      role,
      startedOn: '2025-01-06',
    });
  }
};
