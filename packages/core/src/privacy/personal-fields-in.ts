import type { PersonalField } from '../eventsourcing/personal-data.js';
import { agencyEvents } from '../reviews/agency-records.js';
import { erasureEvents } from './erasure.js';

/** What `personalFieldsIn` needs of an event registry. */
export interface MarkedRegistry {
  readonly eventTypes: ReadonlyArray<string>;
  readonly personalFields: (type: never) => ReadonlyArray<PersonalField>;
}

/**
 * The personal fields of any event type the registries know, for `sealedEventStore`: a type none of them knows
 * has no marks to follow (another system's events sharing the store), so nothing of it is sealed.
 */
export const personalFieldsIn =
  (...registries: ReadonlyArray<MarkedRegistry>) =>
  (type: string): ReadonlyArray<PersonalField> => {
    const registry = registries.find((r) => r.eventTypes.includes(type));
    return registry === undefined ? [] : registry.personalFields(type as never);
  };

/** The personal fields of every event the agency records, erasures included: what an agency's store seals. */
export const agencyPersonalFields = personalFieldsIn(agencyEvents, erasureEvents);
