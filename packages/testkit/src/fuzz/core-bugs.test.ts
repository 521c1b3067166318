import {
  ApplicationReceived,
  ChildRegistered,
  childDecider,
  clinicDecider,
  commandHandler,
  type Decider,
  type DomainError,
  type DomainEvent,
  FosterCareAgreementSigned,
  HouseholdApproved,
  HouseholdCommand,
  householdDecider,
  householdEvents,
  inMemoryEventStore,
  PlacementStarted,
  placementDecider,
  type Terms,
  unsafeLocalDate,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';

// Bugs in @fostering/core that fuzzing found, each as its smallest reproduction. They are `it.fails`: the test
// states the behaviour the core should have, and fails today. When a bug is fixed its test starts passing, so
// `it.fails` reports it: then turn it into a plain `it` and drop the bug from __fixtures__/core-known-issues.ts.
// docs/fuzzing.md lists them.

const d = unsafeLocalDate;

/**
 * What the core should do with each of these commands: answer with a refusal, not throw. (Which refusal is for
 * the fix to decide, so the reproductions do not pin it.)
 */
const expectRefused = <C, S, Ev extends DomainEvent>(
  decider: Decider<C, S, Ev, DomainError>,
  given: ReadonlyArray<Ev>,
  command: C,
) => {
  const decision = decider.decide(command, given.reduce(decider.evolve, decider.initialState));
  expect(E.isLeft(decision)).toBe(true);
};
const actor = { actor: { id: 'fuzzer', role: 'test' } };

const terms: Terms = {
  maxChildren: 2,
  ageRange: { minAge: 0, maxAge: 17 },
  placementTypes: ['short-term'],
  supportPackages: ['standard'],
  exemptions: [],
};

const approvedHousehold = [
  ApplicationReceived.create({
    householdId: 'h-1',
    receivedOn: d('2024-06-03'),
    route: 'mainstream',
    applicants: [{ adultId: 'adult-alex', name: 'Alex Morgan' }],
    previousServices: [],
  }),
  HouseholdApproved.create({ decidedOn: d('2025-01-06'), terms }),
  FosterCareAgreementSigned.create({ signedOn: d('2025-01-06'), signedBy: ['adult-alex'] }),
];

const placementStarted = (placementType: 'short-term' | 'short-breaks') =>
  PlacementStarted.create({
    placementId: 'p-1',
    childId: 'child-riley',
    householdId: 'h-1',
    startedOn: d('2025-03-03'),
    placementType,
    supportPackage: 'enhanced',
    legalBasis: 'section-20',
    placingAuthority: 'Leeds City Council',
    carerNames: ['Alex Morgan'],
    carersAddress: '1 High Street',
    childAddressBefore: '2 Low Road',
    bedroom: { shared: false },
    longTerm: false,
  });

describe('the reproductions below are sound', () => {
  it('their commands, with ordinary dates, numbers and ids, are decided without throwing', () => {
    const decides = <C, S, Ev extends DomainEvent>(
      decider: Decider<C, S, Ev, DomainError>,
      given: Ev[],
      command: C,
    ) =>
      expect(() => decider.decide(command, given.reduce(decider.evolve, decider.initialState))).not.toThrow();
    decides(householdDecider, approvedHousehold, { kind: 'ReceiveResignation', receivedOn: d('2025-12-01') });
    decides(householdDecider, approvedHousehold, {
      kind: 'Terminate',
      noticeGivenOn: d('2025-12-01'),
      takesEffectOn: d('2025-12-01'),
      reason: 'x',
    });
    decides(householdDecider, [], {
      kind: 'ApproveTemporarily',
      approvedOn: d('2025-12-01'),
      childId: 'c',
      terms,
    });
    decides(placementDecider(), [placementStarted('short-term')], {
      kind: 'RecordRespite',
      startsOn: d('2025-03-10'),
      days: 1_000,
    });
    decides(placementDecider(), [placementStarted('short-breaks')], {
      kind: 'RecordShortBreakStay',
      startsOn: d('2025-03-10'),
      days: 1_000,
    });
    decides(clinicDecider(), [], {
      kind: 'RescheduleSession',
      sessionId: 'session-9',
      to: d('2025-02-01'),
      reason: 'other',
      rescheduledOn: d('2025-01-20'),
    });
  });
});

describe('core#date-overflow: date arithmetic past 9999-12-31 throws instead of refusing the command', () => {
  // The codecs accept every real date up to 9999-12-31 and any whole number of days; the deciders then add 28
  // days, 16 weeks, a year or `days` to them, and `fromPlainDate` (or Temporal) throws a RangeError.

  it.fails('households: ApproveTemporarily on 9999-12-01 (through commandHandler, on an empty stream)', async () => {
    const handle = commandHandler({
      store: inMemoryEventStore(),
      registry: householdEvents,
      decider: householdDecider,
      commandCodec: HouseholdCommand,
    });
    const command = { kind: 'ApproveTemporarily', approvedOn: '9999-12-01', childId: 'child-riley', terms };
    // Today: rejects with "RangeError: +010000-03-22 is outside the years 0000-9999 that a LocalDate can hold".
    const outcome = await handle('household-h-1', command as HouseholdCommand, actor);
    expect(E.isLeft(outcome)).toBe(true);
  });

  it.fails('households: ReceiveResignation received on 9999-12-31', () => {
    expectRefused(householdDecider, approvedHousehold, {
      kind: 'ReceiveResignation',
      receivedOn: d('9999-12-31'),
    });
  });

  it.fails('households: Terminate with notice given on 9999-12-31 (rule notice-28 adds 28 days)', () => {
    expectRefused(householdDecider, approvedHousehold, {
      kind: 'Terminate',
      noticeGivenOn: d('9999-12-31'),
      takesEffectOn: d('9999-12-31'),
      reason: 'x',
    });
  });

  it.fails('placements: RecordRespite of 1,000,000,000 days', () => {
    expectRefused(placementDecider(), [placementStarted('short-term')], {
      kind: 'RecordRespite',
      startsOn: d('2025-03-10'),
      days: 1_000_000_000,
    });
  });

  it.fails('placements: RecordRespite starting on 9999-12-01 (the placement year runs past 9999)', () => {
    expectRefused(placementDecider(), [placementStarted('short-term')], {
      kind: 'RecordRespite',
      startsOn: d('9999-12-01'),
      days: 1,
    });
  });

  it.fails('placements: RecordShortBreakStay of 10,000,000 days', () => {
    expectRefused(placementDecider(), [placementStarted('short-breaks')], {
      kind: 'RecordShortBreakStay',
      startsOn: d('2025-03-10'),
      days: 10_000_000,
    });
  });
});

describe("core#inherited-ids: an id such as 'constructor' finds an inherited property in a state record", () => {
  it('(the same commands with an ordinary unknown id are refused)', () => {
    expectRefused(householdDecider, approvedHousehold, {
      kind: 'RemovePet',
      petId: 'pet-9',
      removedOn: d('2025-03-01'),
    });
    expectRefused(clinicDecider(), [], {
      kind: 'RescheduleSession',
      sessionId: 'session-9',
      to: d('2025-02-01'),
      reason: 'other',
      rescheduledOn: d('2025-01-20'),
    });
  });

  // `state.sessions[command.sessionId]` is `Object` itself for 'constructor' (and Object.prototype for
  // '__proto__'), so the session "exists", and `currentSessionDate` reads `.length` of its missing reschedules.

  it.fails("clinics: RescheduleSession of session 'constructor' on a series that was never opened", () => {
    expectRefused(clinicDecider(), [], {
      kind: 'RescheduleSession',
      sessionId: 'constructor',
      to: d('2025-02-01'),
      reason: 'other',
      rescheduledOn: d('2025-01-20'),
    });
  });

  // Found by probing every id field with 'constructor' (not a crash, so the fuzz property accepts it): the same
  // lookup makes a missing entity look present, and the command is accepted and recorded.

  it.fails("households: RemovePet of pet 'constructor', which was never recorded, is refused", () => {
    // Today: accepted, and PetRemoved { petId: 'constructor' } is recorded ('pet-9' is refused, field petId).
    expectRefused(householdDecider, approvedHousehold, {
      kind: 'RemovePet',
      petId: 'constructor',
      removedOn: d('2025-03-01'),
    });
  });

  it.fails("children: RecordSafetyPlan answering assessment 'constructor', which was never recorded, is refused", () => {
    const registered = ChildRegistered.create({
      childId: 'child-riley',
      name: 'Riley Jones',
      dateOfBirth: d('2015-03-14'),
      legalStatus: 'section-20',
      placingAuthority: 'Leeds City Council',
      registeredOn: d('2025-01-06'),
    });
    // Today: accepted ('risk-9' is refused, field assessmentIds).
    expectRefused(childDecider, [registered], {
      kind: 'RecordSafetyPlan',
      recordedOn: d('2025-02-01'),
      assessmentIds: ['constructor'],
      measures: ['Agreed check-in times'],
    });
  });
});
