import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType } from '../../eventsourcing/index.js';

/** Child ids of the young people on a supported package: at least one, none twice. */
export const SupportedYoungPeople = t.refinement(
  t.array(t.string),
  (ids) => ids.length > 0 && new Set(ids).size === ids.length,
  'at least one distinct child id',
);

/** A clinician's regular consultations with one household about its young people on a supported package. */
export const ClinicSeriesOpened = eventType(
  'ClinicSeriesOpened',
  t.type({
    seriesId: t.string,
    clinicianId: t.string,
    householdId: t.string,
    youngPeople: SupportedYoungPeople,
    openedOn: LocalDateC,
  }),
);

/** From `changedOn` these are the household's young people on a supported package (the list replaces the last). */
export const SupportedYoungPeopleChanged = eventType(
  'SupportedYoungPeopleChanged',
  t.type({ childIds: SupportedYoungPeople, changedOn: LocalDateC }),
);

/** No clinic is held in the series from `closedOn`. Notes of sessions already held may still be written up. */
export const ClinicSeriesClosed = eventType('ClinicSeriesClosed', t.type({ closedOn: LocalDateC }));
