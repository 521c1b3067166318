import * as E from 'fp-ts/lib/Either.js';
import { householdStreamId } from '../../approvals/decider.js';
import * as hh from '../../approvals/events/index.js';
import type { Terms } from '../../approvals/terms.js';
import { type LocalDate, unsafeLocalDate } from '../../calendar/index.js';
import { childStreamId } from '../../children/decider.js';
import * as ch from '../../children/events/index.js';
import {
  type DomainEvent,
  type EventRegistry,
  type EventStore,
  eventStamper,
  inMemoryEventStore,
  systemClock,
} from '../../eventsourcing/index.js';
import { childStreamReader } from '../child-reader.js';
import type { StartPlacement } from '../commands.js';
import { placementProcess } from '../process.js';

export const d = unsafeLocalDate;
export const actor = { actor: { id: 'placements-officer', role: 'placements-team' } };

export const wideTerms: Terms = {
  maxChildren: 3,
  ageRange: { minAge: 0, maxAge: 17 },
  placementTypes: ['short-term', 'long-term', 'emergency', 'short-breaks', 'sibling-group', 'staying-put'],
  supportPackages: ['standard', 'enhanced', 'intensive'],
  exemptions: [],
};

const append = async <Ev extends DomainEvent>(
  store: EventStore,
  registry: EventRegistry<Ev>,
  streamId: string,
  events: ReadonlyArray<Ev>,
) => {
  const stamp = eventStamper(actor, systemClock)(registry);
  const result = await store.append(streamId, events.map(stamp), { expectedRevision: 'any' });
  if (E.isLeft(result)) throw new Error(result.left.message);
};

/** An approved household with signed agreement, approved on 2025-01-06 on the given terms. */
export const approvedHouseholdEvents = (
  householdId: string,
  terms: Terms = wideTerms,
): hh.HouseholdEvent[] => [
  hh.ApplicationReceived.create({
    householdId,
    receivedOn: d('2024-06-03'),
    route: 'mainstream',
    applicants: [{ adultId: `${householdId}-carer`, name: `Carer of ${householdId}` }],
    previousServices: [],
  }),
  hh.HouseholdApproved.create({ decidedOn: d('2025-01-06'), terms }),
  hh.FosterCareAgreementSigned.create({ signedOn: d('2025-01-06'), signedBy: [`${householdId}-carer`] }),
];

export const seedHousehold = (store: EventStore, householdId: string, terms: Terms = wideTerms) =>
  append(
    store,
    hh.householdEvents,
    householdStreamId(householdId),
    approvedHouseholdEvents(householdId, terms),
  );

export const seedChild = (
  store: EventStore,
  childId: string,
  dateOfBirth: LocalDate = d('2015-03-01'),
  siblings: ReadonlyArray<string> = [],
) =>
  append(store, ch.childEvents, childStreamId(childId), [
    ch.ChildRegistered.create({
      childId,
      name: `Child ${childId}`,
      dateOfBirth,
      legalStatus: 'section-20',
      placingAuthority: 'Shropshire',
      registeredOn: d('2025-01-02'),
    }),
    ...siblings.map((otherChildId) =>
      ch.ChildRelationshipRecorded.create({
        otherChildId,
        relationship: 'sibling',
        recordedOn: d('2025-01-02'),
      }),
    ),
  ]);

export const startCommand = (
  placementId: string,
  childId: string,
  householdId: string,
  overrides: Partial<StartPlacement> = {},
): StartPlacement => ({
  kind: 'StartPlacement',
  placementId,
  childId,
  householdId,
  startedOn: d('2025-03-03'),
  placementType: 'long-term',
  supportPackage: 'enhanced',
  legalBasis: 'section-20',
  placingAuthority: 'Shropshire',
  carersAddress: '1 High Street, Shrewsbury',
  childAddressBefore: '2 Low Road, Telford',
  bedroom: { shared: false },
  longTerm: true,
  ...overrides,
});

export const agency = () => {
  const store = inMemoryEventStore();
  return { store, process: placementProcess({ store, children: childStreamReader }) };
};

/** Appends events to a household stream as they would be recorded, for tests that need more history. */
export const recordOnHousehold = (
  store: EventStore,
  householdId: string,
  events: ReadonlyArray<hh.HouseholdEvent>,
) => append(store, hh.householdEvents, householdStreamId(householdId), events);

export const recordOnChild = (store: EventStore, childId: string, events: ReadonlyArray<ch.ChildEvent>) =>
  append(store, ch.childEvents, childStreamId(childId), events);
