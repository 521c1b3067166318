import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType, personalData } from '../../eventsourcing/index.js';

/**
 * The legal basis on which the child is looked after (the placement register records it, rule `register`).
 * `section-20` is accommodation by agreement (CA89 s20); the others are orders or police powers.
 */
export const LegalStatus = t.keyof({
  'section-20': null,
  'interim-care-order': null,
  'care-order': null,
  'placement-order': null,
  'emergency-protection-order': null,
  'police-protection': null,
  remand: null,
});
export type LegalStatus = t.TypeOf<typeof LegalStatus>;

/**
 * The child becomes known to the agency as a looked-after child. `registeredOn` doubles as the day the child
 * became looked after for rule `lac-reviews` (docs/domain/children.md says why).
 */
export const ChildRegistered = eventType(
  'ChildRegistered',
  t.type({
    childId: t.string,
    name: personalData(t.string),
    dateOfBirth: personalData(LocalDateC),
    legalStatus: LegalStatus,
    placingAuthority: t.string,
    registeredOn: LocalDateC,
  }),
);

/** Legal status changes while a child is looked after (accommodated, then an interim order, then a care order). */
export const LegalStatusChanged = eventType(
  'LegalStatusChanged',
  t.type({ legalStatus: LegalStatus, changedOn: LocalDateC }),
);

/** How another child is related to this one; the first three make them siblings (rule `limit`). */
export const ChildRelationship = t.keyof({
  sibling: null,
  'half-sibling': null,
  'step-sibling': null,
  other: null,
});
export type ChildRelationship = t.TypeOf<typeof ChildRelationship>;

export const siblingRelationships: ReadonlyArray<ChildRelationship> = [
  'sibling',
  'half-sibling',
  'step-sibling',
];

/** This child's side of a relationship; the latest one recorded for `otherChildId` is the one that holds. */
export const ChildRelationshipRecorded = eventType(
  'ChildRelationshipRecorded',
  t.type({ otherChildId: t.string, relationship: ChildRelationship, recordedOn: LocalDateC }),
);
